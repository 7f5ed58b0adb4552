"""Text extracted from a published PDF (the seed's form): tab-separated table rows,
Markdown-ish headings (``#``, ``**bold**``), blank lines between blocks, page-number lines."""
from __future__ import annotations

import re
from pathlib import Path

from .. import patterns
from ..model import SourceLoc
from .grid import MAX_CELLS, MAX_LINES, DocGrid, GridCell
from .normalize import clean

_PAGE_NUMBER = patterns.compile(r"^[-—–]\s*\d+\s*[-—–]$")
_MARKUP = patterns.compile(r"^#+\s*|\*\*")


def read_text(path: Path) -> DocGrid:
    from ..guard import read_text_file

    return parse_text(read_text_file(path, "文本文件"), str(path))


def parse_text(text: str, source: str) -> DocGrid:
    """The grid of an extracted text (what ``read_text`` reads from the file)."""
    grid = DocGrid(source=source, kind="text")
    if text.count("\n") > MAX_LINES or text.count("\t") > MAX_CELLS:
        grid.count(MAX_CELLS + 1)  # refused before any line is cleaned
    name = Path(source).name
    blank = True
    lines = text.splitlines()
    aligned = _aligned_rows(text, lines) if "\t" not in text else {}
    order = _reading_order(lines, aligned) if "\f" in text and "\t" not in text else range(len(lines))
    for n in (k + 1 for k in order):
        line = lines[n - 1]
        loc = SourceLoc(file=name, line=n)
        if n - 1 in aligned:
            for first, cells in aligned[n - 1]:
                at = SourceLoc(file=name, line=first + 1)
                grid.add_row([GridCell(clean(c, join_cjk=True), at, span=s) for c, s in cells], at, para_start=blank)
            blank = False
            continue
        if not line.strip():
            blank = True
            continue
        if "\t" in line:
            cells = [GridCell(clean(c, join_cjk=True), loc) for c in line.split("\t")]
            grid.add_row(cells, loc, para_start=blank)
        elif _PAGE_NUMBER.match(line.strip()):
            continue  # page footer: says nothing about content and must not split paragraphs
        else:
            heading = line.lstrip().startswith("#") or line.strip().startswith("**")
            grid.add_text(clean(_MARKUP.sub("", line), join_cjk=True), loc, para_start=blank, heading=heading)
        blank = False
    return grid


_FIGURE_FIRST = patterns.compile(r"^\d[\d,]*(?:\.\d+)?(?:万元|元|%|个|辆|台|人|项)")
_OPEN_END = patterns.compile(r"[\u4e00-\u9fff（(“]$")


def _reading_order(lines: list[str], tables: dict) -> list[int]:
    """The lines in reading order. ``pdftotext -layout`` sometimes prints a paragraph's line
    before the line above it (a line set a hair higher: "161.62万元，支出决算为…" before "保险缴费
    支出（项）…年初预算为"), between blank lines; such a block opens with a figure that ends the
    sentence of its own last line. Put that first line after the last one."""
    order = list(range(len(lines)))
    k = 0
    while k < len(lines):
        if not lines[k].strip() or k in tables:
            k += 1
            continue
        end = k
        while end < len(lines) and lines[end].strip() and end not in tables:
            end += 1
        first, last = lines[k].strip(), lines[end - 1].strip()
        if end - k >= 2 and k > 0 and not lines[k - 1].strip() and _FIGURE_FIRST.match(first) and _OPEN_END.search(last) and not re.match(r"^\d{4}年", first):
            order[k:end] = order[k + 1:end] + [k]
        k = end
    return order


def _aligned_rows(text: str, lines: list[str]) -> dict[int, list[tuple[int, list[tuple[str, int]]]]]:
    """Rows of the tables set by alignment (``pdftotext -layout``): for each line a table row
    begins on, the rows to emit there (first line, cells as (text, span)); the other lines a
    row covers map to nothing."""
    from .aligned import text_stretches

    ends = text.splitlines(keepends=True)
    pages = {k for k in range(1, len(ends)) if ends[k - 1].endswith("\f")}
    out: dict[int, list] = {}
    for st in text_stretches(lines, pages):
        t = st.table
        rows = [(st.start + i, cells) for i, cells in t.rows]
        first = min([st.start + i for i in t.header_lines] + [r[0] for r in rows])
        head = [(first, h) for h in t.header]
        out[first] = head + [(i, [(c, 1) for c in cells]) for i, cells in rows if i == first]
        for i, cells in rows:
            if i != first:
                out.setdefault(i, []).append((i, [(c, 1) for c in cells]))
        for k in t.used:  # the other lines read into the table say nothing more
            out.setdefault(st.start + k, [])
    return out
