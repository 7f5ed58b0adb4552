"""Metamorphic tests: the narrative's claims and findings do not depend on its layout.

Every narrative (the corpus documents as read, and the built examples) is printed again as lines
of 18 to 60 characters, with page breaks carrying a running header and a page number, spaces
between characters and before units, and full-width digits; read back by the narrative reader
(as a PDF's lines reach it, through ``clean``), it must give the same claims and the same findings.
"""
from __future__ import annotations

import random
import re

import pytest

from conftest import corpus_file
from juesuan.checks import run
from juesuan.checks.claims import all_claims, parse_disclosure
from rule_testing import _key, built
from juesuan.model import SourceLoc
from juesuan.readers.grid import GridCell, Line
from juesuan.readers.narrative import read_narrative
from juesuan.readers.normalize import clean

WIDTHS = range(18, 61)
_NO_LINE_START = set("，。、；：）”’%！？,.;:)")
_ASCII_RUN = re.compile(r"[0-9A-Za-z.,%]")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _wrap(text: str, width: int) -> list[str]:
    """Lines of ``width`` characters as a word processor breaks Chinese text: never inside a
    number, never before closing punctuation."""
    out, i = [], 0
    while i < len(text):
        j = min(i + width, len(text))
        while j < len(text) and j > i + 1 and _ASCII_RUN.match(text[j]) and _ASCII_RUN.match(text[j - 1]):
            j -= 1  # do not split a number: break before it
        if j == i + 1 and _ASCII_RUN.match(text[i]):
            j = i + width
        while j < len(text) and text[j] in _NO_LINE_START:
            j += 1
        out.append(text[i:j])
        i = j
    return out


def _noise(line: str, rng: random.Random) -> str:
    """Spaces between characters and before units, full-width digits: what a PDF's text layer may
    hold (a number's digits are never spaced); the reader's ``clean`` is what the narrative reader sees."""
    if rng.random() < 0.3:
        line = line.translate(_FULL)
    if rng.random() < 0.3:
        line = re.sub(r"(\d)(万元|%)", r"\1 \2", line)
    if rng.random() < 0.3:
        line = re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", " ", line)  # letter-spaced CJK
    return clean(line, join_cjk=True)


def relaid(disclosure, width: int, seed: int) -> list[Line]:
    """The narrative as a PDF of pages of ``width``-character lines, read into lines."""
    rng = random.Random(seed)
    header = f"{disclosure.meta.department}{disclosure.meta.year}年度决算"
    raw: list[tuple[str, bool]] = []
    for s in disclosure.narrative:
        raw.append((s.title, True))
        for p in s.paragraphs:
            for n, text in enumerate(_wrap(p, width)):
                raw.append((text, n == 0))
    page_len = max(6, len(raw) // 5)
    lines: list[Line] = []
    page, on_page = 1, 0
    for text, start in raw:
        if on_page >= page_len + rng.randrange(3):
            lines.append(_line(f"- {page} -", page, True))
            page, on_page = page + 1, 0
            lines.append(_line(header, page, True))
        lines.append(_line(_noise(text, rng), page, start))
        on_page += 1
    return lines


def _line(text: str, page: int, start: bool) -> Line:
    loc = SourceLoc(file="relaid.pdf", page=page)
    return Line([GridCell(text, loc)], False, loc, para_start=start)


def _claims(disclosure):
    return sorted(
        (c.section, c.kind, c.quantity.key if c.quantity else None, str(c.value), c.direction,
         c.base.key if c.base else None)
        for c in all_claims(parse_disclosure(disclosure))
    )


def _findings(disclosure, profile):
    return sorted(map(str, (_key(f) for f in run(disclosure, profile))))


def _sources():
    from juesuan.readers.published import read_published

    yield "datong-built", *built("datong-housing-2024")
    yield "putuo-built", *built("putuo-finance-2024")
    for name in ("datong-housing-2024.txt", "putuo-finance-2024.pdf"):
        try:
            path = corpus_file(name)
        except pytest.skip.Exception:
            continue
        r = read_published(path)
        yield name, r.disclosure, r.profile


@pytest.mark.parametrize("name,disclosure,profile", list(_sources()), ids=lambda v: v if isinstance(v, str) else "")
def test_claims_and_findings_survive_layout(name, disclosure, profile):
    claims, findings = _claims(disclosure), _findings(disclosure, profile)
    assert claims
    for width in WIDTHS:
        d = disclosure.model_copy(deep=True)
        d.narrative = read_narrative(relaid(disclosure, width, seed=width), profile)
        assert [s.key for s in d.narrative] == [s.key for s in disclosure.narrative], width
        got = _claims(d)
        assert got == claims, (width, sorted(set(got) ^ set(claims))[:6])
        assert _findings(d, profile) == findings, width


def test_wrapped_item_keeps_its_subject():
    """The issue's case: the item's 科目 path wraps before （项）; it stays one paragraph, and a
    wrong 大于 under it is found."""
    d, profile = built("putuo-finance-2024")
    section = next(s for s in d.narrative if s.key == "general_budget")
    i = next(n for n, p in enumerate(section.paragraphs) if p.startswith("3、"))
    section.paragraphs[i] = section.paragraphs[i].replace("决算数小于预算数", "决算数大于预算数")
    head, rest = section.paragraphs[i].split("（项）", 1)
    lines = [_line(section.title, 1, True), _line(head, 1, True), _line("（项）" + rest[:20], 1, False), _line(rest[20:], 1, False)]
    (read,) = read_narrative(lines, profile)
    assert read.paragraphs == [section.paragraphs[i]]
    d.narrative = [read]
    assert any(f.rule == "NARR-008" and f.severity == "error" for f in run(d, profile))


def test_a_line_wrapped_inside_quotes_continues_its_paragraph():
    """The Shanghai template's glossary wraps “事业收 / 入” at the end of a heading-like line; a
    paragraph never ends inside a quotation opened a few characters before, so the entry reads
    whole (it was cut at “事业收 and reported as an unclosed quote)."""
    from juesuan.readers.document import read_glossary, read_overview

    lines = [_line("四、其他收入：指单位取得的除“财政拨款收入”、“事业收", 9, True),
             _line("入”、“经营收入”等以外的收入。主要是：XXXXXXXX 收入等。", 9, True),
             _line("五、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。", 9, True)]
    entries = read_glossary(lines)
    assert [(e.term, e.text) for e in entries] == [
        ("其他收入", "指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。主要是：XXXXXXXX 收入等。"),
        ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。")]
    # A section heading wrapped inside its bracket keeps the rest of it out of the section's text.
    overview = read_overview([_line("一、主要职能", 3, True), _line("负责全市财政工作。", 3, True),
                              _line("二、部门决算单位构成（仅有一个单位的部门，本部分内容", 3, True), _line("为“机构设置”）", 3, True),
                              _line("从预算单位构成看，本部门决算包括本级决算。", 3, True)])
    assert overview.organisation == ["从预算单位构成看，本部门决算包括本级决算。"]
