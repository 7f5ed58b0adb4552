"""The narrative (情况说明) as printed: paragraphs, re-joined across line and page breaks, in
the sections the profile names."""
from __future__ import annotations

import re

from ..model import NarrativeSection, SourceLoc
from ..profiles import Profile
from .grid import Line
from .normalize import compact, strip_enumerator

# A paragraph ends with sentence-final punctuation; a block that does not is a page or
# column break inside a paragraph, and the next block continues it.
_END = re.compile(r"[。；;！？!?:：]$|[。；;]\s*[”」』)）]$")
_STARTS_NEW = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．](?!\d)|第[一二三四五六七八九十]+[部条]|注[:：]|说明[:：]|备注)")


def paragraphs(lines: list[Line], exact: bool = False) -> list[tuple[str, SourceLoc | None]]:
    """Join lines into paragraphs: a new paragraph starts at a block start whose previous
    paragraph ended a sentence, or at a numbered heading; otherwise lines continue.

    ``exact``: the format marks paragraphs itself (Word, HTML), so every block start is one.
    """
    out: list[list] = []
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        new = False
        if not out or (exact and ln.para_start):
            new = True
        elif _STARTS_NEW.match(text) or ln.heading:
            new = True
        elif ln.para_start and _END.search(out[-1][0]):
            new = True
        elif out[-1][2]:  # previous was a heading line
            new = True
        if new:
            out.append([text, ln.loc, ln.heading or _looks_like_heading(text)])
        else:
            out[-1][0] = _join(out[-1][0], text)
            out[-1][2] = False
    return [(t, loc) for t, loc, _ in out]


def _looks_like_heading(text: str) -> bool:
    """A short numbered line (（一）…情况说明) stands alone: what follows starts a paragraph."""
    return len(text) <= 30 and bool(_STARTS_NEW.match(text))


def _join(a: str, b: str) -> str:
    # Chinese text has no spaces between lines; keep one between two Latin words or numbers.
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


_SECTION_NUMBER = re.compile(r"^([一二三四五六七八九十]+)、")


def _reworded(printed: str, title: str) -> bool:
    """The same section under slightly other words (十一、其他重要事项的情况说明): its number
    must agree, so a sub-heading (（一）…) never passes for a section."""
    a = _SECTION_NUMBER.match(compact(printed))
    b = _SECTION_NUMBER.match(compact(title))
    if not a or not b or a.group(1) != b.group(1):
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, _section_key(printed), _section_key(title)).ratio() >= 0.75


def _section_key(text: str) -> str:
    return compact(strip_enumerator(text))


def read_narrative(lines: list[Line], profile: Profile, exact: bool = False) -> list[NarrativeSection]:
    specs = profile.narrative.sections
    keys = [_section_key(s["title"]) for s in specs]
    starts: list[tuple[int, int]] = []  # (line index, spec index)
    pos = 0
    for i, ln in enumerate(lines):
        if ln.is_row:
            continue
        c = _section_key(ln.text)
        if not c or len(c) > 40:
            continue
        for j in range(pos, len(specs)):
            if c == keys[j] or (len(c) >= 6 and (keys[j].startswith(c) or c.startswith(keys[j]))) or _reworded(ln.text, specs[j]["title"]):
                starts.append((i, j))
                pos = j + 1
                break
    sections = []
    for n, (i, j) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        body = [ln for ln in lines[i + 1 : end] if not ln.is_row]
        paras = paragraphs(body, exact)
        sections.append(
            NarrativeSection(
                key=specs[j]["key"],
                title=lines[i].text,
                paragraphs=[p for p, _ in paras],
                locs=[loc for _, loc in paras],
            )
        )
    return sections
