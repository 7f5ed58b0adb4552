"""HTML pages (ours from ``juesuan build -f html`` or a department's web page): block elements
as text lines, tables row by row with colspan/rowspan honoured so positions mean columns."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..model import SourceLoc
from .grid import DocGrid, GridCell
from .normalize import clean

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "title", "section", "header", "footer", "br", "figcaption", "dt", "dd"}
_SKIP = {"script", "style", "head", "svg", "noscript", "template", "math"}  # no document text inside
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


# As browsers do (HTML: colspan 1–1000, rowspan 0–65534; text that is not a number means 1),
# but tighter: a disclosure's table is tens of columns wide, and every spanned slot is held.
MAX_COLSPAN = 100
MAX_ROWSPAN = 1000
MAX_NESTED_TABLES = 20
MAX_SPANNED = 200_000  # slots covered by spans, per table
MAX_TAGS = 250_000  # a long disclosure page has ~100,000; parsing is ~10–30 µs a tag
_DIGITS = re.compile(r"\s*(\d{1,7})")


def _span(value: str | None, limit: int) -> int:
    m = _DIGITS.match(value or "")
    n = int(m.group(1)) if m else 1
    return min(max(n, 1), limit)


class _Parser(HTMLParser):
    def __init__(self, grid: DocGrid, name: str):
        super().__init__(convert_charrefs=True)
        self.grid = grid
        self.name = name
        self.text: list[str] = []
        self.heading = False
        self.skip = 0
        self.tables: list[dict] = []  # stack of open tables
        self.table_no = 0

    # text blocks ---------------------------------------------------------------------------
    def _flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        if self.tables:
            return
        first = True
        for part in text.split("\n"):  # <br> breaks a line, not the paragraph
            if part.strip():
                self.grid.add_text(part, SourceLoc(file=self.name, line=self.getpos()[0]), para_start=first, heading=self.heading)
                first = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        a = dict(attrs)
        if tag == "table":
            if len(self.tables) >= MAX_NESTED_TABLES:
                raise InputError.single(self.name, f"第{self.getpos()[0]}行", f"表格嵌套过深（超过{MAX_NESTED_TABLES}层）：网页结构异常")
            self._flush()
            self.table_no += 1
            self.tables.append({"no": self.table_no, "row": None, "r": 0, "spans": {}, "cell": None})
        elif self.tables and tag == "tr":
            t = self.tables[-1]
            t["r"] += 1
            t["row"] = []
        elif self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            t["cell"] = {"text": [], "colspan": _span(a.get("colspan"), MAX_COLSPAN), "rowspan": _span(a.get("rowspan"), MAX_ROWSPAN)}
        elif tag == "br":
            self.text.append("\n")
        elif tag in _BLOCKS:
            self._flush()
            self.heading = tag in _HEADINGS

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            cell = t["cell"]
            if cell is not None and t["row"] is not None:
                t["row"].append(cell)
            t["cell"] = None
        elif self.tables and tag == "tr":
            self._row(self.tables[-1])
        elif tag == "table" and self.tables:
            self.tables.pop()
        elif tag in _BLOCKS:
            self._flush()
            self.heading = False

    def handle_data(self, data):
        if self.skip:
            return
        if self.tables and self.tables[-1]["cell"] is not None:
            self.tables[-1]["cell"]["text"].append(data)
        elif not self.tables:
            self.text.append(data)

    def _row(self, t: dict) -> None:
        r = t["r"]
        cells: list[GridCell] = []
        col = 0
        spans: dict = t["spans"]
        for cell in t["row"] or []:
            while (r, col) in spans:
                cells.append(GridCell("", None))
                col += 1
            loc = SourceLoc(file=self.name, sheet=f"表格{t['no']}", cell=f"R{r}C{col + 1}")
            cells.append(GridCell(clean("".join(cell["text"])), loc, span=cell["colspan"]))
            if len(spans) + cell["rowspan"] * cell["colspan"] > MAX_SPANNED:
                raise InputError.single(self.name, f"表格{t['no']}", "表格的合并单元格范围过大：网页结构异常")
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    if dr or dc:
                        spans[(r + dr, col + dc)] = True
            cells.extend(GridCell("", None) for _ in range(cell["colspan"] - 1))
            col += cell["colspan"]
        while (r, col) in spans:
            cells.append(GridCell("", None))
            col += 1
        t["row"] = None
        filled = [c for c in cells if c.text]
        if len(filled) == 1 and len(cells) == 1:
            self.grid.add_text(filled[0].text, filled[0].loc)
        else:
            self.grid.add_row(cells, SourceLoc(file=self.name, sheet=f"表格{t['no']}", cell=f"R{r}"), block=t["no"])


def read_html(path: Path) -> DocGrid:
    from ..guard import read_text_file

    text = read_text_file(path, "网页", html=True)
    if text.count("<") > MAX_TAGS:  # refused before parsing: HTMLParser would take its time
        raise InputError.single(str(path), "", f"网页元素过多（超过 {MAX_TAGS:,} 个标签）：决算公开网页不会这么大，请确认选对了文件")
    grid = DocGrid(source=str(path), kind="html")
    parser = _Parser(grid, path.name)
    parser.feed(text)
    parser.close()
    parser._flush()
    return grid
