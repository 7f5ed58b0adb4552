"""The table kinds every profile shares: semantic ids, row keys and column keys.

A profile decides how a table looks (表号, title, header rows, which rows are printed and in
what order); the *meaning* of each row and column is fixed here, so rules, the narrative and
every reader and writer speak about the same quantities whatever the province.

Row keys: ``total`` for a 合计 row, the classification code for a coded row ("212",
"21201", "2120101" or "30101"), and dotted names for fixed rows ("in.total", "ex.212").
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableKind:
    """A kind of table the model knows (收入支出决算总表 …): its columns' meanings and what its rows are."""

    id: str
    title: str  # the usual Chinese title; profiles may word it differently
    columns: dict[str, str]  # column key -> Chinese meaning
    coded: str | None = None  # "functional" or "economic" when rows are classification codes
    fiscal_only: bool = False  # 财政拨款 scope (公开04–09) rather than all funds
    family: str = "final"  # final (决算) or budget (预算): the document the table belongs to


INCOME_SOURCES = {
    "in.fiscal_general": "一般公共预算财政拨款收入",
    "in.fiscal_fund": "政府性基金预算财政拨款收入",
    "in.fiscal_capital": "国有资本经营预算财政拨款收入",
    "in.superior": "上级补助收入",
    "in.business": "事业收入",
    "in.operation": "经营收入",
    "in.affiliated": "附属单位上缴收入",
    "in.other": "其他收入",
}

# Columns of the two fund tables (政府性基金, 国有资本经营): balances either side of the year.
FUND_COLUMNS = {
    "begin": "年初结转和结余",
    "income": "本年收入",
    "total": "本年支出小计",
    "basic": "基本支出",
    "project": "项目支出",
    "end": "年末结转和结余",
}

KINDS: dict[str, TableKind] = {
    k.id: k
    for k in [
        TableKind("summary", "收入支出决算总表", {"amount": "金额"}),
        TableKind(
            "income",
            "收入决算表",
            {
                "total": "本年收入合计",
                "fiscal": "财政拨款收入",
                "superior": "上级补助收入",
                "business": "事业收入",
                "operation": "经营收入",
                "affiliated": "附属单位上缴收入",
                "other": "其他收入",
            },
            coded="functional",
        ),
        TableKind(
            "expenditure",
            "支出决算表",
            {
                "total": "本年支出合计",
                "basic": "基本支出",
                "project": "项目支出",
                "upper": "上缴上级支出",
                "operation": "经营支出",
                "affiliated": "对附属单位补助支出",
            },
            coded="functional",
        ),
        TableKind(
            "fiscal_summary",
            "财政拨款收入支出决算总表",
            {
                "amount": "金额",
                "total": "合计",
                "general": "一般公共预算财政拨款",
                "fund": "政府性基金预算财政拨款",
                "capital": "国有资本经营预算财政拨款",
            },
            fiscal_only=True,
        ),
        TableKind(
            "general_budget",
            "一般公共预算财政拨款支出决算表",
            {"total": "小计", "basic": "基本支出", "project": "项目支出"},
            coded="functional",
            fiscal_only=True,
        ),
        TableKind(
            "general_basic",
            "一般公共预算财政拨款基本支出决算明细表",
            {"amount": "决算数"},
            coded="economic",
            fiscal_only=True,
        ),
        TableKind(
            "fund",
            "政府性基金预算财政拨款收入支出决算表",
            FUND_COLUMNS,
            coded="functional",
            fiscal_only=True,
        ),
        TableKind(
            "capital",
            "国有资本经营预算财政拨款支出决算表",
            {**FUND_COLUMNS, "total": "本年支出合计"},
            coded="functional",
            fiscal_only=True,
        ),
        TableKind(
            "three_public",
            "财政拨款“三公”经费支出决算表",
            {
                "total": "合计",
                "abroad": "因公出国（境）费",
                "vehicle_total": "公务用车购置及运行维护费小计",
                "vehicle_purchase": "公务用车购置费",
                "vehicle_running": "公务用车运行维护费",
                "reception": "公务接待费",
            },
            fiscal_only=True,
        ),
        TableKind("statistics", "部门决算公开相关信息统计表", {"amount": "统计数"}),
    ]
}

# The nine tables of a budget disclosure (部门预算/单位预算). Their own ids (budget_*), so a
# final-accounts rule never reads a budget table as its namesake: 预算数 is not 决算数, and the
# budget's 财务收支预算总表 has no 结转结余 rows. Column keys follow the final-accounts kinds
# where the meaning is the same (total/basic/project, general/fund/capital).
# 基本支出 may be printed split into 人员经费 and 公用经费.
BUDGET_SPENDING = {"total": "合计", "basic": "基本支出", "personnel": "人员经费", "public": "公用经费", "project": "项目支出",
                   # last year's figures, where a profile's layout prints them (juesuan.budget_priors)
                   "prior": "上年预算数", "prior_executed": "上年执行数"}
BUDGET_KINDS = [
    TableKind(
        "budget_summary",
        "财务收支预算总表",
        # amount: 预算数 (income side, and the expenditure side's 合计); some templates (a 单位预算)
        # split the expenditure side into 基本支出 (人员经费, 公用经费) and 项目支出.
        {"amount": "预算数", "basic": "基本支出", "personnel": "人员经费", "public": "公用经费", "project": "项目支出"},
        family="budget",
    ),
    TableKind(
        "budget_income",
        "收入预算总表",
        {
            "total": "合计",
            "carryover": "上年结转",
            "fiscal": "财政拨款收入",
            "fiscal_general": "一般公共预算拨款收入",
            "fiscal_fund": "政府性基金预算拨款收入",
            "fiscal_capital": "国有资本经营预算拨款收入",
            "special_account": "财政专户管理资金收入",
            "business": "事业收入",
            "superior": "上级补助收入",
            "affiliated": "附属单位上缴收入",
            "operation": "事业单位经营收入",
            "other": "其他收入",
        },
        coded="functional",
        family="budget",
    ),
    TableKind(
        "budget_expenditure",
        "支出预算总表",
        {**BUDGET_SPENDING, "upper": "上缴上级支出", "operation": "事业单位经营支出", "affiliated": "对附属单位补助支出"},
        coded="functional",
        family="budget",
    ),
    TableKind(
        "budget_fiscal_summary",
        "财政拨款收支预算总表",
        {
            "amount": "预算数",
            "total": "合计",
            "general": "一般公共预算",
            "fund": "政府性基金预算",
            "capital": "国有资本经营预算",
        },
        fiscal_only=True,
        family="budget",
    ),
    TableKind(
        "budget_general",
        "一般公共预算支出功能分类预算表",
        BUDGET_SPENDING,
        coded="functional",
        fiscal_only=True,
        family="budget",
    ),
    TableKind(
        "budget_fund",
        "政府性基金预算支出功能分类预算表",
        BUDGET_SPENDING,
        coded="functional",
        fiscal_only=True,
        family="budget",
    ),
    TableKind(
        "budget_capital",
        "国有资本经营预算支出功能分类预算表",
        BUDGET_SPENDING,
        coded="functional",
        fiscal_only=True,
        family="budget",
    ),
    TableKind(
        "budget_general_basic",
        "一般公共预算基本支出部门预算经济分类预算表",
        {"total": "合计", "personnel": "人员经费", "public": "公用经费"},
        coded="economic",
        fiscal_only=True,
        family="budget",
    ),
    TableKind(
        "budget_three_public",
        "“三公”经费和机关运行经费预算表",
        {
            "total": "合计",
            "abroad": "因公出国（境）费",
            "reception": "公务接待费",
            "vehicle_total": "公务用车购置及运行费小计",
            "vehicle_purchase": "公务用车购置费",
            "vehicle_running": "公务用车运行费",
            "running": "机关运行经费",
        },
        fiscal_only=True,
        family="budget",
    ),
]
KINDS.update({k.id: k for k in BUDGET_KINDS})
BUDGET_TABLES = tuple(k.id for k in BUDGET_KINDS)

# Row keys of the fixed rows (those that are not classification codes).
SUMMARY_INCOME_ROWS = {
    **INCOME_SOURCES,
    "in.total": "本年收入合计",
    "in.nonfiscal_balance_used": "使用非财政拨款结余（含专用结余）",
    "in.begin_balance": "年初结转和结余",
    "in.grand_total": "总计",
}
SUMMARY_EXPENDITURE_ROWS = {
    "ex.total": "本年支出合计",
    "ex.distribution": "结余分配",
    "ex.end_balance": "年末结转和结余",
    "ex.grand_total": "总计",
}
FISCAL_INCOME_ROWS = {
    "in.fiscal_general": "一般公共预算财政拨款",
    "in.fiscal_fund": "政府性基金预算财政拨款",
    "in.fiscal_capital": "国有资本经营预算财政拨款",
    "in.total": "本年收入合计",
    "in.begin_balance": "年初财政拨款结转和结余",
    "in.begin_general": "一般公共预算财政拨款",
    "in.begin_fund": "政府性基金预算财政拨款",
    "in.begin_capital": "国有资本经营预算财政拨款",
    "in.grand_total": "总计",
}
FISCAL_EXPENDITURE_ROWS = {
    "ex.total": "本年支出合计",
    "ex.end_balance": "年末财政拨款结转和结余",
    "ex.grand_total": "总计",
}
STATISTICS_ROWS = {
    "procurement.total": "政府采购支出合计",
    "procurement.goods": "货物",
    "procurement.works": "工程",
    "procurement.services": "服务",
    "running.admin": "机关运行经费（行政单位）",
    "running.civil": "机关运行经费（参照公务员法管理事业单位）",
    "vehicles.total": "车辆数合计（辆）",
    "vehicles.ministerial": "副部（省）级及以上领导用车",
    "vehicles.head": "主要负责人用车",
    "vehicles.confidential": "机要通信用车",
    "vehicles.emergency": "应急保障用车",
    "vehicles.law": "执法执勤用车",
    "vehicles.special": "特种专业技术用车",
    "vehicles.retired": "离退休干部服务用车",
    "vehicles.other": "其他用车",
    "equipment": "单价100万元（含）以上设备（不含车辆）",
}
VEHICLE_CATEGORIES = [k for k in STATISTICS_ROWS if k.startswith("vehicles.") and k != "vehicles.total"]
# Count rows: integers, not money.
COUNT_ROWS = {"vehicles.total", *VEHICLE_CATEGORIES, "equipment"}
THREE_PUBLIC_ROWS = {"budget": "预算数", "actual": "决算数"}

# Fixed rows of the budget tables (the expenditure side's 类 rows are ``ex.<code>``, as above).
BUDGET_SUMMARY_INCOME_ROWS = {
    "in.fiscal": "财政拨款收入",
    "in.fiscal_general": "一般公共预算资金",
    "in.fiscal_fund": "政府性基金",
    "in.fiscal_capital": "国有资本经营预算",
    "in.special_account": "财政专户管理资金收入",
    "in.business": "事业收入",
    "in.superior": "上级补助收入",
    "in.affiliated": "附属单位上缴收入",
    "in.operation": "事业单位经营收入",
    "in.other": "其他收入",
    "in.total": "本年收入合计",  # templates that print 上年结转 beside this year's income
    "in.carryover": "上年结转",
    "in.grand_total": "收入总计",
}
BUDGET_SUMMARY_EXPENDITURE_ROWS = {
    "ex.total": "本年支出合计",
    "ex.carry_forward": "结转下年",
    "ex.grand_total": "支出总计",
}
BUDGET_FISCAL_INCOME_ROWS = {
    "in.fiscal_general": "一般公共预算资金",
    "in.fiscal_fund": "政府性基金",
    "in.fiscal_capital": "国有资本经营预算",
    "in.carryover": "上年结转",
    "in.carryover_general": "上年结转·一般公共预算",  # templates that split 上年结转 by fund
    "in.carryover_fund": "上年结转·政府性基金",
    "in.carryover_capital": "上年结转·国有资本经营预算",
    "in.grand_total": "收入总计",
}
BUDGET_FISCAL_EXPENDITURE_ROWS = {
    "ex.total": "本年支出合计",
    "ex.carry_forward": "结转下年",
    "ex.grand_total": "支出总计",
}
# The 三公 table of a budget has one row: this year's 预算数.
BUDGET_THREE_PUBLIC_ROWS = {"budget": "预算数"}


# Vehicle categories (keys without ``vehicles.``) in the order and words a budget's 国有资产 paragraph prints them.
VEHICLE_WORDS = {
    "ministerial": "部级领导干部用车",
    "head": "主要领导干部用车",
    "confidential": "机要通信用车",
    "emergency": "应急保障用车",
    "law": "执法执勤用车",
    "special": "特种专业技术用车",
    "retired": "离退休干部用车",
    "other": "其他用车",
}
