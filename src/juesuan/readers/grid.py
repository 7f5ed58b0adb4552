"""The document grid: what every published-document reader produces.

A reader (text, PDF, DOCX, XLSX, HTML) turns its file into a flat sequence of ``Line``s in
reading order. A line is either running text (one cell) or a table row (one cell per printed
column, blank cells kept so positions mean columns). Every cell keeps where it was read from,
so the mapper (``juesuan.readers.document``) can point each model value into the original file.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import SourceLoc
from .normalize import clean


@dataclass
class GridCell:
    """A cell of a read document: its cleaned text, where it was printed and how many columns it
    spans."""

    text: str  # cleaned (NFKC, radicals folded, whitespace collapsed)
    loc: SourceLoc | None = None
    span: int = 1  # printed columns this cell covers (merged cells)


@dataclass
class Line:
    """A line of a read document: a table row (cells are columns) or a line of running text."""

    cells: list[GridCell]
    is_row: bool  # a table row (cells are columns) rather than running text
    loc: SourceLoc | None = None
    para_start: bool = True  # begins a new block: blank line, new paragraph element, indent
    block: int | None = None  # physical table this row belongs to (None for text / unknown)
    heading: bool = False  # marked as a heading by the source (Markdown #, Word heading style)
    page: int | None = None  # the printed page, where the reader knows it and its location does not say it (Word)

    @property
    def text(self) -> str:
        """The line's text: running text as is, a row's non-blank cells joined by a space."""
        if not self.is_row:
            return self.cells[0].text if self.cells else ""
        return " ".join(c.text for c in self.cells if c.text)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def filled(self) -> list[GridCell]:
        return [c for c in self.cells if c.text]


# A 25-page disclosure is ~2,000 lines and ~30,000 cells; a document past these limits is not
# one (or is built to exhaust time and memory): it is refused while being read.
MAX_LINES = 200_000
MAX_CELLS = 400_000


@dataclass
class DocGrid:
    """A read document before it is mapped to the model: its lines in reading order."""

    source: str
    kind: str  # text | pdf | docx | xlsx | html
    lines: list[Line] = field(default_factory=list)
    cells_read: int = 0
    pages: int = 0  # pages of a paged document (PDF), blank ones included; 0 when it has none

    def count(self, cells: int) -> None:
        self.cells_read += cells
        if self.cells_read > MAX_CELLS or len(self.lines) > MAX_LINES:
            from ..errors import InputError

            raise InputError.single(self.source, "", f"文档内容过多（超过 {MAX_LINES:,} 行或 {MAX_CELLS:,} 个单元格）：决算公开文档不会这么长，请确认选对了文件")

    def add_text(self, text: str, loc: SourceLoc | None, *, para_start: bool = True, heading: bool = False,
                 page: int | None = None) -> None:
        self.count(1)
        t = clean(text)
        if t:
            self.lines.append(Line([GridCell(t, loc)], False, loc, para_start=para_start, heading=heading, page=page))

    def add_row(self, cells: list[GridCell], loc: SourceLoc | None, *, block: int | None = None, para_start: bool = True,
                page: int | None = None) -> None:
        self.count(len(cells))
        if any(c.text for c in cells):
            self.lines.append(Line(cells, True, loc, para_start=para_start, block=block, page=page))
