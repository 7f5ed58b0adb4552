"""Classification catalogues (支出功能分类, 部门预算支出经济分类) as versioned data files.

Each year is one YAML file in ``data/`` (``functional-2024.yaml``, ``economic-2024.yaml``).
Codes change between years, so lookups always name the year.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..yamlio import load_package_yaml

LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass(frozen=True)
class Catalogue:
    kind: str  # "functional" | "economic"
    year: int
    codes: dict[str, str]
    groups: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    requested_year: int | None = None  # set when a nearby year stands in

    def name(self, code: str) -> str | None:
        return self.codes.get(code)

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    @staticmethod
    def level(code: str) -> str:
        return LEVELS.get(len(code), "?")

    @staticmethod
    def parents(code: str) -> list[str]:
        """The 类 and 款 above a code, outermost first."""
        return [code[:n] for n in (3, 5) if n < len(code)]

    def group_of(self, code: str) -> str | None:
        """For economic codes: "personnel" (人员经费) or "public" (公用经费)."""
        for group, classes in self.groups.items():
            if code[:3] in classes:
                return group
        return None

    def names_match(self, code: str, name: str) -> bool:
        official = self.codes.get(code)
        if official is None:
            return False
        accepted = [official, *self.aliases.get(code, [])]
        return normalise_name(name) in {normalise_name(n) for n in accepted}


def normalise_name(name: str) -> str:
    """Compare names as printed: ignore spaces and the width of brackets."""
    table = str.maketrans({"(": "（", ")": "）", " ": None, "\u3000": None, "\n": None})
    return name.translate(table).strip()


def _data_dir() -> Path:
    return Path(str(resources.files(__package__) / "data"))


def available_years(kind: str) -> list[int]:
    years = []
    for p in _data_dir().glob(f"{kind}-*.yaml"):
        try:
            years.append(int(p.stem.split("-")[1]))
        except ValueError:
            continue
    return sorted(years)


@lru_cache(maxsize=None)
def load(kind: str, year: int) -> Catalogue:
    """The catalogue of ``kind`` for ``year``; the latest earlier year stands in when missing."""
    years = available_years(kind)
    usable = [y for y in years if y <= year] or years
    if not usable:
        raise FileNotFoundError(f"no {kind} catalogue installed")
    chosen = year if year in years else usable[-1]
    data = load_package_yaml(_data_dir() / f"{kind}-{chosen}.yaml")
    codes = {str(k): str(v) for k, v in data["codes"].items()}
    groups = {k: [str(c) for c in v] for k, v in (data.get("groups") or {}).items()}
    aliases = {str(k): [str(n) for n in v] for k, v in (data.get("aliases") or {}).items()}
    return Catalogue(kind, chosen, codes, groups, aliases, None if chosen == year else year)
