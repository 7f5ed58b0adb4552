"""Hypothesis strategies: random valid departments (``DepartmentData``) for property tests.

``departments()`` draws what a preparer could type for one department-year and that a correct
disclosure can come from: functional 项 codes from the year's catalogue, amounts with many zeros
and cents, equal and unequal budgets and prior-year figures, empty fund tables, every unit kind,
either profile. Everything the narrative needs is given (priors, budgets, reasons, SME and
performance facts), so a build from it has no 【待补充】 marker: any finding a rule raises on it
is either the data's (the test says which) or a disagreement between generator and checker.

    from strategies import departments, build
    @given(departments())
    def test_x(data): disclosure, profile = build(data)
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from hypothesis import strategies as st

from juesuan import catalogues, profiles
from juesuan.inputs import (
    AssetsInput, Balances, DepartmentData, ExpenditureByType, FunctionalLeaf, FundLeaf, IncomeBySource, NarrativeInput,
    PriorYear, ProcurementInput, ThreePublicAmounts, ThreePublicInput,
)
from juesuan.model import Meta, Overview, PerformanceSummary, ProcurementFacts, ThreePublicFacts, UnitEntry
from juesuan.tables import VEHICLE_CATEGORIES

PROFILES = ("shanxi", "shanghai")
UNIT_KINDS = ("行政单位", "参照公务员法管理事业单位", "事业单位")
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
# 06 items a rule bounds by the 三公 table (XTAB: 06 item ≤ 09 决算数): drawn only through the 三公 amounts.
THREE_PUBLIC_ITEMS = {"30212", "30217", "30231", "30913", "31013"}
REASONS = (
    "按照年度工作计划安排支出", "人员变动及工资标准调整", "项目按进度支付", "厉行节约压减一般性支出",
    "新增业务工作任务", "部分项目结转下年实施",
)
DEPARTMENTS = ("某市住房和城乡建设局", "某区财政局", "某县自然资源局", "某市社会工作部", "某区机关事务管理局")


@lru_cache(maxsize=None)
def _functional_items(year: int) -> list[tuple[str, str]]:
    """(项 code, name) of the catalogue whose 类 and 款 are in it too."""
    cat = catalogues.load("functional", year)
    return [(code, name) for code, name in cat.codes.items()
            if len(code) == 7 and code[:3] in cat and code[:5] in cat]


@lru_cache(maxsize=None)
def _economic_items(year: int, profile_id: str) -> dict[str, list[str]]:
    """款 of 人员经费 and 公用经费 that the profile's 公开06 prints (a fixed list in some templates:
    a code outside it would not be printed at all)."""
    cat = catalogues.load("economic", year)
    printed = None
    layout = profiles.load(profile_id).table("general_basic")
    for item in layout.body if layout is not None else []:
        if item.economic_groups:
            spec = item.economic_groups
            printed = {code for group in spec.groups for code in group} - set(spec.not_applicable)
    out: dict[str, list[str]] = {"personnel": [], "public": []}
    for code in cat.codes:
        group = cat.group_of(code)
        if len(code) == 5 and group in out and code not in THREE_PUBLIC_ITEMS and (printed is None or code in printed):
            out[group].append(code)
    return out


def _cents(c: int) -> Decimal:
    return (Decimal(c) / 100).quantize(CENT)


@lru_cache(maxsize=None)
def amounts(max_cents: int = 10**7, p_zero: float = 0.5) -> st.SearchStrategy[Decimal]:
    """万元 with two decimals, zero with about ``p_zero`` (one draw each: drawing is the test's main cost).
    At most 10万 万元 a figure: a department's year is far below 1,000亿元 (more reads as a 元 slip)."""
    below = int(max_cents * p_zero / (1 - p_zero)) if p_zero < 1 else max_cents
    return st.integers(-below, max_cents).map(lambda c: _cents(max(c, 0)))


@lru_cache(maxsize=None)
def positive_amounts(max_cents: int = 10**7) -> st.SearchStrategy[Decimal]:
    return st.integers(1, max_cents).map(_cents)


def maybe(strategy_max: int = 10**7, p_zero: float = 0.5) -> st.SearchStrategy[Decimal]:
    """An amount up to ``strategy_max`` cents, or zero (zeros are common in real tables)."""
    return amounts(strategy_max, p_zero)


def _split(draw, total: Decimal, parts: int) -> list[Decimal]:
    """``total`` cut into ``parts`` non-negative amounts (in cents) that add up exactly."""
    cents = int(total * 100)
    if parts <= 1:
        return [total]
    cuts = sorted(draw(st.lists(st.integers(0, cents), min_size=parts - 1, max_size=parts - 1)))
    edges = [0, *cuts, cents]
    return [(Decimal(b - a) / 100).quantize(CENT) for a, b in zip(edges, edges[1:])]


def related(draw, current: Decimal) -> Decimal:
    """Another year's (or a budget's) figure: equal, zero, a little or a lot different."""
    kind = draw(st.sampled_from(["equal", "zero", "near", "random"]))
    if kind == "equal":
        return current
    if kind == "zero":
        return ZERO
    if kind == "near":
        delta = Decimal(draw(st.integers(-500, 500))) / 100
        return max(ZERO, current + delta).quantize(CENT)
    return draw(amounts())


@lru_cache(maxsize=None)
def _item_lists(year: int):
    return st.lists(st.sampled_from(_functional_items(year)), min_size=1, max_size=7, unique_by=lambda x: x[0])


@st.composite
def leaves(draw, year: int = 2024) -> list[FunctionalLeaf]:
    items = _functional_items(year)
    chosen = draw(_item_lists(year))
    with_fund = draw(st.booleans())
    with_capital = draw(st.integers(0, 4)) == 0
    out = []
    for code, name in sorted(chosen):
        gb = {"basic": draw(maybe()), "project": draw(maybe())}
        fund = {k: draw(maybe(10**7, 0.7)) if with_fund else ZERO for k in ("begin", "basic", "project")}
        cap = {k: draw(maybe(10**7, 0.7)) if with_capital else ZERO for k in ("begin", "basic", "project")}
        other_basic = draw(maybe(10**7, 0.7))
        other_project = draw(maybe(10**7, 0.7))
        expenditure = ExpenditureByType(
            basic=gb["basic"] + fund["basic"] + cap["basic"] + other_basic,
            project=gb["project"] + fund["project"] + cap["project"] + other_project,
            upper=draw(maybe(10**6, 0.9)),
            operation=draw(maybe(10**6, 0.9)),
            affiliated=draw(maybe(10**6, 0.9)),
        )
        nonfiscal = other_basic + other_project + expenditure.upper + expenditure.operation + expenditure.affiliated
        income = IncomeBySource(
            # Income at least covers this year's spending of each fund, so no year-end balance is negative.
            fiscal_general=gb["basic"] + gb["project"] + draw(maybe(10**7, 0.7)),
            fiscal_fund=max(ZERO, fund["basic"] + fund["project"] - fund["begin"]) + draw(maybe(10**6, 0.7))
            if with_fund else ZERO,
            fiscal_capital=max(ZERO, cap["basic"] + cap["project"] - cap["begin"]) + draw(maybe(10**6, 0.7))
            if with_capital else ZERO,
            superior=draw(maybe(10**6, 0.8)),
            business=nonfiscal + draw(maybe(10**6, 0.8)),
            operation=draw(maybe(10**6, 0.9)),
            affiliated=draw(maybe(10**6, 0.9)),
            other=draw(maybe(10**6, 0.8)),
        )
        out.append(FunctionalLeaf(
            code=code, name=name, income=income, expenditure=expenditure,
            general_budget=gb, government_fund=FundLeaf(**fund), state_capital=FundLeaf(**cap),
        ))
    return out


@st.composite
def three_public(draw) -> ThreePublicInput:
    keys = ("abroad", "vehicle_purchase", "vehicle_running", "reception")
    actual = {k: draw(maybe(10**5, 0.5)) for k in keys}
    budget = {k: related(draw, actual[k]) for k in keys}
    counts = st.integers(1, 30)
    facts = ThreePublicFacts()
    if actual["abroad"]:
        facts.abroad_groups = draw(counts)
        facts.abroad_persons = facts.abroad_groups + draw(st.integers(0, 20))
    if actual["vehicle_purchase"]:
        facts.vehicles_purchased = draw(counts)
    if actual["vehicle_running"]:
        facts.vehicles_held = draw(counts)
    if actual["reception"]:
        facts.reception_batches = draw(counts)
        facts.reception_persons = facts.reception_batches + draw(st.integers(0, 200))
        facts.foreign_reception = ZERO
        facts.abroad_reception = ZERO
    return ThreePublicInput(budget=ThreePublicAmounts(**budget), actual=ThreePublicAmounts(**actual), facts=facts)


@st.composite
def general_basic(draw, basic_total: Decimal, profile_id: str, year: int = 2024) -> dict[str, Decimal]:
    """The 经济分类 款 of 一般公共预算财政拨款基本支出, adding up to its total exactly."""
    if not basic_total:
        return {}
    items = _economic_items(year, profile_id)
    personnel = draw(st.lists(st.sampled_from(items["personnel"]), min_size=0, max_size=6, unique=True))
    public = draw(st.lists(st.sampled_from(items["public"]), min_size=0, max_size=8, unique=True))
    codes = sorted(personnel + public) or [items["personnel"][0]]
    parts = _split(draw, basic_total, len(codes))
    return {code: v for code, v in zip(codes, parts) if v}


@st.composite
def procurement(draw):
    goods, works, services = (draw(maybe(10**7, 0.5)) for _ in range(3))
    total = goods + works + services
    sme = draw(st.integers(0, int(total * 100))) if total else 0
    sme = Decimal(sme) / 100
    micro = Decimal(draw(st.integers(0, int(sme * 100)))) / 100 if sme else ZERO
    cents = lambda upper: Decimal(draw(st.integers(0, int(upper * 100)))) / 100 if upper > 0 else ZERO  # noqa: E731
    reserved = cents(total)
    micro_reserved = cents(reserved)
    # What SMEs were awarded in reserved and in other projects is part of all they were awarded (NARR-016).
    reserved_awarded = cents(min(sme, reserved))
    facts = ProcurementFacts(
        sme=sme, micro=micro,
        sme_reserved_budget=reserved, micro_reserved_budget=micro_reserved,
        sme_reserved_awarded=reserved_awarded, micro_reserved_awarded=cents(micro_reserved),
        sme_other_awarded=cents(sme - reserved_awarded),
    )
    return ProcurementInput(goods=goods, works=works, services=services), facts


@st.composite
def performance(draw, profile_id: str) -> PerformanceSummary:
    grades = [g["grade"] for g in profiles.load(profile_id).performance.grades]
    counts = draw(st.lists(st.integers(0, 6), min_size=len(grades), max_size=len(grades)))
    projects = sum(counts)
    found = draw(st.integers(0, 5))
    fixed = draw(st.integers(0, found))
    amount = draw(positive_amounts(10**7)) if projects else ZERO
    return PerformanceSummary(
        projects=projects, amount=amount, grades=dict(zip(grades, counts)),
        average_score=Decimal(draw(st.integers(6000, 10000))) / 100 if projects else None,
        systems=["预算绩效管理实施办法"], mechanism="预算绩效管理工作机制",
        target_projects=projects, target_amount=amount, tracked_projects=projects, tracked_amount=amount,
        issues_found=found, issues_fixed=fixed, issues_fixing=found - fixed,
    )


@st.composite
def departments(draw, profile: str | None = None, year: int = 2024) -> DepartmentData:
    """A random valid department-year, complete enough that its narrative has no gap."""
    profile_id = profile or draw(st.sampled_from(PROFILES))
    unit_kind = draw(st.sampled_from(UNIT_KINDS))
    name = draw(st.sampled_from(DEPARTMENTS))
    functional = draw(leaves(year))
    gb_basic = sum((leaf.general_budget.basic for leaf in functional), ZERO)
    fund_begin = sum((leaf.government_fund.begin + leaf.state_capital.begin for leaf in functional), ZERO)
    fiscal_begin_general = draw(maybe(10**6))
    nonfiscal_begin = draw(maybe(10**6))
    balances = Balances(
        begin=fiscal_begin_general + fund_begin + nonfiscal_begin,
        fiscal_begin_general=fiscal_begin_general,
        nonfiscal_balance_used=Decimal(draw(st.integers(0, int(nonfiscal_begin * 100)))) / 100 if draw(st.booleans()) else ZERO,
    )
    tp = draw(three_public())
    proc, proc_facts = draw(procurement())
    vehicles = draw(st.dictionaries(st.sampled_from([k.split(".", 1)[1] for k in VEHICLE_CATEGORIES]), st.integers(0, 20), max_size=4))
    held = tp.facts.vehicles_held
    if held and sum(vehicles.values()) < held:
        vehicles["law"] = vehicles.get("law", 0) + held - sum(vehicles.values())

    data = DepartmentData(
        meta=Meta(department=name, year=year, profile=profile_id, unit_kind=unit_kind),
        overview=Overview(duties=["负责本部门职责范围内的工作。"], organisation=["本部门内设若干职能处室。"],
                          units=[UnitEntry(no=1, name=f"{name}（本级）")]),
        functional=functional,
        balances=balances,
        general_basic=draw(general_basic(gb_basic, profile_id, year)),
        three_public=tp,
        procurement=proc,
        assets=AssetsInput(vehicles=vehicles, equipment=draw(st.integers(0, 5))),
    )
    data.narrative = NarrativeInput(
        prior_year=_priors(draw, data),
        budget=_budgets(draw, functional, by_class_allowed=profile_id == "shanxi"),
        government_fund_budget={leaf.code: related(draw, leaf.government_fund.basic + leaf.government_fund.project)
                                for leaf in functional if leaf.government_fund.basic + leaf.government_fund.project},
        state_capital_budget={leaf.code: related(draw, leaf.state_capital.basic + leaf.state_capital.project)
                              for leaf in functional if leaf.state_capital.basic + leaf.state_capital.project},
        procurement=proc_facts,
        performance=draw(performance(profile_id)),
    )
    _give_every_reason(draw, data)
    return data


def _priors(draw, data: DepartmentData) -> PriorYear:
    """Last year's figures, each equal to, near or far from this year's; totals add up from parts."""
    from juesuan.compile import compile_disclosure

    d = compile_disclosure(data, profile=profiles.load(data.meta.profile))
    v = lambda address: d.value(address) or ZERO  # noqa: E731
    by_code: dict[str, Decimal] = {}
    for leaf in data.functional:
        by_code[leaf.code] = related(draw, leaf.general_budget.basic + leaf.general_budget.project)
    tp = {k: related(draw, v(f"three_public:actual:{k}")) for k in ("abroad", "vehicle_purchase", "vehicle_running", "reception")}
    tp["vehicle_total"] = tp["vehicle_purchase"] + tp["vehicle_running"]
    tp["total"] = tp["abroad"] + tp["vehicle_total"] + tp["reception"]
    running = "running.civil" if data.meta.unit_kind == "参照公务员法管理事业单位" else "running.admin"
    general = sum(by_code.values(), ZERO)
    fund = related(draw, v("fund:total:total"))
    capital = related(draw, v("capital:total:total"))
    # Last year's totals hold their parts: 财政拨款总计 ≥ the three funds' spending; 收入总计 ≥ 财政拨款总计.
    # A part last year had and this year lacks (a year-end balance) leaves a gap a rule can only
    # call possible (NARR-009 警告): the drawn departments keep such parts in both years.
    fiscal_end = v("fiscal_summary:ex.end_balance:total")
    nonfiscal = v("summary:in.grand_total:amount") - v("fiscal_summary:in.grand_total:amount")
    fiscal_total = general + fund + capital + (draw(maybe(10**6)) if fiscal_end else ZERO)
    total = fiscal_total + (draw(maybe(10**7)) if nonfiscal else ZERO)
    cap = lambda x: min(x, total)  # noqa: E731
    grand = v("summary:in.grand_total:amount")
    if total and grand and not (grand / 999 < total < grand * 999):
        # a year 1,000 times larger or smaller than the last reads as a 元/万元 slip (an input error)
        return PriorYear(
            total=grand, income_total=v("summary:in.total:amount"), expenditure_total=v("summary:ex.total:amount"),
            fiscal_total=v("fiscal_summary:in.grand_total:amount"), general_budget=v("general_budget:total:total"),
            general_budget_by_code={leaf.code: leaf.general_budget.basic + leaf.general_budget.project for leaf in data.functional},
            government_fund=v("fund:total:total"), state_capital=v("capital:total:total"),
            three_public={k: v(f"three_public:actual:{k}") for k in ("abroad", "vehicle_purchase", "vehicle_running", "reception",
                                                                     "vehicle_total", "total")},
            running_cost=v(f"statistics:{running}:amount"),
        )
    return PriorYear(
        total=total,
        income_total=cap(related(draw, v("summary:in.total:amount"))),
        expenditure_total=cap(related(draw, v("summary:ex.total:amount"))),
        fiscal_total=fiscal_total,
        general_budget=general,
        general_budget_by_code=by_code,
        government_fund=fund,
        state_capital=capital,
        three_public=tp,
        running_cost=related(draw, v(f"statistics:{running}:amount")),
    )


def _budgets(draw, functional: list[FunctionalLeaf], by_class_allowed: bool) -> dict[str, Decimal]:
    """年初预算 at the finest level, or by 类 where the profile's narrative states only 类 (shanxi)."""
    by_item = {leaf.code: related(draw, leaf.general_budget.basic + leaf.general_budget.project) for leaf in functional}
    if not by_class_allowed or draw(st.booleans()):
        return by_item
    by_class: dict[str, Decimal] = {}
    for code, value in by_item.items():
        by_class[code[:3]] = by_class.get(code[:3], ZERO) + value
    return by_class


def _give_every_reason(draw, data: DepartmentData) -> None:
    """Write a reason for every key the profile's narrative asks of this department."""
    from juesuan.compile import compile_disclosure
    from juesuan.narrative import generate_with_gaps
    from juesuan.pipeline import finish

    profile = profiles.load(data.meta.profile)
    d = compile_disclosure(data, profile=profile)
    finish(d, profile)
    asked: list[tuple[str, str]] = []
    generate_with_gaps(d, profile, reasons_asked=asked)
    for i, (key, _label) in enumerate(asked, 1):
        text = draw(st.sampled_from(REASONS))
        # Two 科目 never share one 主要用于 text in a real document (NARR-013 warns of a copy).
        data.narrative.reasons[key] = f"{text}（第{i}项工作）" if key.endswith("usage") else text


def build(data: DepartmentData):
    """Compile a drawn department as ``juesuan build`` does: (disclosure, profile)."""
    from juesuan.compile import compile_disclosure
    from juesuan.pipeline import finish

    profile = profiles.load(data.meta.profile)
    d = compile_disclosure(data, profile=profile)
    finish(d, profile)
    return d, profile
