"""What the budget-table rules (BUD-xxx) share: the tables, their column identities, and how far
a printed budget figure may be off by rounding.

A budget prints its tables in 元, usually in whole 元 (sometimes to the 分), and its 三公 table in
万元 to two places. Every amount of the model is in the document's unit (``Meta.unit``); each
table says how it was printed (``Table.places``, ``Table.printed_unit``), so each term of an
identity carries its own rounding: nothing for 元 printed to the 分 (the budget system holds 分,
so a 合计 in 元 must be exact), half a 元 for whole 元 (分 may be hidden), 50 元 for a 万元 cell.
"""
from __future__ import annotations

from decimal import Decimal

from ..money import ZERO, rounded
from .engine import Checker, Finding, Message
from .tolerance import half_unit as half_place

Cell = tuple[str, str, str]  # (table id, row key, column)

BUDGET_CODED = ("budget_income", "budget_expenditure", "budget_general", "budget_fund", "budget_capital", "budget_general_basic")
FUNCTIONAL = ("budget_income", "budget_expenditure", "budget_general", "budget_fund", "budget_capital")
# Row by row: the total column = Σ its part columns, over the columns a table prints. A part may be
# printed whole or split (基本支出, or 人员经费 + 公用经费; 财政拨款收入, or its three funds): the
# whole counts when printed, and then equals its split where that is printed too.
Part = str | tuple[str, list[str]]
BASIC = ("basic", ["personnel", "public"])
COLUMN_SUMS: dict[str, tuple[str, list[Part]]] = {
    "budget_income": ("total", [("fiscal", ["fiscal_general", "fiscal_fund", "fiscal_capital"]), "special_account", "business",
                                "superior", "affiliated", "operation", "other", "carryover"]),
    "budget_expenditure": ("total", [BASIC, "project", "upper", "operation", "affiliated"]),
    "budget_general": ("total", [BASIC, "project"]),
    "budget_fund": ("total", [BASIC, "project"]),
    "budget_capital": ("total", [BASIC, "project"]),
    "budget_general_basic": ("total", ["personnel", "public"]),
    "budget_summary": ("amount", [BASIC, "project"]),  # a 单位预算's wide expenditure side
    "budget_fiscal_summary": ("total", ["general", "fund", "capital"]),
}
FUNDS = {"general": "budget_general", "fund": "budget_fund", "capital": "budget_capital"}
FISCAL_SOURCES = ["in.fiscal_general", "in.fiscal_fund", "in.fiscal_capital"]
OTHER_SOURCES = ["in.special_account", "in.business", "in.superior", "in.affiliated", "in.operation", "in.other"]


def column_identities(table, total: str, parts: list[Part]):
    """(total cell, part cells) of every column identity a row of the table prints."""
    for r in table.rows:
        if total not in r.values:
            continue
        flat: list[str] = []
        for part in parts:
            if isinstance(part, str):
                flat += [part] if part in r.values else []
                continue
            whole, split = part
            printed = [p for p in split if p in r.values]
            if whole in r.values:
                flat.append(whole)
                if printed:
                    yield (table.id, r.key, whole), [(table.id, r.key, p) for p in printed]
            else:
                flat += printed
        if flat:
            yield (table.id, r.key, total), [(table.id, r.key, p) for p in flat]


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
