"""Compile: from leaf data to every table of the disclosure.

The preparer types leaves (项 rows, economic 款, counts); every total, rollup, balance and
cross-table figure is derived here, so a built disclosure cannot disagree with itself.

Leaves are summed exactly (元 as exact 万元); then each printed cell is rounded from its exact
value, as the official software prints its 万元 tables, and the exact value is kept beside it
(``Row.exact``) for the narrative's shares and rates.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from . import catalogues, identities
from .errors import InputError, Problem
from .inputs import BUDGET_PATHS, PRIOR_ADDRESSES, DepartmentData, prior_input_path
from .model import Context, Disclosure, Overview, PerformanceSummary, ProcurementFacts, Row, SourceLoc, Table, ThreePublicFacts
from .money import ZERO, fmt_amount, round2
from .tables import (
    FISCAL_EXPENDITURE_ROWS,
    FISCAL_INCOME_ROWS,
    INCOME_SOURCES,
    KINDS,
    STATISTICS_ROWS,
    SUMMARY_EXPENDITURE_ROWS,
    SUMMARY_INCOME_ROWS,
    VEHICLE_CATEGORIES,
)

# (file, where) of a field of the input, for error messages.
Locator = Callable[[tuple], tuple[str, str]]


def _no_locator(path: tuple) -> tuple[str, str]:
    return ("输入数据", ".".join(str(p) for p in path))


def _blank(value: Decimal) -> Decimal | None:
    """Zero prints as a blank cell; keep it as None so built and read models compare equal."""
    return None if not value else value


def _values(d: dict[str, Decimal]) -> dict[str, Decimal | None]:
    return {k: _blank(v) for k, v in d.items()}


def validate_codes(data: DepartmentData, locate: Locator = _no_locator) -> None:
    """Every code exists in the year's catalogue, its name matches, and no code repeats."""
    problems = code_problems(
        data.meta.year,
        [(leaf.code, leaf.name) for leaf in data.functional],
        list(data.general_basic),
        list(data.narrative.budget),
        list(data.narrative.prior_year.general_budget_by_code),
        locate,
    )
    for path in (BUDGET_PATHS["fund"], BUDGET_PATHS["capital"]):
        problems += code_problems(data.meta.year, [], [], list(getattr(data.narrative, path[-1])), [], locate, budget_path=path)
    if problems:
        raise InputError(problems)


def code_problems(
    year: int,
    functional_rows: list[tuple[str, str]],
    economic_codes: list[str],
    budget_codes: list[str],
    prior_codes: list[str],
    locate: Locator = _no_locator,
    budget_path: tuple = BUDGET_PATHS["general_budget"],
) -> list[Problem]:
    """Catalogue problems of the codes a preparer typed (usable on raw input before validation)."""
    functional = catalogues.load("functional", year)
    economic = catalogues.load("economic", year)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, (code, name) in enumerate(functional_rows):
        code = str(code).strip()
        if len(code) != 7 or not code.isdigit():
            problems.append(Problem(*locate(("functional", i, "code")), f"功能分类科目编码“{code}”应为7位项级编码"))
            continue
        if code in seen:
            problems.append(Problem(*locate(("functional", i, "code")), f"功能分类科目编码“{code}”重复（第{seen[code] + 1}条已有）"))
        seen[code] = i
        unknown = unknown_functional_code(functional, code)
        if unknown:
            problems.append(Problem(*locate(("functional", i, "code")), unknown))
        elif code in functional and not functional.names_match(code, str(name)):
            problems.append(
                Problem(*locate(("functional", i, "name")), f"科目“{code}”的名称应为“{functional.name(code)}”，填写的是“{name}”")
            )
    for code in economic_codes:
        if len(code) != 5 or code not in economic:
            problems.append(
                Problem(*locate(("general_basic", code)), f"经济分类科目编码“{code}”不是{economic.year}年部门预算支出经济分类的款级科目")
            )
    for code in budget_codes:
        if code not in functional and not _may_be_new(functional, code):
            problems.append(Problem(*locate(budget_path + (code,)), f"年初预算的科目编码“{code}”不在支出功能分类科目中"))
    for code in prior_codes:
        if code not in functional and not _may_be_new(functional, code):
            problems.append(
                Problem(*locate(("narrative", "prior_year", "general_budget_by_code", code)), f"上年决算的科目编码“{code}”不在支出功能分类科目中")
            )
    budget_set = set(budget_codes)
    for code in budget_codes:
        for parent in functional.parents(code):
            if parent in budget_set:
                problems.append(
                    Problem(*locate(budget_path + (code,)), f"年初预算同时填写了“{parent}”和其下级“{code}”：只填最细一级，合计由系统计算")
                )
    return problems


def unknown_functional_code(functional: catalogues.Catalogue, code: str) -> str | None:
    """The message for a functional code that is in no way the year's (None when it is, or may be
    new that year): says what to do, not only what is wrong."""
    if code in functional or _may_be_new(functional, code):
        return None
    return f"功能分类科目编码“{code}”不在{functional.year}年支出功能分类科目中：请核对编码（可用的编码和名称见“科目目录”表）"


def _may_be_new(functional: catalogues.Catalogue, code: str) -> bool:
    """A 款/项 code missing from a catalogue that is not complete for the year, under a 类 it knows:
    possibly a code new that year (款 20139 社会工作事务 in 2024). It is built, and the check reports it
    as a 警告 (CAT-001); a code under no known 类 is a typing error."""
    return not functional.authoritative and code.isdigit() and len(code) in (5, 7) and code[:3] in functional


# No department's year comes near 1,000亿元 (10,000,000 万元): amounts that large were typed in 元.
IMPLAUSIBLE_WAN = Decimal(10_000_000)
# Against last year's total, a factor this large is a unit slip (元 ↔ 万元 is 10,000), not a year.
UNIT_SLIP_RATIO = Decimal(1000)


def unit_problems(data: DepartmentData, unit: str, locate: Locator = _no_locator) -> None:
    """Amounts typed in one unit under the other (totals 10,000× off): an InputError at the
    unit setting. ``data`` is in 万元 already; ``unit`` is the unit the source declared."""
    grand = sum((getattr(leaf.income, k) for leaf in data.functional for k in type(leaf.income).model_fields), ZERO)
    grand += data.balances.begin + data.balances.nonfiscal_balance_used
    prior = data.narrative.prior_year.total
    where = locate(("meta", "input_unit"))
    wan = f"{grand:,.2f}万元"
    if unit == "万元" and grand >= IMPLAUSIBLE_WAN:
        raise InputError.single(*where, f"填报金额单位为万元，但收入总计达{wan}（{grand / 10000:,.0f}亿元），不像一个部门一年的数：金额疑为元，请把填报金额单位改为“元”")
    if not prior or not grand:
        return
    if grand / prior >= UNIT_SLIP_RATIO:
        suspect = "金额疑为元，请把填报金额单位改为“元”" if unit == "万元" else "请核对上年决算数是否按元填写"
        raise InputError.single(*where, f"按填报金额单位{unit}，收入总计{wan}是上年决算数{prior:,.2f}万元的"
                                        f"{grand / prior:,.0f}倍（元与万元相差10,000倍）：{suspect}")
    if prior / grand >= UNIT_SLIP_RATIO:
        suspect = "金额疑为万元，请把填报金额单位改为“万元”" if unit == "元" else "请核对上年决算数是否按万元填写"
        raise InputError.single(*where, f"按填报金额单位{unit}，收入总计{wan}只有上年决算数{prior:,.2f}万元的"
                                        f"{prior / grand:,.0f}分之一（元与万元相差10,000倍）：{suspect}")


def _rollup(leaves: Iterable[tuple[str, dict[str, Decimal]]]) -> dict[str, dict[str, Decimal]]:
    """Sum leaf values up to 款 and 类; returns code -> column -> amount for every level. A leaf
    that is itself a 款 (an economic code) counts once."""
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    levels = identities.rollup_levels()
    for code, values in leaves:
        for level in dict.fromkeys((*(code[:n] for n in levels), code)):
            for col, v in values.items():
                out[level][col] += v
    return out


def _coded_table(
    table_id: str,
    leaves: list[tuple[str, dict[str, Decimal]]],
    names: Callable[[str], str],
    columns: list[str],
) -> Table:
    """A functional-coded table: 合计 row, then every code with a non-zero value, in code order."""
    rolled = _rollup((c, v) for c, v in leaves if any(v.values()))
    total = {col: sum((v[col] for c, v in leaves), ZERO) for col in columns}
    rows = [_row(key="total", name="合计", values=_values(total))]
    for code in sorted(rolled, key=lambda c: (c[:3], c[:5] if len(c) > 3 else "", c)):
        vals = rolled[code]
        if not any(vals.values()):
            continue
        rows.append(_row(key=code, name=names(code), values=_values({col: vals[col] for col in columns})))
    return Table(id=table_id, rows=rows)


def compile_disclosure(data: DepartmentData, locate: Locator = _no_locator, profile=None) -> Disclosure:
    """Derive every table of the disclosure from the preparer's leaf data."""
    validate_codes(data, locate)
    source_meta = data.meta
    data = data.in_wan()
    unit_problems(data, source_meta.input_unit, locate)
    year = data.meta.year
    functional = catalogues.load("functional", year)
    economic = catalogues.load("economic", year)
    leaf_names = {leaf.code: leaf.name for leaf in data.functional}

    def fname(code: str) -> str:
        return leaf_names.get(code) or functional.name(code) or code

    problems: list[Problem] = []
    per_leaf: dict[str, dict[str, dict[str, Decimal]]] = defaultdict(dict)
    coded = identities.coded_tables()
    for i, leaf in enumerate(data.functional):
        for table_id, table in coded.items():  # every column of the 项 row, by the identities
            per_leaf[table_id][leaf.code] = table.leaf_values(leaf)
        for table_id in ("fund", "capital"):
            v = per_leaf[table_id][leaf.code]
            if v["end"] < 0:
                problems.append(
                    Problem(
                        *locate(("functional", i, coded[table_id].attribute)),
                        f"科目“{leaf.code}”年初结转结余{fmt_amount(v['begin'])}万元+本年收入{fmt_amount(v['income'])}万元"
                        f"少于本年支出{fmt_amount(v['total'])}万元，年末结转结余将为负数",
                    )
                )
        gb = leaf.general_budget
        fiscal_spent = gb.basic + gb.project + leaf.government_fund.basic + leaf.government_fund.project
        fiscal_spent += leaf.state_capital.basic + leaf.state_capital.project
        all_spent = sum(per_leaf["expenditure"][leaf.code].values(), ZERO) - per_leaf["expenditure"][leaf.code]["total"]
        if fiscal_spent > all_spent:
            problems.append(
                Problem(*locate(("functional", i, "expenditure")), f"科目“{leaf.code}”财政拨款支出{fmt_amount(fiscal_spent)}万元大于本年支出合计{fmt_amount(all_spent)}万元")
            )
    if problems:
        raise InputError(problems)

    tables: dict[str, Table] = {}
    for table_id in coded:  # the columns the table prints (an input split such as 收入 by fund is not printed)
        tables[table_id] = _coded_table(table_id, list(per_leaf[table_id].items()), fname, list(KINDS[table_id].columns))

    income_by_source = {key: ZERO for key in INCOME_SOURCES}
    for leaf in data.functional:
        for key in INCOME_SOURCES:
            income_by_source[key] += getattr(leaf.income, key.split(".", 1)[1])
    tables["summary"] = _summary(data, income_by_source, per_leaf["expenditure"], functional, locate, per_leaf["income"])
    tables["fiscal_summary"] = _fiscal_summary(data, income_by_source, per_leaf, functional)
    tables["general_basic"] = _general_basic(data, economic)
    tables["three_public"] = _three_public(data)
    tables["statistics"] = _statistics(data, tables["general_basic"])

    disclosure = Disclosure(
        origin="built",
        meta=source_meta,
        overview=data.overview,
        tables=tables,
        context=_context(data, tables),
        glossary=list(data.glossary or (profile.glossary if profile is not None else [])),
        performance=list(data.performance),
    )
    disclosure.locate_inputs(locate)
    disclosure.context.sources = context_sources(disclosure.context, locate, data.overview, data.glossary or [])
    return disclosure


def context_sources(context: Context, locate, overview: Overview, glossary: list) -> dict[str, SourceLoc]:
    """Where the source holds each narrative input (``Context.sources``): a workbook's (or an
    export's) sheet and cell; nothing for a source without cells (an example folder)."""
    cell = getattr(locate, "value_cell", None)
    if not callable(cell):
        return {}
    out: dict[str, SourceLoc] = {}

    def put(key: str, path: tuple | None) -> None:
        where = cell(path) if path else ""
        if "!" in where:
            sheet, at = where.rsplit("!", 1)
            out[key] = SourceLoc(sheet=sheet, cell=at)

    for address in context.prior:
        put(f"prior:{address}", prior_input_path(address))
    for address in context.budget:
        table, row, _ = address.split(":")
        if table in BUDGET_PATHS and row.isdigit():
            put(f"budget:{address}", BUDGET_PATHS[table] + (row,))
    for key in context.reasons:
        put(f"reasons:{key}", ("narrative", "reasons", key))
    for name in ThreePublicFacts.model_fields:
        put(f"facts:three_public.{name}", ("three_public", "facts", name))
    for name in ProcurementFacts.model_fields:
        put(f"facts:procurement.{name}", ("narrative", "procurement", name))
    for name in PerformanceSummary.model_fields:
        put(f"perf:{name}", ("narrative", "performance", name))
    for key, paragraphs in (("duties", overview.duties), ("organisation", overview.organisation)):
        for i in range(len(paragraphs)):
            put(f"overview:{key}.{i}", ("overview", key, i))
    for i in range(len(glossary)):
        put(f"glossary:{i}", ("glossary", i))
    return out


def _row(*, key: str, name: str, values: dict[str, Decimal | None]) -> Row:
    """A table row: each printed cell rounded from its exact value, the exact value kept where
    they differ (the one place compile rounds)."""
    printed: dict[str, Decimal | None] = {}
    exact: dict[str, Decimal] = {}
    for col, v in values.items():
        if v is None:
            printed[col] = None
            continue
        shown = round2(v)
        if shown != v:
            exact[col] = v
        printed[col] = _blank(shown)
    return Row(key=key, name=name, values=printed, exact=exact)


def _by_class(values: dict[str, dict[str, Decimal]], column: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for code, v in values.items():
        out[code[:3]] += v[column]
    return out


def _class_rows(functional: catalogues.Catalogue) -> list[str]:
    return [c for c in functional.codes if len(c) == 3]


def _summary(data, income_by_source, expenditure, functional, locate: Locator = _no_locator, income=None) -> Table:
    b = data.balances
    by_class = _by_class(expenditure, "total")
    spent = sum(by_class.values(), ZERO)
    # the typed rows; the others by the row sums of identities.yaml
    sums = identities.row_sums()["summary"].complete({
        **income_by_source, "in.nonfiscal_balance_used": b.nonfiscal_balance_used, "in.begin_balance": b.begin,
        "ex.total": spent, "ex.distribution": b.distribution})
    income_total, grand, end = sums["in.total"], sums["in.grand_total"], sums["ex.end_balance"]
    if end < 0:
        # The usual cause: a 项 typed with expenditure but no income (added only to the 支出 table).
        unfunded = [code for code, v in expenditure.items()
                    if v.get("total") and not ((income or {}).get(code) or {}).get("total")]
        index = {leaf.code: i for i, leaf in enumerate(data.functional)}

        def cell(code: str) -> str:  # the 项's expenditure cell in the source, when it has cells
            where = locate(("functional", index[code], "expenditure"))[1] if code in index else ""
            return f"（{where}）" if where and "!" in where else ""

        cause = (f"科目{'、'.join(code + cell(code) for code in unfunded[:5])}{'等' if len(unfunded) > 5 else ''}"
                 "有本年支出而没有本年收入（只填在了支出表中？请在收入表中补上这个科目的收入，或删去支出表中的这一行）；"
                 if unfunded else "")
        raise InputError([Problem(*locate(("balances", "begin")),
                                  f"收入总计{fmt_amount(grand)}万元少于本年支出合计{fmt_amount(spent)}万元与结余分配之和，"
                                  f"年末结转和结余将为负数：{cause}请检查各科目的本年收入和年初结转和结余")])
    rows = [_row(key=k, name=SUMMARY_INCOME_ROWS[k], values={"amount": _blank(v)}) for k, v in income_by_source.items()]
    rows += [
        _row(key="in.total", name=SUMMARY_INCOME_ROWS["in.total"], values={"amount": _blank(income_total)}),
        _row(key="in.nonfiscal_balance_used", name=SUMMARY_INCOME_ROWS["in.nonfiscal_balance_used"], values={"amount": _blank(b.nonfiscal_balance_used)}),
        _row(key="in.begin_balance", name=SUMMARY_INCOME_ROWS["in.begin_balance"], values={"amount": _blank(b.begin)}),
        _row(key="in.grand_total", name="总计", values={"amount": _blank(grand)}),
    ]
    rows += [_row(key=f"ex.{c}", name=functional.name(c) or c, values={"amount": _blank(by_class.get(c, ZERO))}) for c in _class_rows(functional)]
    rows += [
        _row(key="ex.total", name=SUMMARY_EXPENDITURE_ROWS["ex.total"], values={"amount": _blank(spent)}),
        _row(key="ex.distribution", name=SUMMARY_EXPENDITURE_ROWS["ex.distribution"], values={"amount": _blank(b.distribution)}),
        _row(key="ex.end_balance", name=SUMMARY_EXPENDITURE_ROWS["ex.end_balance"], values={"amount": _blank(end)}),
        _row(key="ex.grand_total", name="总计", values={"amount": _blank(sums["ex.grand_total"])}),
    ]
    return Table(id="summary", rows=rows)


FUNDS = {"general": "general_budget", "fund": "fund", "capital": "capital"}  # 公开04 column -> its functional table


def _fiscal_summary(data, income_by_source, per_leaf, functional) -> Table:
    begin = {
        "general": data.balances.fiscal_begin_general,
        "fund": sum((v["begin"] for v in per_leaf["fund"].values()), ZERO),
        "capital": sum((v["begin"] for v in per_leaf["capital"].values()), ZERO),
    }
    classes = _class_rows(functional)
    # the typed cells (each fund's 类 rows are its functional table's); the others by the row sums of identities.yaml
    spent = {fund: _by_class(per_leaf[table], "total") for fund, table in FUNDS.items()}
    sums = identities.row_sums()["fiscal_summary"].complete({
        **{k: income_by_source[k] for k in ("in.fiscal_general", "in.fiscal_fund", "in.fiscal_capital")},
        **{f"in.begin_{k}": v for k, v in begin.items()},
        **{f"ex.{c}:{fund}": spent[fund].get(c, ZERO) for c in classes for fund in FUNDS}}, classes)
    if sums["ex.end_balance:general"] < 0:
        raise InputError.single(
            "输入数据", "balances.fiscal_begin_general",
            f"一般公共预算财政拨款年初结转结余{fmt_amount(begin['general'])}万元+本年收入{fmt_amount(sums['in.fiscal_general'])}万元"
            f"少于本年支出{fmt_amount(sums['ex.total:general'])}万元，年末结转结余将为负数",
        )

    def split(key: str, name: str) -> Row:
        return _row(key=key, name=name, values=_values({col: sums[f"{key}:{col}"] for col in ("total", *FUNDS)}))

    rows = [_row(key=k, name=name, values={"amount": _blank(sums[k])}) for k, name in FISCAL_INCOME_ROWS.items()]
    rows += [split(f"ex.{c}", functional.name(c) or c) for c in classes]
    rows += [split(k, name) for k, name in FISCAL_EXPENDITURE_ROWS.items()]
    return Table(id="fiscal_summary", rows=rows)


def _general_basic(data, economic: catalogues.Catalogue) -> Table:
    amounts = data.general_basic
    classes: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for code, v in amounts.items():
        classes[code[:3]] += v
    groups = {"personnel": ZERO, "public": ZERO}
    for code, v in classes.items():
        group = economic.group_of(code)
        if group is None:
            raise InputError.single("输入数据", f"general_basic.{code}", f"经济分类“{code}”不属于人员经费或公用经费")
        groups[group] += v
    rows = []
    for code, name in economic.codes.items():
        value = classes.get(code, ZERO) if len(code) == 3 else amounts.get(code, ZERO)
        rows.append(_row(key=code, name=name, values={"amount": _blank(value)}))
    rows.append(_row(key="personnel_total", name="人员经费合计", values={"amount": _blank(groups["personnel"])}))
    rows.append(_row(key="public_total", name="公用经费合计", values={"amount": _blank(groups["public"])}))
    return Table(id="general_basic", rows=rows)


def _three_public(data) -> Table:
    rows = []
    for key, name, amounts in (("budget", "预算数", data.three_public.budget), ("actual", "决算数", data.three_public.actual)):
        vehicle = amounts.vehicle_purchase + amounts.vehicle_running
        values = {
            "total": amounts.abroad + vehicle + amounts.reception,
            "abroad": amounts.abroad,
            "vehicle_total": vehicle,
            "vehicle_purchase": amounts.vehicle_purchase,
            "vehicle_running": amounts.vehicle_running,
            "reception": amounts.reception,
        }
        rows.append(_row(key=key, name=name, values=_values(values)))
    return Table(id="three_public", rows=rows)


def _statistics(data, general_basic: Table) -> Table:
    p = data.procurement
    public = general_basic.row("public_total").exact_value("amount") or ZERO  # exact, not as printed
    kind = data.meta.unit_kind
    vehicles = {f"vehicles.{k}": Decimal(v) for k, v in data.assets.vehicles.items()}
    values: dict[str, Decimal] = {
        "procurement.total": p.goods + p.works + p.services,
        "procurement.goods": p.goods,
        "procurement.works": p.works,
        "procurement.services": p.services,
        # 机关运行经费 = 公用经费 of 一般公共预算财政拨款基本支出 of 行政单位 (and 参公 units).
        "running.admin": public if kind == "行政单位" else ZERO,
        "running.civil": public if kind == "参照公务员法管理事业单位" else ZERO,
        "vehicles.total": sum(vehicles.values(), Decimal(0)),
        **{k: vehicles.get(k, Decimal(0)) for k in VEHICLE_CATEGORIES},
        "equipment": Decimal(data.assets.equipment),
    }
    rows = [_row(key=k, name=STATISTICS_ROWS[k], values={"amount": _blank(values[k])}) for k in STATISTICS_ROWS]
    return Table(id="statistics", rows=rows)


def _context(data: DepartmentData, tables: dict[str, Table]) -> Context:
    n = data.narrative
    p = n.prior_year
    prior: dict[str, Decimal | None] = {}

    def put(address: str, value) -> None:
        if value is not None:
            prior[address] = value

    running_row = "running.civil" if data.meta.unit_kind == "参照公务员法管理事业单位" else "running.admin"
    for address, field in PRIOR_ADDRESSES.items():
        if not address.startswith("statistics:running.") or address == f"statistics:{running_row}:amount":
            put(address, getattr(p, field))
    for code, v in p.general_budget_by_code.items():
        put(f"general_budget:{code}:total", v)
    for col, v in p.three_public.items():
        put(f"three_public:actual:{col}", v)

    budget = {f"general_budget:{code}:total": v for code, v in n.budget.items() if v is not None}
    if n.budget:
        # The total 年初预算 is the sum of what the department budgeted at its finest level.
        budget["general_budget:total:total"] = sum((v for v in n.budget.values() if v is not None), ZERO)
    for table, given in (("fund", n.government_fund_budget), ("capital", n.state_capital_budget)):
        budget.update({f"{table}:{code}:total": v for code, v in given.items() if v is not None})
    return Context(
        prior=prior,
        budget=budget,
        reasons=dict(n.reasons),
        three_public=data.three_public.facts,
        procurement=n.procurement,
        performance=n.performance or PerformanceSummary(),
    )
