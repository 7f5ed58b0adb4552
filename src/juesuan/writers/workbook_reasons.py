"""Which reasons (主要原因/主要用于) the workbook asks for, with a Chinese label each.

The narrative is the authority: it asks for a reason by key and label (``Facts.reason``) and
reports the ones it lacks. Running it over the compiled data with every reason removed gives
exactly the items this department's narrative explains, in the order it explains them. When
the data do not compile yet (a blank workbook), the reasons the profile lists for its template
(``narrative.reasons`` in profile.yaml) stand in; reasons already given are always listed.
"""
from __future__ import annotations

from .. import catalogues
from ..inputs import DepartmentData
from ..model import Disclosure
from ..profiles import Profile
from ..tables import KINDS


def requested(disclosure: Disclosure, profile: Profile) -> list[tuple[str, str]] | None:
    """(key, label) of every reason the narrative asks for, or None when it cannot be run."""
    try:
        from .. import performance
        from ..narrative import generate_with_gaps

        probe = disclosure.model_copy(deep=True)
        probe.context.reasons = {}
        performance.score_all(probe, profile)
        asked: list[tuple[str, str]] = []
        generate_with_gaps(probe, profile, reasons_asked=asked)
    except Exception:  # noqa: BLE001 - a narrative that cannot run yet leaves the fallback list
        return None
    return asked


def template_literals(profile: Profile) -> list[tuple[str, str]]:
    """The reasons the profile's narrative asks for by a fixed key (``narrative.reasons``; not the
    per-类 ones), in the order it asks them."""
    return [(k, v) for k, v in profile.narrative.reasons.items() if "{code}" not in k]


def per_class_literals(profile: Profile, year: int) -> list[tuple[str, str]]:
    """(key, label) for every 类 of the year's functional catalogue, for each per-类 reason the
    profile's template asks (用途, 原因: the ``{code}`` keys of ``narrative.reasons``): a blank
    workbook's rows, since no figure says yet which 类 the department spends on. None for a
    template that explains 项 one by one (their catalogue is too long to list: the build names the
    free row and 编号 for each one the data needs)."""
    asked = profile.narrative.class_reasons()
    if not asked:
        return []
    functional = catalogues.load("functional", year)
    return [(key.format(code=code), label.format(code=code, name=functional.name(code)))
            for code in sorted(c for c in functional.codes if len(c) == 3) for key, label in asked]


_THREE_PUBLIC = {**KINDS["three_public"].columns, "domestic_reception": "国内公务接待", "abroad_reception": "国（境）外接待"}


def label_for(key: str, year: int, known: dict[str, str]) -> str:
    if key in known:
        return known[key]
    parts = key.split(".")
    what = {"usage": "的主要用途", "reason": "增减变化（或与预算差异）的主要原因"}.get(parts[-1], "")
    if len(parts) == 3 and parts[0] in ("class", "item") and parts[1].isdigit():
        name = catalogues.load("functional", year).name(parts[1]) or ""
        return f"{name}（{parts[1]}）{what}"
    if len(parts) == 3 and parts[0] == "three_public":
        return f"{_THREE_PUBLIC.get(parts[1], parts[1])}{what}"
    if key.endswith("_change"):
        return "增减变化的主要原因"
    return key


def reason_items(data: DepartmentData, profile: Profile, disclosure: Disclosure | None,
                 like: Disclosure | None = None) -> list[tuple[str, str]]:
    """The reasons to list; ``like``: a disclosure whose classes stand in while ``data`` has none
    (last year's, for ``init --from``: the 类 and 项 a department spends on change little), so a
    fresh sheet already lists a row per 类 with its label."""
    literal = template_literals(profile)
    probe = disclosure if disclosure is not None else like
    asked = requested(probe, profile) if probe is not None else None
    items = list(asked if asked is not None else literal)
    if disclosure is None and asked is not None:  # a stand-in's narrative: the template's own list too
        items += [item for item in literal if item[0] not in {k for k, _ in items}]
    if disclosure is None and like is None:  # blank: every 类 the template explains one by one
        items += [item for item in per_class_literals(profile, data.meta.year) if item[0] not in {k for k, _ in items}]
    known = dict(literal) | dict(items)
    listed = {k for k, _ in items}
    for key in data.narrative.reasons:
        if key not in listed:
            items.append((key, label_for(key, data.meta.year, known)))
            listed.add(key)
    return items
