"""Word documents (ours from ``juesuan build -f docx`` or a department's own): paragraphs in
body order, tables row by row with merged cells printed once."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import SourceLoc
from .grid import DocGrid, GridCell
from .normalize import clean


def read_docx(path: Path) -> DocGrid:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from ..guard import LIMITS, check_package

    with check_package(path, "Word 文档", xml_limits={"word/document.xml": LIMITS.docx_xml}) as z:
        if "word/document.xml" not in z.namelist():
            raise InputError.single(str(path), "", "不是有效的 Word 文档（.docx）：缺少正文部分；旧版 .doc 请先另存为 .docx")
    document = docx.Document(str(path))  # its errors: the boundary (read_grid_of) words them
    grid = DocGrid(source=str(path), kind="docx")
    name = path.name
    body = document.element.body
    para_no = 0
    table_no = 0
    # python-docx looks a paragraph's style up by scanning every style (and again for the
    # default when the id is unknown): once per style id, not per paragraph (a damaged file with
    # thousands of styles took seconds).
    style_names: dict[str | None, str] = {}
    pages = _RenderedPages(body)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            page = pages.at(child)
            para_no += 1
            p = Paragraph(child, document)
            style_id = child.style
            if style_id not in style_names:
                style_names[style_id] = (p.style.name if p.style is not None else "") or ""
            style = style_names[style_id]
            heading = style.lower().startswith(("heading", "title")) or style.startswith("标题")
            loc = SourceLoc(file=name, line=para_no)
            for k, text in enumerate(p.text.split("\n")):
                grid.add_text(text, loc, para_start=k == 0, heading=heading, page=page)
        elif tag == "tbl":
            table_no += 1
            table = Table(child, document)
            seen: dict[int, object] = {}  # id -> element, kept alive so ids stay unique
            caption = True  # still in the table's leading title rows
            for r, row in enumerate(table.rows, start=1):
                page = pages.at(row._tr)
                if caption and r == 1 and _is_title_row(row):
                    # A title block set as a repeating first row (so it prints on every page the
                    # table runs onto): its paragraphs are text above the table, as printed.
                    for p in row.cells[0].paragraphs:
                        para_no += 1
                        style = (p.style.name if p.style is not None else "") or ""
                        heading = style.lower().startswith(("heading", "title")) or style.startswith("标题")
                        for k, text in enumerate(p.text.split("\n")):
                            grid.add_text(text, SourceLoc(file=name, sheet=f"表格{table_no}", cell=f"R{r}"), para_start=k == 0,
                                          heading=heading, page=page)
                    continue
                caption = False
                cells = []
                for c, cell in enumerate(row.cells, start=1):
                    key = id(cell._tc)
                    loc = SourceLoc(file=name, sheet=f"表格{table_no}", cell=f"R{r}C{c}")
                    if key in seen:
                        cells.append(GridCell("", None))  # the rest of a merged cell
                        continue
                    seen[key] = cell._tc
                    cells.append(GridCell(" ".join(x.strip() for x in cell.text.split("\n") if x.strip()), loc))
                for gc in cells:
                    gc.text = clean(gc.text)
                filled = [gc for gc in cells if gc.text]
                row_loc = SourceLoc(file=name, sheet=f"表格{table_no}", cell=f"R{r}")
                if len(filled) == 1 and len(cells) == 1:
                    grid.add_text(filled[0].text, filled[0].loc, page=page)
                else:
                    grid.add_row(cells, row_loc, block=table_no, page=page)
    grid.pages = pages.count
    return grid


class _RenderedPages:
    """The page each body element starts on, as Word (or WPS) last laid the document out: it marks
    where each page began (``w:lastRenderedPageBreak``). A file no word processor has laid out (one
    juesuan or a script wrote) has no marks: then no page is known (``count`` 0)."""

    def __init__(self, body):
        from docx.oxml.ns import qn

        self._mark = qn("w:lastRenderedPageBreak")
        self._text = qn("w:t")
        self.count = 1 if next(body.iter(self._mark), None) is not None else 0
        self._page = 1

    def at(self, element) -> int | None:
        """The page ``element`` (a paragraph or table row) begins on; a page that begins inside it counts
        from the next element (the element's first line stays where it began)."""
        if not self.count:
            return None
        start = self._page
        seen_text = False
        for node in element.iter(self._mark, self._text):
            if node.tag == self._text:
                seen_text = seen_text or bool((node.text or "").strip())
                continue
            self._page += 1
            if not seen_text:
                start = self._page  # the page began before any of its text
        self.count = self._page
        return start


def _is_title_row(row) -> bool:
    """The title block set as a table's first row: marked by juesuan's writer (a bookmark named
    ``layout.DOCX_TITLE_BOOKMARK``…), else, in a document by others, by its shape — a header row
    (repeated on each page) made of one cell over the whole width holding several paragraphs
    (title, 表号, 单位 line): a table's own full-width header row ("财政拨款“三公”经费") has one and
    stays a row of the table."""
    from docx.oxml.ns import qn

    from ..layout import DOCX_TITLE_BOOKMARK

    tr = row._tr
    if any((b.get(qn("w:name")) or "").startswith(DOCX_TITLE_BOOKMARK) for b in tr.iter(qn("w:bookmarkStart"))):
        return True
    pr = tr.trPr
    if pr is None or pr.find(qn("w:tblHeader")) is None:
        return False
    cells = tr.findall(qn("w:tc"))
    columns = len(tr.getparent().findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    if not (len(cells) == 1 and columns > 1 and cells[0].grid_span == columns):
        return False
    return sum(1 for p in cells[0].findall(qn("w:p")) if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()) > 1
