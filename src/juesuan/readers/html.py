"""HTML pages (ours from ``juesuan build -f html`` or a department's web page): block elements
as text lines, tables row by row with colspan/rowspan honoured so positions mean columns."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..model import SourceLoc
from .grid import DocGrid, GridCell
from .normalize import clean

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "title", "section", "header", "footer", "br", "figcaption", "dt", "dd"}
_SKIP = {"script", "style", "head", "svg", "noscript", "template", "math"}  # no document text inside
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


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
            self._flush()
            self.table_no += 1
            self.tables.append({"no": self.table_no, "row": None, "r": 0, "spans": {}, "cell": None})
        elif self.tables and tag == "tr":
            t = self.tables[-1]
            t["r"] += 1
            t["row"] = []
        elif self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            t["cell"] = {"text": [], "colspan": int(a.get("colspan") or 1), "rowspan": int(a.get("rowspan") or 1)}
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
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(str(path), "", f"无法读取网页：{exc}") from exc
    grid = DocGrid(source=str(path), kind="html")
    parser = _Parser(grid, path.name)
    parser.feed(text)
    parser.close()
    parser._flush()
    return grid
