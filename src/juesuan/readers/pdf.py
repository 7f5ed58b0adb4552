"""Text-based PDFs, read with pdfium (as pypdfium2 ships it): every character's box, every ruling line.

Why pypdfium2: pdfium hands over text, character boxes and path objects for the 25-page corpus
PDF in a few tens of milliseconds; pdfplumber's extract_tables takes ~2.1 s and pdfminer's plain
text ~1.0 s on the same file (``python benchmarks/audit.py --libraries``: this reader, cells
included, ~0.2–0.4 s). pdfplumber reads every amount right, but pdfium gives the same
facts—glyph boxes and the tables' ruling lines—so the cells are rebuilt here: the ruling
segments of each table give its column and row boundaries and which neighbouring cells are
merged, and each character falls into the cell that contains its centre. Wrapped names stay in
their cell; a value printed off-centre in a tall row still belongs to that row. Text outside
tables becomes lines by baseline, with a paragraph start where a line is indented or follows a
gap; charts (filled shapes and short strokes outside tables) are left out with their labels.
"""
from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from heapq import heappop, heappush
from itertools import repeat
from operator import attrgetter
from pathlib import Path

from ..errors import InputError
from ..model import SourceLoc
from .grid import DocGrid, GridCell, Line
from .normalize import clean

_PAGE_FOOTER = __import__("re").compile(r"^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3})$")


class Char:
    """One glyph: its text and box (top-down page coordinates), centre precomputed since every
    character is placed by its centre several times."""

    __slots__ = ("ch", "x0", "x1", "top", "bottom", "cx", "cy")

    def __init__(self, ch: str, x0: float, x1: float, top: float, bottom: float):
        self.ch, self.x0, self.x1, self.top, self.bottom = ch, x0, x1, top, bottom
        self.cx = (x0 + x1) / 2
        self.cy = (top + bottom) / 2


@dataclass
class Seg:
    """A ruling segment or filled shape of a PDF page, in displayed coordinates."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class TableBox:
    """A ruled table on a PDF page: its segments, bounding box and the characters inside it."""

    segs: list[Seg]
    x0: float = 0
    x1: float = 0
    top: float = 0
    bottom: float = 0
    chars: list[Char] = field(default_factory=list)


def read_pdf(path: Path) -> DocGrid:
    from ..guard import LIMITS, check_size
    from . import pdfium

    check_size(path, LIMITS.pdf_bytes, "PDF")
    raw = pdfium.library()
    pdf, pages = pdfium.open_document(raw, path)  # its errors (damage, a password): the boundary words them
    if pages > LIMITS.pdf_pages:
        raw.FPDF_CloseDocument(pdf)
        raise InputError.single(str(path), "", f"PDF 页数过多（{pages:,} 页，上限 {LIMITS.pdf_pages:,} 页）：决算公开文档不会这么长，请确认选对了文件")
    grid = DocGrid(source=str(path), kind="pdf", pages=pages)
    frags: dict = {}  # text line -> its runs of glyphs, for tables printed without ruling lines
    block = 0
    glyphs = 0
    page = None
    try:
        for pno in range(pages):
            try:
                page = pdfium.load_page(raw, pdf, pno)
                view = _View(raw, page)
                chars = _chars(page, view, raw)
                segs, shapes = _segments(page, view, raw)
            except (InputError, MemoryError):
                raise
            except _Overfull as exc:
                raise InputError.single(str(path), f"第{pno + 1}页", str(exc)) from None
            except Exception as exc:  # noqa: BLE001 - pdfium on a damaged page: say which page
                from ..guard import describe

                raise InputError.single(str(path), f"第{pno + 1}页", describe(exc, "PDF")) from exc
            glyphs += len(chars)
            shaded = _shading(shapes, chars, view.w)
            shapes = [sh for sh in shapes if id(sh) not in shaded]
            tables = _tables(segs)
            # short strokes outside tables are chart marks too (a bar too thin to be a shape)
            used = {id(sg) for t in tables for sg in t.segs}
            marks = [sg for sg in segs if id(sg) not in used and max(sg.x1 - sg.x0, sg.bottom - sg.top) < 30]
            bands = _figure_bands(shapes + marks, tables)
            if bands:
                # charts: their labels and gridlines are not the document's text or tables
                tables = [t for t in tables if not _in_bands((t.top + t.bottom) / 2, bands)]
                chars = [c for c in chars if not _in_bands(c.cy, bands)]
            free: list[Char] = [] if tables else chars
            if tables:
                boxes = [(t.x0 - 1, t.x1 + 1, t.top - 1, t.bottom + 1, t.chars.append) for t in tables]
                for c in chars:
                    cx, cy = c.cx, c.cy
                    for x0, x1, y0, y1, put in boxes:
                        if x0 <= cx <= x1 and y0 <= cy <= y1:
                            put(c)
                            break
                    else:
                        free.append(c)
            items: list[tuple[float, list[Line]]] = []
            for t in tables:
                block += 1
                rows = _table_rows(t, path.name, pno + 1, block)
                if rows:
                    items.append((t.top, rows))
            for top, line in _text_lines(free, path.name, pno + 1, frags):
                items.append((top, [line]))
            items.sort(key=lambda it: it[0])
            for _, lines in items:
                grid.lines.extend(lines)
                grid.count(sum(len(line.cells) for line in lines))
            raw.FPDF_ClosePage(page)
            page = None
    finally:
        if page:
            raw.FPDF_ClosePage(page)
        raw.FPDF_CloseDocument(pdf)
    if frags:
        from .aligned import grid_tables

        def runs(line):  # worked out only for the lines after a table title
            got = frags.get(id(line))
            return None if got is None else _runs(*got)

        grid.lines = grid_tables(grid.lines, runs, lambda line: line.loc.page if line.loc else None)
    if not glyphs:
        raise InputError.single(
            str(path), "", "PDF 没有文字层（各页只有图像，可能是扫描件）：需要OCR（文字识别）后再核查；请提供由 Word/WPS 直接导出的 PDF"
        )
    return grid


class _View:
    """From PDF user space (y up, unrotated) to the page as displayed (y down), honouring
    /Rotate: landscape tables are often a portrait page drawn sideways and rotated for display."""

    def __init__(self, raw, page):
        from .pdfium import rotation

        self.rotation = rotation(raw, page)
        w, h = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)  # as displayed
        self.w, self.h = (h, w) if self.rotation in (90, 270) else (w, h)  # unrotated

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) as displayed."""
        r = self.rotation
        if r == 90:  # displayed turned clockwise: the page's left edge is on top
            return bottom, top, left, right
        if r == 180:
            return self.w - right, self.w - left, bottom, top
        if r == 270:
            return self.h - top, self.h - bottom, self.w - right, self.w - left
        return left, right, self.h - top, self.h - bottom


# A real page holds a few thousand characters and ruling lines; a page past these is damaged or
# built to exhaust time and memory (grouping segments into tables is quadratic at worst).
MAX_PAGE_CHARS = 200_000
MAX_PAGE_PATHS = 20_000


class _Overfull(Exception):
    """A page with more than any real page holds; the message is the user's."""


def _chars(page, view: _View, raw) -> list[Char]:
    from .pdfium import cropbox, text_page

    handle = text_page(raw, page)
    try:
        return _page_chars(handle, view, raw, cropbox(raw, page))
    finally:
        raw.FPDFText_ClosePage(handle)


def _page_chars(handle, view: _View, raw, crop: tuple[float, float, float, float]) -> list[Char]:
    out = []
    get_unicode, is_generated, loose_box = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox
    rect = raw.FS_RECTF()  # one buffer for every character: this loop runs ~10k times a document
    rect_ref = ctypes.byref(rect)  # passed as the C prototype takes it (see readers.pdfium)
    count = raw.FPDFText_CountChars(handle)
    if count > MAX_PAGE_CHARS:
        raise _Overfull(f"这一页有 {count:,} 个字符（上限 {MAX_PAGE_CHARS:,}）：页面内容异常，可能是损坏或恶意构造的文件")
    upright = view.rotation == 0
    height = view.h
    # Text placed off the page (a Word export that kept a whole section's text on a page and showed a
    # slice of it) is not printed: only characters whose centre lies in the page's visible box (user
    # space, where the box need not start at 0) are read.
    left, bottom, right, top = crop
    left, bottom, right, top = left - 1, bottom - 1, right + 1, top + 1
    # twice the crop box's edges: a centre (x0 + x1) / 2 is tested as x0 + x1, one division fewer
    left2, bottom2, right2, top2 = 2 * left, 2 * bottom, 2 * right, 2 * top
    append = out.append
    for i, code in enumerate(_codes(handle, count, raw) or map(get_unicode, repeat(handle, count), range(count))):
        if code in _NOT_TEXT or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            continue  # (a lone UTF-16 surrogate or no code point at all: not text anyone printed)
        ch = chr(code)
        if ch.isspace():
            # a space the producer wrote is content ("≥ 90%"); spaces pdfium infers are not (it
            # generates only spaces and line breaks, so other characters need not be asked)
            if is_generated(handle, i):
                continue
            ch = " "
        if not loose_box(handle, i, rect_ref):
            continue
        x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        if not (left2 <= x0 + x1 <= right2 and bottom2 <= y0 + y1 <= top2):
            continue
        if upright:  # most pages: the displayed box without a call per character
            append(Char(ch, x0, x1, height - y1, height - y0))
        else:
            append(Char(ch, *view.box(x0, y0, x1, y1)))
    return out


_NOT_TEXT = frozenset((0, 10, 13, 0xFFFE, 0xFFFF))


def _codes(handle, count: int, raw) -> list[int] | None:
    """Every character's code point at once (one call instead of one per character, ~1 µs
    each), or None when the page's text does not map one code unit to one character index (a
    character outside the BMP, or one pdfium keeps out of its text): then they are asked one by one."""
    buf = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(handle, 0, count, buf) if count else 0
    if written != count + 1:
        return None
    codes = buf[:count]
    if any(0xD800 <= c <= 0xDFFF for c in codes):
        return None
    return codes


def _path_bounds(page, raw, max_depth: int = 4):
    """(left, bottom, right, top) of every path object, Form XObjects entered up to ``max_depth``
    levels: what ``page.get_objects(filter=[PATH], max_depth=4)`` + ``get_bounds()`` give, through
    pdfium's functions directly (no wrapper object per path: 0.04 → 0.01 s a document)."""
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    box = tuple(map(ctypes.byref, (l, b, r, t)))  # as the C prototype takes them (see readers.pdfium)
    get_type, get_bounds, form_type = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds, raw.FPDF_PAGEOBJ_FORM
    path_type = raw.FPDF_PAGEOBJ_PATH

    def walk(count, get, parent, level):
        for i in range(count(parent)):
            obj = get(parent, i)
            if not obj:
                continue
            kind = get_type(obj)
            if kind == path_type and get_bounds(obj, *box):
                yield l.value, b.value, r.value, t.value
            elif kind == form_type and level < max_depth - 1:
                yield from walk(raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj, level + 1)

    yield from walk(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page, 0)


def _segments(page, view: _View, raw) -> tuple[list[Seg], list[Seg]]:
    """Ruling segments (thin paths) and filled shapes (bars, wedges, cell shading)."""
    segs, shapes = [], []
    for n, (left, bottom, right, top) in enumerate(_path_bounds(page, raw)):
        if n >= MAX_PAGE_PATHS:
            raise _Overfull(f"这一页的图形对象超过 {MAX_PAGE_PATHS:,} 个：页面内容异常，可能是损坏或恶意构造的文件")
        w, h = right - left, top - bottom
        if min(w, h) <= 2.5:
            if max(w, h) >= 3:
                segs.append(Seg(*view.box(left, bottom, right, top)))
        else:
            shapes.append(Seg(*view.box(left, bottom, right, top)))
    return segs, shapes


def _shading(shapes: list[Seg], chars: list[Char], page_width: float) -> set[int]:
    """Filled shapes that are not charts (ids): a 目录 or table exported from a spreadsheet shades
    its rows or cells (white), so they stand as wide bands a line or two tall, stacked edge to
    edge, cells of one row side by side, with text on some of them; and a lone small shape
    without text (a stray cell fill beside a table's unit line). Bars of a chart stand apart."""
    out: set[int] = set()
    # cells of one row, side by side, as one band
    rows: list[list[Seg]] = []
    for sh in sorted((sh for sh in shapes if sh.bottom - sh.top <= 40), key=lambda sh: (round(sh.top), sh.x0)):
        last = rows[-1] if rows else None
        if last and abs(sh.top - last[-1].top) <= 1 and abs(sh.bottom - last[-1].bottom) <= 1 and sh.x0 - last[-1].x1 <= 1.5:
            last.append(sh)
        else:
            rows.append([sh])
    bands = sorted((r for r in rows if r[-1].x1 - r[0].x0 >= 0.5 * page_width), key=lambda r: r[0].top)
    stacks: list[list[list[Seg]]] = []
    for band in bands:
        if stacks and abs(band[0].top - stacks[-1][-1][0].bottom) <= 1.5:
            stacks[-1].append(band)
        else:
            stacks.append([band])

    def texted(x0: float, x1: float, top: float, bottom: float) -> int:
        return sum(1 for c in chars if x0 <= c.cx <= x1 and top <= c.cy <= bottom)

    for stack in stacks:
        if any(texted(b[0].x0, b[-1].x1, b[0].top, b[0].bottom) >= 2 for b in stack):
            out.update(id(sh) for band in stack for sh in band)
    for sh in shapes:
        lone = not any(o is not sh and abs(o.top - sh.top) < 60 for o in shapes)
        if lone and (sh.x1 - sh.x0) * (sh.bottom - sh.top) < 3000 and not texted(sh.x0, sh.x1, sh.top, sh.bottom):
            out.add(id(sh))
    return out


# A chart's title sits up to two lines above its first shape, its unit note a line below.
FIGURE_ABOVE = 30.0
FIGURE_BELOW = 20.0


def _figure_bands(shapes: list[Seg], tables: list["TableBox"]) -> list[tuple[float, float]]:
    """Vertical bands of the page taken by charts: filled shapes outside every table (table
    cells may be shaded), grouped when less than 40pt apart, widened for title and unit note."""
    free = [
        s for s in shapes
        if not any(t.x0 - 2 <= (s.x0 + s.x1) / 2 <= t.x1 + 2 and t.top - 2 <= (s.top + s.bottom) / 2 <= t.bottom + 2 for t in tables)
    ]
    free.sort(key=lambda s: s.top)
    bands: list[list[float]] = []
    for s in free:
        if bands and s.top - bands[-1][1] < 40:
            bands[-1][1] = max(bands[-1][1], s.bottom)
        else:
            bands.append([s.top, s.bottom])
    return [(top - FIGURE_ABOVE, bottom + FIGURE_BELOW) for top, bottom in bands]


def _in_bands(y: float, bands: list[tuple[float, float]]) -> bool:
    return any(a <= y <= b for a, b in bands)


def _tables(segs: list[Seg]) -> list[TableBox]:
    """Group ruling segments that touch (2pt apart at most) into tables."""
    n = len(segs)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    # Swept from the top: a segment can touch only those above it still reaching down to its top,
    # and since they start no lower, it touches one of them exactly when their x ranges meet.
    # (Plain tuples and a heap of what is still reaching down: ~3,500 segments a document.)
    active: list[tuple[float, float, float, int]] = []  # heap of (bottom + 2, x0 - 2, x1 + 2, index)
    for top, bottom, x0, x1, i in sorted((s.top, s.bottom, s.x0, s.x1, i) for i, s in enumerate(segs)):
        while active and active[0][0] < top:
            heappop(active)
        root = i
        for _, ox0, ox1, j in active:
            if ox0 <= x1 and x0 <= ox1 and parent[j] != root:
                other = find(j)
                if other != root:
                    parent[root] = other
                    root = other
        heappush(active, (bottom + 2, x0 - 2, x1 + 2, i))
    groups: dict[int, list[Seg]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(segs[i])
    out = []
    for g in groups.values():
        hs = [s for s in g if s.horizontal]
        vs = [s for s in g if not s.horizontal]
        if len(hs) < 2 or len(vs) < 2:
            continue
        t = TableBox(g, min(s.x0 for s in g), max(s.x1 for s in g), min(s.top for s in g), max(s.bottom for s in g))
        out.append(t)
    return out


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    values = sorted(values)
    out: list[list[float]] = []
    for v in values:
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _table_rows(t: TableBox, file: str, page: int, block: int) -> list[Line]:
    hs = [s for s in t.segs if s.horizontal]
    vs = [s for s in t.segs if not s.horizontal]
    xs = _cluster([(s.x0 + s.x1) / 2 for s in vs])
    ys = _cluster([(s.top + s.bottom) / 2 for s in hs])
    if len(xs) < 2 or len(ys) < 2:
        return []
    nr, nc = len(ys) - 1, len(xs) - 1

    # ruling segments per boundary line, as (start, end) intervals along the line
    v_at: dict[int, list[tuple[float, float]]] = {}
    for sg in vs:
        k = _nearest(xs, (sg.x0 + sg.x1) / 2)
        if k is not None:
            v_at.setdefault(k, []).append((sg.top - 1, sg.bottom + 1))
    h_at: dict[int, list[tuple[float, float]]] = {}
    for sg in hs:
        k = _nearest(ys, (sg.top + sg.bottom) / 2)
        if k is not None:
            h_at.setdefault(k, []).append((sg.x0 - 1, sg.x1 + 1))

    def has_v(k: int, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        return any(a <= mid <= b for a, b in v_at.get(k, ()))

    def has_h(k: int, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(a <= mid <= b for a, b in h_at.get(k, ()))

    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not has_v(c + 1, ys[r], ys[r + 1]):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not has_h(r + 1, xs[c], xs[c + 1]):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    roots = [find(i) for i in range(nr * nc)]  # the merging is done: each grid cell's merged cell
    # each merged cell: its top-left grid position and span
    cells: dict[int, list[int]] = {}
    for i in range(nr * nc):
        cells.setdefault(roots[i], []).append(i)
    origin: dict[int, tuple[int, int, int]] = {}  # root -> (row, col, colspan)
    for root, members in cells.items():
        rows = [m // nc for m in members]
        cols = [m % nc for m in members]
        origin[root] = (min(rows), min(cols), max(cols) - min(cols) + 1)
    texts: dict[int, list[Char]] = {}
    for ch in t.chars:  # each character into the grid cell its centre falls in (~10k a page)
        c = bisect_right(xs, ch.cx) - 1
        if not 0 <= c < nc:
            continue
        r = bisect_right(ys, ch.cy) - 1
        if not 0 <= r < nr:
            continue
        texts.setdefault(roots[r * nc + c], []).append(ch)
    lines = []
    for r in range(nr):
        row_cells: list[GridCell] = []
        any_text = False
        loc = SourceLoc(file=file, page=page, line=r + 1)  # one for the row and its cells: nothing changes a location
        for c in range(nc):
            root = roots[r * nc + c]
            orow, ocol, span = origin[root]
            if (orow, ocol) == (r, c):
                text = _cell_text(texts.get(root, []))
                any_text = any_text or bool(text)
                row_cells.append(GridCell(text, loc, span=span))
            else:
                row_cells.append(GridCell("", None))
        if any_text:
            lines.append(Line(row_cells, True, loc, block=block))
    return lines


def _nearest(bounds: list[float], v: float, tol: float = 2.0) -> int | None:
    k = bisect_left(bounds, v)
    best = None
    for i in (k - 1, k):
        if 0 <= i < len(bounds) and abs(bounds[i] - v) <= tol and (best is None or abs(bounds[i] - v) < abs(bounds[best] - v)):
            best = i
    return best




def _cell_text(chars: list[Char]) -> str:
    if not chars:
        return ""
    out: list[str] = []
    for line in _baselines(chars):
        if len(line) > 1:
            line.sort(key=_X0)
        parts: list[str] = []
        prev = None
        last = ""  # parts[-1], or "" while parts is empty
        usual = None  # worked out when first needed (between two CJK characters)
        for c in line:
            ch = c.ch
            if ch == " ":
                if last and last != " ":
                    parts.append(" ")
                    last = " "
                continue
            if prev is not None and last and last != " ":
                size = prev.bottom - prev.top
                if size < 1.0:
                    size = 1.0
                # no space glyph but a word gap between two Latin words or numbers
                gap = c.x0 - prev.x1
                if gap > size * 0.2:
                    p_ascii, c_ascii = prev.ch.isascii(), ch.isascii()
                    if p_ascii and c_ascii:
                        if gap > size * 0.6:
                            parts.append(" ")
                    elif not p_ascii and not c_ascii and gap > (
                        usual if usual is not None else (usual := _usual_gap(line))) + size * 0.15:
                        # one wide gap between two CJK characters in an evenly set line is a space
                        # the producer did not write as a glyph; justified text (因 公 出 国) has every
                        # gap wide, none stands out. Between CJK and Latin a gap is the renderer's
                        # autospacing (Word, LibreOffice), not a space.
                        parts.append(" ")
            parts.append(ch)
            last = ch
            prev = c
        text = "".join(parts).strip()
        if not text:
            continue
        # a wrapped line continues the previous one; a space only between two Latin words
        if out and out[-1][-1].isascii() and out[-1][-1].isalpha() and text[0].isascii() and text[0].isalpha():
            out.append(" ")
        out.append(text)
    return clean("".join(out))


def _usual_gap(line: list[Char]) -> float:
    """The usual gap of an evenly set line (the median); two or three characters set no usual
    ("≤ 元" wrapped in a cell, where pdfium reports the written space as generated)."""
    gaps = sorted(b.x0 - a.x1 for a, b in zip(line, line[1:]) if a.ch != " " and b.ch != " ")
    return gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0


_X0 = attrgetter("x0")
_CY_X0 = attrgetter("cy", "x0")


def _baselines(chars: list[Char]) -> list[list[Char]]:
    """Group characters into lines: overlapping vertical extents share a line."""
    lines: list[list[Char]] = []
    line: list[Char] | None = None
    top = bottom = 0.0  # the current line's extent
    for ch in sorted(chars, key=_CY_X0):
        cy = ch.cy
        if line is not None and cy <= bottom - (ch.bottom - ch.top) * 0.25 and cy >= top:
            line.append(ch)
            if ch.top < top:
                top = ch.top
            if ch.bottom > bottom:
                bottom = ch.bottom
        else:
            line = [ch]
            lines.append(line)
            top, bottom = ch.top, ch.bottom
    return lines


def _text_lines(chars: list[Char], file: str, page: int, frags: dict | None = None) -> list[tuple[float, Line]]:
    lines = _baselines(chars)
    if not lines:
        return []
    sizes = sorted(c.bottom - c.top for c in chars)
    unit = max(sizes[len(sizes) // 2] / 2, 0.5)  # half the usual glyph height: one text column
    infos = []
    for ln in lines:
        ln.sort(key=_X0)
        # split a baseline into separate runs where a wide gap separates them (two columns)
        text = _cell_text(ln)
        if not text or _PAGE_FOOTER.match(text):
            continue
        top = min(c.top for c in ln)
        bottom = max(c.bottom for c in ln)
        size = sorted(c.bottom - c.top for c in ln)[len(ln) // 2]
        infos.append((top, bottom, ln[0].x0, ln[-1].x1, size, text, ln))
    if not infos:
        return []
    left = min(i[2] for i in infos)
    out = []
    prev_bottom = None
    prev_size = None
    for n, (top, bottom, x0, x1, size, text, ln) in enumerate(infos):
        gap = top - prev_bottom if prev_bottom is not None else 999.0
        indented = x0 - left > size * 1.2
        para_start = indented or gap > (prev_size or size) * 0.9 or prev_bottom is None
        loc = SourceLoc(file=file, page=page, line=n + 1)
        line = Line([GridCell(text, loc)], False, loc, para_start=para_start)
        out.append((top, line))
        if frags is not None:
            frags[id(line)] = (ln, unit)
        prev_bottom, prev_size = bottom, size
    return out


_FIGURE_END = __import__("re").compile(r"\d\.\d\d\s*$")


def _runs(line: list[Char], unit: float) -> list:
    """A baseline's runs of glyphs set apart by a gap of more than a character (the columns of a
    table printed without ruling lines), as fragments in text columns of ``unit`` points."""
    from .aligned import Frag

    out, run = [], [line[0]]
    for c in line[1:]:
        gap, last = c.x0 - run[-1].x1, run[-1].ch
        # a figure right-aligned against the next cell's left-aligned name stands closer
        if c.ch != " " and (gap > 1.6 * unit or (gap > 0.6 * unit and (last.isascii() != c.ch.isascii() or _FIGURE_END.search("".join(x.ch for x in run[-4:]))))):
            out.append(run)
            run = [c]
        else:
            run.append(c)
    out.append(run)
    return [Frag(t, r[0].x0 / unit, r[-1].x1 / unit) for r in out if (t := _cell_text(r))]
