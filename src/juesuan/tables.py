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
    id: str
    title: str  # the usual Chinese title; profiles may word it differently
    columns: dict[str, str]  # column key -> Chinese meaning
    coded: str | None = None  # "functional" or "economic" when rows are classification codes
    fiscal_only: bool = False  # 财政拨款 scope (公开04–09) rather than all funds


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
