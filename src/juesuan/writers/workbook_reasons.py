"""Which reasons (主要原因/主要用于) the workbook asks for, with a Chinese label each.

The narrative is the authority: it asks for a reason by key and label (``Facts.reason``) and
reports the ones it lacks. Running it over the compiled data with every reason removed gives
exactly the items this department's narrative explains, in the order it explains them. When
the data do not compile yet (a blank workbook), the keys the profile's template names
literally stand in; reasons already given are always listed.
"""
from __future__ import annotations

import re

from .. import catalogues
from ..inputs import DepartmentData
from ..model import Disclosure
from ..profiles import Profile
from ..tables import KINDS

# A reason key and its label written as two literal arguments, to ``n.reason`` or to a macro
# that passes them on (shanxi's ``because(c, "total_change", "…的主要原因")``).
_LITERAL = re.compile(r"""["'](?P<key>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)["']\s*,\s*["'](?P<label>[^"']*[\u4e00-\u9fff][^"']*)["']""")


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
    """Reason keys the profile's narrative template names literally (not the per-code ones)."""
    if profile.folder is None:
        return []
    path = profile.folder / profile.narrative.template
    if not path.exists():
        return []
    out: list[tuple[str, str]] = []
    for m in _LITERAL.finditer(path.read_text(encoding="utf-8")):
        # A label says what to write (…的主要原因/用途/内容, …事项); other (key, 名称) pairs are not reasons.
        if not m["label"].endswith(_REASON_WORDS):
            continue
        if m["key"] not in {k for k, _ in out}:
            out.append((m["key"], m["label"]))
    return out


_REASON_WORDS = ("原因", "用途", "内容", "事项", "情况")
# A reason asked per 类 of a coded table (shanxi: ``n.reason("class." ~ c.code ~ ".usage", …)``).
_PER_CLASS = re.compile(r"""["']class\.["']\s*~\s*c\.code\s*~\s*["']\.(?P<kind>usage|reason)["']\s*,\s*"""
                        r"""c\.name\s*~\s*["']（["']\s*~\s*c\.code\s*~\s*["']）(?P<what>[^"']+)["']""")


def per_class_literals(profile: Profile, year: int) -> list[tuple[str, str]]:
    """(key, label) for every 类 of the year's functional catalogue, for each per-类 reason the
    profile's template asks (用途, 原因): a blank workbook's rows, since no figure says yet which 类
    the department spends on. None for a template that explains 项 one by one (their catalogue is
    too long to list: the build names the free row and 编号 for each one the data needs)."""
    if profile.folder is None:
        return []
    path = profile.folder / profile.narrative.template
    if not path.exists():
        return []
    asked = {m["kind"]: m["what"] for m in _PER_CLASS.finditer(path.read_text(encoding="utf-8"))}
    if not asked:
        return []
    functional = catalogues.load("functional", year)
    return [(f"class.{code}.{kind}", f"{functional.name(code)}（{code}）{what}")
            for code in sorted(c for c in functional.codes if len(c) == 3) for kind, what in asked.items()]
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
