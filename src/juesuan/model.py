"""The disclosure model: one department-year, as built or as printed.

The same model holds what ``juesuan build`` compiles from leaf data and what ``juesuan audit``
reads from a published document. A read document keeps its printed values, wrong totals
included, and every value keeps where it was read from, so a rule written once serves both.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from dataclasses import field

from .money import ExactMoney, FineAmount, OptExact, OptMoney
from .record import Record

UnitKind = Literal["行政单位", "参照公务员法管理事业单位", "事业单位"]
# Which document of the year: the final accounts (决算, the default everywhere) or the budget (预算).
Family = Literal["final", "budget"]
FAMILY_ZH = {"final": "决算", "budget": "预算"}
Level = Literal["部门", "单位"]  # 部门决算/部门预算 (a department and its units) or 单位决算/单位预算 (one unit)


class Strict(Record):
    """A class of the disclosure model: a dataclass; validated and serialised by pydantic on
    demand (``juesuan.record``), unknown keys refused."""


class SourceLoc(Strict):
    """Where something was read from: a page and line, or a sheet and cell."""

    file: str | None = None
    page: int | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.sheet:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        return "".join(parts)


class Row(Strict):
    """One printed row of a table: its key (a classification code or a fixed row's name), its
    values by column, and where it was printed."""

    key: str
    name: str = ""
    line_no: int | None = None  # 行次
    values: dict[str, OptMoney] = field(default_factory=dict)  # as printed (0.01), in the document's unit
    # The exact amount behind a printed value, where it has more places than print shows (a
    # disclosure built from 元: each printed cell is that amount rounded, 四舍五入).
    exact: dict[str, OptExact] = field(default_factory=dict)
    loc: SourceLoc | None = None
    cell_locs: dict[str, SourceLoc] = field(default_factory=dict)

    def get(self, column: str) -> Decimal | None:
        return self.values.get(column)

    def exact_value(self, column: str) -> Decimal | None:
        """The exact amount of a cell (the printed one when nothing finer is known)."""
        return self.exact[column] if column in self.exact else self.values.get(column)


class Table(Strict):
    """One of the disclosure's tables, as built or as printed: its rows, note and statement,
    heading, and how its amounts are printed."""

    id: str
    present: bool = True  # False: the profile requires it, the document lacks it
    rows: list[Row] = field(default_factory=list)
    note: str | None = None  # 注：本表反映…
    statement: str | None = None  # 说明：本表无数据 / 本年度无此项支出
    heading: dict[str, str] = field(default_factory=dict)  # 部门名称/年度/金额单位 lines as printed
    loc: SourceLoc | None = None
    # Read documents: the decimal places its amounts are printed with (0: whole 元, as many budgets
    # print them) and the unit it prints when not the document's (a budget's 三公 table in 万元,
    # its other tables in 元). Values are always held in the document's unit; these say how
    # precise each printed figure was, so a rule can tell rounding from error.
    places: int | None = None
    printed_unit: Literal["万元", "元"] | None = None

    def row(self, key: str) -> Row | None:
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def value(self, key: str, column: str) -> Decimal | None:
        r = self.row(key)
        return None if r is None else r.values.get(column)

    def coded_rows(self) -> list[Row]:
        return [r for r in self.rows if r.key.isdigit()]


class Meta(Strict):
    """Who and what the disclosure is: department, year, units, profile, document family and
    level."""

    department: str  # 部门（单位）名称
    department_code: str | None = None
    year: int
    unit: Literal["万元", "元"] = "万元"  # 金额单位 the document prints
    # 填报金额单位: the unit the source's amounts were given in (the official software's 元, or 万元).
    input_unit: Literal["万元", "元"] = "万元"
    # The profile (built-in id or folder path) the document is laid out in. No default: a source names
    # it (department.yaml, the workbook's 公开模板, --profile) or a reader detects it from the document.
    profile: str
    family: Family = "final"  # 决算 (final accounts) or 预算 (budget): which rules and layouts apply
    level: Level | None = None  # 部门 or 单位 when known (a 单位预算 covers one unit only)
    unit_kind: UnitKind = "行政单位"
    document_title: str | None = None  # e.g. 2024年度单位决算公开 (as printed)
    headings: list[str] = field(default_factory=list)  # part headings as printed (目录 and body), read documents only


class UnitEntry(Strict):
    """A row of 部门决算单位构成 (the units the department's accounts cover)."""

    no: int
    name: str
    remark: str | None = None


class Overview(Strict):
    """部门基本情况: the department's duties, organisation and the units it comprises."""

    duties: list[str] = field(default_factory=list)  # 职责, one paragraph each
    organisation: list[str] = field(default_factory=list)  # 机构设置情况 paragraphs
    units: list[UnitEntry] = field(default_factory=list)  # 部门决算单位构成


class ThreePublicFacts(Strict):
    """三公 details the narrative states and no table holds."""

    abroad_groups: int = 0  # 出国（境）团组
    abroad_persons: int = 0  # 人次
    vehicles_purchased: int = 0  # 购置公务用车 辆
    vehicles_held: int = 0  # 财政拨款负担的公务用车保有量
    reception_batches: int = 0  # 国内公务接待 批次
    reception_persons: int = 0
    foreign_reception: OptExact = None  # 其中外事接待费
    foreign_reception_batches: int = 0
    foreign_reception_persons: int = 0
    abroad_reception: OptExact = None  # 国（境）外接待费
    abroad_reception_batches: int = 0
    abroad_reception_persons: int = 0


class ProcurementFacts(Strict):
    """政府采购 amounts the narrative states that no table holds (中小企业、小微企业合同金额)."""

    sme: OptExact = None  # 授予中小企业合同金额
    micro: OptExact = None  # 其中授予小微企业合同金额
    sme_reserved_budget: OptExact = None  # 面向中小企业预留项目预算金额 (shanghai)
    micro_reserved_budget: OptExact = None
    sme_reserved_awarded: OptExact = None
    micro_reserved_awarded: OptExact = None
    sme_other_awarded: OptExact = None


class PerformanceSummary(Strict):
    """The performance part of the narrative: computed from the forms when the disclosure has
    them, otherwise typed by the preparer (shanghai documents publish no forms)."""

    projects: int | None = None  # 绩效自评项目个数
    amount: FineAmount = None  # 涉及资金（万元）
    basis: str = "budgeted"  # which form column ``amount`` sums: budgeted (预算编制数) | annual_budget | executed
    grades: dict[str, int] = field(default_factory=dict)  # 优/良/中/差 (or 合格/不合格) -> count
    average_score: FineAmount = None
    # Shanghai's 十、预算绩效管理情况 also reports these:
    systems: list[str] = field(default_factory=list)  # 预算绩效管理制度 names
    mechanism: str | None = None  # 工作机制
    target_projects: int | None = None  # 编报绩效目标的项目个数
    target_amount: FineAmount = None
    tracked_projects: int | None = None  # 绩效跟踪评价的项目个数
    tracked_amount: FineAmount = None
    issues_found: int | None = None
    issues_fixed: int | None = None
    issues_fixing: int | None = None


class Context(Strict):
    """What the narrative needs that no table holds.

    ``prior`` and ``budget`` are keyed by quantity address ``table:row:column``
    (e.g. ``general_budget:212:total``), the same addresses the rules use.
    """

    prior: dict[str, OptExact] = field(default_factory=dict)  # 上年决算数 (exact 万元)
    budget: dict[str, OptExact] = field(default_factory=dict)  # 年初预算数 (exact 万元)
    reasons: dict[str, str] = field(default_factory=dict)  # 主要原因/主要用于, keyed
    three_public: ThreePublicFacts = field(default_factory=ThreePublicFacts)
    procurement: ProcurementFacts = field(default_factory=ProcurementFacts)
    performance: PerformanceSummary = field(default_factory=PerformanceSummary)
    # Where the preparer typed each of these inputs (a workbook's sheet and cell), so a finding on
    # the narrative built from them names that cell. Keyed as the claims name their figures:
    # ``prior:<address>``, ``budget:<address>``, ``reasons:<key>``, ``facts:three_public.<field>``,
    # ``facts:procurement.<field>``, ``perf:<field>``. Empty for an example folder or a read document.
    sources: dict[str, SourceLoc] = field(default_factory=dict)

    def source(self, key: str) -> SourceLoc | None:
        return self.sources.get(key)


class NarrativeGap(Strict):
    """An input the built narrative lacks and marks 【待补充：…】: the key the preparer fills it
    under (a reason's, ``total_change``, ``class.212.usage``) and what it is in words."""

    key: str
    label: str


class NarrativeSection(Strict):
    """One section of the narrative (情况说明): its paragraphs, where each was printed, and what a
    build still asks for."""

    key: str  # profile section key, e.g. "total", "general_budget"
    title: str
    paragraphs: list[str] = field(default_factory=list)
    locs: list[SourceLoc | None] = field(default_factory=list)  # one per paragraph when read
    gaps: list[NarrativeGap] = field(default_factory=list)  # built: the keyed inputs its 待补充 markers ask for

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        from pydantic_core import core_schema

        schema = handler(source)
        schema["serialization"] = core_schema.wrap_serializer_function_ser_schema(_without_empty_gaps)
        return schema


def _without_empty_gaps(section: NarrativeSection, handler):
    out = handler(section)
    if not section.gaps and isinstance(out, dict):  # a complete section's JSON stays as it was
        out.pop("gaps", None)
    return out


class GlossaryEntry(Strict):
    """A term of 名词解释 and its explanation."""

    term: str
    text: str


class FundingRow(Strict):
    """A row of a performance form's funding table (资金总额, 财政资金 …): budgets, execution, balance,
    rate, score."""

    source: str  # 资金总额 / 财政资金 …
    declared: FineAmount = None  # 年初预算数·目标申报数
    budgeted: FineAmount = None  # 年初预算数·预算编制数
    annual_budget: FineAmount = None  # 全年预算数
    executed: FineAmount = None  # 全年执行数
    deviation_reason: str | None = None
    # As printed (read documents) or computed (built): 资金结余, 执行率, 得分.
    balance: FineAmount = None
    rate: FineAmount = None
    score: FineAmount = None


class Indicator(Strict):
    """One indicator of a performance form: its levels, targets, actual value, weight and score."""

    level1: str
    level2: str
    name: str
    initial: str = ""
    adjusted: str = ""
    actual: str = ""
    note: str = ""
    weight: FineAmount = None
    score: FineAmount = None
    deviation: str = ""


class PerformanceAnalysis(Strict):
    """The written parts of a performance form: implementation, outputs, effects, problems, next
    steps."""

    implementation: str = ""
    output: str = ""
    effect: str = ""
    satisfaction: str = ""
    experience: str = ""
    problems: str = ""
    next_steps: str = ""


class PerformanceForm(Strict):
    """A performance self-evaluation form (绩效自评表): funding, goals, indicators and the total
    score."""

    name: str
    prefix: str = ""
    department: str = ""
    unit: str = ""
    funding: list[FundingRow] = field(default_factory=list)
    goal: str = ""
    achieved: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    total: FineAmount = None  # 总分 (printed or computed)
    grade: str | None = None  # 等级
    analysis: PerformanceAnalysis = field(default_factory=PerformanceAnalysis)
    loc: SourceLoc | None = None


class PrintedLine(Strict):
    """A line of a read document kept as printed: a part heading, a title line, a 目录 entry."""

    text: str
    loc: SourceLoc | None = None
    table: str | None = None  # the table kind a 目录 entry names (``other`` for a kind the model lacks)


class PrintedPage(Strict):
    """One page of a read document as printed (PDF): what is on it, so a blank page can be told."""

    number: int
    lines: int = 0  # printed lines, page numbers left out
    rows: int = 0  # table rows read from the page (a body, with or without figures)
    row_lines: int = 0  # printed lines laid out as a table's (header rows included)
    text: int = 0  # lines of running text (a sentence: clause marks, or 30 characters and more)
    says_empty: bool = False  # a 注/说明 on it says the table is empty on purpose (本表无数据, 本表为空表)
    first: str = ""  # its first line (a title, a heading)
    contents: bool = False  # it holds (part of) the 目录
    tables: list[str] = field(default_factory=list)  # tables that start on it
    sections: list[str] = field(default_factory=list)  # narrative sections that start on it


class OtherTable(Strict):
    """A printed table of a kind the model does not hold (项目支出表, 国有资产占用表, …): its grid, kept."""

    title: str
    rows: list[list[str]] = field(default_factory=list)
    loc: SourceLoc | None = None


class Reading(Strict):
    """How a printed document was read: which path, why, and what it says about itself."""

    path: Literal["profile", "generic"]
    profile: str | None = None  # the built-in profile the document matched (path ``profile``)
    reasons: list[str] = field(default_factory=list)  # the evidence, in Chinese, for the report
    province: str | None = None  # as the text names it (山西省, 云南省 …)
    level: Literal["部门", "单位"] | None = None  # 部门决算/部门预算 or 单位决算/单位预算
    family: Family = "final"  # what the document says it is (title, 目录, table titles): 决算 or 预算
    year_stated: bool = True  # False: the document never prints its year (meta.year is a guess)
    units: dict[str, str] = field(default_factory=dict)  # table id -> unit printed (元/万元) when not the document's
    headings: list[PrintedLine] = field(default_factory=list)  # cover/title lines and part headings
    contents: list[PrintedLine] = field(default_factory=list)  # the 目录, entry by entry
    other_tables: list[OtherTable] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)  # files a web page links (决算报表.xls): tables may be there
    # titles of tables printed in the body whose table could not be read (an image, an unknown
    # layout): such a table is there, not missing
    unread_titles: list[PrintedLine] = field(default_factory=list)
    pages: list[PrintedPage] = field(default_factory=list)  # a PDF's pages, every one, as printed

    def lines(self) -> list[str]:
        """How the document was read, for a report: the path (a built-in profile, or generic) and why."""
        path = f"按内置模板 {self.profile} 读取" if self.path == "profile" else "通用读取（generic）：未匹配任何内置模板"
        out = [f"读取方式：{path}"]
        out += [f"依据：{why}" for why in self.reasons if not why.startswith("未匹配任何内置模板")]
        facts = []
        if self.level:
            facts.append(f"{self.level}{FAMILY_ZH[self.family]}")
        elif self.family != "final":
            facts.append(f"{FAMILY_ZH[self.family]}公开")
        if self.province:
            facts.append(f"省份：{self.province}")
        if self.contents:
            facts.append(f"目录列出{sum(1 for e in self.contents if e.table and e.table != 'other')}张表")
        if self.units:
            from .tables import KINDS

            def title(t: str) -> str:
                return KINDS[t].title if t in KINDS else t

            facts.append("以其他单位列示的表已换算：" + "、".join(f"{title(t)}（{u}）" for t, u in sorted(self.units.items())))
        if self.attachments:
            facts.append("页面附件：" + "、".join(self.attachments))
        if facts:
            out.append("　".join(facts))
        return out


class InputCells:
    """Where a build source takes each input (``cell(path)``: "sheet!cell" or ""). Not part of
    the document: any two compare equal, so the same disclosure built from a folder and from a
    workbook is equal."""

    def __init__(self, locator: Any = None):
        self.locator = locator if callable(getattr(locator, "cell", None)) else None

    def cell(self, path: tuple) -> str:
        return self.locator.cell(path) if self.locator is not None else ""

    def __eq__(self, other) -> bool:
        return isinstance(other, InputCells)

    __hash__ = None

    def __deepcopy__(self, memo) -> "InputCells":
        return self  # read-only once the source is read


class PriorFigure(Strict):
    """A figure of last year a budget states for one of this year's cells: its 上年预算数 (“比2024年预算
    增加3,355.65万元” implies 15,621.11) or 上年执行数 (“2023年当年预算执行数为54.60万元”); in a built
    budget, the preparer's input. Consecutive budgets are checked on these (YEAR-002)."""

    address: str  # this year's table:row:column the figure is last year's of
    basis: Literal["budget", "execution"] = "budget"  # 上年预算数 or 上年(当年预算)执行数
    value: ExactMoney  # 万元
    error: ExactMoney = Decimal(0)  # how far the true figure may be from ``value`` (printing)
    label: str = ""  # what it is, as the document words it: 财政拨款收入, 公务接待费
    # Where it is stated: a 上年 column of the address's row (``column``), or a narrative section and
    # paragraph (or nowhere: an input no sentence cites).
    column: str | None = None
    section: str | None = None
    paragraph: int | None = None
    text: str = ""  # the statement as printed


class Disclosure(Strict):
    """One department-year disclosure."""

    origin: Literal["built", "printed"] = "built"
    source: str | None = None
    meta: Meta
    overview: Overview = field(default_factory=Overview)
    tables: dict[str, Table] = field(default_factory=dict)
    context: Context = field(default_factory=Context)
    narrative: list[NarrativeSection] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    performance: list[PerformanceForm] = field(default_factory=list)
    priors: list[PriorFigure] = field(default_factory=list)  # a budget's 上年预算数/上年执行数
    reading: Reading | None = None  # a printed document only
    # Where the source takes each input (a workbook's sheet!cell by DepartmentData path): not
    # part of the document; the narrative's 待补充 markers name the cell to fill.
    # (kept as ``_inputs`` beside the fields, set by locate_inputs; never compared or written)

    def locate_inputs(self, locator) -> None:
        """``locator.cell(path) -> "sheet!cell" or ""`` (juesuan.workbook's WorkbookLocator)."""
        self._inputs = InputCells(locator)

    def input_cell(self, path: tuple) -> str:
        inputs = self.__dict__.get("_inputs")
        return inputs.cell(path) if inputs is not None else ""

    def table(self, table_id: str) -> Table | None:
        return self.tables.get(table_id)

    def value(self, address: str) -> Decimal | None:
        """Value at ``table:row:column``; None when absent or blank."""
        table_id, row_key, column = address.split(":")
        t = self.tables.get(table_id)
        return None if t is None else t.value(row_key, column)

    def exact_value(self, address: str) -> Decimal | None:
        """The exact amount at ``table:row:column`` (the printed value when nothing finer is known)."""
        table_id, row_key, column = address.split(":")
        t = self.tables.get(table_id)
        r = None if t is None else t.row(row_key)
        return None if r is None else r.exact_value(column)

    @property
    def rounded(self) -> bool:
        """Whether any printed cell was rounded from a finer exact amount (built from 元)."""
        return any(r.exact for t in self.tables.values() for r in t.rows)
