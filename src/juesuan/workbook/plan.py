"""The shape of the preparer's workbook, shared by the writer and the reader.

Three kinds of sheet:

- **coded sheets** (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, the two fund tables): the
  official header, a 合计 row, then 项 rows the preparer types (code, name, amounts) with the
  类/款 rows between them as SUMIF formulas; the rows end at an end-of-area marker. The reader
  scans the rows between the 合计 row and the marker, so rows inserted inside the area count.
- **grid sheets** (收入支出决算总表, 财政拨款收入支出决算总表, 基本支出明细表, 三公, 统计表): the
  profile's own printed layout (``juesuan.layout.render``) with every model value a formula or an
  input cell; fixed positions, relative to the title row.
- **form sheets** (单位信息, 上年决算数, 年初预算数, 原因说明, 绩效情况, 名词解释, each 绩效自评表):
  labelled fields (label in column A, value beside it) and blocks of rows (a title row, a header
  row, the rows, an end marker), all found by their label, so their size may change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import catalogues, identities
from ..formulas import Ref
from ..model import Disclosure, Meta
from ..profiles import Profile, TableLayout
from ..tables import KINDS, STATISTICS_ROWS, VEHICLE_CATEGORIES

GUIDE_SHEET = "填报说明"
INFO_SHEET = "单位信息"
PRIOR_SHEET = "上年决算数"
BUDGET_SHEET = "年初预算数"
REASONS_SHEET = "原因说明"
# Where a preparer types what the narrative lacks: the narrative's messages name these sheets.
INPUT_SHEETS = {"prior": PRIOR_SHEET, "budget": BUDGET_SHEET, "reasons": REASONS_SHEET}
PERF_SUMMARY_SHEET = "绩效情况"
GLOSSARY_SHEET = "名词解释"
CATALOGUE_SHEET = "科目目录"
FORM_TITLE = "项目支出绩效自评表"
END_MARK = "▲ 以上为填报区。行不够时，在区内（本行以上）右键插入行"
TOTAL_LABEL = "合计"

CODED_TABLES = ("income", "expenditure", "general_budget", "fund", "capital")
GRID_TABLES = ("summary", "fiscal_summary", "general_basic", "three_public", "statistics")
# Sheet names used when the profile does not publish a table the input still needs.
_BAD_SHEET_CHARS = str.maketrans({c: "" for c in "[]:*?/\\"})


def letter(col: int) -> str:
    """0-based column index -> Excel letters."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_ref(row: int, col: int) -> str:
    """0-based row/col -> ``E12``."""
    return f"{letter(col)}{row + 1}"


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


# --------------------------------------------------------------------------- value kinds

# money: 金额 (>= 0, 2 decimals); optmoney: 金额 or blank (None); fine: 绩效表 amounts and scores;
# count/optcount: whole numbers; text/opttext/longtext: text (blank = "" / None); code: functional
# code with a dropdown; ecode: economic code; choice: one of ``choices``; year; rowno: a printed
# row number, not read; lookup/formula: computed, locked, not read.
NUMBER_KINDS = {"money", "optmoney", "fine", "optfine", "count", "optcount", "year"}


@dataclass
class Column:
    header: str
    key: str | None  # key in the row dict the reader returns; None for rowno/lookup/formula
    kind: str
    width: float = 14
    hint: str = ""
    choices: list[str] | None = None
    fixed: bool = False  # locked on pre-listed rows (e.g. the key of a listed reason)
    span: int = 1  # sheet columns this column occupies (merged per row)
    formula: Callable[[int, dict[str, str]], str] | None = None  # (row, letters by key) -> formula


@dataclass
class Field:
    label: str
    path: tuple  # DepartmentData path
    kind: str
    hint: str = ""
    choices: list[str] | None = None
    values: list | None = None  # model values of ``choices`` when they differ from the shown text
    required: bool = False
    locked: bool = False  # shown, not typed (e.g. the profile: the sheet layout depends on it)
    name: str | None = None  # workbook-level defined name of the value cell (used by formulas)


@dataclass
class Block:
    title: str
    columns: list[Column]
    path: tuple  # where the rows go in DepartmentData (interpreted by the reader)
    spare: int = 5  # blank rows after the given ones
    min_rows: int = 0
    hint: str = ""
    # added after workbooks were in use: a workbook written before it lacks the block and still reads
    optional: bool = False


@dataclass
class Heading:
    """A title or explanatory line: written, claimed by the reader, never read."""

    text: str
    style: str = "section"


@dataclass
class FormulaRow:
    """A row of computed cells in a form sheet (e.g. 总分), located by its label."""

    label: str
    cells: dict[int, Callable]  # column -> (context) -> formula
    fields: dict[int, str] = field(default_factory=dict)  # 1-based column -> the form field it shows (a finding's cell)


Item = Field | Block | Heading | FormulaRow


@dataclass
class FormSheet:
    name: str
    title: str
    items: list[Item]
    widths: list[float]
    value_span: int = 1  # sheet columns a field's value occupies
    value_col: int = 1
    required: bool = True
    insert_rows: bool = True
    kind: str = "form"


# --------------------------------------------------------------------------- coded sheets


@dataclass(frozen=True)
class CodedColumn:
    key: str
    title: str  # the column's meaning, for messages
    field: tuple[str, str] | None  # (FunctionalLeaf attribute, sub-attribute); None = formula
    formula: Callable[[int, dict[str, str]], str] | None = None


def _lookup(field: str) -> Callable[[int, dict[str, str]], str]:
    # An input typed in another sheet (a fund 项's 本年收入, typed once in 收入决算表): looked up by code.
    return lambda r, L: f'=IF($A{r}="",0,SUMIF(j_income_code,$A{r},j_income_{field}))'


def _coded_column(table_id: str, key: str, title: str) -> CodedColumn:
    """A coded sheet's column: an input cell, or the formula of its identity (juesuan.identities)."""
    table = identities.coded(table_id)
    if table.identity(key) is not None:  # the entry is read when the formula is written
        return CodedColumn(key, title, None,
                           lambda r, L: identities.coded(table_id).identity(key).formula(lambda col: f"{L[col]}{r}"))
    attr, field = table.inputs[key]
    if attr != table.attribute:
        return CodedColumn(key, title, None, _lookup(field))
    return CodedColumn(key, title, (attr, field))


_FUND_TITLES = [("begin", "年初结转和结余"), ("income", "本年收入"), ("total", "本年支出小计"), ("basic", "基本支出"),
                ("project", "项目支出"), ("end", "年末结转和结余")]
CODED_TITLES: dict[str, list[tuple[str, str]]] = {
    "income": [("total", "本年收入合计"), ("fiscal", "财政拨款收入小计"), ("fiscal_general", "一般公共预算财政拨款收入"),
               ("fiscal_fund", "政府性基金预算财政拨款收入"), ("fiscal_capital", "国有资本经营预算财政拨款收入"),
               ("superior", "上级补助收入"), ("business", "事业收入"), ("operation", "经营收入"),
               ("affiliated", "附属单位上缴收入"), ("other", "其他收入")],
    "expenditure": [("total", "本年支出合计"), ("basic", "基本支出"), ("project", "项目支出"), ("upper", "上缴上级支出"),
                    ("operation", "经营支出"), ("affiliated", "对附属单位补助支出")],
    "general_budget": [("total", "小计"), ("basic", "基本支出"), ("project", "项目支出")],
    "fund": _FUND_TITLES,
    "capital": _FUND_TITLES,
}
CODED_COLUMNS: dict[str, list[CodedColumn]] = {
    tid: [_coded_column(tid, key, title) for key, title in titles] for tid, titles in CODED_TITLES.items()
}

H = tuple[str, int, int]  # header cell: text, colspan, rowspan
_CODE_HEAD: list[list[H]] = [[("项目", 2, 1)], [("科目代码", 1, 1), ("科目名称", 1, 1)], [("栏次", 2, 1)]]


def _numbered(n: int) -> list[H]:
    return [(str(i), 1, 1) for i in range(1, n + 1)]


CODED_HEADERS: dict[str, list[list[H]]] = {
    "income": [
        _CODE_HEAD[0] + [("本年收入合计", 1, 2), ("财政拨款收入", 4, 1), ("上级补助收入", 1, 2), ("事业收入", 1, 2),
                         ("经营收入", 1, 2), ("附属单位上缴收入", 1, 2), ("其他收入", 1, 2)],
        _CODE_HEAD[1] + [("小计", 1, 1), ("一般公共预算", 1, 1), ("政府性基金预算", 1, 1), ("国有资本经营预算", 1, 1)],
        _CODE_HEAD[2] + _numbered(10),
    ],
    "expenditure": [
        _CODE_HEAD[0] + [("本年支出合计", 1, 2), ("基本支出", 1, 2), ("项目支出", 1, 2), ("上缴上级支出", 1, 2),
                         ("经营支出", 1, 2), ("对附属单位补助支出", 1, 2)],
        _CODE_HEAD[1],
        _CODE_HEAD[2] + _numbered(6),
    ],
    "general_budget": [
        _CODE_HEAD[0] + [("本年支出", 3, 1)],
        _CODE_HEAD[1] + [("小计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)],
        _CODE_HEAD[2] + _numbered(3),
    ],
    "fund": [
        _CODE_HEAD[0] + [("年初结转和结余", 1, 2), ("本年收入", 1, 2), ("本年支出", 3, 1), ("年末结转和结余", 1, 2)],
        _CODE_HEAD[1] + [("小计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)],
        _CODE_HEAD[2] + _numbered(6),
    ],
}
CODED_HEADERS["capital"] = CODED_HEADERS["fund"]
CODED_HINTS = {
    "income": "只填项级（7位）科目的黄色单元格：财政拨款收入按一般公共预算、政府性基金预算、国有资本经营预算分列；"
              "类、款、合计和灰色单元格由公式计算。",
    "expenditure": "只填项级（7位）科目的黄色单元格（全部资金的本年支出）；类、款、合计和灰色单元格由公式计算。",
    "general_budget": "只填项级（7位）科目的一般公共预算财政拨款支出；类、款、合计和灰色单元格由公式计算。",
    "fund": "只填项级（7位）科目的年初结转和结余、基本支出、项目支出；本年收入取自收入决算表的“政府性基金预算”列，年末数由公式计算。",
    "capital": "只填项级（7位）科目的年初结转和结余、基本支出、项目支出；本年收入取自收入决算表的“国有资本经营预算”列，年末数由公式计算。",
}


# Notes on header cells where the input differs from the printed table.
CODED_COMMENTS = {
    ("income", "财政拨款收入"): "公开的表中财政拨款收入只有一列；这里按一般公共预算、政府性基金预算、国有资本经营预算分三列填写，"
                              "财政拨款收入支出决算总表和两张基金表都要用到。",
    ("fund", "本年收入"): "取自收入决算表“政府性基金预算”列的同一科目，不在本表填写。",
    ("capital", "本年收入"): "取自收入决算表“国有资本经营预算”列的同一科目，不在本表填写。",
    ("capital", "年初结转和结余"): "有些模板的本表不公开年初数，但财政拨款收入支出决算总表要用，请填写。",
}


def header_cells(rows: list[list[H]]) -> list[tuple[int, int, str, int, int]]:
    """Place header cells honouring spans from rows above: (row, col, text, colspan, rowspan)."""
    occupied: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for text, cols, rspan in row:
            while (r, c) in occupied:
                c += 1
            out.append((r, c, text, cols, rspan))
            for dr in range(rspan):
                for dc in range(cols):
                    occupied.add((r + dr, c + dc))
            c += cols
    return out


@dataclass
class CodedSheet:
    name: str
    table_id: str
    title: str
    number: str | None
    heading: list
    note: str | None
    columns: list[CodedColumn]
    header: list[list[H]]
    kind: str = "coded"
    required: bool = True

    @property
    def ncols(self) -> int:
        return 2 + len(self.columns)

    def letters(self) -> dict[str, str]:
        return {"code": "A", "name": "B", **{c.key: letter(2 + i) for i, c in enumerate(self.columns)}}


# --------------------------------------------------------------------------- grid sheets

# Input cells of the grid tables: (table, row key, column) -> (DepartmentData path, kind, defined name)
GRID_INPUTS: dict[tuple[str, str, str], tuple[tuple, str, str | None]] = {
    ("summary", "in.nonfiscal_balance_used", "amount"): (("balances", "nonfiscal_balance_used"), "money", "j_bal_nonfiscal"),
    ("summary", "in.begin_balance", "amount"): (("balances", "begin"), "money", "j_bal_begin"),
    ("summary", "ex.distribution", "amount"): (("balances", "distribution"), "money", "j_bal_distribution"),
    ("fiscal_summary", "in.begin_general", "amount"): (("balances", "fiscal_begin_general"), "money", "j_bal_fiscal_general"),
    **{
        ("three_public", side, item): (("three_public", side, item), "money", None)
        for side in ("budget", "actual")
        for item in ("abroad", "vehicle_purchase", "vehicle_running", "reception")
    },
    **{("statistics", f"procurement.{k}", "amount"): (("procurement", k), "money", None) for k in ("goods", "works", "services")},
    **{("statistics", k, "amount"): (("assets", "vehicles", k.split(".", 1)[1]), "optcount", None) for k in VEHICLE_CATEGORIES},
    ("statistics", "equipment", "amount"): (("assets", "equipment"), "count", None),
}
GRID_INPUT_LABELS = {
    ("summary", "in.nonfiscal_balance_used", "amount"): "使用非财政拨款结余（含专用结余）",
    ("summary", "in.begin_balance", "amount"): "年初结转和结余",
    ("summary", "ex.distribution", "amount"): "结余分配",
    ("fiscal_summary", "in.begin_general", "amount"): "年初财政拨款结转和结余：一般公共预算财政拨款",
    **{("three_public", s, i): f"{'预算数' if s == 'budget' else '决算数'}：{KINDS['three_public'].columns[i]}"
       for s in ("budget", "actual") for i in ("abroad", "vehicle_purchase", "vehicle_running", "reception")},
    **{("statistics", k, "amount"): STATISTICS_ROWS[k] for k in STATISTICS_ROWS},
}
_SIDES = {"general": "general_budget", "fund": "fund", "capital": "capital"}


# The workbook names that hold a row of 公开01/04: an input cell, or a sum over a coded sheet's
# column (the same figure, by the cross-table equalities of identities.yaml). Every other row is its
# row sum in identities.yaml over these, written out in full (a printed layout may omit the rows
# it sums).
_INCOME_NAMES = {f"in.{c}": f"j_income_sum_{c}" for c in ("fiscal_general", "fiscal_fund", "fiscal_capital", "superior",
                                                          "business", "operation", "affiliated", "other")}
ROW_NAMES = {
    "summary": {**_INCOME_NAMES, "in.total": "j_income_sum_total", "in.nonfiscal_balance_used": "j_bal_nonfiscal",
                "in.begin_balance": "j_bal_begin", "ex.total": "j_expenditure_sum_total", "ex.distribution": "j_bal_distribution"},
    "fiscal_summary": {**{k: v for k, v in _INCOME_NAMES.items() if k.startswith("in.fiscal_")},
                       "in.begin_general": "j_bal_fiscal_general", "in.begin_fund": "j_fund_sum_begin", "in.begin_capital": "j_capital_sum_begin",
                       **{f"ex.total:{side}": f"j_{table}_sum_total" for side, table in _SIDES.items()},
                       "ex.end_balance:fund": "j_fund_sum_end", "ex.end_balance:capital": "j_capital_sum_end"},
}


def row_expression(table_id: str, row: str) -> str | None:
    """A cell of 公开01/04 (a row, or ``row:column`` off the table's column) as a formula body over
    workbook names, by the first of its row sums in identities.yaml that the names can spell."""
    names = ROW_NAMES[table_id]
    if row in names:
        return names[row]
    for identity in (i for i in identities.row_sums()[table_id].computed if i.column == row):
        text = ""
        for sign, term in identity.terms:
            body = row_expression(table_id, term)
            if body is None:
                break
            if sign < 0 and any(op in body for op in "+-"):  # a subtracted sum (names hold neither sign)
                body = f"({body})"
            text += ("+" if sign > 0 else "-") + body
        else:
            return text.lstrip("+")
    return None


def grid_formula(table_id: str, row: str, col: str) -> str | None:
    """The formula of a computed grid cell. ``{row/col}`` stands for another cell of the same
    sheet; ``j_*`` names are workbook-level names of input ranges and cells."""
    if table_id == "summary":
        if row.startswith("ex.") and row[3:].isdigit():
            return f'=SUMIF(j_expenditure_code,"{row[3:]}????",j_expenditure_total)'
        body = row_expression(table_id, row)
        return f"={body}" if body else None
    if table_id == "fiscal_summary":
        if row.startswith("ex.") and row[3:].isdigit():  # a 类: its sum in each fund's functional table
            sides = list(_SIDES) if col == "total" else [col] if col in _SIDES else []
            return "=" + "+".join(f'SUMIF(j_{_SIDES[s]}_code,"{row[3:]}????",j_{_SIDES[s]}_total)' for s in sides) if sides else None
        body = row_expression(table_id, identities.cell_key(row, col, "amount"))
        return f"={body}" if body else None
    if table_id == "three_public":
        parts = {"total": ["abroad", "vehicle_purchase", "vehicle_running", "reception"], "vehicle_total": ["vehicle_purchase", "vehicle_running"]}
        if col in parts:
            return "=" + "+".join(f"{{{row}/{p}}}" for p in parts[col])
        return None
    if table_id == "statistics":
        if row == "procurement.total":
            return "=" + "+".join(f"{{procurement.{k}/amount}}" for k in ("goods", "works", "services"))
        if row == "running.admin":
            return '=IF(j_unit_kind="行政单位",j_public_total,0)'
        if row == "running.civil":
            return '=IF(j_unit_kind="参照公务员法管理事业单位",j_public_total,0)'
        if row == "vehicles.total":
            return "=" + "+".join(f"{{{k}/amount}}" for k in VEHICLE_CATEGORIES)
        return None
    return None  # general_basic: class and group totals are laid out with the grid


@dataclass
class GridPlace:
    row: int
    col: int
    kind: str  # title | number | heading | header | label | code | na | input | formula | computed | note
    text: str = ""
    cols: int = 1
    rows: int = 1
    ref: tuple[str, str] | None = None  # model (row key, column)
    field: tuple | None = None
    vkind: str = "money"
    formula: str | None = None
    name: str | None = None  # defined name of this cell
    align: str | None = None


@dataclass
class GridSheet:
    name: str
    table_id: str
    layout: TableLayout
    places: list[GridPlace]
    ncols: int
    end_row: int  # first row after the grid (and its note)
    extra: list[Item]  # form items below the grid: inputs the layout does not print, narrative facts
    economic_extra: Block | None = None  # economic codes the layout does not print
    kind: str = "grid"
    required: bool = True


def heading_formula(item, meta_names: dict[str, str]) -> str:
    """A heading line such as ``部门名称：{department}`` as a formula over the 单位信息 cells."""
    text = item if isinstance(item, str) else getattr(item, "text", str(item))
    parts: list[str] = []
    rest = text
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0:
            parts.append(_xl_string(rest))
            break
        if start:
            parts.append(_xl_string(rest[:start]))
        key = rest[start + 1:end]
        parts.append(meta_names.get(key, _xl_string(rest[start:end + 1])))
        rest = rest[end + 1:]
    return "=" + "&".join(parts) if parts else '=""'


def _xl_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# The sheets' 金额单位 heading shows the unit amounts are typed in (填报金额单位), not the printed one.
META_NAMES = {"department": "j_department", "year": "j_year", "unit": "j_input_unit", "prior_year": "(j_year-1)"}


def _stub(year: int, profile: Profile) -> Disclosure:
    return Disclosure(meta=Meta(department="", year=year, profile=profile.id))


def grid_sheet(profile: Profile, layout: TableLayout, name: str, year: int) -> GridSheet:
    """Place the profile's printed layout of a summary-like table, every value a formula or input."""
    from ..layout import render

    economic = catalogues.load("economic", year)
    rendered = render(layout, _stub(year, profile))
    ncols = rendered.ncols
    places: list[GridPlace] = [GridPlace(0, 0, "title", layout.title, cols=ncols)]
    r = 1
    if layout.number:
        places.append(GridPlace(r, ncols - 1, "number", layout.number))
        r += 1
    if layout.heading:
        aligns = rendered.heading_align or ["left"] * len(layout.heading)
        slots = _heading_slots(aligns, ncols)
        for item, col, align in zip(layout.heading, slots, aligns):
            places.append(GridPlace(r, col, "heading", heading_formula(item, META_NAMES), align=align))
        r += 1
    occupied: set[tuple[int, int]] = set()

    def put(row: int, cells, header: bool) -> None:
        c = 0
        for cell in cells:
            while (row, c) in occupied:
                c += 1
            kind = "header" if header or cell.kind == "header" else cell.kind
            place = GridPlace(row, c, kind, cell.text, cols=cell.colspan, rows=cell.rowspan, ref=cell.ref, align=cell.align)
            if cell.ref is not None:
                _value_place(place, layout.id, economic)
            places.append(place)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((row + dr, c + dc))
            c += cell.colspan

    for row in rendered.header:
        put(r, row, True)
        r += 1
    for row in rendered.body:
        put(r, row, False)
        r += 1
    economic_extra = None
    if layout.id == "general_basic":
        # Codes the layout prints (as inputs, or as ——— where the template says they do not apply).
        shown_codes = {p.ref[0] for p in places if p.kind == "input"} | _na_codes(layout)
        others = [c for c in economic.codes if len(c) == 5 and c not in shown_codes]
        if others:
            economic_extra = Block(
                "本表未列示的经济分类款级科目（如有支出，在此填写编码和金额）",
                [Column("科目编码", "code", "ecode", 12, "5位经济分类款级科目编码（见科目目录）"), Column("决算数", "amount", "money", 14),
                 Column("科目名称", None, "lookup", 30)],
                ("general_basic",), spare=5,
            )
        _economic_totals(places, economic, economic_extra is not None)
    if layout.note:
        places.append(GridPlace(r, 0, "note", layout.note, cols=ncols))
        r += 1
    extra: list[Item] = []
    placed = {p.ref for p in places if p.kind == "input"}
    missing = [k for k in GRID_INPUTS if k[0] == layout.id and (k[1], k[2]) not in placed]
    if missing:
        extra.append(Heading("以下各项本表不公开，但编制需要，请填写："))
        for key in missing:
            path, kind, dname = GRID_INPUTS[key]
            extra.append(Field(GRID_INPUT_LABELS[key], path, kind, hint=_kind_hint(kind), name=dname))
    return GridSheet(name, layout.id, layout, places, ncols, r, extra, economic_extra)


def _na_codes(layout: TableLayout) -> set[str]:
    return {c for item in layout.body if item.economic_groups for c in item.economic_groups.not_applicable}


def _heading_slots(aligns: list[str], ncols: int) -> list[int]:
    """部门名称 left, 年度 centre, 金额单位 right, as the official forms print them."""
    if len(aligns) > 3:
        return list(range(len(aligns)))
    slots, used = [], set()
    for align in aligns:
        col = {"left": 0, "center": max(0, ncols // 2 - 1), "right": ncols - 1}.get(align, 0)
        while col in used and col < ncols - 1:
            col += 1
        used.add(col)
        slots.append(col)
    return slots


def _value_place(place: GridPlace, table_id: str, economic: catalogues.Catalogue) -> None:
    row, col = place.ref
    key = (table_id, row, col)
    if key in GRID_INPUTS:
        path, vkind, dname = GRID_INPUTS[key]
        place.kind, place.field, place.vkind, place.name = "input", path, vkind, dname
        return
    if table_id == "general_basic" and row.isdigit():
        if len(row) == 5:
            place.kind, place.field, place.vkind = "input", ("general_basic", row), "optmoney"
        else:
            place.kind = "formula"  # a 类: the sum of its 款, filled in by _economic_totals
        return
    formula = grid_formula(table_id, row, col)
    if formula is None and table_id != "general_basic":
        place.kind = "computed"  # shown from the compiled model; no formula known for it
        return
    place.kind, place.formula = "formula", formula
    if table_id == "general_basic" and row == "public_total":
        place.name = "j_public_total"


def _economic_totals(places: list[GridPlace], economic: catalogues.Catalogue, has_extra: bool) -> None:
    """类 = Σ its 款; 人员经费合计 / 公用经费合计 = Σ the 款 of their classes (printed here or typed
    in the block of codes the layout does not print)."""
    amount = {p.ref[0]: p for p in places if p.ref is not None}

    def extra(prefix: str) -> list[str]:
        return [f'SUMIF(j_economic_extra_code,"{prefix}??",j_economic_extra_amount)'] if has_extra else []

    for p in places:
        if p.ref is None or p.kind != "formula":
            continue
        row = p.ref[0]
        if row.isdigit() and len(row) == 3:
            parts = [cell_ref(q.row, q.col) for k, q in amount.items() if len(k) == 5 and k.startswith(row) and q.kind == "input"]
            terms = ([f"SUM({','.join(parts)})"] if parts else []) + extra(row)
        elif row in ("personnel_total", "public_total"):
            group = "personnel" if row == "personnel_total" else "public"
            parts = [cell_ref(q.row, q.col) for k, q in amount.items()
                     if k.isdigit() and len(k) == 5 and economic.group_of(k) == group and q.kind == "input"]
            terms = ([f"SUM({','.join(parts)})"] if parts else [])
            for cls in economic.groups.get(group, []):
                terms += extra(cls)
        else:
            continue
        p.formula = "=" + ("+".join(terms) or "0")


def _kind_hint(kind: str) -> str:
    return {"money": "金额，不小于0，最多两位小数", "optmoney": "金额，不小于0，最多两位小数；不适用时留空",
            "count": "不小于0的整数", "optcount": "不小于0的整数"}.get(kind, "")


# --------------------------------------------------------------------------- sheet names


def table_sheet_name(profile: Profile, table_id: str) -> str:
    layout = profile.input_table(table_id)
    name = KINDS[table_id].title if layout is None else layout.number or layout.title
    return name.translate(_BAD_SHEET_CHARS)[:31]


def layout_for(profile: Profile, table_id: str) -> TableLayout:
    """The layout of a table's input sheet: the profile's printed one, else its ``input_tables``
    entry (the input is needed all the same: 政府采购 and 资产 for a profile without 公开10)."""
    layout = profile.input_table(table_id)
    if layout is None:
        from ..errors import InputError

        raise InputError.single(str(profile.folder / "profile.yaml") if profile.folder else profile.id, "input_tables",
                                f"模板“{profile.id}”没有“{KINDS[table_id].title}”的版式：填报工作簿需要它的数据，"
                                f"请在 profile.yaml 的 tables 或 input_tables 中给出（可参照内置模板 shanxi）")
    return layout


def coded_sheet(profile: Profile, table_id: str) -> CodedSheet:
    layout = profile.table(table_id)
    title = layout.title if layout else KINDS[table_id].title
    return CodedSheet(
        name=table_sheet_name(profile, table_id),
        table_id=table_id,
        title=title,
        number=layout.number if layout else None,
        heading=list(layout.heading) if layout else ["部门名称：{department}", "{year}年度", "金额单位：{unit}"],
        note=layout.note if layout else None,
        columns=CODED_COLUMNS[table_id],
        header=CODED_HEADERS[table_id],
    )


def table_order(profile: Profile) -> list[str]:
    """Table ids in the profile's order, then the ones it does not publish."""
    ids = [t.id for t in profile.tables if t.id in CODED_TABLES or t.id in GRID_TABLES]
    return ids + [t for t in (*GRID_TABLES[:2], *CODED_TABLES, *GRID_TABLES[2:]) if t not in ids]


# --------------------------------------------------------------------------- form sheets

UNIT_KINDS = ["行政单位", "参照公务员法管理事业单位", "事业单位"]
MONEY_HINT = "金额，不小于0，最多两位小数"


def info_sheet() -> FormSheet:
    paragraphs = [Column("序号", None, "rowno", 8), Column("内容（每段一行）", "text", "longtext", 90, "每段文字填在一行中；段内不要换行")]
    return FormSheet(
        INFO_SHEET,
        "单位信息",
        [
            Heading("一、单位信息"),
            Field("部门（单位）名称", ("meta", "department"), "text", "公开文档中的部门（单位）全称", required=True, name="j_department"),
            Field("部门（单位）编码", ("meta", "department_code"), "opttext", "预算单位编码，可不填"),
            Field("年度", ("meta", "year"), "year", "决算年度，四位数，如2024", required=True, name="j_year"),
            Field("填报金额单位", ("meta", "input_unit"), "choice",
                  "本工作簿所有金额的单位：元（决算软件导出的数，两位小数）或万元；公开表格的每个数由它四舍五入到万元两位小数",
                  choices=["元", "万元"], name="j_input_unit"),
            Field("金额单位", ("meta", "unit"), "choice", "公开表格打印的金额单位", choices=["万元", "元"], required=True, name="j_unit"),
            Field("单位性质", ("meta", "unit_kind"), "choice", "决定机关运行经费列在统计表的哪一行", choices=UNIT_KINDS, required=True, name="j_unit_kind"),
            Field("公开模板", ("meta", "profile"), "text", "本工作簿按此模板生成；更换模板请用 juesuan init --profile 重新生成", locked=True),
            Field("文档标题", ("meta", "document_title"), "opttext", "如“2024年度单位决算公开”；留空则用模板的标题"),
            Block("二、部门职责", paragraphs, ("overview", "duties"), spare=5),
            Block("三、机构设置情况", paragraphs, ("overview", "organisation"), spare=3),
            Block(
                "四、部门决算单位构成",
                [Column("序号", "no", "count", 8, "单位序号"), Column("单位名称", "name", "text", 90),
                 Column("备注", "remark", "opttext", 40)],
                ("overview", "units"), spare=3,
            ),
        ],
        widths=[22, 90, 40],
    )


PRIOR_FIELDS = [
    ("收入（支出）总计", "total"),
    ("本年收入合计", "income_total"),
    ("本年支出合计", "expenditure_total"),
    ("财政拨款收入（支出）总计", "fiscal_total"),
    ("一般公共预算财政拨款支出", "general_budget"),
    ("政府性基金预算财政拨款收入（支出）总计", "government_fund"),
    ("国有资本经营预算财政拨款支出", "state_capital"),
    ("机关运行经费", "running_cost"),
]
THREE_PUBLIC_PRIOR = [
    ("“三公”经费合计", "total"), ("因公出国（境）费", "abroad"), ("公务用车购置及运行维护费小计", "vehicle_total"),
    ("公务用车购置费", "vehicle_purchase"), ("公务用车运行维护费", "vehicle_running"), ("公务接待费", "reception"),
]


def prior_sheet() -> FormSheet:
    items: list[Item] = [Heading("一、上年决算数（情况说明用来计算增减额和增减率；上年没有的留空）")]
    items += [Field(label, ("narrative", "prior_year", key), "optmoney", MONEY_HINT) for label, key in PRIOR_FIELDS]
    items.append(Heading("二、上年“三公”经费决算数"))
    items += [Field(label, ("narrative", "prior_year", "three_public", key), "optmoney", MONEY_HINT) for label, key in THREE_PUBLIC_PRIOR]
    items.append(Block(
        "三、上年一般公共预算财政拨款支出决算数（按类、款或项科目）",
        [Column("科目编码", "code", "anycode", 14, "功能分类科目编码：类3位、款5位或项7位"), Column("上年决算数", "amount", "optmoney", 16, MONEY_HINT),
         Column("科目名称", None, "lookup", 40)],
        ("narrative", "prior_year", "general_budget_by_code"), spare=8,
    ))
    return FormSheet(PRIOR_SHEET, "上年决算数", items, widths=[40, 16, 40])


def budget_sheet() -> FormSheet:
    return FormSheet(
        BUDGET_SHEET,
        "一般公共预算财政拨款支出年初预算数",
        [
            Heading("按公开的最细一级科目填写（类、款或项）；同一科目和它的下级只填一个，合计由系统计算"),
            Block(
                "年初预算数",
                [Column("科目编码", "code", "anycode", 14, "功能分类科目编码：类3位、款5位或项7位"), Column("年初预算数", "amount", "optmoney", 16, MONEY_HINT),
                 Column("科目名称", None, "lookup", 40)],
                ("narrative", "budget"), spare=10,
            ),
            *(Block(title,
                    [Column("科目编码", "code", "anycode", 14, "功能分类科目编码：类3位、款5位或项7位"), Column("年初预算数", "amount", "optmoney", 16, MONEY_HINT),
                     Column("科目名称", None, "lookup", 40)],
                    path, spare=4, optional=True)
              for title, path in OTHER_FUND_BUDGETS.items()),
        ],
        widths=[40, 16, 40],
    )


# 年初预算 of the other two funds: the Shanghai narrative states it for each 项 of 公开07/公开08.
OTHER_FUND_BUDGETS = {
    "政府性基金预算财政拨款支出年初预算数": ("narrative", "government_fund_budget"),
    "国有资本经营预算财政拨款支出年初预算数": ("narrative", "state_capital_budget"),
}


def reasons_sheet() -> FormSheet:
    return FormSheet(
        REASONS_SHEET,
        "情况说明中的原因和用途",
        [
            Heading("情况说明引用这里的文字（“主要原因是……”“主要用于……”）；留空的会在编制时列出，不会被编造"),
            Block(
                "原因和用途",
                [Column("编号", "key", "key", 30, "系统使用的编号，请勿改动；新增时按已有编号的格式填写", fixed=True),
                 Column("事项", None, "label", 46, fixed=True),
                 Column("内容", "text", "longtext", 80, "一句话，不要以句号结尾以外的标点收尾")],
                ("narrative", "reasons"), spare=10,
            ),
        ],
        widths=[30, 46, 80],
    )


GRADE_DEFAULTS = ["优", "良", "中", "差"]
BASIS = {"预算编制数": "budgeted", "全年预算数": "annual_budget", "全年执行数": "executed"}


def performance_summary_sheet() -> FormSheet:
    p = ("narrative", "performance")
    return FormSheet(
        PERF_SUMMARY_SHEET,
        "预算绩效管理情况（没有绩效自评表时填写）",
        [
            Heading("有项目支出绩效自评表（绩效01、绩效02……）时，这些数由系统从自评表计算，本表可不填"),
            Field("绩效自评项目个数", p + ("projects",), "optcount", "个"),
            Field("绩效自评涉及资金", p + ("amount",), "optfine", "万元"),
            Field("涉及资金的口径", p + ("basis",), "choice", "涉及资金按自评表的哪一列汇总", choices=list(BASIS), values=list(BASIS.values())),
            Field("自评平均分", p + ("average_score",), "optfine", "分"),
            Field("编报绩效目标的项目个数", p + ("target_projects",), "optcount", "个"),
            Field("编报绩效目标涉及资金", p + ("target_amount",), "optfine", "万元"),
            Field("绩效跟踪评价的项目个数", p + ("tracked_projects",), "optcount", "个"),
            Field("绩效跟踪评价涉及资金", p + ("tracked_amount",), "optfine", "万元"),
            Field("发现问题个数", p + ("issues_found",), "optcount", "个"),
            Field("已整改问题个数", p + ("issues_fixed",), "optcount", "个"),
            Field("正在整改问题个数", p + ("issues_fixing",), "optcount", "个"),
            Field("预算绩效管理工作机制", p + ("mechanism",), "opttext", "一句话"),
            Block("自评等级分布", [Column("等级", "grade", "text", 40, fixed=True), Column("项目个数", "count", "optcount", 16, "个")],
                  p + ("grades",), spare=2, min_rows=0),
            Block("预算绩效管理制度", [Column("序号", None, "rowno", 40), Column("制度名称", "text", "text", 60)],
                  p + ("systems",), spare=3),
        ],
        widths=[40, 60],
        required=False,
    )


def grade_names(profile: Profile) -> list[str]:
    return [g["grade"] for g in profile.performance.grades] or GRADE_DEFAULTS


GLOSSARY_HINT = "留空则使用模板的名词解释；填写后以本表为准"


def glossary_sheet() -> FormSheet:
    return FormSheet(
        GLOSSARY_SHEET,
        "名词解释",
        [Heading(GLOSSARY_HINT),
         Block("名词解释", [Column("名词", "term", "text", 30), Column("解释", "text", "longtext", 100)], ("glossary",), spare=5)],
        widths=[30, 100],
        required=False,
    )


LEVEL1 = ["产出指标", "效益指标", "满意度指标"]
LEVEL2 = ["数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
          "可持续影响指标", "服务对象满意度指标", "经济效益", "社会效益", "生态效益", "服务对象满意度"]
ANALYSIS_FIELDS = [
    ("项目实施和预算执行情况", "implementation"), ("产出情况及分析", "output"), ("效益情况及分析", "effect"),
    ("满意度情况及分析", "satisfaction"), ("主要经验做法", "experience"), ("项目管理中存在的问题及原因分析", "problems"),
    ("下一步改进措施及管理建议", "next_steps"),
]
FUNDING_BLOCK = "项目资金预算安排及执行进度（万元）"
INDICATOR_BLOCK = "绩效指标"
TOTAL_ROW = "总分"


def form_sheet(name: str, year: int, profile: Profile) -> FormSheet:
    """One 项目支出绩效自评表. The computed cells (结余, 执行率, 得分, 总分, 等级) are shown for the
    preparer; ``juesuan build`` computes them again from the typed figures."""
    weight = profile.performance.execution_weight
    funding_inputs = identities.performance().inputs

    def computed(key: str):
        """The field's formula, by identities.yaml's ``performance.funding`` (as the build computes it)."""
        formula = identities.performance().field(key).formula

        def cell(r, L) -> str:
            def ref(name: str) -> Ref:
                if name == "weight":
                    return Ref(str(weight))
                text = f"{L[funding_inputs[name]]}{r}"
                return Ref(text, f'{text}=""')

            return formula.excel(ref)

        return cell

    funding = Block(
        FUNDING_BLOCK,
        [
            Column("资金来源", "source", "text", 16, "第一行为“资金总额”，以下各行为资金来源"),
            Column("年初预算数：目标申报数", "declared", "optfine", 12),
            Column("年初预算数：预算编制数", "budgeted", "optfine", 12),
            Column("全年预算数", "annual_budget", "optfine", 12),
            Column("全年执行数", "executed", "optfine", 12),
            Column("资金结（转）余", "balance", "formula", 12, formula=computed("balance")),
            Column("执行率（%）", "rate", "formula", 10, formula=computed("rate")),
            Column("得分", "score", "formula", 8, formula=computed("score")),
            Column("偏差原因", "deviation_reason", "opttext", 30, span=2),
        ],
        ("performance", "funding"), spare=2, min_rows=3,
    )
    indicators = Block(
        INDICATOR_BLOCK,
        [
            Column("一级指标", "level1", "suggest", 16, choices=LEVEL1),
            Column("二级指标", "level2", "suggest", 12, choices=LEVEL2),
            Column("三级指标", "name", "text", 24),
            Column("年初指标值", "initial", "text", 12),
            Column("调整后指标值", "adjusted", "text", 12),
            Column("实际完成值", "actual", "text", 12),
            Column("定值/情况说明", "note", "text", 10),
            Column("分值", "weight", "optfine", 8),
            Column("得分", "score", "optfine", 8),
            Column("偏差原因分析及改进措施", "deviation", "text", 30, span=1),
        ],
        ("performance", "indicators"), spare=4, min_rows=8,
    )
    f = ("performance",)
    items: list[Item] = [
        Heading(f"（{year}年度）", "subtitle"),
        Field("项目名称", f + ("name",), "text", "不含前缀的项目名称", required=True),
        Field("项目名称前缀", f + ("prefix",), "text", "项目名称前的类别字母，如 J；没有则留空"),
        Field("主管部门及代码", f + ("department",), "text", "如“078-大同市住房和城乡建设局”"),
        Field("预算单位", f + ("unit",), "text", "如“078001-大同市住房和城乡建设局”"),
        funding,
        Field("年度目标", f + ("goal",), "longtext"),
        Field("实际完成情况", f + ("achieved",), "longtext"),
        indicators,
        FormulaRow(TOTAL_ROW, {}, {9: "total", 10: "grade"}),  # as writers.workbook._write_total_row writes them
    ]
    items += [Field(label, f + ("analysis", key), "longtext") for label, key in ANALYSIS_FIELDS]
    return FormSheet(name, FORM_TITLE, items, widths=[22, 12, 24, 12, 12, 12, 10, 8, 8, 30], value_span=9, required=False)


def form_sheet_name(index: int) -> str:
    return f"绩效{index:02d}"


THREE_PUBLIC_FACTS = [
    ("出国（境）团组数（个）", "abroad_groups", "count"), ("出国（境）人次", "abroad_persons", "count"),
    ("使用财政拨款购置公务用车（辆）", "vehicles_purchased", "count"),
    ("使用财政拨款负担的公务用车保有量（辆）", "vehicles_held", "count"),
    ("国内公务接待批次", "reception_batches", "count"), ("国内公务接待人次", "reception_persons", "count"),
    ("其中：外事接待费", "foreign_reception", "optmoney"), ("外事接待批次", "foreign_reception_batches", "count"),
    ("外事接待人次", "foreign_reception_persons", "count"),
    ("国（境）外接待费", "abroad_reception", "optmoney"), ("国（境）外接待批次", "abroad_reception_batches", "count"),
    ("国（境）外接待人次", "abroad_reception_persons", "count"),
]
PROCUREMENT_FACTS = [
    ("授予中小企业合同金额", "sme"), ("其中：授予小微企业合同金额", "micro"),
    ("面向中小企业预留项目预算金额", "sme_reserved_budget"), ("面向小微企业预留项目预算金额", "micro_reserved_budget"),
    ("预留项目中由中小企业中标或成交的金额", "sme_reserved_awarded"),
    ("小微企业预留项目中由小微企业中标或成交的金额", "micro_reserved_awarded"),
    ("其他采购项目中由中小企业中标或成交的金额", "sme_other_awarded"),
]


def facts_items(table_id: str) -> list[Item]:
    """Narrative facts that no table prints, asked for under the table they belong to."""
    if table_id == "three_public":
        return [Heading("情况说明所需数据（不在本表公开）")] + [
            Field(label, ("three_public", "facts", key), kind, _kind_hint(kind)) for label, key, kind in THREE_PUBLIC_FACTS
        ]
    if table_id == "statistics":
        return [Heading("政府采购情况说明所需数据（不在本表公开；不适用的留空）")] + [
            Field(label, ("narrative", "procurement", key), "optmoney", MONEY_HINT) for label, key in PROCUREMENT_FACTS
        ]
    return []


def grid_column_widths(sheet: GridSheet) -> list[float]:
    """Column widths of a grid sheet (characters), from the profile's relative widths."""
    widths = list(sheet.layout.widths or [1.0] * sheet.ncols)[: sheet.ncols]
    widths += [1.0] * (sheet.ncols - len(widths))
    scale = 9.0 if sheet.ncols > 6 else 12.0
    return [max(6.0, w * scale) for w in widths]


def form_value_col(widths: list[float]) -> int:
    """The column where fields under a grid put their values: after ~24 characters of label."""
    total = 0.0
    for i, w in enumerate(widths):
        if total >= 24 and i:
            return min(i, len(widths) - 1)
        total += w
    return max(1, len(widths) - 1)
