"""The budget narrative's words, as data (``budget_narrative.yaml``): what kind each section is, the phrases
that name a figure in it and the table cells each figure is printed in. The claims parser
(``juesuan.checks.claims``) reads a budget with them; the budget NARR rules read the same entries through
``juesuan.checks.budget_claims``. Nothing here imports the parser, so the two stay one-way.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from .. import patterns


@lru_cache(maxsize=1)
def data() -> dict:
    from ..yamlio import load_package_yaml

    return load_package_yaml(Path(__file__).with_name("budget_narrative.yaml"))


def section_kind(key: str, title: str) -> str:
    """A budget section's kind: by its key, else words of its title; ``budget_other`` when none fits."""
    for entry in data()["sections"]:
        if key in entry.get("keys", ()) or any(w in title for w in entry.get("words", ())):
            return entry["kind"]
    return "budget_other"


def coded_table(kind: str) -> str | None:
    """The coded table whose 类/款/项 names a section of ``kind`` names (its numbered items)."""
    return (data().get("coded") or {}).get(kind)


def quantity_key(name: str) -> str:
    return f"budget.{name}"


def phrases(kind: str) -> list[tuple[str, str, str, tuple[tuple[str, ...], ...]]]:
    """(phrase, quantity key, label, bases) of every phrase a section of ``kind`` may use."""
    out = []
    for name, spec in data()["quantities"].items():
        said = spec.get("phrases") or {}
        bases = tuple(tuple(b) for b in spec.get("bases", ()))
        for phrase in list(said.get("all", ())) + list(said.get(kind, ())):
            out.append((phrase, quantity_key(name), spec["label"], bases))
    return out


@lru_cache(maxsize=1)
def _prior_words() -> re.Pattern:
    """The words naming last year (``prior_year_words``), or a year written out."""
    words = "|".join(re.escape(w) for w in data().get("prior_year_words") or ())
    return patterns.compile(f"{words}|(?P<year>\\d{{4}})年" if words else "(?P<year>\\d{4})年")


def names_prior_year(label: str, year: int) -> bool:
    """“2023年当年预算执行数为”, “上年预算为”: the clause before a figure names last year (or an earlier one),
    so the figure is not this year's."""
    clause = re.split(r"[，,；;。：:]", label)[-1]
    for m in _prior_words().finditer(clause):
        if m.group("year") is None or int(m.group("year")) < year:
            return True
    return False
