"""The reviewer's checklist as a workbook: ``juesuan audit … --format checklist -o 检查表.xlsx``.

One sheet 检查表, laid out like the bureau's form: the title, the document and date, then one row per
item — 检查项目 / 检查内容 / 符合要求（是/否）/ 发现的问题及位置 — printable on A4 landscape.
The items and verdicts come from :func:`juesuan.checks.checklist.evaluate`.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from ..checks.checklist import NO, Checklist

COLUMNS = (("序号", 6), ("检查项目", 22), ("检查内容", 36), ("符合要求（是/否）", 13), ("发现的问题及位置", 90))
CHARS_PER_LINE = 44  # CJK characters a line of the problems column holds
LINES_PER_ROW = 26  # an Excel row is at most 409 points: a longer list continues on the next row


def write(checklist: Checklist, path: Path, *, version: str = "") -> Path:
    """Write the workbook to ``path`` (the caller makes it atomic)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_numbers": False})
    font = {"font_name": "宋体", "font_size": 10}
    title = wb.add_format({**font, "bold": True, "font_size": 16, "align": "center", "valign": "vcenter", "font_name": "黑体"})
    note = wb.add_format({**font, "valign": "vcenter"})
    head = wb.add_format({**font, "bold": True, "bg_color": "#E8E8E8", "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    cell = wb.add_format({**font, "border": 1, "text_wrap": True, "valign": "top"})
    centre = wb.add_format({**font, "border": 1, "align": "center", "valign": "top"})
    failed = wb.add_format({**font, "border": 1, "align": "center", "valign": "top", "bold": True, "font_color": "#C00000"})

    ws = wb.add_worksheet("检查表")
    last = len(COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, checklist.title, title)
    ws.set_row(0, 30)
    facts = [f"核查文档：{Path(checklist.document).name}" if checklist.document else "",
             f"核查日期：{datetime.date.today():%Y-%m-%d}",
             f"不符合要求的项目：{checklist.failed}项",
             f"核查工具：juesuan {version}".strip()]
    ws.merge_range(1, 0, 1, last, "　　".join(x for x in facts if x), note)
    for i, (name, width) in enumerate(COLUMNS):
        ws.write(2, i, name, head)
        ws.set_column(i, i, width)
    ws.set_row(2, 28)
    r = 2
    for n, row in enumerate(checklist.rows, 1):
        for k, text in enumerate(_chunks(row.text or "无")):
            r += 1
            ws.write_number(r, 0, n, centre)
            ws.write(r, 1, row.item if k == 0 else f"{row.item}（续）", cell)
            ws.write(r, 2, row.content if k == 0 else "", cell)
            ws.write(r, 3, row.verdict, failed if row.verdict == NO else centre)
            ws.write(r, 4, text, cell)
            ws.set_row(r, 14 * max(_lines(text), -(-len(row.content) // 18) if k == 0 else 1) + 4)
    ws.freeze_panes(3, 0)
    ws.repeat_rows(2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页，共 &N 页")
    wb.close()
    return path


def _lines(text: str) -> int:
    """How many lines the text wraps to in the problems column."""
    return sum(max(1, -(-len(line) // CHARS_PER_LINE)) for line in text.split("\n"))


def _chunks(text: str) -> list[str]:
    """The problems split, between items, into pieces that each fit one row."""
    out, current = [], []
    for line in text.split("\n"):
        if current and _lines("\n".join([*current, line])) > LINES_PER_ROW:
            out.append("\n".join(current))
            current = []
        current.append(line)
    out.append("\n".join(current))
    return out
