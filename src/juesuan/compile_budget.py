"""Compile a budget disclosure (部门预算/单位预算): from leaf data to the nine budget tables.

The preparer types each 项's spending by fund source (基本/项目) and the economic 款 of the
一般公共预算 basic spending; every 类/款 row, 合计, both 收支总表 and the 三公 合计 are derived
here, with the final accounts' machinery (``compile._rollup``, ``compile._row``: exact sums,
each printed cell rounded once). Table ids and row keys are those of ``tables.BUDGET_KINDS``, the
same a reader of a published budget produces, so a built budget and a read one compare cell by cell.
"""
from __future__ import annotations

from decimal import Decimal

from . import catalogues
from .budget_inputs import FISCAL_SOURCES, SOURCES, BudgetData
from .compile import Locator, _no_locator, _rollup, _row, _values, code_problems
from .errors import InputError, Problem
from .model import Context, Disclosure, Table
from .money import ZERO, from_wan, to_wan
from .tables import (
    BUDGET_FISCAL_EXPENDITURE_ROWS,
    BUDGET_FISCAL_INCOME_ROWS,
    BUDGET_SUMMARY_EXPENDITURE_ROWS,
    BUDGET_SUMMARY_INCOME_ROWS,
)

# Income side of the 财务收支预算总表: row key -> the leaf sources it sums.
SUMMARY_INCOME = {
    "in.fiscal": FISCAL_SOURCES,
    "in.fiscal_general": ("general",),
    "in.fiscal_fund": ("fund",),
    "in.fiscal_capital": ("capital",),
    "in.business": ("business",),
    "in.operation": ("operation",),
    "in.other": ("other",),
}
# 收入预算总表 columns -> leaf sources.
INCOME_COLUMNS = {"fiscal": FISCAL_SOURCES, "business": ("business",), "operation": ("operation",), "other": ("other",)}


def compile_budget(data: BudgetData, locate: Locator = _no_locator, profile=None) -> Disclosure:
    """Every table of the budget disclosure from the preparer's leaf data (amounts in ``meta.unit``)."""
    _validate(data, locate)
    meta = data.meta
    year = meta.year

    def doc(amount: Decimal | None) -> Decimal:
        """An input amount in the document's unit (exact)."""
        return ZERO if amount is None else from_wan(to_wan(amount, meta.input_unit), meta.unit)

    functional = catalogues.load("functional", year)
    economic = catalogues.load("economic", year)
    leaf_names = {leaf.code: leaf.name for leaf in data.functional}

    def fname(code: str) -> str:
        return leaf_names.get(code) or functional.name(code) or code

    # source -> code -> {basic, project}
    spent = {leaf.code: {s: {"basic": doc(getattr(leaf, s).basic), "project": doc(getattr(leaf, s).project)}
                         for s in SOURCES}
             for leaf in data.functional}

    def by_sources(code: str, sources) -> Decimal:
        return sum((spent[code][s]["basic"] + spent[code][s]["project"] for s in sources), ZERO)

    tables: dict[str, Table] = {}
    income_leaves = []
    for code in spent:
        parts = {col: by_sources(code, sources) for col, sources in INCOME_COLUMNS.items()}
        income_leaves.append((code, {"total": sum(parts.values(), ZERO), **parts}))
    tables["budget_income"] = _coded("budget_income", income_leaves, fname, ["total", *INCOME_COLUMNS])

    def spending(sources) -> list[tuple[str, dict[str, Decimal]]]:
        out = []
        for code, by_source in spent.items():
            basic = sum((by_source[s]["basic"] for s in sources), ZERO)
            project = sum((by_source[s]["project"] for s in sources), ZERO)
            out.append((code, {"total": basic + project, "basic": basic, "project": project}))
        return out

    columns = ["total", "basic", "project"]
    tables["budget_expenditure"] = _coded("budget_expenditure", spending(SOURCES), fname, columns)
    tables["budget_general"] = _coded("budget_general", spending(("general",)), fname, columns)
    tables["budget_fund"] = _coded("budget_fund", spending(("fund",)), fname, columns)
    tables["budget_capital"] = _coded("budget_capital", spending(("capital",)), fname, columns)

    income = {key: sum((by_sources(code, sources) for code in spent), ZERO) for key, sources in SUMMARY_INCOME.items()}
    split = None
    if profile is not None and profile.splits_basic_by_class():
        public = {leaf.code: doc(leaf.public) for leaf in data.functional}
        _check_public(data, spent, public, locate)
        split = _rollup([(code, {"public": public[code]}) for code in spent])
    tables["budget_summary"] = _summary(income, tables["budget_expenditure"], functional, split)
    tables["budget_fiscal_summary"] = _fiscal_summary(income, tables, functional)
    tables["budget_general_basic"] = _general_basic({code: doc(v) for code, v in data.general_basic.items()}, economic, locate)
    tables["budget_three_public"] = _three_public(data, doc)
    _check_basic(tables, locate)

    disclosure = Disclosure(
        origin="built",
        meta=meta,
        overview=data.overview,
        tables=tables,
        context=Context(reasons=dict(data.narrative.reasons)),
        glossary=list(data.glossary or (profile.glossary if profile is not None else [])),
    )
    disclosure.locate_inputs(locate)  # a workbook's cells, for the narrative's 待补充 markers
    return disclosure


def _validate(data: BudgetData, locate: Locator) -> None:
    problems = code_problems(data.meta.year, [(leaf.code, leaf.name) for leaf in data.functional], list(data.general_basic), [], [], locate)
    for i, leaf in enumerate(data.functional):
        if not any(getattr(leaf, s).basic or getattr(leaf, s).project for s in SOURCES):
            problems.append(Problem(*locate(("functional", i, "code")), f"科目“{leaf.code}”没有填写任何预算数（不安排预算的科目请删除该行）"))
    if problems:
        raise InputError(problems)


def _printed_zeros(row):
    """Budget tables print 0 in a coded row's empty cells (not a blank): a reader of a printed row
    then finds every column in its place. The row, its zero cells set to 0."""
    row.values = {col: ZERO if v is None else v for col, v in row.values.items()}
    return row


def _coded(table_id: str, leaves: list[tuple[str, dict[str, Decimal]]], names, columns: list[str]) -> Table:
    """A functional-coded budget table: each 类, 款, 项 with an amount, in code order, then 合计
    (the 合计 row is keyed ``total`` like every table; the layout prints it last)."""
    kept = [(c, v) for c, v in leaves if any(v.values())]
    rolled = _rollup(kept)
    rows = []
    for code in sorted(rolled):
        rows.append(_printed_zeros(_row(key=code, name=names(code), values=_values({col: rolled[code][col] for col in columns}))))
    total = {col: sum((v[col] for _, v in kept), ZERO) for col in columns}
    rows.append(_printed_zeros(_row(key="total", name="合计", values=_values(total))) if kept else _row(key="total", name="合计", values=_values(total)))
    return Table(id=table_id, rows=rows)


def _class_totals(table: Table, column: str) -> dict[str, Decimal]:
    return {r.key: r.exact_value(column) or ZERO for r in table.rows if r.key.isdigit() and len(r.key) == 3}


def _check_public(data: BudgetData, spent, public: dict[str, Decimal], locate: Locator) -> None:
    """A 项's 公用经费 is part of its 基本支出."""
    problems = []
    for i, leaf in enumerate(data.functional):
        basic = sum((spent[leaf.code][s]["basic"] for s in SOURCES), ZERO)
        if public[leaf.code] > basic:
            problems.append(Problem(*locate(("functional", i, "public")),
                                    f"科目“{leaf.code}”的公用经费 {public[leaf.code]} 大于其基本支出 {basic}"))
    if problems:
        raise InputError(problems)


def _summary(income: dict[str, Decimal], expenditure: Table, functional, split: dict | None = None) -> Table:
    """The 财务收支预算总表; with ``split`` (code -> 公用经费, rolled up) each 类 and the 总计 also carry
    人员经费 (基本支出 − 公用经费), 公用经费 and 项目支出, as a 单位预算 prints them."""
    grand = sum((income[k] for k in ("in.fiscal", "in.business", "in.operation", "in.other")), ZERO)
    rows = [_row(key=k, name=BUDGET_SUMMARY_INCOME_ROWS[k], values=_values({"amount": income[k]})) for k in SUMMARY_INCOME]
    rows.append(_row(key="in.grand_total", name=BUDGET_SUMMARY_INCOME_ROWS["in.grand_total"], values=_values({"amount": grand})))

    def values(row) -> dict[str, Decimal]:
        out = {"amount": row.exact_value("total") or ZERO}
        if split is not None:
            basic = row.exact_value("basic") or ZERO
            public = split.get(row.key, {}).get("public", ZERO) if row.key != "total" else sum(
                (v["public"] for c, v in split.items() if len(c) == 3), ZERO)
            out |= {"personnel": basic - public, "public": public, "project": row.exact_value("project") or ZERO}
        return out

    classes = [r for r in expenditure.rows if r.key.isdigit() and len(r.key) == 3]
    rows += [_row(key=f"ex.{r.key}", name=functional.name(r.key) or r.key, values=_values(values(r))) for r in classes]
    total = next(r for r in expenditure.rows if r.key == "total")
    rows.append(_row(key="ex.grand_total", name=BUDGET_SUMMARY_EXPENDITURE_ROWS["ex.grand_total"], values=_values(values(total))))
    return Table(id="budget_summary", rows=rows)


def _fiscal_summary(income: dict[str, Decimal], tables: dict[str, Table], functional) -> Table:
    rows = [_row(key=k, name=BUDGET_FISCAL_INCOME_ROWS[k], values=_values({"amount": income[k]}))
            for k in ("in.fiscal_general", "in.fiscal_fund", "in.fiscal_capital")]
    rows.append(_row(key="in.grand_total", name=BUDGET_FISCAL_INCOME_ROWS["in.grand_total"], values=_values({"amount": income["in.fiscal"]})))
    by_fund = {col: _class_totals(tables[t], "total") for col, t in (("general", "budget_general"), ("fund", "budget_fund"), ("capital", "budget_capital"))}
    for c in sorted(set().union(*by_fund.values())):
        split = {col: by_fund[col].get(c, ZERO) for col in by_fund}
        rows.append(_row(key=f"ex.{c}", name=functional.name(c) or c, values=_values({"total": sum(split.values(), ZERO), **split})))
    totals = {col: sum(v.values(), ZERO) for col, v in by_fund.items()}
    rows.append(_row(key="ex.grand_total", name=BUDGET_FISCAL_EXPENDITURE_ROWS["ex.grand_total"],
                     values=_values({"total": sum(totals.values(), ZERO), **totals})))
    return Table(id="budget_fiscal_summary", rows=rows)


def _general_basic(amounts: dict[str, Decimal], economic, locate: Locator) -> Table:
    """经济分类: 类 and 款 rows with 合计 split into 人员经费 / 公用经费 by the 类's group."""
    problems = []
    leaves = []
    for code, v in amounts.items():
        group = economic.group_of(code)
        if group is None:
            problems.append(Problem(*locate(("general_basic", code)), f"经济分类“{code}”不属于人员经费或公用经费"))
            continue
        leaves.append((code, {"total": v, "personnel": v if group == "personnel" else ZERO, "public": v if group == "public" else ZERO}))
    if problems:
        raise InputError(problems)
    kept = [(c, v) for c, v in leaves if v["total"]]
    sums = _rollup(kept)
    rows = [_printed_zeros(_row(key=code, name=economic.name(code) or code, values=_values(sums[code]))) for code in sorted(sums)]
    total = {k: sum((v[k] for _, v in kept), ZERO) for k in ("total", "personnel", "public")}
    rows.append(_printed_zeros(_row(key="total", name="合计", values=_values(total))))
    return Table(id="budget_general_basic", rows=rows)


def _three_public(data: BudgetData, doc) -> Table:
    tp = data.three_public
    vehicle = doc(tp.vehicle_purchase) + doc(tp.vehicle_running)
    values = {
        "total": doc(tp.abroad) + doc(tp.reception) + vehicle,
        "abroad": doc(tp.abroad),
        "reception": doc(tp.reception),
        "vehicle_total": vehicle,
        "vehicle_purchase": doc(tp.vehicle_purchase),
        "vehicle_running": doc(tp.vehicle_running),
        "running": doc(data.running_cost),
    }
    return Table(id="budget_three_public", rows=[_printed_zeros(_row(key="budget", name="预算数", values=_values(values)))])


def _check_basic(tables: dict[str, Table], locate: Locator) -> None:
    """The economic breakdown must add up to the 一般公共预算 basic spending of the 项."""
    by_economic = tables["budget_general_basic"].row("total").exact_value("total") or ZERO
    by_function = tables["budget_general"].row("total").exact_value("basic") or ZERO
    if by_economic != by_function:
        raise InputError.single(*locate(("general_basic",)),
                                f"一般公共预算基本支出按经济分类合计{by_economic}，与按功能分类（各项一般公共预算拨款基本支出 general.basic 之和）{by_function}不等，相差{by_economic - by_function}")
