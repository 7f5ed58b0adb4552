"""The narrative (情况说明) as printed: paragraphs, re-joined across line and page breaks, in
the sections the profile names."""
from __future__ import annotations


from .. import patterns
from ..model import NarrativeSection, SourceLoc
from ..profiles import Profile
from .grid import Line
from .normalize import compact, strip_enumerator

# A paragraph ends with sentence-final punctuation; a block that does not is a page or
# column break inside a paragraph, and the next block continues it.
_END = patterns.compile(r"[。；;！？!?:：]$|[。；;]\s*[”」』)）]$")
_STARTS_NEW = patterns.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．](?!\d)|第[一二三四五六七八九十]+[部条]|注[:：]|说明[:：]|备注)")


# A line that cannot begin a paragraph: the rest of a wrapped subject (（项）…) or punctuation.
CONTINUES = patterns.compile(r"^(?:[（(]?(?:类|款|项)[)）]|[，。、；;：:）)”’%])")
# Page furniture a PDF leaves among the text: page numbers (also caught by the readers).
PAGE_NUMBER = patterns.compile(r"^(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d{1,3}(?:\s*/\s*\d{1,3})?)$")


def drop_furniture(lines: list[Line]) -> list[Line]:
    """Without page numbers and running headers/footers: a short line printed first or last on
    two or more pages, word for word."""
    edges: dict[str, set] = {}
    prev_page = object()
    for i, ln in enumerate(lines):
        page = ln.loc.page if ln.loc is not None else None
        if page is None:
            continue
        nxt = lines[i + 1].loc.page if i + 1 < len(lines) and lines[i + 1].loc is not None else None
        if (page != prev_page or nxt != page) and not ln.is_row and len(ln.text) <= 40:
            edges.setdefault(compact(ln.text), set()).add(page)
        prev_page = page
    running = {t for t, pages in edges.items() if len(pages) >= 2 and t}
    return [ln for ln in lines if ln.is_row or not (PAGE_NUMBER.match(ln.text.strip()) or compact(ln.text) in running)]


def paragraphs(lines: list[Line], exact: bool = False) -> list[tuple[str, SourceLoc | None]]:
    """Join lines into paragraphs: a new paragraph starts at a block start whose previous
    paragraph ended a sentence, at a numbered item, or after a heading; otherwise lines continue,
    across line and page breaks (page numbers and running headers are dropped).

    ``exact``: the format marks paragraphs itself (Word, HTML), so every block start is one.
    A line that cannot begin a paragraph (``（项）。主要用于…`` after ``1、…财政事务（款）行政运行``)
    continues the previous one whatever the layout says.
    """
    out: list[list] = []
    lines = drop_furniture(lines)
    # A full line: most lines of a wrapped text are as long as the page allows.
    lengths = sorted(len(ln.text.strip()) for ln in lines if not ln.is_row)
    full = 0.9 * lengths[len(lengths) * 3 // 4] if lengths else 0
    prev_line = ""
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        new = False
        if not out:
            new = True
        elif CONTINUES.match(text) and not ln.heading:
            new = False
        elif open_quote(out[-1][0]) and not ln.heading and not _STARTS_NEW.match(text):
            new = False
        elif exact and ln.para_start:
            new = True
        elif ln.heading:
            new = True
        elif _STARTS_NEW.match(text) and (ln.para_start or _END.search(out[-1][0])):
            new = True
        elif ln.para_start and _END.search(out[-1][0]):
            new = True
        elif out[-1][2]:
            # After a heading line a new paragraph starts, unless the "heading" is a numbered
            # item wrapped mid-subject: its line is full, or its 科目 path is unfinished.
            new = ln.para_start or not (len(prev_line) >= full or _UNFINISHED_PATH.search(out[-1][0]))
        if new:
            out.append([text, ln.loc, ln.heading or _looks_like_heading(text)])
        else:
            out[-1][0] = _join(out[-1][0], text)
            out[-1][2] = out[-1][2] and _looks_like_heading(out[-1][0])
        prev_line = text
    return [(t, loc) for t, loc, _ in out]


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    return (digits[n // 10] if n >= 20 else "") + "十" + (digits[n % 10] if n % 10 else "")


_CN_VALUE = {_cn(i): i for i in range(1, 100)}
_ITEM = patterns.compile(r"^[（(]([一二三四五六七八九十]+)[)）]")


def split_items(paragraphs: list[str]) -> list[str]:
    """Numbered items a document printed run together (``（七）…规则。（八）负责…``) as one
    paragraph each: a paragraph that begins with item N is cut where a sentence ends and item
    N+1 begins. Only the next number cuts, so a cross-reference inside an item stays."""
    out: list[str] = []
    for text in paragraphs:
        while True:
            m = _ITEM.match(text)
            n = _CN_VALUE.get(m[1]) if m else None
            if n is None:
                break
            cut = patterns.compile(rf"[。；;][（(]{_cn(n + 1)}[)）]").search(text)
            if cut is None:
                break
            out.append(text[:cut.start() + 1])
            text = text[cut.start() + 1:]
        out.append(text)
    return out


# 一般公共服务支出（类）财政事务（款）行政运 — a path cut before its last level mark.
_UNFINISHED_PATH = patterns.compile(r"[（(](?:类|款)[)）][^（()）]+$")


_PAIRS = {"“": "”", "（": "）", "(": ")", "《": "》", "「": "」"}


def open_quote(text: str, within: int = 20) -> bool:
    """Does ``text`` end inside a quotation or bracket opened in its last ``within`` characters?
    Such a line was wrapped mid-phrase (“事业收 / 入”): a paragraph never ends there. Only a
    recent opening counts, so a stray unclosed mark does not swallow the paragraphs after it."""
    # Only the tail can hold such an opening, and a closing mark there whose opening lies before
    # it pops nothing: scanning the tail alone gives the same answer, and a paragraph growing line
    # by line is not rescanned whole at each line.
    stack: list[str] = []
    for c in text[-within:]:
        if c in _PAIRS:
            stack.append(c)
        elif stack and c == _PAIRS[stack[-1]]:
            stack.pop()
    return bool(stack)


def _looks_like_heading(text: str) -> bool:
    """A short numbered line (（一）…情况说明) stands alone: what follows starts a paragraph.
    A numbered sentence (a stop inside, or an amount) is not a heading."""
    return len(text) <= 30 and bool(_STARTS_NEW.match(text)) and not patterns.compile(r"[。；;].|\d\s*(?:万元|元|%)").search(text)


def _join(a: str, b: str) -> str:
    # Chinese text has no spaces between lines; keep one between two Latin words or numbers.
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


_SECTION_NUMBER = patterns.compile(r"^([一二三四五六七八九十]+)、")


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
    lines = drop_furniture(lines)  # over the whole narrative: a running header repeats across sections
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
