"""The pages of a paged document as printed: what each carries, for the checks that look at pages
(a blank page, or one that holds only a table's title and header, left after the 目录)."""
from __future__ import annotations

from .. import patterns
from ..model import Disclosure, PrintedPage
from .grid import DocGrid

# A table empty on purpose says so: 本表无数据, 本表为空表, 本年度无此项支出, 无…预算/支出/收入.
SAYS_EMPTY = patterns.compile(r"无数据|空表|无此项|没有.*(?:收入|支出|预算|经费)|无.*(?:收入|支出|预算|经费)")
SENTENCE = patterns.compile(r"[，。；,;]")


def page_records(grid: DocGrid, d: Disclosure) -> list[PrintedPage]:
    """One record per page, 1 … grid.pages: its lines (page numbers are left out by the reader), the
    table rows read from it, its running text, and the tables and narrative sections that start on it."""
    pages = {n: PrintedPage(number=n) for n in range(1, grid.pages + 1)}
    # Where a location does not name its page (a Word paragraph, a table cell), the line read from it does.
    on_page: dict[tuple, int] = {}
    for line in grid.lines:
        if line.page is not None:
            for loc in [line.loc, *(cell.loc for cell in line.cells)]:
                if loc is not None:
                    on_page.setdefault(_key(loc), line.page)

    def page_of(loc) -> int | None:
        if loc is None:
            return None
        return loc.page if loc.page is not None else on_page.get(_key(loc))

    for line in grid.lines:
        page = pages.get(line.page or page_of(line.loc))
        if page is None:
            continue
        text = line.text.strip()
        page.lines += 1
        page.row_lines += line.is_row
        if not page.first:
            page.first = text
        if not line.is_row and (SENTENCE.search(text) and len(text) >= 12 or len(text) >= 30):
            page.text += 1
        if SAYS_EMPTY.search(text):
            page.says_empty = True
    for tid, t in d.tables.items():
        start = page_of(t.loc)
        if start in pages and t.present:
            pages[start].tables.append(tid)
        for r in t.rows:
            where = {page_of(loc) for loc in r.cell_locs.values()} or {page_of(r.loc)}
            for n in where:
                if n in pages:
                    pages[n].rows += 1
    for line in d.reading.contents if d.reading is not None else []:
        n = page_of(line.loc)
        if n in pages:
            pages[n].contents = True
    for s in d.narrative:
        first = page_of(s.locs[0]) if s.locs else None
        if first in pages:
            pages[first].sections.append(s.key)
    return [pages[n] for n in sorted(pages)]


def _key(loc) -> tuple:
    return (loc.file, loc.page, loc.line, loc.sheet, loc.cell)
