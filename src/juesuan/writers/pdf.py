"""The disclosure as PDF (reportlab, behind the ``pdf`` extra).

Chosen by measurement on the Datong example (~55 pages with the 26 performance forms):
WeasyPrint rendering the HTML writer's output took 16 s; reportlab lays the same outline out
in about a second. Fonts: a TrueType CJK font is embedded (subset) with its Unicode map, so
pdftotext reads every character back as written; reportlab cannot embed CFF-outline fonts
(Noto CJK .ttc), so WenQuanYi Micro Hei / SimSun / Microsoft YaHei are looked for.

Tables are the same grids the other writers draw (spans, header rows repeated on each page);
the 目录 carries page numbers in a single pass: each entry's number is a form XObject that is
filled in once the pages are known.
"""
from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path

from ..model import Disclosure
from . import WriterUnavailable
from . import document as outline
from .fonts import TRUETYPE_CJK_FILES, fontconfig_cjk_files
from .document import ChartBlock, Heading, PageBreak as BreakBlock, Paragraph as ParagraphBlock, TableBlock, cell_align, grid

FONT = "JuesuanCJK"
INSTALL_HINT = (
    'PDF 输出需要可选组件：pip install "juesuan[pdf]"，并安装一种 TrueType 中文字体'
    "（Debian/Ubuntu：apt-get install fonts-wqy-microhei；Windows 自带的宋体/微软雅黑亦可），"
    "或用环境变量 JUESUAN_PDF_FONT 指定字体文件（.ttf/.ttc）。"
)
@lru_cache(maxsize=1)
def register_font() -> str:
    """Register the first usable CJK TrueType font as FONT; WriterUnavailable when none is."""
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont
    except ImportError as exc:
        raise WriterUnavailable(INSTALL_HINT) from exc
    chosen = os.environ.get("JUESUAN_PDF_FONT")
    candidates = ([chosen] if chosen else []) + TRUETYPE_CJK_FILES + [p for p in fontconfig_cjk_files() if p.endswith((".ttf", ".ttc"))]
    for path in candidates:
        if not path or not Path(path).exists():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=0))
            return path
        except (TTFError, OSError, ValueError):  # CFF outlines, broken file
            continue
    raise WriterUnavailable("找不到可嵌入的中文字体。" + INSTALL_HINT)


def write(disclosure: Disclosure, profile, path: Path) -> None:
    register_font()
    data = render(disclosure, profile)
    path.write_bytes(data)


def render(disclosure: Disclosure, profile) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        BaseDocTemplate, CondPageBreak, Flowable, Frame, Image, NextPageTemplate, PageBreak,
        PageTemplate, Paragraph, Spacer, Table, TableStyle,
    )

    from . import charts as charts_mod

    register_font()
    # Charts are PNG (Pillow): drawn as vector text they would enter the PDF's text layer and
    # be read back as narrative. Without a CJK font to draw them with they are left out.
    doc_outline = outline.build(disclosure, profile, charts=charts_mod.cjk_font() is not None)
    charts_mod.draw_ahead([b.chart for b in doc_outline.blocks if isinstance(b, ChartBlock)])

    # -- styles ------------------------------------------------------------------------------
    def style(name, size, leading=None, align=TA_LEFT, indent=0, before=0, after=0, color=colors.black):
        return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading or size * 1.35, alignment=align,
                              firstLineIndent=indent, spaceBefore=before, spaceAfter=after, textColor=color,
                              wordWrap="CJK")

    body = style("body", 11, 11 * 1.75, TA_JUSTIFY, indent=22)
    sub = style("sub", 11, 11 * 1.75, TA_LEFT, indent=22, before=4)
    h = {1: style("h1", 16, align=TA_CENTER, before=6, after=12), 2: style("h2", 13, before=10, after=6),
         3: style("h3", 12, before=8, after=4)}
    h_center = {k: ParagraphStyle(f"{v.name}c", parent=v, alignment=TA_CENTER) for k, v in h.items()}
    small = style("small", 9, 9 * 1.4)
    small_right = style("small_r", 9, 9 * 1.4, TA_RIGHT)
    toc_title = style("toc", 16, align=TA_CENTER, after=14)
    cover = style("cover", 22, 34, TA_CENTER, after=10)
    cover_big = style("cover_big", 28, 40, TA_CENTER)

    page_w, page_h = A4
    margins = {"portrait": (2.4 * cm, 2.2 * cm, 2.5 * cm, 2.2 * cm), "landscape": (1.8 * cm, 1.8 * cm, 2.0 * cm, 1.8 * cm)}

    def frame(kind):
        w, hgt = (page_w, page_h) if kind == "portrait" else landscape(A4)
        left, right, top, bottom = margins[kind]
        return Frame(left, bottom, w - left - right, hgt - top - bottom, id=kind, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def number_page(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(canvas._pagesize[0] / 2, 1.1 * cm, str(doc.page))
        canvas.restoreState()

    toc_entries: list[tuple[Heading, int | None]] = []

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable):
            i = getattr(flowable, "toc_index", None)
            if i is not None:
                heading, _ = toc_entries[i]
                toc_entries[i] = (heading, self.page)
                key = f"h{i}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(heading.toc or heading.text, key, level=heading.level - 1)

    buf = io.BytesIO()
    doc = Doc(buf, pagesize=A4, title=f"{doc_outline.department}{doc_outline.title}", author=doc_outline.department,
              subject=doc_outline.title, lang="zh-CN", creator="juesuan")
    doc.addPageTemplates([
        PageTemplate("cover", [frame("portrait")], pagesize=A4),
        PageTemplate("portrait", [frame("portrait")], onPage=number_page, pagesize=A4),
        PageTemplate("landscape", [frame("landscape")], onPage=number_page, pagesize=landscape(A4)),
    ])
    widths = {k: (page_w if k == "portrait" else page_h) - margins[k][0] - margins[k][1] for k in margins}

    # -- 目录 with page numbers filled in after layout -----------------------------------------
    class TocLine(Flowable):
        def __init__(self, index: int, text: str, level: int):
            super().__init__()
            self.index, self.text, self.level = index, text, level

        def wrap(self, aw, ah):
            self.width = aw
            return aw, 20

        def draw(self):
            c = self.canv
            c.setFont(FONT, 11)
            x = 0 if self.level == 1 else 24
            c.drawString(x, 5, self.text)
            start = x + stringWidth(self.text, FONT, 11) + 4
            end = self.width - 26
            if end > start:
                c.setFont(FONT, 9)
                dots = "." * int((end - start) / stringWidth(".", FONT, 9))
                c.drawRightString(end, 5, dots)
            c.saveState()
            c.translate(self.width, 5)
            c.doForm(f"tocpage{self.index}")
            c.restoreState()

    class Canvas(__import__("reportlab.pdfgen.canvas", fromlist=["Canvas"]).Canvas):
        def __init__(self, *args, **kwargs):
            # Start in the embedded font: the default (Helvetica) would be listed, unembedded.
            kwargs.setdefault("initialFontName", FONT)
            super().__init__(*args, **kwargs)

        def save(self):
            for i, (_, page) in enumerate(toc_entries):
                self.beginForm(f"tocpage{i}", lowerx=-40, lowery=-4, upperx=0, uppery=14)
                self.setFont(FONT, 11)
                self.drawRightString(0, 0, str(page or ""))
                self.endForm()
            super().save()

    # -- tables --------------------------------------------------------------------------------
    def table_flowables(block: TableBlock, avail: float) -> list:
        t = block.table
        out = []
        if block.heading is not None:
            hd = block.heading
            p = Paragraph(_esc(hd.text), h_center[min(hd.level, 3)] if hd.align == "center" else h[min(hd.level, 3)])
            if hd.level <= 2:
                p.toc_index = len(toc_entries)
                toc_entries.append((hd, None))
            out.append(p)
        if t.number:
            out.append(Paragraph(_esc(t.number), small_right))
        if t.heading:
            aligns = list(getattr(t, "heading_align", None) or [])
            positional = ["left", "center", "right"] if len(t.heading) <= 3 else ["left"] * len(t.heading)
            aligns = [aligns[i] if i < len(aligns) else positional[i] for i in range(len(t.heading))]
            cells = [[Paragraph(_esc(x), ParagraphStyle("hl", parent=small, alignment={"center": TA_CENTER, "right": TA_RIGHT}.get(a, TA_LEFT)))
                      for x, a in zip(t.heading, aligns)]]
            ht = Table(cells, colWidths=[avail / len(cells[0])] * len(cells[0]))
            ht.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
            out.append(ht)
        size = 8.5 if t.ncols <= 6 else 7.5 if t.ncols <= 9 else 7
        ncols = t.ncols
        weights = list(t.widths[:ncols]) if t.widths and len(t.widths) >= ncols else [1.0] * ncols
        col_w = [avail * w / sum(weights) for w in weights]
        rows = t.header + t.body
        slots = grid(t, rows)
        nheader = len(t.header)
        styles = {}
        data = []
        cmds = [
            ("FONT", (0, 0), (-1, -1), FONT, size),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        if nheader:
            cmds.append(("BACKGROUND", (0, 0), (-1, nheader - 1), colors.HexColor("#F2F2F2")))
        for r, row in enumerate(slots):
            line = []
            for c, slot in enumerate(row):
                if slot is None:
                    line.append("")
                    continue
                cell, cs, rs = slot
                header = r < nheader or cell.kind == "header"
                align = "center" if header and not cell.align else cell_align(cell)
                if cs > 1 or rs > 1:
                    cmds.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
                if header and r >= nheader:
                    cmds.append(("BACKGROUND", (c, r), (c + cs - 1, r + rs - 1), colors.HexColor("#F2F2F2")))
                width = sum(col_w[c:c + cs]) - 5 - (cell.indent * size if cell.indent else 0)
                text = cell.text
                # A string that nearly fills its cell wraps instead: glyphs touching a rule are
                # easily read back into the neighbouring cell.
                if text and ("\n" in text or stringWidth(text, FONT, size) > width - size):
                    key = (align, cell.indent)
                    if key not in styles:
                        styles[key] = ParagraphStyle(f"cell{len(styles)}", fontName=FONT, fontSize=size, leading=size * 1.25,
                                                     alignment={"center": TA_CENTER, "right": TA_RIGHT}.get(align, TA_LEFT),
                                                     leftIndent=cell.indent * size, wordWrap="CJK",
                                                     # CJK wrapping hangs a closing 。，at the line end: keep
                                                     # it inside the cell, off the rule.
                                                     rightIndent=size)
                    # A space must not become a line break: it would vanish from the text read back.
                    line.append(Paragraph(_esc(text).replace(" ", "\u00a0").replace("\n", "<br/>"), styles[key]))
                else:
                    line.append(text)
                    if align != "left":
                        cmds.append(("ALIGN", (c, r), (c, r), align.upper()))
                    if cell.indent:
                        cmds.append(("LEFTPADDING", (c, r), (c, r), 2.5 + cell.indent * size))
            data.append(line)
        table = Table(data, colWidths=col_w, repeatRows=nheader, splitByRow=1, splitInRow=0, hAlign="CENTER")
        table.setStyle(TableStyle(cmds))
        out.append(table)
        for text in [*(t.note.split("\n") if t.note else []), *([t.statement] if t.statement else [])]:
            out.append(Paragraph(_esc(text), small))
        return out

    # -- story -----------------------------------------------------------------------------------
    story: list = [Spacer(1, 6.5 * cm)]
    for i, line in enumerate(doc_outline.cover):
        story.append(Paragraph(_esc(line), cover_big if i == len(doc_outline.cover) - 1 else cover))
    story += [NextPageTemplate("portrait"), PageBreak(), Paragraph(_esc(doc_outline.toc_title), toc_title)]
    # The 目录 lines are created now; their page numbers are known only after layout.
    headings = doc_outline.toc()
    toc_lines = []
    orientation = "portrait"
    pending_break = True
    for b in doc_outline.blocks:
        if isinstance(b, BreakBlock):
            pending_break = True
            continue
        if isinstance(b, TableBlock):
            want = b.table.orientation
            if b.heading is not None or want != orientation:
                story += [NextPageTemplate(want), PageBreak()]
                orientation = want
                pending_break = False
            elif pending_break:
                story.append(PageBreak())
                pending_break = False
            story += table_flowables(b, widths[orientation])
            continue
        if orientation != "portrait" or pending_break:
            story += [NextPageTemplate("portrait"), PageBreak()]
            orientation = "portrait"
            pending_break = False
        if isinstance(b, Heading):
            p = Paragraph(_esc(b.text), h_center[b.level] if b.align == "center" else h[b.level])
            if b.level <= 2:
                p.toc_index = len(toc_entries)
                toc_entries.append((b, None))
            if b.level > 1:
                story.append(CondPageBreak(3 * cm))
            story.append(p)
        elif isinstance(b, ParagraphBlock):
            story.append(Paragraph(_esc(b.text), sub if b.style == "subheading" else body))
        elif isinstance(b, ChartBlock):
            img = Image(io.BytesIO(charts_mod.render_png(b.chart, dpi=150)))
            scale = min(1.0, 15 * cm / img.drawWidth)
            img.drawWidth, img.drawHeight = img.drawWidth * scale, img.drawHeight * scale
            story += [Spacer(1, 6), img, Spacer(1, 6)]
    # 目录 lines, in heading order, inserted after the 目录 title (index 0 cover … title at toc_at).
    toc_at = story.index(next(x for x in story if isinstance(x, Paragraph) and x.style is toc_title)) + 1
    for i, hd in enumerate(headings):
        toc_lines.append(TocLine(i, hd.toc or hd.text, hd.level))
    story[toc_at:toc_at] = toc_lines
    from reportlab.platypus.doctemplate import LayoutError

    from . import WriterUnavailable

    try:
        doc.build(story, canvasmaker=Canvas)
    except LayoutError:
        # A table cell taller than a page (a name of thousands of characters): reportlab cannot
        # split inside a cell. The other formats are written; this one is skipped with why.
        raise WriterUnavailable("有单元格内容过长（如上千字的名称），在 PDF 中排不进一页；请缩短该名称，或改用 Word/网页格式") from None
    return buf.getvalue()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
