from __future__ import annotations

from ... import patterns
from ...model import SourceLoc
from ..engine import Location, Message, rule

# What a table says when it is empty on purpose: 本表无数据, 本表为空表, 本年度无此项支出, 无…预算/支出/收入.
SAYS_EMPTY = patterns.compile(r"无数据|空表|无此项|没有.*(?:收入|支出|预算|经费)|无.*(?:收入|支出|预算|经费)")
# A total row printed with blanks is part of an empty table's frame, not a body.
TOTAL_ROW = patterns.compile(r"^\s*(?:合\s*计|总\s*计|收入总计|支出总计)\s*$")
# 公开07/08 of final accounts: COMP-003 reads those.
LEFT_TO_COMP_003 = {("final", "fund"), ("final", "capital")}


EMPTY_TABLE = Message("empty_table", None, "{table}只有标题和表头，没有任何数据，也未注明“本表无数据”。",
                      "一张表只有标题和表头，没有说明为何无数据")
BLANK_PAGE = Message("blank_page", None, "第{page}页没有任何文字（空白页，或只印有空的表格框线），位于目录之后。", "目录之后的空白页")
HEADER_PAGE = Message("header_page", None, "第{page}页只有表格标题或表头（“{first}”），没有数据行，也未注明“本表无数据”。",
                      "目录之后的一页只有表格标题或表头")


@rule("TEXT-006", "表格页为空且未说明", "warning", documents=("final", "budget"), messages=(EMPTY_TABLE, BLANK_PAGE, HEADER_PAGE))
def check(c):
    """A printed table page shows its title (and header) but no body — no figure, and no named row other
    than an empty 合计 — and no 说明/注 says why (本表无数据, 本表为空表, 本年度无此项支出). Rows printed with blank amounts are a
    table of zeros, not an empty page. And, from the pages as printed (a PDF): a page after the 目录 that is
    blank, or carries only a table's title and header with no rows and no such 注, is reported with its page
    number. Read documents only: a built table prints its profile's statement.

    Example: 部门“三公”经费和机关运行经费预算表 printed with an empty body and no 注 → 警告; 第3页, after the 目录,
    printing only “2025年部门财务收支预算总表” and its header (the table follows on page 4) → 警告.

    The table-level check is for budgets only: juesuan's own final-accounts writers print a department's
    all-zero tables without a statement (the property test's zero department), and COMP-003 covers 公开07/08.
    """
    d = c.disclosure
    if d.origin != "printed":
        return
    said_here = set()  # tables reported below: their page is not reported again
    if d.meta.family == "budget":
        for finding in _tables(c):
            said_here.add(finding.location.table)
            yield finding
    yield from _pages(c, said_here)


def _tables(c):
    d = c.disclosure
    for tid, t in d.tables.items():
        if not t.present or (d.meta.family, tid) in LEFT_TO_COMP_003 or c.table(tid) is None:
            continue
        if any((r.name.strip() and not TOTAL_ROW.match(r.name)) or any(v is not None for v in r.values.values()) for r in t.rows):
            continue
        said = " ".join(x for x in (t.statement, t.note) if x)
        if SAYS_EMPTY.search(said):
            continue
        yield c.report(EMPTY_TABLE, c.table_loc(tid), {"table": c.table_label(tid)},
                       expected="填列数据或注明本表无数据", found="空表",
                       suggestion="填列该表数据；确无数据的，在表下注明“本表无数据”及原因。")


def _pages(c, said: set[str]):
    """Blank pages, and pages of a table's title and header alone, after the 目录 (not those of a table
    ``said`` empty already)."""
    reading = c.disclosure.reading
    if reading is None or not reading.pages:
        return
    contents = [page.number for page in reading.pages if page.contents]
    if not contents:
        return  # without a 目录 a blank page may be the cover's back
    after = max(contents)
    for page in reading.pages:
        if page.number <= after:
            continue
        source = SourceLoc(file=c.disclosure.source, page=page.number)
        if page.lines == 0:
            yield c.report(BLANK_PAGE, Location(source=source, label=f"目录之后的第{page.number}页"), {"page": page.number},
                           expected="删除空白页", found="空白页", suggestion="删除该空白页，或核对是否漏印了内容。")
            continue
        if page.rows or page.text or page.says_empty or not (page.tables or page.row_lines):
            continue
        if page.tables and set(page.tables) <= said:
            continue
        yield c.report(HEADER_PAGE, Location(table=page.tables[0] if page.tables else None, source=source,
                                             label=f"目录之后的第{page.number}页"),
                       {"page": page.number, "first": page.first},
                       expected="填列数据或删除该页", found="空表页",
                       suggestion="删除多余的表格页；确无数据的表，在表下注明“本表无数据”及原因。")
