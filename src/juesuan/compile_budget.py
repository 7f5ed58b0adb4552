"""Compile a budget disclosure (部门预算/单位预算): from leaf data to the nine budget tables.

The preparer types each 项's spending by fund source (基本/项目) and the economic 款 of the
一般公共预算 basic spending; every 类/款 row, 合计, both 收支总表 and the 三公 合计 are derived
here by the entries of ``identities_budget.yaml`` (the ones the BUD rules check), with the final accounts' machinery (``compile._rollup``, ``compile._row``: exact sums,
each printed cell rounded once). Table ids and row keys are those of ``tables.BUDGET_KINDS``, the
same a reader of a published budget produces, so a built budget and a read one compare cell by cell.
"""
from __future__ import annotations

from decimal import Decimal

from . import catalogues, identities
from .budget_inputs import SOURCES, BudgetData, BudgetLeaf
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

INCOME_TABLE = "budget_income"


def _leaf_input(leaf: BudgetLeaf, path: str, doc) -> Decimal:
    """A 项's typed spending named by an ``inputs`` path of identities_budget.yaml: ``general.basic``,
    ``general.*`` (基本 + 项目), ``*.basic`` (every fund source)."""
    source, part = path.split(".", 1)
    return sum((doc(getattr(getattr(leaf, s), p)) for s in (SOURCES if source == "*" else (source,))
                for p in (("basic", "project") if part == "*" else (part,))), ZERO)


def _data_input(data: BudgetData, path: str, doc) -> Decimal:
    """A field of the budget data named by an ``inputs`` path (``three_public.abroad``, ``running_cost``)."""
    value = data
    for name in path.split("."):
        value = getattr(value, name)
    return doc(value)


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

    # every column of each 项 row by the identities (an unprinted one too: 收入 by fund)
    budget = identities.budget()
    per_leaf: dict[str, list[tuple[str, dict[str, Decimal]]]] = {}
    tables: dict[str, Table] = {}
    for tid in budget.coded("functional"):
        spec = budget.tables[tid]
        per_leaf[tid] = [(leaf.code, spec.complete({col: _leaf_input(leaf, path, doc) for col, path in spec.inputs.items()}))
                         for leaf in data.functional]
        tables[tid] = _coded(tid, per_leaf[tid], fname, list(spec.prints))

    # the summary's income rows restate the 收入预算总表's 合计 (the BUD-007 pairs) where compile has the column
    income_total = {col: sum((v[col] for _, v in per_leaf[INCOME_TABLE]), ZERO) for col in budget.tables[INCOME_TABLE].columns}
    income = {row: income_total[col] for (_, row, _), (tid, _, col) in budget.equalities["BUD-007"]
              if tid == INCOME_TABLE and col in income_total}
    split = None
    if profile is not None and profile.splits_basic_by_class():
        public = {leaf.code: doc(leaf.public) for leaf in data.functional}
        _check_public(data, dict(per_leaf["budget_expenditure"]), public, locate)
        split = _rollup([(leaf.code, {"public": public[leaf.code]}) for leaf in data.functional])
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


def _check_public(data: BudgetData, expenditure: dict[str, dict[str, Decimal]], public: dict[str, Decimal], locate: Locator) -> None:
    """A 项's 公用经费 is part of its 基本支出 (``expenditure``: code -> the 支出预算总表's 项 row)."""
    problems = []
    for i, leaf in enumerate(data.functional):
        basic = expenditure[leaf.code]["basic"]
        if public[leaf.code] > basic:
            problems.append(Problem(*locate(("functional", i, "public")),
                                    f"科目“{leaf.code}”的公用经费 {public[leaf.code]} 大于其基本支出 {basic}"))
    if problems:
        raise InputError(problems)


def _summary(income: dict[str, Decimal], expenditure: Table, functional, split: dict | None = None) -> Table:
    """The 财务收支预算总表; with ``split`` (code -> 公用经费, rolled up) each 类 and the 总计 also carry
    人员经费 (基本支出 − 公用经费), 公用经费 and 项目支出, as a 单位预算 prints them."""
    grand = identities.budget().row_sums["budget_summary"].complete(income)["in.grand_total"]
    rows = [_row(key=k, name=BUDGET_SUMMARY_INCOME_ROWS[k], values=_values({"amount": v})) for k, v in income.items()]
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
    """Each fund's income and, per 类, its spending (the fund's table), with their 合计."""
    budget = identities.budget()
    funds = budget.funds.values()
    fiscal = {fund.income: income[fund.income] for fund in funds}
    grand = budget.row_sums["budget_fiscal_summary"].complete(fiscal)["in.grand_total"]
    rows = [_row(key=k, name=BUDGET_FISCAL_INCOME_ROWS[k], values=_values({"amount": v})) for k, v in fiscal.items()]
    rows.append(_row(key="in.grand_total", name=BUDGET_FISCAL_INCOME_ROWS["in.grand_total"], values=_values({"amount": grand})))
    by_fund = {fund.column: _class_totals(tables[fund.table], "total") for fund in funds}
    total = budget.tables["budget_fiscal_summary"].identity("total")

    def with_total(split: dict[str, Decimal]) -> dict[str, Decimal]:
        return {"total": total.compute(split), **split}

    for c in sorted(set().union(*by_fund.values())):
        rows.append(_row(key=f"ex.{c}", name=functional.name(c) or c, values=_values(with_total({col: by_fund[col].get(c, ZERO) for col in by_fund}))))
    totals = {col: sum(v.values(), ZERO) for col, v in by_fund.items()}
    rows.append(_row(key="ex.grand_total", name=BUDGET_FISCAL_EXPENDITURE_ROWS["ex.grand_total"], values=_values(with_total(totals))))
    return Table(id="budget_fiscal_summary", rows=rows)


def _general_basic(amounts: dict[str, Decimal], economic, locate: Locator) -> Table:
    """经济分类: 类 and 款 rows with 合计 split into 人员经费 / 公用经费 by the 类's group."""
    spec = identities.budget().tables["budget_general_basic"]
    problems = []
    leaves = []
    for code, v in amounts.items():
        group = economic.group_of(code)
        if group is None:
            problems.append(Problem(*locate(("general_basic", code)), f"经济分类“{code}”不属于人员经费或公用经费"))
            continue
        # a 款's amount is the input column of its catalogue group (人员经费 or 公用经费)
        leaves.append((code, spec.complete({col: v if group == g else ZERO for col, g in spec.inputs.items()})))
    if problems:
        raise InputError(problems)
    kept = [(c, v) for c, v in leaves if v["total"]]
    sums = _rollup(kept)
    rows = [_printed_zeros(_row(key=code, name=economic.name(code) or code, values=_values({k: sums[code][k] for k in spec.prints})))
            for code in sorted(sums)]
    total = {k: sum((v[k] for _, v in kept), ZERO) for k in spec.prints}
    rows.append(_printed_zeros(_row(key="total", name="合计", values=_values(total))))
    return Table(id="budget_general_basic", rows=rows)


def _three_public(data: BudgetData, doc) -> Table:
    spec = identities.budget().tables["budget_three_public"]
    values = spec.complete({col: _data_input(data, path, doc) for col, path in spec.inputs.items()})
    values = {col: values[col] for col in spec.prints}
    return Table(id="budget_three_public", rows=[_printed_zeros(_row(key="budget", name="预算数", values=_values(values)))])


def _check_basic(tables: dict[str, Table], locate: Locator) -> None:
    """The economic breakdown must add up to the 一般公共预算 basic spending of the 项."""
    (economic, row, col), (functional, frow, fcol) = identities.budget().equalities["BUD-009"][0]
    by_economic = tables[economic].row(row).exact_value(col) or ZERO
    by_function = tables[functional].row(frow).exact_value(fcol) or ZERO
    if by_economic != by_function:
        raise InputError.single(*locate(("general_basic",)),
                                f"一般公共预算基本支出按经济分类合计{by_economic}，与按功能分类（各项一般公共预算拨款基本支出 general.basic 之和）{by_function}不等，相差{by_economic - by_function}")
