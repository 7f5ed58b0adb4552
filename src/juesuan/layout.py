"""Lay a model table out as its profile prints it: a grid of header and body cells.

Every writer (xlsx, docx, html, pdf) draws these grids, and every document reader maps a
printed grid back to model rows through the same layout, so the two directions cannot drift.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import catalogues
from .model import Disclosure, Table
from .money import fmt_amount
from .profiles import BodyCell, HeaderCell, Profile, TableLayout
from .tables import COUNT_ROWS


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


def fill_text(text: str, disclosure: Disclosure) -> str:
    m = disclosure.meta
    return text.format(department=m.department, year=m.year, unit=m.unit, prior_year=m.year - 1)


def _header_cells(row: list[str | HeaderCell]) -> list[Cell]:
    out = []
    for c in row:
        if isinstance(c, str):
            out.append(Cell(text=c, kind="header"))
        else:
            out.append(Cell(text=c.text, kind="header", colspan=c.cols, rowspan=c.rows))
    return out


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
    if spec.align:
        cell.align = spec.align
    return cell


def render(layout: TableLayout, disclosure: Disclosure) -> RenderedTable:
    table = disclosure.tables.get(layout.id)
    header = [_header_cells(r) for r in layout.header]
    body: list[list[Cell]] = []
    keys: list[str | None] = []
    economic = catalogues.load("economic", disclosure.meta.year)
    for item in layout.body:
        if item.cells is not None:
            body.append([_body_cell(c, table) for c in item.cells])
            keys.append(None)
        elif item.coded is not None:
            for row in table.coded_rows() if table else []:
                code_cells = (
                    [Cell(text=row.key[:3], kind="code"), Cell(text=row.key[3:5], kind="code"), Cell(text=row.key[5:7], kind="code")]
                    if item.coded.code_style == "split"
                    else [Cell(text=row.key, kind="code")]
                )
                name = Cell(text=row.name, kind="label", indent=(len(row.key) - 3) // 2 if item.coded.indent else 0)
                body.append(code_cells + [name] + [value_cell(table, row.key, c) for c in item.coded.columns])
                keys.append(row.key)
        elif item.economic_groups is not None:
            spec = item.economic_groups
            groups = [[_split_entry(e, economic) for e in g] for g in spec.groups]
            for i in range(max(len(g) for g in groups)):
                cells: list[Cell] = []
                for g in groups:
                    if i < len(g):
                        code, name = g[i]
                        if code in spec.not_applicable:
                            cells += [Cell(text=code, kind="code"), Cell(text=name, kind="label"), Cell(text=spec.na_text, kind="na", align="center")]
                        else:
                            cells += [Cell(text=code, kind="code"), Cell(text=name, kind="label"), value_cell(table, code, "amount")]
                    else:
                        cells += [Cell(), Cell(), Cell()]
                body.append(cells)
                keys.append(None)
    ncols = _count_columns(header) or max((sum(c.colspan for c in r) for r in body), default=1)
    empty = table is None or not any(v for r in table.rows for v in r.values.values())
    return RenderedTable(
        id=layout.id,
        number=layout.number,
        title=layout.title,
        heading=[fill_text(h, disclosure) for h in layout.heading],
        header=header,
        body=body,
        ncols=ncols,
        note=layout.note,
        statement=layout.empty_statement if empty else None,
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
