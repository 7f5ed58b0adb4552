"""The disclosure as a Word document (python-docx): A4, cover, a 目录 field Word/WPS update on
open, Heading 1–3 (so readers and the 目录 find the parts), tables with merged multi-level headers
that repeat on every page, landscape sections where the layout says so, page numbers, and East
Asian fonts set through ``rFonts eastAsia``.

Tables are written as WordprocessingML directly (gridSpan/vMerge) from the same grids every
writer draws: python-docx's cell-by-cell API is quadratic in the table size and merges by
rewriting cells, far too slow for ~40 tables. One value per cell; blank cells stay empty.
"""
from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape
from pathlib import Path

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from ..layout import DOCX_TITLE_BOOKMARK, RenderedTable
from ..model import Disclosure
from . import document as outline
from . import fonts
from .document import ChartBlock, column_widths, Heading, PageBreak, Paragraph, TableBlock, cell_align, grid

SERIF = "宋体"  # defaults; each document uses fonts.document_families() (the --font option)
SANS = "黑体"
LATIN = "Times New Roman"
A4 = (Cm(21.0), Cm(29.7))
MARGIN = {"top": Cm(2.5), "bottom": Cm(2.2), "left": Cm(2.4), "right": Cm(2.2)}
LANDSCAPE_MARGIN = {"top": Cm(2.0), "bottom": Cm(1.8), "left": Cm(1.8), "right": Cm(1.8)}
TWIPS_PER_EMU = 1 / 635
_TABLE_MARK = "juesuan-table"
_TABLE_MARK_XML = re.compile(rb"<!--" + _TABLE_MARK.encode() + rb" (\d+)-->")


def _fonts(element, east_asia: str, latin: str = LATIN) -> None:
    """Set rFonts on a run or style rPr (python-docx sets only ascii/hAnsi)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(attr), value)


def _setup_styles(doc, serif: str = SERIF, sans: str = SANS) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(12)
    _fonts(normal.element, serif)
    pf = normal.paragraph_format
    # 1.5 lines of 12 pt, close to the PDF's leading (document.BODY_LEADING): the 目录's page numbers,
    # taken from the PDF layout, hold in Word and LibreOffice within a page. (An exact 22 pt
    # leading matches better but LibreOffice's print of it reads back with paragraphs split.)
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), 1.5
    for level, size in ((1, 16), (2, 13), (3, 12)):
        st = styles[f"Heading {level}"]
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = RGBColor(0, 0, 0)
        _fonts(st.element, sans)
        st.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        st.paragraph_format.space_after = Pt(8 if level == 1 else 4)
        st.paragraph_format.keep_with_next = True
    title = styles["Title"]
    _fonts(title.element, sans)
    title.font.color.rgb = RGBColor(0, 0, 0)
    # The 目录 entries Word generates use TOC 1/TOC 2; give them the body font.
    for name in ("TOC Heading",):
        if name in [s.name for s in styles]:
            _fonts(styles[name].element, sans)


def _page(section, landscape: bool) -> None:
    w, h = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    for side, value in (LANDSCAPE_MARGIN if landscape else MARGIN).items():
        setattr(section, f"{side}_margin", value)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, TOC …) inside one paragraph."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    if placeholder:
        paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _page_numbers(section) -> None:
    footer = section.footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(p, "PAGE", "1")
    for r in p.runs:
        r.font.size = Pt(10)


def _toc(doc, entries: list[Heading], title: str, pages: list[int | None] | None = None) -> None:
    """A 目录 field (levels 1–2). Its cached result lists the entries with the page numbers of
    our own layout (the PDF writer's, same page size, margins and page breaks), so the 目录 reads
    right in any program before an update; Word updates it on open (settings updateFields), WPS
    and LibreOffice on 更新目录 / Update Index."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(title)
    r.bold, r.font.size = True, Pt(16)
    _fonts(r._r, SANS)
    first = doc.add_paragraph()
    run = first.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = first.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    run._r.append(instr)
    run = first.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    paragraphs = [first]
    for i, h in enumerate(entries):
        p = first if i == 0 else doc.add_paragraph()
        if i:
            paragraphs.append(p)
        if h.level == 2:
            p.paragraph_format.left_indent = Cm(0.85)
        p.paragraph_format.line_spacing = Pt(20)  # the PDF 目录's line height: one page, as there
        page = pages[i] if pages and i < len(pages) else None
        if page:
            s = doc.sections[-1]
            p.paragraph_format.tab_stops.add_tab_stop(s.page_width - s.left_margin - s.right_margin, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            p.add_run(f"{h.toc or h.text}\t{page}")
        else:
            p.add_run(h.toc or h.text)
    last = paragraphs[-1]
    run = last.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    settings = doc.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")


def _cover(doc, lines: list[str]) -> None:
    for _ in range(8):
        doc.add_paragraph()
    for i, line in enumerate(lines):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(18)
        r = p.add_run(line)
        r.bold = True
        r.font.size = Pt(26 if i == len(lines) - 1 else 22)
        _fonts(r._r, SANS)


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# -- tables --------------------------------------------------------------------------------------

def _run_props(size_half_points: int, bold: bool, serif: str = SERIF) -> str:
    return (f'<w:rPr><w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{escape(serif)}" w:cs="{LATIN}"/>'
            f'{"<w:b/>" if bold else ""}<w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/></w:rPr>')


def _title_row(title: str | None, title_style: str | None, t: RenderedTable, width: int, serif: str, index: int = 0) -> str:
    """The title block (title, 表号, 部门名称/年度/单位 line) as the table's first row, one cell over
    every column with no rules but the one below it. Marked as a header row (tblHeader), it is
    printed again above the repeated header rows on each page the table runs onto: Word and
    LibreOffice repeat rows, not paragraphs. The title keeps its Heading style, so the 目录 and
    readers still find it. A hidden bookmark (``DOCX_TITLE_BOOKMARK`` + the table's number) marks
    the row as the title block for our reader, whatever its shape or whether it repeats."""
    small = _run_props(20, False, serif)
    paragraphs = []
    if title:
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="{escape(title_style or "")}"/><w:keepNext/><w:spacing w:before="0"/>'
                          f'<w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">{escape(title)}</w:t></w:r></w:p>')
    plain = '<w:keepNext/><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/>'
    if t.number:
        paragraphs.append(f'<w:p><w:pPr>{plain}<w:jc w:val="right"/>{small}</w:pPr><w:r>{small}'
                          f'<w:t xml:space="preserve">{escape(t.number)}</w:t></w:r></w:p>')
    if t.heading:
        line, stops = _heading_line_text(t), ""
        if len(t.heading) == 1:
            align = _heading_aligns(t)[0]
            jc = {"center": "center", "right": "right"}.get(align, "left")
        else:
            jc = "left"
            stops = f'<w:tabs><w:tab w:val="center" w:pos="{width // 2}"/><w:tab w:val="right" w:pos="{width}"/></w:tabs>'
        runs = "".join(f"<w:r>{small}<w:tab/></w:r>" if part == "\t" else f'<w:r>{small}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
                       for part in re.split(r"(\t)", line) if part)
        paragraphs.append(f'<w:p><w:pPr>{plain}{stops}<w:jc w:val="{jc}"/>{small}</w:pPr>{runs}</w:p>')
    if not paragraphs:
        return ""
    # The bookmark spans the first paragraph's start (ids far above any Word assigns to its own).
    mark = f'<w:bookmarkStart w:id="{900000 + index}" w:name="{DOCX_TITLE_BOOKMARK}{index + 1}"/><w:bookmarkEnd w:id="{900000 + index}"/>'
    paragraphs[0] = paragraphs[0].replace("</w:pPr>", "</w:pPr>" + mark, 1)
    none = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "right"))
    # A title block taller than a third of a page (a name of thousands of characters) neither
    # repeats nor stays whole: Word would clip it at the foot of the page.
    texts = [x for x in (title, t.number, *(t.heading or [])) if x]
    tall = sum(1 + int(sum(12 if ord(ch) > 0x2E80 else 6.6 for ch in x) / max(width / 20, 12)) for x in texts) * 14 > 170
    props = "" if tall else "<w:cantSplit/><w:tblHeader/>"
    return (f'<w:tr><w:trPr>{props}</w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            f'<w:gridSpan w:val="{t.ncols}"/><w:tcBorders>{none}<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            f'</w:tcBorders><w:tcMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tcMar>'
            f'<w:vAlign w:val="bottom"/></w:tcPr>{"".join(paragraphs)}</w:tc></w:tr>')


def _table_xml(t: RenderedTable, width_twips: int, font_half_points: int, serif: str = SERIF,
               title: str | None = None, title_style: str | None = None, index: int = 0) -> str:
    """The table as WordprocessingML text, without namespace declarations (the document
    declares ``w``): building ~10^5 elements one by one through lxml costs seconds. ``title``
    (with its paragraph style id) and the table's 表号 and heading line become a first row that
    repeats on every page (``_title_row``)."""
    ncols = t.ncols
    # the PDF's widths (points → twips): cell margins 2 × 2.5 pt and a little room
    size = font_half_points / 2
    cols = [max(300, int(w * 20)) for w in column_widths(t, width_twips / 20, size, 5 + size + 0.5)]
    rows = t.header + t.body
    slots = grid(t, rows)
    origin: dict[tuple[int, int], tuple[int, int]] = {}  # position -> the top-left slot covering it
    for r, row in enumerate(slots):
        for c, slot in enumerate(row):
            if slot is not None:
                _, cs, rs = slot
                for dr in range(rs):
                    for dc in range(cs):
                        origin[(r + dr, c + dc)] = (r, c)
    rpr = {False: _run_props(font_half_points, False, serif), True: _run_props(font_half_points, True, serif)}
    line = int(font_half_points * 10 * 1.2)  # twips: 1.2 × the font size, the PDF cells' leading
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>',
        *(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")),
        '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="50" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/>'
        '<w:right w:w="50" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in cols),
        "</w:tblGrid>",
        _title_row(title, title_style, t, sum(cols), serif, index),
    ]
    nheader = len(t.header)
    # The note under the table keeps with the table's last two rows (keepNext on their paragraphs):
    # never alone at the top of a page.
    keep_from = max(nheader, len(slots) - 2) if (t.note or t.statement) else len(slots)
    for r, row in enumerate(slots):
        # cantSplit: a row never breaks across pages; tblHeader: header rows repeat on every page.
        # A row of more lines than a third of a page (a name of thousands of characters) may
        # break: Word would otherwise cut it off at the foot of the page.
        split = "" if _row_lines(row, cols, size) * size * 1.2 > 170 else "<w:cantSplit/>"
        out.append(f'<w:tr><w:trPr>{split}{"<w:tblHeader/>" if r < nheader else ""}</w:trPr>')
        keep = "<w:keepNext/>" if r >= keep_from else ""
        c = 0
        while c < ncols:
            slot = row[c]
            o = origin.get((r, c), (r, c))
            if slot is None and o[0] < r and o[1] == c:  # continuation of a vertical merge
                _, cs, _ = slots[o[0]][o[1]]
                span = f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else ""
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{sum(cols[c:c + cs])}" w:type="dxa"/>{span}<w:vMerge/>'
                           f'<w:vAlign w:val="center"/></w:tcPr><w:p/></w:tc>')
                c += cs
                continue
            if slot is None:  # inside a horizontal span already written
                c += 1
                continue
            cell, cs, rs = slot
            header = r < nheader or cell.kind == "header"
            align = "center" if header and not cell.align else cell_align(cell)
            props = [f'<w:tcW w:w="{sum(cols[c:c + cs])}" w:type="dxa"/>']
            if cs > 1:
                props.append(f'<w:gridSpan w:val="{cs}"/>')
            if rs > 1:
                props.append('<w:vMerge w:val="restart"/>')
            if header:
                props.append('<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>')
            props.append('<w:vAlign w:val="center"/>')
            indent = f'<w:ind w:left="{cell.indent * 200}"/>' if cell.indent and not header else ""
            runs = "".join(
                f'<w:r>{rpr[header]}{"<w:br/>" if k else ""}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                for k, line in enumerate(cell.text.split("\n")) if cell.text
            )
            out.append(f'<w:tc><w:tcPr>{"".join(props)}</w:tcPr><w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0" '
                       f'w:line="{line}" w:lineRule="exact"/>{indent}<w:jc w:val="{align}"/>{rpr[header]}</w:pPr>{runs}</w:p></w:tc>')
            c += cs
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _row_lines(row, cols: list[int], size: float) -> int:
    """The most lines a cell of the row wraps to, roughly: a CJK character is ``size`` wide, a
    Latin one about half (``cols`` in twips, ``size`` in points)."""
    most = 1
    for c, slot in enumerate(row):
        if slot is None or not slot[0].text:
            continue
        cell, cs, _ = slot
        room = max(sum(cols[c:c + cs]) / 20 - 5, size)
        lines = sum(1 + int(sum(size if ord(ch) > 0x2E80 else size * 0.55 for ch in part) / room) for part in cell.text.split("\n"))
        most = max(most, lines)
    return most


def _heading_aligns(t: RenderedTable) -> list[str]:
    aligns = list(getattr(t, "heading_align", None) or [])
    positional = ["left", "center", "right"] if len(t.heading) <= 3 else ["left"] * len(t.heading)
    return [aligns[i] if i < len(aligns) else positional[i] for i in range(len(t.heading))]


def _heading_line_text(t: RenderedTable) -> str:
    """部门名称 (left) · 年度 (centre) · 金额单位 (right) on one line, by tabs to a centre and a
    right stop (one item: the item alone)."""
    if len(t.heading) == 1:
        return t.heading[0]
    line, stop = "", 0
    for text, align in zip(t.heading, _heading_aligns(t)):
        target = {"center": 1, "right": 2}.get(align, 0)
        if target > stop:
            line += "\t" * (target - stop)
            stop = target
        elif line:
            line += "　"
        line += text
    return line


def _heading_style(doc, level: int) -> str:
    """The style id of Heading ``level``, looked up once per document: python-docx resolves a
    style name by scanning every style on each call (0.1 s for this writer's ~50 headings)."""
    ids = doc.__dict__.setdefault("_juesuan_heading_ids", {})
    if level not in ids:
        ids[level] = doc.styles[f"Heading {level}"].style_id
    return ids[level]


def _heading(doc, text: str, level: int):
    p = doc.add_paragraph(text)
    p._p.style = _heading_style(doc, level)
    return p


def _table(doc, block: TableBlock, width) -> None:
    t = block.table
    h = block.heading
    size = 17 if t.ncols <= 6 else 15 if t.ncols <= 9 else 14  # half-points: 8.5 / 7.5 / 7 pt, as in the PDF
    # A marker now, the table's text when the document is saved (see _save).
    tables = doc.__dict__.setdefault("_juesuan_tables", [])
    doc.element.body.insert(len(doc.element.body) - 1, etree.Comment(f"{_TABLE_MARK} {len(tables)}"))  # before the final sectPr
    tables.append(_table_xml(t, int(width * TWIPS_PER_EMU), size, doc.__dict__.get("_juesuan_serif", SERIF),
                             title=h.text if h is not None else None, title_style=_heading_style(doc, h.level) if h is not None else None,
                             index=len(tables)))
    notes = [*(t.note.split("\n") if t.note else []), *([t.statement] if t.statement else [])]
    for k, text in enumerate(notes):
        p = doc.add_paragraph()
        p.paragraph_format.line_spacing = 1.2
        p.paragraph_format.keep_with_next = k < len(notes) - 1
        p.add_run(text).font.size = Pt(9)


def _chart(doc, spec, width) -> None:
    from . import charts

    png = charts.render_png(spec, dpi=150)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    shape = run.add_picture(io.BytesIO(png), width=min(Cm(15), width))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", spec.alt)
    doc_pr.set("title", spec.title)


def build_docx(disclosure: Disclosure, profile, *, charts: bool | None = None):
    """The whole document as a python-docx ``Document``."""
    doc = _compose(disclosure, profile, charts=charts)
    for marker, xml in _markers(doc):
        marker.addnext(parse_xml(xml.replace("<w:tbl>", f"<w:tbl {nsdecls('w')}>", 1)))
        marker.getparent().remove(marker)
    return doc


def _markers(doc):
    tables = doc.__dict__.pop("_juesuan_tables", [])
    for node in list(doc.element.body.iterchildren(etree.Comment)):
        if node.text.startswith(_TABLE_MARK):
            yield node, tables[int(node.text.split()[-1])]


def _compose(disclosure: Disclosure, profile, *, charts: bool | None = None):
    """The document with a marker where each table goes (its XML kept aside, see _save)."""
    from . import charts as charts_mod

    if charts is None:
        charts = charts_mod.cjk_font() is not None  # PNG charts need a CJK font
    doc_outline = outline.build(disclosure, profile, charts=charts)
    charts_mod.draw_ahead([b.chart for b in doc_outline.blocks if isinstance(b, ChartBlock)])
    doc = new_document()
    serif, sans = fonts.document_families()
    doc.__dict__["_juesuan_serif"] = serif
    _setup_styles(doc, serif, sans)
    section = doc.sections[0]
    _page(section, landscape=False)
    section.different_first_page_header_footer = True  # no page number on the cover
    _page_numbers(section)
    core = doc.core_properties
    core.title = f"{doc_outline.department}{doc_outline.title}"[:255]  # the file property's limit; the page keeps it whole
    core.author = doc_outline.department[:255]
    core.language = "zh-CN"

    _cover(doc, doc_outline.cover)
    _page_break(doc)
    _toc(doc, doc_outline.toc(), doc_outline.toc_title, _toc_pages(disclosure, profile))

    landscape = False
    pending_break = True  # the 目录 ends its page

    def width():
        s = doc.sections[-1]
        return s.page_width - s.left_margin - s.right_margin

    def orient(want: bool) -> None:
        nonlocal landscape, pending_break
        if want != landscape:
            new = doc.add_section(WD_SECTION.NEW_PAGE)
            new.different_first_page_header_footer = False  # the cover's rule, copied along
            _page(new, want)
            landscape = want
            pending_break = False

    def new_page() -> None:
        nonlocal pending_break
        if pending_break:
            _page_break(doc)
        pending_break = False

    for b in doc_outline.blocks:
        if isinstance(b, PageBreak):
            pending_break = True
            continue
        if isinstance(b, TableBlock):
            want = b.table.orientation == "landscape"
            if b.heading is not None:
                if want != landscape:
                    orient(want)
                else:
                    pending_break = True
                    new_page()
            elif pending_break:
                orient(False)
                new_page()
            _table(doc, b, width())
            continue
        if landscape:
            orient(False)
        new_page()
        if isinstance(b, Heading):
            p = _heading(doc, b.text, b.level)
            if b.align == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(b, Paragraph):
            p = doc.add_paragraph()
            if b.style == "subheading":
                p.paragraph_format.first_line_indent = Pt(24)
                p.paragraph_format.keep_with_next = True  # never left at the foot of a page
                run = p.add_run(b.text)
                run.bold = True
                _fonts(run._r, sans)
            else:
                p.paragraph_format.first_line_indent = Pt(24)  # 首行缩进两字
                p.add_run(b.text)
        elif isinstance(b, ChartBlock):
            _chart(doc, b.chart, width())
    return doc


def _toc_pages(disclosure: Disclosure, profile) -> list[int | None] | None:
    """The page of each 目录 entry as the PDF writer lays the document out; None without
    reportlab or a CJK font (the 目录 then lists entries only, until the field is updated)."""
    from . import WriterUnavailable

    try:
        from . import pdf

        return pdf.render_with_pages(disclosure, profile)[1]
    except (WriterUnavailable, ImportError):
        return None


def write(disclosure: Disclosure, profile, path: Path) -> None:
    _save(_compose(disclosure, profile), path)


class _Serialized:
    """A package part whose XML is already serialized (python-docx's writer asks parts for
    ``partname``, ``content_type``, ``rels`` and ``blob``)."""

    def __init__(self, part, blob: bytes):
        self._part, self.blob = part, blob

    def __getattr__(self, name):
        return getattr(self._part, name)


def _save(doc, path: Path) -> None:
    """Save with each table's XML spliced in as text where its marker is.

    The same bytes as parsing the tables into the tree and saving, without parsing and
    re-serializing ~3 MB of table XML (~0.1 s of a 0.9 s build, measured).
    """
    from docx.opc.oxml import serialize_part_xml
    from docx.opc.pkgwriter import PackageWriter

    tables = doc.__dict__.pop("_juesuan_tables", [])
    package = doc.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    pieces = _TABLE_MARK_XML.split(serialize_part_xml(doc.element))
    for i in range(1, len(pieces), 2):
        pieces[i] = tables[int(pieces[i])].encode("utf-8")
    main = _Serialized(doc.part, b"".join(pieces))
    PackageWriter.write(str(path), package.rels, [main if part is doc.part else part for part in parts])

