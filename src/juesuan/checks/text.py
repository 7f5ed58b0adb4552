"""The running text of a disclosure, piece by piece, for the text-hygiene rules (TEXT-xxx).

Every rule of that family reads the same pieces — narrative paragraphs, the 概况 (主要职能, 机构设置),
the 名词解释, table notes, and in a read document its title lines and 目录 — with a location a
reviewer can find (part, sentence, page and line). Both families (决算 and 预算) are read the same way.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import SourceLoc
from .engine import Checker, Location, _clip


@dataclass(frozen=True)
class Piece:
    """A piece of the document's text to check (a paragraph, a heading, a note), with where it
    is."""

    text: str
    where: str  # the part in words: 情况说明“…” / 主要职能 / 名词解释“…” / 标题 / 《表》的注
    kind: str  # paragraph | overview | glossary | heading | contents | note
    location: Location


def _loc(where: str, text: str, source: SourceLoc | None, **keys) -> Location:
    label = f"{where}：“{_clip(text)}”"
    if source is not None and source.describe():
        label += f"（{source.describe()}）"
    return Location(sentence=text, source=source, label=label, **keys)


KINDS = ("paragraph", "overview", "glossary", "heading", "contents", "note")


def pieces(c: Checker, kinds: tuple[str, ...] = KINDS) -> Iterator[Piece]:
    """The document's text in reading order; each distinct (text, place) once. Read once per check
    (every TEXT rule reads it); a kind's pieces are the same whichever kinds are asked for."""
    every = c.derived("text.pieces", lambda: list(_pieces(c)))
    return (p for p in every if p.kind in kinds)


def _pieces(c: Checker, kinds: tuple[str, ...] = KINDS) -> Iterator[Piece]:
    d = c.disclosure
    seen: set[tuple] = set()

    def once(p: Piece) -> Iterator[Piece]:
        key = (p.kind, p.text, p.location.label)
        if key not in seen and p.text.strip():
            seen.add(key)
            yield p

    if "heading" in kinds and d.reading is not None:
        for line in d.reading.headings:
            yield from once(Piece(line.text, "标题", "heading", _loc("标题", line.text, line.loc)))
    if "contents" in kinds and d.reading is not None:
        for line in d.reading.contents:
            yield from once(Piece(line.text, "目录", "contents", _loc("目录", line.text, line.loc)))
    sources = d.context.sources  # built from a workbook: the cell each typed text came from
    if "overview" in kinds:
        for what, key, paragraphs in (("主要职能", "duties", d.overview.duties), ("机构设置", "organisation", d.overview.organisation)):
            for i, p in enumerate(paragraphs):
                yield from once(Piece(p, what, "overview", _loc(what, p, sources.get(f"overview:{key}.{i}"), section="overview")))
    if "paragraph" in kinds:
        for s in d.narrative:
            where = f"“{s.title}”"
            for i, p in enumerate(s.paragraphs):
                source = s.locs[i] if i < len(s.locs) else None
                yield from once(Piece(p, where, "paragraph", _loc(where, p, source or c.typed_source(p), section=s.key)))
    if "glossary" in kinds:
        for i, g in enumerate(d.glossary):
            where = f"名词解释“{g.term}”"
            yield from once(Piece(g.text, where, "glossary", _loc(where, g.text, sources.get(f"glossary:{i}"), section="glossary")))
    if "note" in kinds:
        for tid, t in d.tables.items():
            for text in (t.note, t.statement):
                if text:
                    where = f"{c.table_label(tid)}的注"
                    yield from once(Piece(text, where, "note", _loc(where, text, t.loc, table=tid)))


def section_ends(c: Checker) -> Iterator[tuple[Piece, bool]]:
    """Narrative and 概况 paragraphs with whether each is the last of its section (a sentence left
    open there has nothing after it); read once per check."""
    return iter(c.derived("text.section_ends", lambda: list(_section_ends(c))))


def _section_ends(c: Checker) -> Iterator[tuple[Piece, bool]]:
    d = c.disclosure
    for what, key, paragraphs in (("主要职能", "duties", d.overview.duties), ("机构设置", "organisation", d.overview.organisation)):
        for i, p in enumerate(paragraphs):
            source = d.context.sources.get(f"overview:{key}.{i}")
            yield Piece(p, what, "overview", _loc(what, p, source, section="overview")), i == len(paragraphs) - 1
    for s in d.narrative:
        where = f"“{s.title}”"
        for i, p in enumerate(s.paragraphs):
            source = (s.locs[i] if i < len(s.locs) else None) or c.typed_source(p)
            yield Piece(p, where, "paragraph", _loc(where, p, source, section=s.key)), i == len(s.paragraphs) - 1
