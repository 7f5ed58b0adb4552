"""The publishable document as one ordered outline that the DOCX, HTML and PDF writers draw.

封面 · 目录 · 第一部分 概况 · 第二部分 tables · 第三部分 情况说明 (with charts) · 第四部分 名词解释 ·
第五部分 附件 (performance forms). Every table is a ``layout.RenderedTable`` (the profile's grid, or
``performance.render_forms``), so all writers print the same cells and a reader can invert them.
Headings and part titles are profile data (``profile.parts``); this module only orders them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..layout import Cell, RenderedTable, fill_text, render_all
from ..model import Disclosure
from ..narrative import cn_numeral

# Body text is 12 pt (小四) on this leading (pt) in the PDF; the DOCX's 1.5 lines come close, so
# the DOCX 目录 can carry the PDF layout's page numbers.
BODY_LEADING = 22

# Used only when a profile leaves a part heading out of ``parts``.
DEFAULT_PARTS = {
    "overview": "第一部分 概况",
    "tables": "第二部分 {year}年度部门决算表",
    "narrative": "第三部分 情况说明",
    "glossary": "第四部分 名词解释",
}
# Used only when a profile folder has no publication.yaml.
DEFAULT_PUBLICATION = {
    "cover": ["{department}", "{title}"],
    "overview": {"duties": "一、主要职能", "organisation": "二、机构设置情况"},
    "toc_title": "目　录",
}

# A narrative paragraph that is a sub-heading: （一）… or 1、… without a sentence in it.
_SUBHEADING = re.compile(r"^(（[一二三四五六七八九十]+）|\d+、)[^。；，：]*[。]?$")


@dataclass
class Heading:
    level: int  # 1 part, 2 section (in 目录), 3 sub-heading
    text: str
    toc: str | None = None  # the 目录 line when it differs from the text (numbered table titles)
    anchor: str = ""
    align: str = "left"


@dataclass
class Paragraph:
    text: str
    style: str = "body"  # body | subheading | glossary | plain


@dataclass
class TableBlock:
    table: RenderedTable
    heading: Heading | None = None  # the table's title, printed with it (same page/orientation)


@dataclass
class ChartBlock:
    chart: object  # writers.charts.ChartSpec


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | TableBlock | ChartBlock | PageBreak


@dataclass
class Document:
    department: str
    title: str  # 2024年度单位决算公开
    year: int
    cover: list[str] = field(default_factory=list)  # cover lines, largest last
    toc_title: str = "目　录"
    blocks: list[Block] = field(default_factory=list)

    def toc(self) -> list[Heading]:
        out = []
        for b in self.blocks:
            h = b.heading if isinstance(b, TableBlock) else b
            if isinstance(h, Heading) and h.level <= 2:
                out.append(h)
        return out


def part_title(profile, disclosure: Disclosure, key: str) -> str | None:
    text = (profile.parts or {}).get(key) or DEFAULT_PARTS.get(key)
    return fill_text(text, disclosure) if text else None


def publication(profile) -> dict:
    """The profile's publication.yaml (cover, overview sub-headings), over the defaults."""
    from ..yamlio import load_yaml

    data = dict(DEFAULT_PUBLICATION)
    folder = getattr(profile, "folder", None)
    if folder is not None and (Path(folder) / "publication.yaml").exists():
        data.update(load_yaml(Path(folder) / "publication.yaml") or {})
    return data


def is_subheading(text: str) -> bool:
    return len(text) <= 40 and bool(_SUBHEADING.match(text))


def document_title(disclosure: Disclosure, profile) -> str:
    return disclosure.meta.document_title or fill_text(profile.document_title, disclosure)


def units_table(disclosure: Disclosure) -> RenderedTable | None:
    """部门决算单位构成 (shanghai 第一部分) as a grid like any other table."""
    units = disclosure.overview.units
    if not units:
        return None
    header = [[Cell(text="序号", kind="header"), Cell(text="单位名称", kind="header"), Cell(text="备注", kind="header")]]
    body = [[Cell(text=str(u.no), kind="text", align="center"), Cell(text=u.name, kind="label"), Cell(text=u.remark or "", kind="label")]
            for u in units]
    return RenderedTable(id="units", number=None, title="", heading=[], header=header, body=body, ncols=3,
                         note=None, statement=None, orientation="portrait", widths=[0.8, 4.0, 2.6])


def annex_tables(disclosure: Disclosure, profile) -> list[RenderedTable]:
    """The performance forms, when the performance package provides them (skipped otherwise)."""
    if not disclosure.performance:
        return []
    try:
        from ..performance import render_forms
    except ImportError:  # pragma: no cover - the annex is optional
        return []
    return list(render_forms(disclosure, profile))


def build(disclosure: Disclosure, profile, *, charts: bool = True) -> Document:
    """The outline; ``charts=False`` leaves charts out (e.g. no CJK font for PNG charts)."""
    from . import charts as charts_mod

    pub = publication(profile)
    title = document_title(disclosure, profile)
    m = disclosure.meta
    doc = Document(
        department=m.department, title=title, year=m.year,
        cover=[str(line).format(department=m.department, title=title, year=m.year) for line in pub["cover"]],
        toc_title=str(pub.get("toc_title") or "目　录"),
    )
    add = doc.blocks.append
    n = 0

    def anchor() -> str:
        nonlocal n
        n += 1
        return f"s{n}"

    if getattr(profile, "family", "final") == "budget":
        _budget_parts(doc, disclosure, profile, anchor)
        return doc

    # 第一部分 概况
    ov = disclosure.overview
    add(Heading(1, part_title(profile, disclosure, "overview"), anchor=anchor(), align="center"))
    add(Heading(2, pub["overview"]["duties"], anchor=anchor()))
    for p in ov.duties:
        add(Paragraph(p))
    add(Heading(2, pub["overview"]["organisation"], anchor=anchor()))
    for p in ov.organisation:
        add(Paragraph(p))
    units = units_table(disclosure)
    if units is not None:
        add(TableBlock(units))

    # 第二部分 tables
    add(PageBreak())
    add(Heading(1, part_title(profile, disclosure, "tables"), anchor=anchor(), align="center"))
    for i, t in enumerate(render_all(profile, disclosure), 1):
        add(TableBlock(t, Heading(2, t.title, toc=f"{cn_numeral(i)}、{t.title}", anchor=anchor(), align="center")))

    # 第三部分 情况说明
    add(PageBreak())
    add(Heading(1, part_title(profile, disclosure, "narrative"), anchor=anchor(), align="center"))
    chart_after = charts_mod.charts_by_section(disclosure) if charts else {}
    for section in disclosure.narrative:
        add(Heading(2, section.title, anchor=anchor()))
        for p in section.paragraphs:
            add(Paragraph(p, "subheading" if is_subheading(p) else "body"))
        for spec in chart_after.get(section.key, []):
            add(ChartBlock(spec))

    # 第四部分 名词解释
    if disclosure.glossary:
        add(PageBreak())
        add(Heading(1, part_title(profile, disclosure, "glossary"), anchor=anchor(), align="center"))
        for i, g in enumerate(disclosure.glossary, 1):
            add(Paragraph(f"{cn_numeral(i)}、{g.term}：{g.text}", "glossary"))

    # 第五部分 附件 (profiles that publish performance forms)
    annex_title = (profile.parts or {}).get("annex")
    forms = annex_tables(disclosure, profile) if annex_title else []
    if forms:
        add(PageBreak())
        add(Heading(1, fill_text(annex_title, disclosure), anchor=anchor(), align="center"))
        for t in forms:
            add(TableBlock(t, Heading(3, t.title, anchor=anchor(), align="center")))
    return doc


def grid(table: RenderedTable, rows: list[list[Cell]]) -> list[list[tuple[Cell, int, int] | None]]:
    """Place cells on an ncols-wide grid: each slot holds (cell, colspan, rowspan) at its top-left
    and None where a merged cell covers it. Writers that need absolute positions use this."""
    width = table.ncols
    out: list[list[tuple[Cell, int, int] | None | bool]] = [[False] * width for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < width and out[r][c] is not False:
                c += 1
            if c >= width:
                break
            cs = max(1, min(cell.colspan, width - c))
            rs = max(1, min(cell.rowspan, len(rows) - r))
            out[r][c] = (cell, cs, rs)
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        out[r + dr][c + dc] = None
            c += cs
    # Slots no cell reached (a short row) are empty cells.
    return [[(Cell(), 1, 1) if slot is False else slot for slot in row] for row in out]


NUMERIC_KINDS = {"amount", "count", "figure"}


def cell_align(cell: Cell) -> str:
    if cell.align:
        return cell.align
    if cell.kind in NUMERIC_KINDS:
        return "right"
    if cell.kind in ("header", "na"):
        return "center"
    return "left"


def column_widths(table: RenderedTable, avail: float, size: float, pad: float, measure=None) -> list[float]:
    """Column widths (points) for ``avail``: the table's weights, then each column widened until
    every one-column label of up to four characters fits on one line (a header like 行次 or 科目
    代码 never leaves one character alone), the width taken from columns that have room to spare.

    ``measure(text)`` is the printed width of a text at ``size``; by default a CJK character is
    ``size`` wide and others half. ``pad`` is what a cell takes beside its text."""
    measure = measure or (lambda text: sum(size if ord(ch) >= 0x2E80 else size / 2 for ch in text))
    n = table.ncols
    weights = list(table.widths[:n]) if table.widths and len(table.widths) >= n else [1.0] * n
    widths = [avail * w / sum(weights) for w in weights]
    need = [0.0] * n  # the least a column may have
    comfort = [0.0] * n  # what its longest text takes on one line
    for row in grid(table, table.header + table.body):
        for c, slot in enumerate(row):
            if slot is not None and slot[1] == 1 and slot[0].text:
                for line in slot[0].text.split("\n"):
                    need[c] = max(need[c], min(measure(line), measure(line[:4])) + pad)
                    comfort[c] = max(comfort[c], measure(line) + pad)
    # First every column its least; then, from room no text uses, each column its longest text
    # on one line as far as that room goes.
    for want_of, floors in ((need, ([max(a, b) for a, b in zip(need, comfort)], need)), (comfort, ([max(a, b) for a, b in zip(need, comfort)],))):
        short = sum(max(0.0, want - have) for want, have in zip(want_of, widths))
        if short <= 0:
            continue
        for floor in floors:
            room = [max(0.0, have - f) if have >= want else 0.0 for f, want, have in zip(floor, want_of, widths)]
            if sum(room) <= 0:
                continue
            take = min(1.0, sum(room) / short)  # the share of the shortfall the room can cover
            widths = [have + (want - have) * take if want > have else have - r * take * short / sum(room)
                      for want, have, r in zip(want_of, widths, room)]
            break
    return widths


def _budget_parts(doc: Document, disclosure: Disclosure, profile, anchor) -> None:
    """A budget disclosure's parts in the profile's order (一、主要职能 … 七、项目经费情况说明): each
    part's 目录 entry is ``profile.parts``, the title over its body ``profile.part_titles``; tables
    are titled ``profile.table_title`` and numbered 1. 2. … in the 目录; narrative sections go
    under the part their profile entry names."""
    add = doc.blocks.append
    m = disclosure.meta
    sections: dict[str, list] = {}
    part_of = {spec["key"]: spec.get("part", "explanation") for spec in profile.narrative.sections}
    for section in disclosure.narrative:
        sections.setdefault(part_of.get(section.key, "explanation"), []).append(section)

    def part_heading(key: str) -> None:
        toc = fill_text(profile.parts[key], disclosure)
        body = profile.part_titles.get(key)
        add(Heading(1, fill_text(body, disclosure) if body else toc, toc=toc, anchor=anchor(), align="center"))

    first = True
    for key in profile.parts:
        texts = {"overview": disclosure.overview.duties, "organisation": disclosure.overview.organisation}
        if key in ("projects", "other") and not sections.get(key):
            continue
        if not first:
            add(PageBreak())
        first = False
        if key == "tables":
            part_heading(key)
            for i, t in enumerate(render_all(profile, disclosure), 1):
                title = profile.table_title.format(year=m.year, title=t.title)
                add(TableBlock(t, Heading(2, title, toc=f"{i}. {title}", anchor=anchor(), align="center")))
            continue
        part_heading(key)
        if key in texts:
            for p in texts[key]:
                add(Paragraph(p))
        elif key == "glossary":
            for i, g in enumerate(disclosure.glossary, 1):
                add(Paragraph(f"（{cn_numeral(i)}）{g.term}：{g.text}", "glossary"))
        for section in sections.get(key, []):
            if fill_text(profile.part_titles.get(key, ""), disclosure) != section.title:
                add(Heading(3, section.title, anchor=anchor()))
            for p in section.paragraphs:
                add(Paragraph(p, "subheading" if is_subheading(p) else "body"))
