"""One workbook sheet per 项目支出绩效自评表, for ``writers.xlsx.write``.

Spreadsheet apps keep explicit row heights on open and never grow a merged cell for wrapped
text, so heights are estimated here from the text and the merged width.
"""
from __future__ import annotations

import re

from ..layout import Cell, RenderedTable
from ..model import Disclosure
from .render import render_forms

COL_CHARS = 8.5  # spreadsheet width units per relative width unit
LINE_PT = 13.5  # one line of 10 pt 宋体
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(index: int, table: RenderedTable, taken: set[str]) -> str:
    """``绩效01 J办理房屋租赁…``: numbered (unique, sorted), ≤ 31 characters, no []:*?/\\."""
    base = _BAD_SHEET_CHARS.sub("", f"绩效{index:02d} {table.title.removesuffix('项目支出绩效自评表')}")[:31]
    name, n = base, 1
    while name.lower() in taken:  # sheet names compare case-insensitively
        n += 1
        name = f"{base[:28]}~{n}"
    taken.add(name.lower())
    return name


_WIDE = re.compile(r"[^\x00-\u2e7f]")  # U+2E80 and up: CJK


def text_width(text: str) -> int:
    """Display width in spreadsheet units: a CJK character counts two."""
    return len(text) + len(_WIDE.findall(text))


def lines_for(text: str, width_units: float) -> int:
    usable = max(width_units - 1, 2)
    return sum(max(1, -(-text_width(part) // int(usable))) for part in (text or "").split("\n"))


def write_form_sheets(wb, fmt: dict, disclosure: Disclosure, profile) -> list[str]:
    """Add one sheet per form; returns the sheet names."""
    formats = _Formats(wb, fmt)
    taken = {ws.get_name().lower() for ws in wb.worksheets()}
    names = []
    for i, table in enumerate(render_forms(disclosure, profile), 1):
        name = sheet_name(i, table, taken)
        _write_form(wb.add_worksheet(name), table, formats)
        names.append(name)
    return names


class _Formats:
    """The workbook's shared formats plus the few a form needs, created once per workbook."""

    def __init__(self, wb, fmt: dict):
        self.wb, self.fmt, self.cache = wb, fmt, {}
        base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}
        self.header = wb.add_format({**base, "bold": True, "align": "center", "bg_color": "#F2F2F2"})
        self.title = wb.add_format({"font_name": "黑体", "font_size": 14, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True})
        self.heading = wb.add_format({"font_name": "宋体", "font_size": 10, "align": "center"})
        self.note = wb.add_format({"font_name": "宋体", "font_size": 9, "text_wrap": True, "valign": "top"})
        self.base = base

    def text(self, align: str | None):
        key = ("text", align or "left")
        if key not in self.cache:
            self.cache[key] = self.wb.add_format({**self.base, "align": align or "left"})
        return self.cache[key]

    def figure(self, cell: Cell):
        # Show as many decimals as the form prints: "5.994", "20", "99.91".
        decimals = len(cell.text.split(".", 1)[1]) if "." in cell.text else 0
        key = ("figure", decimals)
        if key not in self.cache:
            num = "#,##0" + ("." + "0" * decimals if decimals else "")
            self.cache[key] = self.wb.add_format({**self.base, "align": "right", "num_format": num})
        return self.cache[key]


def _write_form(ws, t: RenderedTable, f: _Formats) -> None:
    ws.set_paper(9)  # A4
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    cols = [w * COL_CHARS for w in (t.widths or [1.0] * t.ncols)]
    for i, w in enumerate(cols):
        ws.set_column(i, i, w)
    last = t.ncols - 1
    ws.merge_range(0, 0, 0, last, "", f.title)
    ws.write_string(0, 0, t.title, f.title)
    ws.set_row(0, max(1, lines_for(t.title, sum(cols) * 0.7)) * 22)  # 14 pt title: wider glyphs
    ws.merge_range(1, 0, 1, last, "", f.heading)
    ws.write_string(1, 0, " ".join(t.heading), f.heading)
    top = 2
    heights = _write_grid(ws, top, t.body, f, cols)
    for r, lines in heights.items():
        ws.set_row(r, max(lines, 1) * LINE_PT + 4)
    r = top + len(t.body)
    if t.note:
        ws.merge_range(r, 0, r, last, "", f.note)
        ws.write_string(r, 0, t.note, f.note)
        ws.set_row(r, lines_for(t.note, sum(cols) * 1.1) * 12 + 4)  # 9 pt note


def _write_grid(ws, top: int, rows: list[list[Cell]], f: _Formats, cols: list[float]) -> dict[int, int]:
    """Write the cells; return the lines each row needs (rows spanned by a tall merged cell grow)."""
    occupied: set[tuple[int, int]] = set()
    lines: dict[int, int] = {top + i: 1 for i in range(len(rows))}
    spanning: list[tuple[int, int, int]] = []  # (first row, row count, lines needed)
    for i, row in enumerate(rows):
        c = 0
        for cell in row:
            while (top + i, c) in occupied:
                c += 1
            r0, r1, c1 = top + i, top + i + cell.rowspan - 1, c + cell.colspan - 1
            if cell.kind == "figure" and cell.value is not None:
                value, style = float(cell.value), f.figure(cell)  # Excel stores IEEE doubles
            else:
                value, style = cell.text, (f.header if cell.kind == "header" else f.text(cell.align))
            if r1 > r0 or c1 > c:
                ws.merge_range(r0, c, r1, c1, "", style)
            # write_string/number: a typed target such as "=100%" must not become a formula.
            if isinstance(value, float):
                ws.write_number(r0, c, value, style)
            else:
                ws.write_string(r0, c, value, style)
            for rr in range(r0, r1 + 1):
                for cc in range(c, c1 + 1):
                    occupied.add((rr, cc))
            needed = lines_for(cell.text, sum(cols[c : c1 + 1]))
            if cell.rowspan == 1:
                lines[r0] = max(lines[r0], needed)
            else:
                spanning.append((r0, cell.rowspan, needed))
            c = c1 + 1
    for r0, n, needed in spanning:
        have = sum(lines[r] for r in range(r0, r0 + n))
        if needed > have:
            extra = -(-(needed - have) // n)
            for r in range(r0, r0 + n):
                lines[r] += extra
    return lines
