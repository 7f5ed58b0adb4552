"""The shape of the preparer's workbook for a budget disclosure (部门预算/单位预算), shared by
``writers.budget_workbook`` and ``readers.budget_workbook``.

Every sheet is a form sheet (``workbook.plan``: labelled fields and blocks of rows found by their
label), holding exactly what ``budget_inputs.BudgetData`` holds: the 项 rows by fund source (基本/项目),
the economic 款 of the 一般公共预算 basic spending, 三公 and 机关运行经费, 上年预算 and 上年执行数, the
narrative's reasons and facts, the 项目经费情况说明 texts. Totals are formulas for the preparer to see;
``juesuan build`` computes every total again (``compile_budget``) from the typed leaves.

The formulas are written from the entries compile reads (``identities_budget.yaml``): a 项's
基本支出 and 项目支出 are the 支出预算总表's inputs (its sources' 基本支出, ``*.basic``), its 合计 that
table's 合计 identity over the columns this sheet has; a total row sums its column.
"""
from __future__ import annotations

from .. import identities
from ..budget_inputs import SOURCES
from ..tables import VEHICLE_WORDS
from .plan import INFO_SHEET, MONEY_HINT, UNIT_KINDS, Block, Column, Field, FormSheet, Heading, glossary_sheet

FUNCTIONAL_SHEET = "功能分类预算"
ECONOMIC_SHEET = "经济分类预算"
THREE_PUBLIC_SHEET = "三公和机关运行经费"
PRIOR_SHEET = "上年预算数"
REASONS_SHEET = "原因和用途"
FACTS_SHEET = "其他情况"
PROJECTS_SHEET = "项目经费情况说明"

SOURCE_NAMES = {
    "general": "一般公共预算拨款", "fund": "政府性基金拨款", "capital": "国有资本经营预算拨款",
    "business": "事业收入", "operation": "事业单位经营收入", "other": "其他收入",
}
TOTAL_LABEL = "合计（公式）"
FUNCTIONAL_BLOCK = "项级科目预算（每个项级科目一行；类、款和合计由系统计算）"
ECONOMIC_BLOCK = "一般公共预算基本支出（经济分类款级科目）"
EXECUTION_BLOCK = "上年当年预算执行数（按项级科目；填写后编制说明各项写明与上年执行数的比较）"
REASONS_BLOCK = "原因和用途"
PROJECT_TEXT_BLOCK = "项目文字（每段一行）"
PROJECT_PLAN_BLOCK = "年度预算安排（分季度用款计划）"
# 项目经费情况说明's headings, in print order: ProjectText field -> the heading the preparer sees.
PROJECT_PARTS = {"overview": "项目概况", "basis": "立项依据", "subject": "实施主体", "plan": "实施方案",
                 "period": "实施周期", "goals": "绩效目标"}
DUTIES_BLOCK = "二、主要职能"
ORGANISATION_BLOCK = "三、机构设置"
QUARTERS = ["第一季度", "第二季度", "第三季度", "第四季度"]


def _sum(cells: list[str]) -> str:
    return "=" + "+".join(cells) if cells else "=0"


def _typed(column: str, r: int, L: dict[str, str]) -> str:
    """A column of the 支出预算总表's 项 row as the sum of the typed cells its input path names
    (``*.basic``: every source's 基本支出)."""
    source, part = identities.budget().tables["budget_expenditure"].inputs[column].split(".", 1)
    return _sum([f"{L[f'{s}.{p}']}{r}" for s in (SOURCES if source == "*" else (source,))
                 for p in (("basic", "project") if part == "*" else (part,))])


def _basic(r: int, L: dict[str, str]) -> str:
    """基本支出 of a 项: the sum of its sources' 基本支出."""
    return _typed("basic", r, L)


def _project(r: int, L: dict[str, str]) -> str:
    return _typed("project", r, L)


def _total(r: int, L: dict[str, str]) -> str:
    """合计: the 支出预算总表's 合计 identity over the columns this sheet has (基本支出 + 项目支出)."""
    total = identities.budget().tables["budget_expenditure"].identity("total")
    return _sum([f"{L[f'_{c}']}{r}" for _, c in total.terms if f"_{c}" in L])  # 上缴上级支出 … are not typed here


def info_sheet() -> FormSheet:
    paragraphs = [Column("序号", None, "rowno", 8), Column("内容（每段一行）", "text", "longtext", 90, "每段文字填在一行中；段内不要换行")]
    return FormSheet(
        INFO_SHEET,
        "单位信息",
        [
            Heading("一、单位信息"),
            Field("部门（单位）名称", ("meta", "department"), "text", "公开文档中的部门（单位）全称", required=True, name="j_department"),
            Field("年度", ("meta", "year"), "year", "预算年度，四位数，如2025", required=True, name="j_year"),
            Field("填报金额单位", ("meta", "input_unit"), "choice", "本工作簿所有金额的单位：元或万元", choices=["元", "万元"], name="j_input_unit"),
            Field("金额单位", ("meta", "unit"), "choice", "公开表格打印的金额单位（上海的预算表为元；“三公”表总是万元）", choices=["元", "万元"], required=True),
            Field("预算层级", ("meta", "level"), "choice", "部门预算（部门及所属单位）或单位预算（一个单位）", choices=["部门", "单位"], required=True),
            Field("单位性质", ("meta", "unit_kind"), "choice", "行政单位、参公事业单位或事业单位", choices=UNIT_KINDS, required=True),
            Field("公开模板", ("meta", "profile"), "text", "本工作簿按此模板生成；更换模板请用 juesuan init --profile 重新生成", locked=True),
            Field("文档标题", ("meta", "document_title"), "opttext", "如“上海市普陀区2025年区级部门预算”；留空则用模板的标题"),
            Block(DUTIES_BLOCK, paragraphs, ("overview", "duties"), spare=5),
            Block(ORGANISATION_BLOCK, paragraphs, ("overview", "organisation"), spare=3),
        ],
        widths=[22, 90, 40],
    )


def functional_sheet(prints_public: bool) -> FormSheet:
    columns = [Column("科目编码", "code", "code", 12, "项级（7位）功能分类科目编码"), Column("科目名称", "name", "text", 30, "与科目目录一致")]
    for source in SOURCES:
        name = SOURCE_NAMES[source]
        columns += [Column(f"{name}\n基本支出", f"{source}.basic", "optmoney", 13, MONEY_HINT),
                    Column(f"{name}\n项目支出", f"{source}.project", "optmoney", 13, MONEY_HINT)]
    if prints_public:
        columns.append(Column("其中：基本支出中的\n公用经费", "public", "optmoney", 14,
                              "本项基本支出（各资金来源合计）中的公用经费；其余为人员经费。单位预算的财务收支预算总表按类列示"))
    columns += [Column("基本支出\n合计", "_basic", "formula", 13, formula=_basic),
                Column("项目支出\n合计", "_project", "formula", 13, formula=_project),
                Column("合计", "_total", "formula", 13, formula=_total)]
    return FormSheet(
        FUNCTIONAL_SHEET,
        "功能分类预算（收入预算按资金来源等于支出，不另填）",
        [Heading("每个项级科目一行，按资金来源填基本支出和项目支出；灰色列是公式。各表的类、款、合计，收支总表和财政拨款收支总表都由系统计算"),
         Block(FUNCTIONAL_BLOCK, columns, ("functional",), spare=10)],
        widths=[c.width for c in columns],
    )


def economic_sheet() -> FormSheet:
    return FormSheet(
        ECONOMIC_SHEET,
        "一般公共预算基本支出部门预算经济分类",
        [Heading("按经济分类款级（5位）科目填写；合计须等于功能分类预算中一般公共预算拨款的基本支出。人员经费、公用经费按科目所属的类由系统计算"),
         Block(ECONOMIC_BLOCK, [Column("科目编码", "code", "ecode", 14, "经济分类款级（5位）科目编码"), Column("预算数", "amount", "optmoney", 16, MONEY_HINT),
                                Column("科目名称", None, "lookup", 40)], ("general_basic",), spare=10)],
        widths=[40, 16, 40],
    )


THREE_PUBLIC_FIELDS = [("因公出国（境）费", "abroad"), ("公务接待费", "reception"), ("公务用车购置费", "vehicle_purchase"), ("公务用车运行费", "vehicle_running")]


def three_public_sheet() -> FormSheet:
    items = [Heading("“三公”经费预算（财政拨款；表中按万元打印，合计与小计由系统计算）")]
    items += [Field(label, ("three_public", key), "optmoney", MONEY_HINT) for label, key in THREE_PUBLIC_FIELDS]
    items.append(Heading("机关运行经费预算（行政单位和参公事业单位的一般公共预算财政拨款基本支出中的公用经费；没有的填0）"))
    items.append(Field("机关运行经费", ("running_cost",), "optmoney", MONEY_HINT))
    return FormSheet(THREE_PUBLIC_SHEET, "“三公”经费和机关运行经费预算", items, widths=[40, 20])


PRIOR_FIELDS = [("财政拨款收入（支出）预算", "fiscal"), ("一般公共预算拨款支出预算", "general"),
                ("政府性基金拨款支出预算", "fund"), ("国有资本经营预算拨款支出预算", "capital")]


def prior_sheet() -> FormSheet:
    items: list = [Heading("一、上年预算数（编制说明按它写“比上年预算增加/减少……”；上年没有的填0）")]
    items += [Field(label, ("narrative", "prior_budget", key), "optmoney", MONEY_HINT) for label, key in PRIOR_FIELDS]
    items.append(Heading("二、上年“三公”经费预算数"))
    items += [Field(f"上年{label}", ("narrative", "prior_budget", "three_public", key), "optmoney", MONEY_HINT) for label, key in THREE_PUBLIC_FIELDS]
    items.append(Block(EXECUTION_BLOCK, [Column("科目编码", "code", "code", 14, "项级（7位）功能分类科目编码"),
                                         Column("上年执行数", "amount", "optmoney", 16, MONEY_HINT), Column("科目名称", None, "lookup", 40)],
                       ("narrative", "prior_execution"), spare=8))
    return FormSheet(PRIOR_SHEET, "上年预算数和上年执行数", items, widths=[40, 16, 40])


def reasons_sheet() -> FormSheet:
    return FormSheet(
        REASONS_SHEET,
        "编制说明和“三公”说明中的原因和用途",
        [Heading("编制说明引用这里的文字（“主要原因是……”“主要用于……”）；留空的在编制时列为待补充，不会被编造"),
         Block(REASONS_BLOCK,
               [Column("编号", "key", "key", 30, "系统使用的编号，请勿改动；新增时按已有编号的格式填写", fixed=True),
                Column("事项", None, "label", 46, fixed=True),
                Column("内容", "text", "longtext", 80, "一句话，不以句号结尾")],
               ("narrative", "reasons"), spare=5)],
        widths=[30, 46, 80],
    )


def facts_sheet() -> FormSheet:
    n = ("narrative",)
    items: list = [
        Heading("一、机关运行经费涵盖的单位（部门预算写“下属X家机关和Y家参公事业单位”；单位预算留空）"),
        Field("机关（行政单位）家数", n + ("running_units", "admin"), "optcount", "家"),
        Field("参公事业单位家数", n + ("running_units", "civil"), "optcount", "家"),
        Heading("二、政府采购预算"),
        Field("政府采购货物预算", n + ("procurement", "goods"), "optmoney", MONEY_HINT),
        Field("政府采购工程预算", n + ("procurement", "works"), "optmoney", MONEY_HINT),
        Field("政府采购服务预算", n + ("procurement", "services"), "optmoney", MONEY_HINT),
        Field("面向中小企业预留金额", n + ("procurement", "sme_reserved"), "optmoney", "没有这项说明的留空"),
        Field("其中预留给小型和微型企业", n + ("procurement", "micro_reserved"), "optmoney", "没有这项说明的留空"),
        Heading("三、绩效目标设置情况"),
        Field("开展绩效目标编报的预算单位个数", n + ("performance", "units"), "optcount", "个（部门预算）"),
        Field("编报绩效目标的项目个数", n + ("performance", "projects"), "optcount", "个"),
        Field("涉及项目预算资金", n + ("performance", "amount"), "optmoney", MONEY_HINT),
        Heading("四、国有资产占有使用情况"),
        Field("车辆和设备数的截止日期", n + ("assets", "as_of"), "opttext", "如“2024年8月31日”"),
    ]
    items += [Field(f"实有{word}", n + ("assets", "vehicles", key), "optcount", "辆") for key, word in VEHICLE_WORDS.items()]
    items.append(Field("实有单价100万元以上设备", n + ("assets", "equipment"), "optcount", "台（套）"))
    items += [Field(f"本年预算安排购置{word}", n + ("assets", "planned_vehicles", key), "optcount", "辆") for key, word in VEHICLE_WORDS.items()]
    items.append(Field("本年预算安排购置单价100万元以上设备", n + ("assets", "planned_equipment"), "optcount", "台（套）"))
    return FormSheet(FACTS_SHEET, "其他相关情况说明所需的数", items, widths=[40, 30], required=False)


def projects_sheet() -> FormSheet:
    return FormSheet(
        PROJECTS_SHEET,
        "项目经费情况说明（部门预算）",
        [Heading("每个项目按序号填写；一段文字一行。单位预算没有这一部分，留空即可"),
         Block(PROJECT_TEXT_BLOCK, [Column("项目序号", "project", "count", 10, "第几个项目（1、2……）"),
                                    Column("部分", "part", "choice", 14, "项目概况、立项依据……", choices=list(PROJECT_PARTS.values())),
                                    Column("文字", "text", "longtext", 90, "一段文字")],
               ("narrative", "projects", "texts"), spare=5),
         Block(PROJECT_PLAN_BLOCK, [Column("项目序号", "project", "count", 10, "第几个项目"),
                                    *[Column(f"{q}用款计划", f"q{i}", "optmoney", 14, MONEY_HINT) for i, q in enumerate(QUARTERS)]],
               ("narrative", "projects", "quarters"), spare=2)],
        widths=[14, 14, 90, 14, 14],
        required=False,
    )


def sheets(profile) -> list[FormSheet]:
    """Every sheet after the guide, in order, for a budget ``profile``."""
    return [info_sheet(), functional_sheet(profile.splits_basic_by_class()), economic_sheet(), three_public_sheet(),
            prior_sheet(), reasons_sheet(), facts_sheet(), projects_sheet(), glossary_sheet()]
