"""What the budget-table rules (BUD-xxx) share: the sums of ``identities_budget.yaml`` as a
printed table shows them, how far a printed budget figure may be off by rounding, and the
messages they report.

A budget prints its tables in 元, usually in whole 元 (sometimes to the 分), and its 三公 table in
万元 to two places. Every amount of the model is in the document's unit (``Meta.unit``); each
table says how it was printed (``Table.places``, ``Table.printed_unit``), so each term of an
identity carries its own rounding: nothing for 元 printed to the 分 (the budget system holds 分,
so a 合计 in 元 must be exact), half a 元 for whole 元 (分 may be hidden), 50 元 for a 万元 cell.
"""
from __future__ import annotations

from decimal import Decimal

from .. import identities
from ..money import ZERO, rounded
from .engine import MISMATCH, Checker, Finding, Message
from .tolerance import half_unit as half_place

Cell = tuple[str, str, str]  # (table id, row key, column)

def column_sums(table, rule: str = "BUD-004"):
    """(total cell, part cells) of every identity within a row (identities_budget.yaml) that a row of the table prints:
    a total printed with at least one of its parts (a part printed whole and split counts once,
    and equals its split)."""
    spec = identities.budget().tables.get(table.id)
    for top in spec.checked_by(rule) if spec is not None else []:
        for r in table.rows:
            if top.column not in r.values:
                continue
            for whole, parts in identities.printed_sums(top, spec.identity, r.values.__contains__):
                yield (table.id, r.key, whole), [(table.id, r.key, p) for p in parts]


def row_sums(c: Checker, table_id: str, rule: str):
    """(total cell, part cells) of the identities between a table's rows that it prints."""
    spec = identities.budget().row_sums.get(table_id)
    if spec is None or c.table(table_id) is None:
        return
    for top in spec.checked_by(rule):
        printed = lambda row: c.get(table_id, row, spec.column) is not None  # noqa: E731
        for whole, parts in identities.printed_sums(top, spec.identity, printed):
            yield (table_id, whole, spec.column), [(table_id, p, spec.column) for p in parts]


def _printed_as(c: Checker, table_id: str) -> tuple[str, str, int]:
    """The document's unit, the unit the table prints and its decimal places (2 unless read otherwise)."""
    t = c.disclosure.tables.get(table_id)
    doc = c.disclosure.meta.unit
    printed = (t.printed_unit if t is not None and t.printed_unit else None) or doc
    places = t.places if t is not None and t.places is not None else 2
    return doc, printed, places


def half_unit(c: Checker, table_id: str) -> Decimal:
    """How far one printed cell of the table may be from its exact amount, in the document's unit."""
    if c.exact:
        return ZERO
    doc, printed, places = _printed_as(c, table_id)
    if printed == "元" and places >= 2:
        return ZERO  # 元 to the 分: the budget system's own precision
    h = half_place(places)
    if printed == "万元" and doc == "元":
        return h * 10000
    if printed == "元" and doc == "万元":
        return h / 10000
    return h


def shown(c: Checker, table_id: str, value: Decimal | None, sign: bool = False) -> str:
    """An amount as the table prints it: whole 元 as 94,995,790; the 三公 table's 万元 as 47.91万元
    (a difference with ``sign``: +1)."""
    if value is None:
        return "空白"
    doc, printed, places = _printed_as(c, table_id)
    v = value
    if printed == "万元" and doc == "元":
        v = value / 10000
    elif printed == "元" and doc == "万元":
        v = value * 10000
    v = rounded(v, max(places, 0 if v == v.to_integral_value() else 2))  # 四舍五入, as everywhere
    text = ("+" if sign and v > 0 else "") + f"{v:,}".replace("-", "−")
    return text + ("万元" if printed != doc else "")


# A budget's rounding: 分 hidden by whole-元 printing, or the 三公 table's 万元.
ROUNDING = Message("rounding", "info", "{what}（{found}）与{against}（{expected}）相差{difference}，"
                   "在尾数误差（±{bound}）以内，应为分位或万元取整的尾数差。", "相差不超过印出数的舍入误差：提示，不是错误")


def mismatch(c: Checker, found: Decimal, expected: Decimal, bound: Decimal, what: Cell, against: str, related: list[Cell]) -> Finding | None:
    """``Checker.mismatch``, the amounts as the tables print them."""
    return c.mismatch(found=found, expected=expected, bound=bound, what=c.where(*what), against=against, location=c.cell(*what),
                      related=[c.cell(*r) for r in related], show=lambda v, sign=False: shown(c, what[0], v, sign),
                      rounding=ROUNDING)


# What a rule comparing budget figures reports (Checker.mismatch): for its messages= in the catalogue.
COMPARE = (MISMATCH, ROUNDING)
UNLISTED = Message("unlisted", None, "{what}（{amount}）在{summary}的支出项目中没有列出。",
                   "一个类有预算，收支总表的支出方却没有列出它")


def unlisted(c: Checker, summary: str, table_id: str, printed: list[str]):
    """The 类 of a functional table a summary table does not list, when it lists its expenditure by
    类 only (some templates list 基本支出/项目支出 or economic classes there instead)."""
    by_class = bool(printed) and all(r[3:].isdigit() for r in printed)
    for code in coded(c, table_id, 3) if by_class else []:
        amount = c.get(table_id, code, "total")
        if f"ex.{code}" not in printed and amount:
            yield c.report(UNLISTED, c.cell(table_id, code, "total"),
                           {"what": c.where(table_id, code, "total"), "amount": shown(c, table_id, amount), "summary": c.table_number(summary)},
                           expected=0, found=amount)


def classes(c: Checker, table_id: str) -> list[str]:
    """The ``ex.<类>`` rows a summary table prints (by code; a 类 printed by an unknown name too)."""
    t = c.table(table_id)
    if t is None:
        return []
    return [r.key for r in t.rows if r.key.startswith("ex.") and r.key not in ("ex.total", "ex.grand_total", "ex.carry_forward")]


def coded(c: Checker, table_id: str, digits: int | None = None) -> list[str]:
    t = c.table(table_id)
    if t is None:
        return []
    return [r.key for r in t.coded_rows() if digits is None or len(r.key) == digits]


def sum_check(c: Checker, total: Cell, parts: list[Cell], *, against: str | None = None) -> Finding | None:
    """``total`` equals the sum of ``parts`` (every one printed), within the rounding of the terms."""
    from .common import part_label, sum_label, sum_terms

    terms = sum_terms(c, total, parts)
    if terms is None:
        return None
    found, values, expected = terms
    # blank cells are exact zeros, not rounded terms
    bound = half_unit(c, total[0]) + sum((half_unit(c, p[0]) for p, v in zip(parts, values) if v), ZERO)
    against = against or sum_label([part_label(c, p, total) for p in parts])
    return mismatch(c, found, expected, bound, total, against, parts)


def equal_check(c: Checker, a: Cell, b: Cell) -> Finding | None:
    """The same figure printed in two tables agrees, within the rounding of each."""
    found, expected = c.get(*a), c.get(*b)
    if found is None or expected is None or found == expected:
        return None
    bound = half_unit(c, a[0]) + half_unit(c, b[0])
    return mismatch(c, found, expected, bound, a, c.where(*b), [b])
