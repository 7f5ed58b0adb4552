"""The preparer's input for a budget disclosure (部门预算/单位预算): leaf data only, never a total.

A budget balances per 项: what a 项 spends from a fund source is that source's 收入预算 for the
项, so a leaf states each source's 基本支出 and 项目支出 and nothing else. Amounts are in the
source's unit (``meta.input_unit``), kept exactly; compile sums them and prints each cell rounded
in the document's unit (``meta.unit``, 元 for the Shanghai budgets).

An example folder for a budget holds ``department.yaml`` (meta with ``family: budget``, overview),
``budget.yaml`` (``functional``, ``general_basic``, ``three_public``, ``running_cost``) and
``narrative.yaml`` (``prior_budget``, ``reasons``, ``running_units``, ``procurement``,
``performance``, ``assets``, ``projects``).
"""
from __future__ import annotations

from pydantic import Field, field_validator

from .inputs import BasicProject, Leaf, NonNegative, NonNegativeMoney, ThreePublicAmounts, vehicle_counts
from .model import GlossaryEntry, Meta, Overview
from .money import ExactMoney as Money, OptExact as OptMoney

# Fund sources of a 项, in the order the budget tables print them; the first three are 财政拨款
# (identities_budget.yaml's funds).
SOURCES = ("general", "fund", "capital", "business", "operation", "other")


class BudgetLeaf(Leaf):
    """One 项: its spending by fund source, each split into 基本支出 and 项目支出."""

    code: str
    name: str
    general: BasicProject = Field(default_factory=BasicProject)  # 一般公共预算拨款
    fund: BasicProject = Field(default_factory=BasicProject)  # 政府性基金预算拨款
    capital: BasicProject = Field(default_factory=BasicProject)  # 国有资本经营预算拨款
    business: BasicProject = Field(default_factory=BasicProject)  # 事业收入
    operation: BasicProject = Field(default_factory=BasicProject)  # 事业单位经营收入
    other: BasicProject = Field(default_factory=BasicProject)  # 其他收入
    # 公用经费 within this 项's 基本支出 (all sources; the rest is 人员经费): a 单位预算's 财务收支预算总表
    # splits each 类's 基本支出 into 人员经费 and 公用经费 (profile shanghai-budget-unit).
    public: OptMoney = None

    @field_validator("code", mode="before")
    @classmethod
    def _code_text(cls, value):
        return str(value).strip()


# 三公 amounts: the same four as the final accounts' (因公出国（境）, 公务接待, 公务用车购置, 运行).
BudgetThreePublic = ThreePublicAmounts


class PriorBudget(Leaf):
    """上年预算数 the narrative compares this year's budget with."""

    fiscal: OptMoney = None  # 财政拨款收入（支出）预算
    general: OptMoney = None  # 一般公共预算拨款支出预算
    fund: OptMoney = None
    capital: OptMoney = None
    three_public: BudgetThreePublic | None = None


class RunningUnits(Leaf):
    admin: int = 0  # 机关（行政单位）
    civil: int = 0  # 参照公务员法管理事业单位


class BudgetProcurement(NonNegative):
    goods: Money = 0  # type: ignore[assignment]
    works: Money = 0  # type: ignore[assignment]
    services: Money = 0  # type: ignore[assignment]
    sme_reserved: OptMoney = None  # 面向中小企业预留政府采购项目预算金额
    micro_reserved: OptMoney = None  # 其中预留给小型和微型企业


class PerformanceTargets(Leaf):
    units: int | None = None  # 开展绩效目标编报的预算单位个数
    projects: int | None = None  # 编报绩效目标的项目个数
    amount: OptMoney = None  # 涉及项目预算资金


class BudgetAssets(Leaf):
    as_of: str | None = None  # 截至…
    vehicles: dict[str, int] = Field(default_factory=dict)  # category -> 实有车辆
    equipment: int = 0  # 单价100万元（含）以上设备 台（套）
    planned_vehicles: dict[str, int] = Field(default_factory=dict)  # 本年预算安排购置
    planned_equipment: int = 0

    @field_validator("vehicles", "planned_vehicles")
    @classmethod
    def _known_categories(cls, value: dict[str, int]) -> dict[str, int]:
        return vehicle_counts(value)


class ProjectText(Leaf):
    """One project of 项目经费情况说明: its texts, and the 用款计划 by quarter (the sentence is generated)."""

    overview: list[str] = Field(default_factory=list)
    basis: list[str] = Field(default_factory=list)
    subject: list[str] = Field(default_factory=list)
    plan: list[str] = Field(default_factory=list)
    period: list[str] = Field(default_factory=list)
    quarters: list[Money] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)


class BudgetNarrativeInput(Leaf):
    prior_budget: PriorBudget = Field(default_factory=PriorBudget)
    # 上年当年预算执行数 by 项 code: where given, the 编制说明 item compares this year's budget with it
    # (“2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%”).
    prior_execution: dict[str, Money] = Field(default_factory=dict)
    reasons: dict[str, str] = Field(default_factory=dict)
    running_units: RunningUnits = Field(default_factory=RunningUnits)
    procurement: BudgetProcurement = Field(default_factory=BudgetProcurement)
    performance: PerformanceTargets = Field(default_factory=PerformanceTargets)
    assets: BudgetAssets = Field(default_factory=BudgetAssets)
    projects: list[ProjectText] = Field(default_factory=list)


class BudgetData(Leaf):
    """Everything a preparer types for one department's budget."""

    meta: Meta
    overview: Overview = Field(default_factory=Overview)
    functional: list[BudgetLeaf] = Field(default_factory=list)
    general_basic: dict[str, NonNegativeMoney] = Field(default_factory=dict)  # 经济分类 款 -> 预算数
    three_public: BudgetThreePublic = Field(default_factory=BudgetThreePublic)
    running_cost: OptMoney = None  # 机关运行经费预算 (行政单位 and 参公 units only: typed)
    narrative: BudgetNarrativeInput = Field(default_factory=BudgetNarrativeInput)
    glossary: list[GlossaryEntry] | None = None  # None: the profile's glossary

    @field_validator("general_basic", mode="before")
    @classmethod
    def _code_keys(cls, value):
        return {str(k).strip(): v for k, v in value.items()} if isinstance(value, dict) else value
