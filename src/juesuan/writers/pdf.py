"""The disclosure as PDF (reportlab, behind the ``pdf`` extra).

Chosen by measurement on the Datong example (~55 pages with the 26 performance forms):
WeasyPrint rendering the HTML writer's output took 16 s; reportlab lays the same outline out
in about a second. Fonts (``fonts.choose``): a serif body (宋体; AR PL UMing on Debian) with 黑体
headings, TrueType files embedded (subset) with their Unicode map, so pdftotext reads every
character back as written; reportlab cannot embed CFF-outline fonts (Noto CJK .ttc).

The layout follows a typesetter's rules: headings and table notes keep with what follows, no
line starts with closing punctuation or ends with an opening one (kinsoku, ``kinsoku_lines``),
no line of a paragraph or cell holds one character alone, and a table that runs onto further
pages repeats its title, 表号 and 单位 line above the repeated header rows. The 目录 carries page
numbers in a single pass: each entry's number is a form XObject filled in once pages are known.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from ..model import Disclosure
from . import WriterUnavailable, note
from . import document as outline
from . import fonts
from .document import BODY_LEADING, ChartBlock, column_widths, Heading, PageBreak as BreakBlock, Paragraph as ParagraphBlock, TableBlock, cell_align, grid

FONT = "JuesuanBody"  # 宋体/仿宋 (or what --font names)
FONT_HEADING = "JuesuanHeading"  # 黑体
INSTALL_HINT = (
    '安装可选组件：pip install "juesuan[pdf]"，并安装 TrueType 中文字体'
    "（Debian/Ubuntu：apt-get install fonts-arphic-uming fonts-wqy-microhei；Windows 自带的宋体、黑体亦可），"
    "或用 --font 指定字体文件（.ttf/.ttc）。"
)

# Kinsoku: characters that may not begin a line, and characters that may not end one.
CANNOT_START = set("，。、；：？！）》」』】〕〉”’％‰…·—～,.;:?!)]}%")
CANNOT_END = set("（《「『【〔〈“‘([{")


def _word_char(c: str) -> bool:
    """Part of a Latin word or a figure (242,833.56): never broken inside."""
    return c.isascii() and (c.isalnum() or c in ".,%-+/_")


def breakable(before: str, after: str) -> bool:
    """May a line end after ``before`` and the next begin with ``after``?"""
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before.isspace() or after.isspace():  # a space at a line break would vanish from the text read back
        return False
    return not (_word_char(before) and _word_char(after))


def kinsoku_lines(chars: list[str], widths: list[float], max_widths: list[float], hard: list[bool]) -> list[tuple[int, int, bool]]:
    """Break a run of characters into lines: (start, end, ends_with_hard_break) index ranges.

    Greedy fill, then the break moves back to the nearest place ``breakable`` allows (a line that
    cannot be broken anywhere overflows rather than loop). A last line of one character takes a
    second one from the line above when that line keeps at least two.
    """
    lines: list[tuple[int, int, bool]] = []
    start = used = 0
    i, n = 0, len(chars)
    while i < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        if hard[i]:
            lines.append((start, i + 1, True))
            start, used, i = i + 1, 0, i + 1
            continue
        if used + widths[i] > limit + 1e-6 and i > start:
            b = i
            while b > start + 1 and not breakable(chars[b - 1], chars[b]):
                b -= 1
            if not breakable(chars[b - 1], chars[b]):
                b = i  # nowhere allowed: overflow rather than an empty line
            lines.append((start, b, False))
            start, used = b, sum(widths[b:i])
            continue
        used += widths[i]
        i += 1
    if start < n:
        lines.append((start, n, False))
    if len(lines) >= 2:
        (s0, e0, h0), (s1, e1, h1) = lines[-2], lines[-1]
        visible = [c for c in chars[s1:e1] if c not in CANNOT_START and c.strip()]
        if not h0 and len(visible) == 1 and e0 - s0 >= 3:
            b = e0 - 1
            while b > s0 + 1 and not breakable(chars[b - 1], chars[b]):
                b -= 1
            if breakable(chars[b - 1], chars[b]) and e0 - b <= 3:
                lines[-2:] = [(s0, b, False), (b, e1, h1)]
    return lines


# Tables are printed with their grid (and a shaded header). Tests switch this off to make the
# borderless tables some producers print, which the readers must read from alignment alone.
RULED_TABLES = True


@lru_cache(maxsize=1)
def register_font() -> fonts.FontChoice:
    """Register the body and heading faces (``fonts.choose``); WriterUnavailable when no
    embeddable CJK font is installed."""
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont
    except ImportError as exc:
        raise WriterUnavailable("PDF 输出需要可选组件。" + INSTALL_HINT) from exc
    choice = fonts.choose()
    for name, face in ((FONT, choice.body), (FONT_HEADING, choice.heading)):
        if not face.path:
            raise WriterUnavailable(f"找不到可嵌入的中文字体（{face.family}）。" + INSTALL_HINT)
        try:
            pdfmetrics.registerFont(TTFont(name, face.path, subfontIndex=face.index))
        except (TTFError, OSError, ValueError) as exc:  # a broken file
            raise WriterUnavailable(f"字体文件无法使用：{face.path}。" + INSTALL_HINT) from exc
    return choice


@lru_cache(maxsize=1)
def _paragraph_class():
    """reportlab's Paragraph with ``kinsoku_lines`` for CJK wrapping (reportlab's own lets a
    line begin with ，；： and end with （“)."""
    from reportlab.platypus.paragraph import Paragraph, ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine

    class KinsokuParagraph(Paragraph):
        def breakLinesCJK(self, maxWidths):
            if not isinstance(maxWidths, (list, tuple)):
                maxWidths = [maxWidths]
            style = self.style
            self.height = 0
            _handleBulletWidth(self.bulletText, style, maxWidths)
            if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
                return self.blPara
            if not self.frags:
                return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                                 lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)
            units = []
            for f in self.frags:
                text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
                units.extend([cjkU(t, f, "utf8") for t in text] if text else [cjkU(text, f, "utf8")])
            widths = []
            for u in units:
                w = u.width
                if hasattr(w, "normalizedValue"):
                    w._normalizer = maxWidths[0]
                    w = w.normalizedValue(maxWidths[0])
                widths.append(w)
            hard = [hasattr(u.frag, "lineBreak") for u in units]
            calc = getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
            lines = []
            for k, (a, b, brk) in enumerate(kinsoku_lines([str(u) for u in units], widths, list(maxWidths), hard)):
                mw = maxWidths[min(k, len(maxWidths) - 1)]
                used = sum(widths[a:b])
                lines.append(makeCJKParaLine(units[a:b], mw, used, mw - used, brk, calc))
            return ParaLines(kind=1, lines=lines)

        def _get_split_blParaFunc(self):
            # reportlab rebuilds the two halves of a paragraph split across pages by joining its
            # lines with a space, as between Latin words. In Chinese that space is a real
            # character: a gap after the first character of each continuation line, the lines
            # shifted past the margin, and "产业 政策" in the text read back. Join without it.
            if self.blPara.kind != 1:
                return super()._get_split_blParaFunc()
            return lambda blPara, start, stop: [w.clone() for line in blPara.lines[start:stop] for w in line.words]

    return KinsokuParagraph


def write(disclosure: Disclosure, profile, path: Path) -> None:
    register_font()
    data = render(disclosure, profile)
    for message in _last[0][4] if _last else []:
        note(message)
    path.write_bytes(data)


def render(disclosure: Disclosure, profile) -> bytes:
    return render_with_pages(disclosure, profile)[0]


_last: list = []  # [(disclosure, profile, fonts, result, cuts)]: the DOCX 目录 and the PDF share one layout


def render_with_pages(disclosure: Disclosure, profile) -> tuple[bytes, list[int | None]]:
    """The PDF, and the page of each 目录 entry (``document.Document.toc()`` order). The last
    result is kept: a build writing DOCX and PDF lays the document out once."""
    choice = register_font()
    if _last and _last[0][0] is disclosure and _last[0][1] is profile and _last[0][2] == choice:
        return _last[0][3]
    data, pages, cuts = _layout(disclosure, profile)
    _last[:] = [(disclosure, profile, choice, (data, pages), cuts)]
    return data, pages


def _layout(disclosure: Disclosure, profile) -> tuple[bytes, list[int | None], list[str]]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        BaseDocTemplate, CondPageBreak, Flowable, Frame, Image, NextPageTemplate, PageBreak,
        PageTemplate, Spacer, Table, TableStyle,
    )

    from . import charts as charts_mod

    register_font()
    Paragraph = _paragraph_class()
    # Charts are PNG (Pillow): drawn as vector text they would enter the PDF's text layer and
    # be read back as narrative. Without a CJK font to draw them with they are left out.
    doc_outline = outline.build(disclosure, profile, charts=charts_mod.cjk_font() is not None)
    charts_mod.draw_ahead([b.chart for b in doc_outline.blocks if isinstance(b, ChartBlock)])

    # -- styles ------------------------------------------------------------------------------
    def style(name, size, leading=None, align=TA_LEFT, indent=0, before=0, after=0, color=colors.black, font=FONT, keep=0):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.35, alignment=align,
                              firstLineIndent=indent, spaceBefore=before, spaceAfter=after, textColor=color,
                              wordWrap="CJK", keepWithNext=keep)

    body = style("body", 12, BODY_LEADING, TA_JUSTIFY, indent=24)
    # Headings and sub-headings keep with what follows: never left at the foot of a page.
    sub = style("sub", 12, BODY_LEADING, TA_LEFT, indent=24, before=4, font=FONT_HEADING, keep=1)
    h = {1: style("h1", 16, align=TA_CENTER, before=6, after=12, font=FONT_HEADING, keep=1),
         2: style("h2", 13, before=10, after=6, font=FONT_HEADING, keep=1),
         3: style("h3", 12, before=8, after=4, font=FONT_HEADING, keep=1)}
    h_center = {k: ParagraphStyle(f"{v.name}c", parent=v, alignment=TA_CENTER) for k, v in h.items()}
    small = style("small", 9, 9 * 1.4)
    small_right = style("small_r", 9, 9 * 1.4, TA_RIGHT)
    toc_title = style("toc", 16, align=TA_CENTER, after=14, font=FONT_HEADING)
    cover = style("cover", 22, 34, TA_CENTER, after=10, font=FONT_HEADING)
    cover_big = style("cover_big", 28, 40, TA_CENTER, font=FONT_HEADING)

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
    heights = {k: (page_h if k == "portrait" else page_w) - margins[k][2] - margins[k][3] for k in margins}

    # -- texts too long for a page -------------------------------------------------------------
    # reportlab cannot split a table row across pages, and a repeated title or header must fit
    # with a body row: a cell's text is wrapped to at most its share of the page and, beyond
    # that (a name of thousands of characters), cut with "……" and said (``writers.note``).
    cut_texts: dict[str, list] = {}  # text -> [kept characters, where (first), places]

    def markup(text: str) -> str:
        return _esc(text).replace("\n", "<br/>")

    def fitted(text: str, style, width: float, cap: float, where: str):
        para = Paragraph(markup(text), style)
        if para.wrap(width, cap)[1] <= cap:
            return para
        # no more characters fit than the area holds at half the font size each: search below that
        lines = max(int(cap / style.leading), 1)
        lo, hi = 0, min(len(text), int(lines * max(width, 1) / (style.fontSize * 0.5)) + 1)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if Paragraph(markup(text[:mid] + "……"), style).wrap(width, cap)[1] <= cap:
                lo = mid
            else:
                hi = mid - 1
        record_cut(text, lo, where)
        return Paragraph(markup(text[:lo] + "……"), style)

    def record_cut(text: str, kept: int, where: str, room: str = "一页") -> None:
        entry = cut_texts.setdefault(text, [kept, where, 0, room])
        entry[0] = min(entry[0], kept)
        entry[2] += 1

    def cut_messages() -> list[str]:
        out = []
        for text, (kept, where, places, room) in cut_texts.items():
            shown = text[:20].replace("\n", " ") + ("…" if len(text) > 20 else "")
            more = f"等 {places} 处" if places > 1 else ""
            whole = "完整标题见正文" if room == "一行" else "请缩短该文字；完整内容见 Word、Excel 或网页格式"
            out.append(f"{where}{more}：“{shown}”共 {len(text):,} 字，PDF 中{room}排不下，只印出前 {kept:,} 字（以“……”结尾），{whole}")
        return out

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
            c.drawString(x, 5, self.text)  # cut to the line in ``toc_line``
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
    class Anchor(Flowable):
        """A point in the flow (zero size) that a 目录 entry and bookmark point at."""

        def __init__(self, toc_index: int):
            super().__init__()
            self.toc_index = toc_index

        def wrap(self, aw, ah):
            return 0, 0

        def draw(self):
            pass

    class NotedTable(Flowable):
        """A table and the notes printed under it. Split across pages, the notes go with at
        least the table's last two rows, never alone at the top of a page."""

        def __init__(self, table, notes: list, gap: float = 3):
            super().__init__()
            self.table, self.notes, self.gap = table, notes, gap

        def _measure(self, aw, ah):
            tw, th = self.table.wrap(aw, ah)
            nh = sum(n.wrap(aw, ah)[1] for n in self.notes) + self.gap
            return tw, th, nh

        def wrap(self, aw, ah):
            tw, th, nh = self._measure(aw, ah)
            self._tw, self._th = tw, th
            self.width, self.height = aw, th + nh
            return self.width, self.height

        def draw(self):
            y = self.height - self._th
            self.table.drawOn(self.canv, (self.width - self._tw) / 2, y)
            y -= self.gap
            for n in self.notes:
                y -= n.height
                n.drawOn(self.canv, 0, y)

        def split(self, aw, ah):
            _, th, nh = self._measure(aw, ah)
            if th + nh <= ah:
                return [self]
            target = ah
            if th <= ah:  # the table fits, its notes do not: carry its last rows over with them
                body_rows = len(self.table._rowHeights) - self.table.repeatRows
                target = th - sum(self.table._rowHeights[-min(2, max(body_rows - 1, 0)):] or [0]) - 0.5
            parts = self.table.split(aw, target)
            if len(parts) < 2:
                return []
            return [parts[0], NotedTable(parts[1], self.notes, self.gap)]

    def heading_widths(parts: list[str], avail: float) -> list[float]:
        """Equal thirds keep the year centred; a name longer than its third takes what the year
        and 单位 leave, so it stays on one line (a wrapped name reads back cut at the wrap)."""
        equal = [avail / len(parts)] * len(parts)
        if len(parts) < 2:
            return equal
        natural = [stringWidth(x, FONT, small.fontSize) + small.fontSize for x in parts]
        if natural[0] <= equal[0]:
            return equal
        rest = [max(w, small.fontSize * 4) for w in natural[1:]]
        name = max(avail - sum(rest), equal[0])
        return [name] + [w * (avail - name) / sum(rest) for w in rest]

    def title_block(block: TableBlock, avail: float, cap: float, where: str) -> list:
        """Title, 表号 and 部门名称/年度/单位 line: printed above the header rows on every page
        (each at most ``cap`` high)."""
        t = block.table
        out = []
        if block.heading is not None:
            hd = block.heading
            out.append(fitted(hd.text, h_center[min(hd.level, 3)] if hd.align == "center" else h[min(hd.level, 3)], avail, cap, f"{where}的标题"))
        if t.number:
            out.append(fitted(t.number, small_right, avail, cap, f"{where}的表号"))
        if t.heading:
            aligns = list(getattr(t, "heading_align", None) or [])
            positional = ["left", "center", "right"] if len(t.heading) <= 3 else ["left"] * len(t.heading)
            aligns = [aligns[i] if i < len(aligns) else positional[i] for i in range(len(t.heading))]
            widths = heading_widths(t.heading, avail)
            cells = [[fitted(x, ParagraphStyle("hl", parent=small, alignment={"center": TA_CENTER, "right": TA_RIGHT}.get(a, TA_LEFT)),
                             w, cap, f"{where}上方的名称、年度或单位行")
                      for x, a, w in zip(t.heading, aligns, widths)]]
            ht = Table(cells, colWidths=widths)
            ht.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
            out.append(ht)
        return out

    def table_flowables(block: TableBlock, avail: float, page_height: float) -> list:
        t = block.table
        out = []
        if block.heading is not None and block.heading.level <= 2:
            out.append(Anchor(len(toc_entries)))
            toc_entries.append((block.heading, None))
        where = f"表“{_short(t.title)}”"
        # shares of the page: title lines 8% each, header rows 40% together, a body row 30%
        titles = title_block(block, avail, page_height * 0.08, where)
        header_cap = page_height * 0.4 / max(len(t.header), 1)
        size = 8.5 if t.ncols <= 6 else 7.5 if t.ncols <= 9 else 7
        ncols = t.ncols
        # the cell's padding (2 × 2.5) and the right indent a wrapped cell keeps (size), plus a hair
        col_w = column_widths(t, avail, size, 5 + size + 0.5, lambda text: stringWidth(text, FONT, size))
        rows = t.header + t.body
        slots = grid(t, rows)
        top = 1 if titles else 0  # the title block: one row over all columns, no rules
        nheader = len(t.header) + top
        styles = {}
        data = [[titles] + [""] * (ncols - 1)] if titles else []
        cmds = [
            ("FONT", (0, 0), (-1, -1), FONT, size),
            *([("GRID", (0, top), (-1, -1), 0.5, colors.black)] if RULED_TABLES else []),
            ("VALIGN", (0, top), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, top), (-1, -1), 2.5), ("RIGHTPADDING", (0, top), (-1, -1), 2.5),
            ("TOPPADDING", (0, top), (-1, -1), 1.5), ("BOTTOMPADDING", (0, top), (-1, -1), 1.5),
        ]
        if top:
            cmds += [("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, 0), 0),
                     ("RIGHTPADDING", (0, 0), (-1, 0), 0), ("TOPPADDING", (0, 0), (-1, 0), 0), ("BOTTOMPADDING", (0, 0), (-1, 0), 0)]
        if nheader > top and RULED_TABLES:
            cmds.append(("BACKGROUND", (0, top), (-1, nheader - 1), colors.HexColor("#F2F2F2")))
        for r, row in enumerate(slots, start=top):
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
                if header and r >= nheader and RULED_TABLES:
                    cmds.append(("BACKGROUND", (c, r), (c + cs - 1, r + rs - 1), colors.HexColor("#F2F2F2")))
                width = sum(col_w[c:c + cs]) - 5 - (cell.indent * size if cell.indent else 0)
                text = cell.text
                # A string that nearly fills its cell wraps instead: glyphs touching a rule are
                # easily read back into the neighbouring cell.
                if text and ("\n" in text or stringWidth(text, FONT, size) > width - size):
                    key = (align, cell.indent)
                    if key not in styles:
                        styles[key] = ParagraphStyle(f"cell{len(styles)}", fontName=FONT, fontSize=size, leading=size * 1.2,
                                                     alignment={"center": TA_CENTER, "right": TA_RIGHT}.get(align, TA_LEFT),
                                                     leftIndent=cell.indent * size, wordWrap="CJK",
                                                     # CJK wrapping hangs a closing 。，at the line end: keep
                                                     # it inside the cell, off the rule.
                                                     rightIndent=size)
                    at = f"{where}的表头" if r < nheader else f"{where}第 {r - nheader + 1} 行"
                    line.append(fitted(text, styles[key], sum(col_w[c:c + cs]) - 5, header_cap if r < nheader else page_height * 0.3, at))
                else:
                    line.append(text)
                    if align != "left":
                        cmds.append(("ALIGN", (c, r), (c, r), align.upper()))
                    if cell.indent:
                        cmds.append(("LEFTPADDING", (c, r), (c, r), 2.5 + cell.indent * size))
            data.append(line)
        table = Table(data, colWidths=col_w, repeatRows=nheader, splitByRow=1, splitInRow=0, hAlign="CENTER")
        table.setStyle(TableStyle(cmds))
        notes = [fitted(text, small, avail, page_height * 0.2, f"{where}的表注")
                 for text in [*(t.note.split("\n") if t.note else []), *([t.statement] if t.statement else [])]]
        out.append(NotedTable(table, notes) if notes else table)
        return out

    def cover_line(text: str, base):
        """A cover line a little too long for the page is set smaller on one line, rather than
        leave its last word (…单位 / 预算) alone on a second; a much longer one wraps."""
        width = stringWidth(text, base.fontName, base.fontSize)
        room = widths["portrait"] - 2
        if width <= room or width > room * 1.35:
            return base
        size = base.fontSize * room / width
        return ParagraphStyle(f"{base.name}_fit", parent=base, fontSize=size, leading=base.leading * size / base.fontSize)

    # -- story -----------------------------------------------------------------------------------
    story: list = [Spacer(1, 6.5 * cm)]
    for i, line in enumerate(doc_outline.cover):
        story.append(Paragraph(_esc(line), cover_line(line, cover_big if i == len(doc_outline.cover) - 1 else cover)))
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
            story += table_flowables(b, widths[orientation], heights[orientation])
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
    def toc_line(text: str, level: int) -> str:
        """A 目录 entry on one line, leaving room for the page number: cut (and said) if longer."""
        room = widths["portrait"] - (0 if level == 1 else 24) - 40 - 22
        if stringWidth(text, FONT, 11) <= room:
            return text
        kept = len(text)
        while kept and stringWidth(text[:kept] + "……", FONT, 11) > room:
            kept = max(0, min(kept - 1, int(kept * room / stringWidth(text[:kept] + "……", FONT, 11))))
        record_cut(text, kept, "目录", "一行")
        return text[:kept] + "……"

    for i, hd in enumerate(headings):
        toc_lines.append(TocLine(i, toc_line(hd.toc or hd.text, hd.level), hd.level))
    story[toc_at:toc_at] = toc_lines
    from reportlab.platypus.doctemplate import LayoutError

    try:
        doc.build(story, canvasmaker=Canvas)
    except LayoutError:
        # A table cell taller than a page (a name of thousands of characters): reportlab cannot
        # split inside a cell. The other formats are written; this one is skipped with why.
        raise WriterUnavailable("有单元格内容过长（如上千字的名称），在 PDF 中排不进一页；请缩短该名称，或改用 Word/网页格式") from None
    return buf.getvalue(), [page for _, page in toc_entries], cut_messages()


def _short(text: str, n: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
