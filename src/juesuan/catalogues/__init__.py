"""Classification catalogues (支出功能分类, 部门预算支出经济分类) as versioned data files.

Each year is one YAML file in ``data/`` (``functional-2024.yaml``, ``economic-2024.yaml``,
``government-economic-2024.yaml``) naming its source document and whether it is complete; a year
may list its codes or derive them from another year's through the adjustments each year records.
Codes change between years, so lookups always name the year. A code missing from a catalogue
that is not complete and sourced for that year may be right (see ``Catalogue.authoritative``).
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
    """An official classification catalogue (功能分类, 经济分类) for a year: codes, names, groups,
    aliases and its source."""

    kind: str  # "functional" | "economic" | "government_economic"
    year: int
    codes: dict[str, str]
    groups: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    requested_year: int | None = None  # set when a nearby year stands in
    source: str = ""  # the official document the file transcribes
    complete: bool = False  # every code of that document is in the file (checked against it)
    derived_from: int | None = None  # the year whose codes, with the recorded adjustments, give this year's

    @property
    def authoritative(self) -> bool:
        """Whether a code missing from this catalogue is certainly not a code of the document's year:
        only a complete, sourced file of that very year says so."""
        return self.complete and bool(self.source) and self.requested_year is None

    def caveat(self) -> str:
        """Why a code unknown to this catalogue may still be right (empty when it may not)."""
        if self.authoritative:
            return ""
        if self.requested_year is not None:
            return f"（未收录{self.requested_year}年目录，以{self.year}年目录代替，该科目可能是当年新增）"
        return f"（{self.year}年目录尚不完整，该科目可能是目录未收录或当年新增的科目，请按财政部《{self.year}年政府收支分类科目》核对）"

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


_NAME_TABLE = str.maketrans({"(": "（", ")": "）", " ": None, "\u3000": None, "\n": None})


def normalise_name(name: str) -> str:
    """Compare names as printed: ignore spaces and the width of brackets."""
    return name.translate(_NAME_TABLE).strip()


def _data_dir() -> Path:
    return Path(str(resources.files(__package__) / "data"))


def available_years(kind: str) -> list[int]:
    years = []
    prefix = FILE_PREFIX.get(kind, kind)
    for p in _data_dir().glob(f"{prefix}-*.yaml"):
        try:
            years.append(int(p.stem.rsplit("-", 1)[1]))
        except ValueError:
            continue
    return sorted(years)


# File names: functional-2024.yaml, economic-2024.yaml, government-economic-2024.yaml.
FILE_PREFIX = {"government_economic": "government-economic"}


def _read(kind: str, year: int) -> dict:
    return load_package_yaml(_data_dir() / f"{FILE_PREFIX.get(kind, kind)}-{year}.yaml") or {}


def _adjust(codes: dict[str, str], adjustments: dict, backwards: bool) -> dict[str, str]:
    """Apply one year's recorded adjustments (added / removed / renamed against the year before)."""
    added = {str(k): str(v) for k, v in (adjustments.get("added") or {}).items()}
    removed = {str(k): str(v) for k, v in (adjustments.get("removed") or {}).items()}
    renamed = {str(k): str(v) for k, v in (adjustments.get("renamed") or {}).items()}  # code -> name before
    out = dict(codes)
    if backwards:
        for code in added:
            out.pop(code, None)
        out.update(removed)
        out.update({code: old for code, old in renamed.items() if code in out})
    else:
        for code in removed:
            out.pop(code, None)
        out.update(added)
    return out


def _codes(kind: str, year: int, seen: tuple[int, ...] = ()) -> dict[str, str]:
    """A year's codes: listed in its file, or derived from another year's through the adjustments
    each year between them records (applied forwards or undone backwards)."""
    if year in seen:
        raise ValueError(f"{kind} catalogue {year}: derived_from loops through {seen}")
    data = _read(kind, year)
    if data.get("codes"):
        return {str(k): str(v) for k, v in data["codes"].items()}
    base = int(data["derived_from"])
    codes = _codes(kind, base, (*seen, year))
    years = available_years(kind)
    if base < year:
        for y in range(base + 1, year + 1):
            if y in years:
                codes = _adjust(codes, _read(kind, y).get("adjustments") or {}, backwards=False)
    else:
        for y in range(base, year, -1):
            if y in years:
                codes = _adjust(codes, _read(kind, y).get("adjustments") or {}, backwards=True)
    return dict(sorted(codes.items()))


@lru_cache(maxsize=None)
def load(kind: str, year: int) -> Catalogue:
    """The catalogue of ``kind`` for ``year``; the nearest installed year stands in when missing
    (the latest earlier one, else the earliest)."""
    years = available_years(kind)
    if not years:
        raise FileNotFoundError(f"no {kind} catalogue installed")
    earlier = [y for y in years if y <= year]
    chosen = earlier[-1] if earlier else years[0]
    data = _read(kind, chosen)
    base = data.get("derived_from")
    groups_from = data if data.get("groups") or base is None else _read(kind, int(base))
    groups = {k: [str(c) for c in v] for k, v in (groups_from.get("groups") or {}).items()}
    aliases = {str(k): [str(n) for n in v] for k, v in (groups_from.get("aliases") or {}).items()}
    return Catalogue(
        kind, chosen, _codes(kind, chosen), groups, aliases, None if chosen == year else year,
        source=str(data.get("source") or ""), complete=bool(data.get("complete", False)),
        derived_from=int(base) if base is not None else None,
    )
