"""Text extracted from a published PDF (the seed's form): tab-separated table rows,
Markdown-ish headings (``#``, ``**bold**``), blank lines between blocks, page-number lines."""
from __future__ import annotations

import re
from pathlib import Path

from ..model import SourceLoc
from .grid import MAX_CELLS, MAX_LINES, DocGrid, GridCell
from .normalize import clean

_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d+\s*[-—–]$")
_MARKUP = re.compile(r"^#+\s*|\*\*")


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
    for n, line in enumerate(text.splitlines(), start=1):
        loc = SourceLoc(file=name, line=n)
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
