"""The preparer's input: leaf data only, never a total.

Amounts are kept exactly as given, in the source's unit (``meta.input_unit``: the official
software's 元 with cents, or 万元); ``in_wan`` gives the exact 万元 that compile sums.

``juesuan build`` reads this (from an example folder of YAML files or from the preparer's
workbook), checks each code against the year's catalogue, and compiles every table from it.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from .model import GlossaryEntry, Meta, Overview, PerformanceForm, PerformanceSummary, ProcurementFacts, ThreePublicFacts
from .record import Record
from .money import ExactMoney as Money, OptExact as OptMoney, from_wan, to_wan


def _not_negative(value):
    if value < 0:
        raise ValueError("金额不能为负数")
    return value


NonNegativeMoney = Annotated[Money, AfterValidator(_not_negative)]


class Leaf(BaseModel):
    # validate_default: a default 0 must become Decimal("0.00") like a typed one.
    model_config = ConfigDict(extra="forbid", validate_default=True)


class NonNegative(Leaf):
    @field_validator("*", mode="after")
    @classmethod
    def _not_negative(cls, value):
        from decimal import Decimal

        if isinstance(value, Decimal) and value < 0:
            raise ValueError("金额不能为负数")
        return value


class IncomeBySource(NonNegative):
    """本年收入 of one 项, by source."""

    fiscal_general: Money = 0  # type: ignore[assignment]
    fiscal_fund: Money = 0  # type: ignore[assignment]
    fiscal_capital: Money = 0  # type: ignore[assignment]
    superior: Money = 0  # type: ignore[assignment]
    business: Money = 0  # type: ignore[assignment]
    operation: Money = 0  # type: ignore[assignment]
    affiliated: Money = 0  # type: ignore[assignment]
    other: Money = 0  # type: ignore[assignment]


class ExpenditureByType(NonNegative):
    """本年支出 of one 项 (all funds), by type."""

    basic: Money = 0  # type: ignore[assignment]
    project: Money = 0  # type: ignore[assignment]
    upper: Money = 0  # type: ignore[assignment]
    operation: Money = 0  # type: ignore[assignment]
    affiliated: Money = 0  # type: ignore[assignment]


class BasicProject(NonNegative):
    basic: Money = 0  # type: ignore[assignment]
    project: Money = 0  # type: ignore[assignment]


class FundLeaf(NonNegative):
    """A 项 of a fund table: the year-end balance is derived (年初 + 收入 − 支出)."""

    begin: Money = 0  # type: ignore[assignment]
    basic: Money = 0  # type: ignore[assignment]
    project: Money = 0  # type: ignore[assignment]


class FunctionalLeaf(Leaf):
    code: str
    name: str
    income: IncomeBySource = Field(default_factory=IncomeBySource)
    expenditure: ExpenditureByType = Field(default_factory=ExpenditureByType)
    general_budget: BasicProject = Field(default_factory=BasicProject)  # 一般公共预算财政拨款支出
    government_fund: FundLeaf = Field(default_factory=FundLeaf)  # 政府性基金预算财政拨款
    state_capital: FundLeaf = Field(default_factory=FundLeaf)  # 国有资本经营预算财政拨款

    @field_validator("code", mode="before")
    @classmethod
    def _code_text(cls, value):
        return str(value).strip()


class Balances(NonNegative):
    """Department-level balances; year-end balances are derived."""

    begin: Money = 0  # type: ignore[assignment]  # 年初结转和结余 (all funds)
    nonfiscal_balance_used: Money = 0  # type: ignore[assignment]  # 使用非财政拨款结余
    distribution: Money = 0  # type: ignore[assignment]  # 结余分配
    fiscal_begin_general: Money = 0  # type: ignore[assignment]  # 年初一般公共预算财政拨款结转和结余


class ThreePublicAmounts(NonNegative):
    abroad: Money = 0  # type: ignore[assignment]
    vehicle_purchase: Money = 0  # type: ignore[assignment]
    vehicle_running: Money = 0  # type: ignore[assignment]
    reception: Money = 0  # type: ignore[assignment]


class ThreePublicInput(Leaf):
    budget: ThreePublicAmounts = Field(default_factory=ThreePublicAmounts)  # 全年预算数
    actual: ThreePublicAmounts = Field(default_factory=ThreePublicAmounts)  # 决算数
    facts: ThreePublicFacts = Field(default_factory=ThreePublicFacts)


class ProcurementInput(NonNegative):
    goods: Money = 0  # type: ignore[assignment]
    works: Money = 0  # type: ignore[assignment]
    services: Money = 0  # type: ignore[assignment]


class AssetsInput(Leaf):
    vehicles: dict[str, int] = Field(default_factory=dict)  # category key -> count
    equipment: int = 0  # 单价100万元（含）以上设备 台（套）

    @field_validator("vehicles")
    @classmethod
    def _known_categories(cls, value: dict[str, int]) -> dict[str, int]:
        return vehicle_counts(value)


def vehicle_counts(value: dict[str, int]) -> dict[str, int]:
    """Vehicle counts by category key (tables.VEHICLE_CATEGORIES without ``vehicles.``), checked."""
    from .tables import VEHICLE_CATEGORIES

    known = {k.split(".", 1)[1] for k in VEHICLE_CATEGORIES}
    for k, v in value.items():
        if k not in known:
            raise ValueError(f"未知的车辆类别“{k}”，应为：{'、'.join(sorted(known))}")
        if v < 0:
            raise ValueError("车辆数不能为负数")
    return value


class PriorYear(Leaf):
    """上年决算数 that the narrative compares against (only what the narrative needs)."""

    total: OptMoney = None  # 收入（支出）总计
    income_total: OptMoney = None  # 本年收入合计
    expenditure_total: OptMoney = None  # 本年支出合计
    fiscal_total: OptMoney = None  # 财政拨款收入（支出）总计
    general_budget: OptMoney = None  # 一般公共预算财政拨款支出
    general_budget_by_code: dict[str, OptMoney] = Field(default_factory=dict)  # 类/款/项 code -> 上年决算
    government_fund: OptMoney = None  # 政府性基金预算财政拨款收入（支出）总计
    state_capital: OptMoney = None
    three_public: dict[str, OptMoney] = Field(default_factory=dict)  # total/abroad/vehicle_total/...
    running_cost: OptMoney = None  # 机关运行经费


class NarrativeInput(Leaf):
    prior_year: PriorYear = Field(default_factory=PriorYear)
    # 年初预算数 of 一般公共预算财政拨款支出 by 类/款/项 code (the finest level the department
    # publishes; a code and its own children are never both given).
    budget: dict[str, OptMoney] = Field(default_factory=dict)
    # The same for the 政府性基金 and 国有资本经营 fund tables (the Shanghai narrative states them per 项).
    government_fund_budget: dict[str, OptMoney] = Field(default_factory=dict)
    state_capital_budget: dict[str, OptMoney] = Field(default_factory=dict)
    reasons: dict[str, str] = Field(default_factory=dict)
    procurement: ProcurementFacts = Field(default_factory=ProcurementFacts)
    # Typed only when there are no forms to compute it from (e.g. shanghai documents).
    performance: PerformanceSummary | None = None


class DepartmentData(Leaf):
    """Everything a preparer types for one department-year."""

    meta: Meta
    overview: Overview = Field(default_factory=Overview)
    functional: list[FunctionalLeaf] = Field(default_factory=list)
    balances: Balances = Field(default_factory=Balances)
    general_basic: dict[str, NonNegativeMoney] = Field(default_factory=dict)  # 经济分类 款 code -> 决算数
    three_public: ThreePublicInput = Field(default_factory=ThreePublicInput)
    procurement: ProcurementInput = Field(default_factory=ProcurementInput)
    assets: AssetsInput = Field(default_factory=AssetsInput)
    narrative: NarrativeInput = Field(default_factory=NarrativeInput)
    glossary: list[GlossaryEntry] | None = None  # None: the profile's glossary
    performance: list[PerformanceForm] = Field(default_factory=list)

    def in_wan(self) -> "DepartmentData":
        """A copy with every amount in exact 万元 (performance forms are 万元 already)."""
        return self._rescaled(to_wan, self.meta.input_unit, "万元")

    def in_unit(self, unit: str) -> "DepartmentData":
        """A copy with every amount in ``unit`` (e.g. for a workbook kept in 元)."""
        wan = self.in_wan()
        return wan._rescaled(from_wan, unit, unit)

    def _rescaled(self, convert, unit: str, result_unit: str) -> "DepartmentData":
        out = self.model_copy(deep=True)
        out.meta.input_unit = result_unit  # type: ignore[assignment]
        if unit == "万元":
            return out
        for name in type(self).model_fields:
            if name not in _NOT_AMOUNTS:
                setattr(out, name, scale_amounts(getattr(out, name), lambda d: convert(d, unit)))
        return out


# Fields of DepartmentData that hold no amounts in the source's unit (forms print 万元).
_NOT_AMOUNTS = {"meta", "overview", "glossary", "performance", "assets"}


def scale_amounts(value, convert):
    """Every Decimal amount inside ``value`` converted (models, dicts and lists walked)."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return convert(value)
    if isinstance(value, (BaseModel, Record)):  # input models and the model's records they hold
        if isinstance(value, PerformanceSummary):
            return value  # 万元 on the forms, and scores
        for name in type(value).model_fields:
            setattr(value, name, scale_amounts(getattr(value, name), convert))
        return value
    if isinstance(value, dict):
        return {k: scale_amounts(v, convert) for k, v in value.items()}
    if isinstance(value, list):
        return [scale_amounts(v, convert) for v in value]
    return value


# The last part of a block's path naming its first free row (where a new item is typed).
NEW_ROW = "+"

# The quantity each field of 上年决算数 (``narrative.prior_year``) is last year's value of.
PRIOR_ADDRESSES = {
    "summary:in.grand_total:amount": "total",
    "summary:ex.grand_total:amount": "total",
    "summary:in.total:amount": "income_total",
    "summary:ex.total:amount": "expenditure_total",
    "fiscal_summary:in.grand_total:amount": "fiscal_total",
    "fiscal_summary:ex.grand_total:total": "fiscal_total",
    "general_budget:total:total": "general_budget",
    "fund:total:income": "government_fund",
    "fund:total:total": "government_fund",
    "capital:total:total": "state_capital",
    "statistics:running.civil:amount": "running_cost",
    "statistics:running.admin:amount": "running_cost",
}


def prior_input_path(address: str) -> tuple | None:
    """The DepartmentData path of last year's value of the quantity at ``address`` (None when no
    input holds it); a code's path whether or not it was given."""
    if address in PRIOR_ADDRESSES:
        return ("narrative", "prior_year", PRIOR_ADDRESSES[address])
    table, row, column = (address.split(":") + ["", ""])[:3]
    if table == "general_budget" and row.isdigit() and column == "total":
        return ("narrative", "prior_year", "general_budget_by_code", row)
    if table == "three_public" and row == "actual":
        return ("narrative", "prior_year", "three_public", column)
    return None


# Where the preparer types each table's 年初预算数, by the table it budgets (the narrative's
# quantity ``<table>:<code>:total``): the same input path in the example folder and the workbook.
BUDGET_PATHS = {"general_budget": ("narrative", "budget"), "fund": ("narrative", "government_fund_budget"),
                "capital": ("narrative", "state_capital_budget")}
