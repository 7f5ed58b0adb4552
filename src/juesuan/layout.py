"""Lay a model table out as its profile prints it: a grid of header and body cells.

Every writer (xlsx, docx, html, pdf) draws these grids, and every document reader maps a
printed grid back to model rows through the same layout, so the two directions cannot drift.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import catalogues
from .model import Disclosure, Table
from .money import fmt_amount, from_wan, to_wan
from .profiles import BodyCell, HeaderCell, HeadingItem, Profile, TableLayout
from .tables import COUNT_ROWS, KINDS

# The DOCX writer sets each table's title block (title, 表号, 部门名称/单位 line) as the table's first
# row, repeated on every page; a hidden bookmark with this name prefix in that row says so, and the
# DOCX reader takes a row so marked for text above the table (a document by others: by its shape).
DOCX_TITLE_BOOKMARK = "_JsTableTitle"


@dataclass
class Cell:
    text: str = ""
    kind: str = "text"  # header | text | label | code | amount | count | na
    colspan: int = 1
    rowspan: int = 1
    value: Decimal | None = None
    ref: tuple[str, str] | None = None  # (row key, column) in the model table
    align: str | None = None
    indent: int = 0


@dataclass
class RenderedTable:
    id: str
    number: str | None
    title: str
    heading: list[str]
    header: list[list[Cell]]
    body: list[list[Cell]]
    ncols: int
    note: str | None
    statement: str | None
    orientation: str
    widths: list[float] | None = None
    empty: bool = False
    row_keys: list[str | None] = field(default_factory=list)  # model row key per body row (coded rows)
    heading_align: list[str] = field(default_factory=list)  # left | center | right, one per heading item


def fill_text(text: str, disclosure: Disclosure) -> str:
    m = disclosure.meta
    return text.format(department=m.department, year=m.year, unit=m.unit, prior_year=m.year - 1)


def _heading(items: list[str | HeadingItem], disclosure: Disclosure) -> tuple[list[str], list[str]]:
    """Heading texts and where each goes: bare strings by position (left, centre, right)."""
    positional = ["left", "center", "right"] if len(items) <= 3 else ["left"] * len(items)
    texts, aligns = [], []
    for item, default in zip(items, positional):
        if isinstance(item, HeadingItem):
            texts.append(fill_text(item.text, disclosure))
            aligns.append(item.align)
        else:
            texts.append(fill_text(item, disclosure))
            aligns.append(default)
    return texts, aligns


def _code_cells(code: str, style: str, levels: tuple[int, ...]) -> list[Cell]:
    """A code as one cell, or split into 类/款(/项) cells: 类 left, the two-digit parts centred."""
    if style != "split":
        return [Cell(text=code, kind="code")]
    bounds = [0, *levels]
    cells = []
    for i in range(len(levels)):
        part = code[bounds[i] : bounds[i + 1]]
        cells.append(Cell(text=part, kind="code", align="center" if i else None))
    return cells


def _header_cells(row: list[str | HeaderCell], disclosure: Disclosure) -> list[Cell]:
    out = []
    for c in row:
        text = c if isinstance(c, str) else c.text
        if "{" in text:  # a budget's 三公 header names the year: {year}年“三公”经费预算数
            text = fill_text(text, disclosure)
        if isinstance(c, str):
            out.append(Cell(text=text, kind="header"))
        else:
            out.append(Cell(text=text, kind="header", colspan=c.cols, rowspan=c.rows))
    return out


NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六 (enumerators of the 类 a summary table lists)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def class_rows(table: Table | None) -> list[str]:
    """The ``ex.<类>`` row keys of a summary table, in code order."""
    if table is None:
        return []
    return sorted((r.key for r in table.rows if r.key.startswith("ex.") and r.key[3:].isdigit()), key=lambda k: k[3:])


def _count_columns(header: list[list[Cell]]) -> int:
    """Width of a header grid, honouring row spans from rows above."""
    if not header:
        return 0
    occupied: dict[tuple[int, int], bool] = {}
    width = 0
    for r, row in enumerate(header):
        c = 0
        for cell in row:
            while occupied.get((r, c)):
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied[(r + dr, c + dc)] = True
            c += cell.colspan
        width = max(width, c)
    return width


def value_cell(table: Table | None, row_key: str, column: str) -> Cell:
    value = None if table is None else table.value(row_key, column)
    if row_key in COUNT_ROWS:
        text = "" if value is None else str(int(value))
        return Cell(text=text, kind="count", value=value, ref=(row_key, column), align="right")
    return Cell(text=fmt_amount(value, thousands=False), kind="amount", value=value, ref=(row_key, column), align="right")


def _body_cell(spec: str | BodyCell, table: Table | None) -> Cell:
    if isinstance(spec, str):
        if spec.startswith("="):
            row_key, column = spec[1:].rsplit("/", 1)
            return value_cell(table, row_key, column)
        return Cell(text=spec, kind="label")
    if spec.v:
        row_key, column = spec.v.rsplit("/", 1)
        cell = value_cell(table, row_key, column)
    else:
        cell = Cell(text=spec.text or "", kind="label")
    cell.colspan, cell.rowspan = spec.cols, spec.rows
    if spec.header:
        cell.kind = "header"
    if spec.align:
        cell.align = spec.align
    return cell


def in_printed_unit(table: Table | None, layout: TableLayout, unit: str) -> Table | None:
    """The table in the unit its layout prints (a budget's 三公 table in 万元 while the model, like
    the document's other tables, holds 元); the model's own table when the units agree."""
    if table is None or not layout.unit or layout.unit == unit:
        return table
    convert = (lambda v: to_wan(v, "元")) if (unit, layout.unit) == ("元", "万元") else (lambda v: from_wan(v, "元"))
    rows = [r.model_copy(update={"values": {k: None if v is None else convert(v) for k, v in r.values.items()},
                                 "exact": {k: None if v is None else convert(v) for k, v in r.exact.items()}})
            for r in table.rows]
    return table.model_copy(update={"rows": rows})


def render(layout: TableLayout, disclosure: Disclosure) -> RenderedTable:
    table = in_printed_unit(disclosure.tables.get(layout.id), layout, disclosure.meta.unit)
    header = [_header_cells(r, disclosure) for r in layout.header]
    body: list[list[Cell]] = []
    keys: list[str | None] = []
    economic = catalogues.load("economic", disclosure.meta.year)
    for item in layout.body:
        if item.cells is not None:
            body.append([_body_cell(c, table) for c in item.cells])
            keys.append(None)
        elif item.coded is not None:
            coded_rows = table.coded_rows() if table else []
            # 经济分类 codes have two levels (类 3 digits, 款 5): split into two cells, not three.
            levels = (3, 5) if KINDS.get(layout.id) is not None and KINDS[layout.id].coded == "economic" else (3, 5, 7)
            for row in coded_rows:
                code_cells = _code_cells(row.key, item.coded.code_style, levels)
                name = Cell(text=row.name, kind="label", indent=(len(row.key) - 3) // 2 if item.coded.indent else 0)
                body.append(code_cells + [name] + [value_cell(table, row.key, c) for c in item.coded.columns])
                keys.append(row.key)
            width = (len(levels) if item.coded.code_style == "split" else 1) + 1 + len(item.coded.columns)
            for _ in range(item.coded.min_rows - len(coded_rows)):
                body.append([Cell() for _ in range(width)])
                keys.append(None)
        elif item.sides is not None:
            left = [[_body_cell(c, table) for c in cells] for cells in item.sides.left]
            left_width = max((sum(c.colspan for c in r) for r in left), default=0)
            classes = class_rows(table)
            for i in range(max(len(left), len(classes))):
                cells = left[i] if i < len(left) else [Cell() for _ in range(left_width)]
                if i < len(classes):
                    key = classes[i]
                    row = table.row(key) if table is not None else None
                    name = row.name if row is not None and row.name else catalogues.load("functional", disclosure.meta.year).name(key[3:]) or key[3:]
                    label = f"{numeral(i + 1)}、{name}" if item.sides.right.numbered else name
                    cells = cells + [Cell(text=label, kind="label")] + [value_cell(table, key, c) for c in item.sides.right.columns]
                else:
                    cells = cells + [Cell() for _ in range(1 + len(item.sides.right.columns))]
                body.append(cells)
                keys.append(None)
        elif item.economic_groups is not None:
            spec = item.economic_groups
            groups = [[_split_entry(e, economic) for e in g] for g in spec.groups]
            for i in range(max(len(g) for g in groups)):
                cells: list[Cell] = []
                for g in groups:
                    if i < len(g):
                        code, name = g[i]
                        code_cells = _code_cells(code, spec.code_style, (3, 5))
                        if code in spec.not_applicable:
                            cells += [*code_cells, Cell(text=name, kind="label"), Cell(text=spec.na_text, kind="na", align="center")]
                        else:
                            cells += [*code_cells, Cell(text=name, kind="label"), value_cell(table, code, "amount")]
                    else:
                        cells += [Cell() for _ in range(4 if spec.code_style == "split" else 3)]
                body.append(cells)
                keys.append(None)
    ncols = _count_columns(header) or max((sum(c.colspan for c in r) for r in body), default=1)
    # Empty as printed: a fund table may hold figures in columns this layout does not print
    # (本年收入, 年初结转 of a 国有资本经营 table that prints spending only).
    empty = table is None or not any(cell.value for row in body for cell in row if cell.ref)
    heading, heading_align = _heading(layout.heading, disclosure)
    return RenderedTable(
        id=layout.id,
        number=layout.number,
        title=fill_text(layout.title, disclosure) if "{" in layout.title else layout.title,
        heading=heading,
        heading_align=heading_align,
        header=header,
        body=body,
        ncols=ncols,
        note=fill_text(layout.note, disclosure) if layout.note else None,
        statement=fill_text(layout.empty_statement, disclosure) if empty and layout.empty_statement else None,
        orientation=layout.orientation,
        widths=layout.widths,
        empty=empty,
        row_keys=keys,
    )


def _split_entry(entry: str, economic: catalogues.Catalogue) -> tuple[str, str]:
    """``"31101=资本金注入（基本建设）"`` prints that name; a bare code prints the catalogue name."""
    if "=" in entry:
        code, name = entry.split("=", 1)
        return code, name
    return entry, economic.name(entry) or ""


def render_all(profile: Profile, disclosure: Disclosure) -> list[RenderedTable]:
    return [render(layout, disclosure) for layout in profile.tables]
