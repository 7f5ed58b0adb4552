"""The preparer's budget input (``BudgetData``) recovered from a budget disclosure's tables — a
published document read by ``juesuan audit``'s readers, or a built one — for ``juesuan init``:

- ``--example DOCUMENT``: the same year's input, so that ``build`` gives back the same tables;
- ``--from LAST_YEAR``: next year's workbook, its 上年预算数 the document's own 本年 figures and its
  项 rows pre-filled with last year's amounts as a starting point.

The tables hold every leaf compile needs but two splits, which are rebuilt so the tables come out
the same: a 项's non-fiscal 基本/项目 by source (the 收入预算总表 gives each source's amount, the 支出
预算总表 the 项's 基本/项目: 基本支出 goes to the sources in print order first), and a 单位预算's
公用经费 by 项 (its 财务收支预算总表 gives it by 类: given to the 类's 项 in code order, up to each
one's 基本支出).
"""
from __future__ import annotations

from decimal import Decimal

from .budget_inputs import BudgetData, BudgetNarrativeInput, PriorBudget
from .inputs import ThreePublicAmounts
from .model import Disclosure, Meta
from .money import ZERO

NON_FISCAL = ("business", "operation", "other")
FUND_TABLES = {"general": "budget_general", "fund": "budget_fund", "capital": "budget_capital"}


def _amount(d: Disclosure, table: str, row: str, column: str) -> Decimal:
    t = d.tables.get(table)
    r = t.row(row) if t is not None else None
    value = r.exact_value(column) if r is not None else None
    return value if value is not None else ZERO


def _leaves(d: Disclosure) -> list[dict]:
    expenditure = d.tables.get("budget_expenditure")
    codes = sorted({r.key for t in ("budget_expenditure", *FUND_TABLES.values()) if t in d.tables
                    for r in d.tables[t].rows if r.key.isdigit() and len(r.key) == 7})
    names = {r.key: r.name for t in d.tables.values() for r in t.rows if r.key in codes}
    leaves = []
    for code in codes:
        leaf: dict = {"code": code, "name": names.get(code) or code}
        fiscal = {"basic": ZERO, "project": ZERO}
        for source, table in FUND_TABLES.items():
            parts = {part: _amount(d, table, code, part) for part in ("basic", "project")}
            fiscal = {k: fiscal[k] + parts[k] for k in parts}
            if any(parts.values()):
                leaf[source] = parts
        if expenditure is not None:
            left = {part: max(_amount(d, "budget_expenditure", code, part) - fiscal[part], ZERO) for part in ("basic", "project")}
            for source in NON_FISCAL:
                amount = _amount(d, "budget_income", code, source)
                if not amount:
                    continue
                basic = min(amount, left["basic"])
                left["basic"] -= basic
                leaf[source] = {"basic": basic, "project": amount - basic}
        leaves.append(leaf)
    _public_by_leaf(d, leaves)
    return leaves


def _public_by_leaf(d: Disclosure, leaves: list[dict]) -> None:
    summary = d.tables.get("budget_summary")
    if summary is None:
        return
    for row in summary.rows:
        if not row.key.startswith("ex.") or row.exact_value("public") is None:
            continue
        left = row.exact_value("public") or ZERO
        for leaf in leaves:
            if not leaf["code"].startswith(row.key[3:]) or left <= 0:
                continue
            basic = sum((leaf[s]["basic"] for s in leaf if isinstance(leaf.get(s), dict)), ZERO)
            share = min(left, basic)
            leaf["public"] = share
            left -= share


def _three_public(d: Disclosure) -> ThreePublicAmounts:
    return ThreePublicAmounts(**{k: _amount(d, "budget_three_public", "budget", k)
                                 for k in ("abroad", "reception", "vehicle_purchase", "vehicle_running")})


def budget_data_from(d: Disclosure, *, next_year: bool = False, profile: str | None = None) -> BudgetData:
    """The input that builds ``d``'s tables again (``next_year``: the next year's starting point,
    with ``d``'s figures as its 上年预算数)."""
    m = d.meta
    meta = Meta(department=m.department, department_code=m.department_code, year=m.year + (1 if next_year else 0),
                unit=m.unit, input_unit=m.unit, profile=profile or m.profile, family="budget", level=m.level,
                unit_kind=m.unit_kind, document_title=None if next_year else m.document_title)
    basic = d.tables.get("budget_general_basic")
    general_basic = {r.key: r.exact_value("total") or ZERO for r in (basic.rows if basic is not None else [])
                     if r.key.isdigit() and len(r.key) == 5}
    narrative = BudgetNarrativeInput()
    if next_year:
        narrative.prior_budget = PriorBudget(
            fiscal=_amount(d, "budget_summary", "in.fiscal", "amount"),
            general=_amount(d, "budget_fiscal_summary", "ex.grand_total", "general"),
            fund=_amount(d, "budget_fiscal_summary", "ex.grand_total", "fund"),
            capital=_amount(d, "budget_fiscal_summary", "ex.grand_total", "capital"),
            three_public=_three_public(d),
        )
    running = d.tables.get("budget_three_public")
    return BudgetData.model_validate({
        "meta": meta,
        "overview": d.overview.model_copy(deep=True),
        "functional": _leaves(d),
        "general_basic": general_basic,
        "three_public": _three_public(d),
        "running_cost": _amount(d, "budget_three_public", "budget", "running") if running is not None else None,
        "narrative": narrative,
    })
