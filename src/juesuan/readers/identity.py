"""What a printed document says about itself: department, year, 部门 or 单位, unit, its 目录.

Read from the cover and title lines, the 目录 and the part headings together, after dropping
what a web page or a review process prints around the document (来源/发布时间, 保密审查情况,
dates, attachment file names). A year the document never prints stays unknown (``year`` None):
the caller records that, it never defaults silently.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import patterns
from ..model import PrintedLine
from .grid import Line
from .kinds import OTHER, fuzzy_kind, is_furniture, norm_title, part_number, title_kind
from .normalize import compact

YEAR = patterns.compile(r"(20\d\d)\s*年度?")
UNIT = patterns.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
DEPT_LINE = patterns.compile(r"^(?:(?:部门|单位|预算单位|编制单位)(?:[（(]单位[)）])?名称|编制部门|编制单位|预算主管部门|预算单位|主管部门)[:：]\s*(.+?)(?:\s*20\d\d年度?.*)?(?:(?:金额)?单位[:：].*)?$")
# A budget's cover names its department on a line of its own: 预算主管部门：某某局 / 预算单位：某某院.
_COVER_NAME = patterns.compile(r"^(?:预算主管部门|预算单位|主管部门|部门名称|单位名称)[:：]\s*(.+)$")
# A cover or title line that says what the document is: 2025年区级部门预算, 2024年单位预算, 2024年度部门决算.
_BUDGET_TITLE = patterns.compile(r"(?:部门|单位)?预算(?:公开)?(?:说明)?$")
# An organisation's name ends with one of these words (a wrapped name's first line does not); COMP-008
# uses the same words to tell a heading that names a department from one that describes the part.
ORGANISATION_END = patterns.compile(r"(?:局|委员会|委|办公室|办|中心|研究所|院|厅|署|馆|站|队|处|所|部|会|社|室|校|学|园|府|政府|街道|镇|乡|场|团|组|司|行|医院|公司|联合会|协会)$")
_TITLE_WORDS = patterns.compile(r"(?:部门|单位)?(?:决算|预算)(?:公开)?(?:说明|报告)?$")
_ATTACHMENT = patterns.compile(r"\.(?:xls|xlsx|et|doc|docx|wps|pdf|zip|rar)$", re.IGNORECASE)
_CONTENTS = patterns.compile(r"^目\s*录$|^目录[:：]?$")
_LEADER = patterns.compile(r"[.．·…]{3,}")
_ENTRY_NUMBER = patterns.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|第[一二三四五六七八九十]+部分[:：]?)")


def _new_page(lines: list[Line], i: int) -> bool:
    a, b = lines[i - 1].loc, lines[i].loc
    return a is not None and b is not None and a.page is not None and b.page is not None and b.page > a.page


def _paged(lines: list[Line], i: int) -> bool:
    loc = lines[i].loc
    return loc is not None and loc.page is not None


@dataclass
class Identity:
    """What a document says about itself: department, year, level, family, units and its 目录."""

    department: str | None = None
    year: int | None = None
    level: str | None = None  # 部门 | 单位
    family: str | None = None  # final (决算) | budget (预算), as the title or the 目录 says
    table_units: Counter = field(default_factory=Counter)  # 单位：元 / 单位：万元 lines, counted
    unit: str | None = None
    title: str | None = None
    province: str | None = None
    headings: list[PrintedLine] = field(default_factory=list)
    contents: list[PrintedLine] = field(default_factory=list)
    contents_range: tuple[int, int] | None = None  # line indexes of the 目录 (entries), end exclusive
    attachments: list[str] = field(default_factory=list)  # file names a web page links
    evidence: list[str] = field(default_factory=list)


def find_contents(lines: list[Line]) -> tuple[int, int] | None:
    """The 目录: from its heading to the line where the body starts (the first entry printed
    again, or the first table row or long paragraph)."""
    start = next((i for i, ln in enumerate(lines[:300]) if not ln.is_row and _CONTENTS.match(compact(ln.text))), None)
    if start is None:
        return None
    seen: set[str] = set()
    first_part: str | None = None
    first_core: str | None = None  # the first entry without its number and 部门/单位
    leaders = 0  # entries printed with dot leaders: a line without them after a run of them is the body
    i = start + 1
    while i < len(lines) and i < start + 120:
        ln = lines[i]
        c = _entry_key(ln.text)
        if ln.is_row and len(ln.filled()) > 2:
            break
        if _LEADER.search(ln.text):
            leaders += 1
        elif leaders >= 3 and _strip_page(ln.text) == ln.text.strip():
            break
        # (a document without pages — HTML, DOCX — has no page break to tell: the unnumbered heading suffices)
        if (first_core and i > start + 2 and (_new_page(lines, i) or not _paged(lines, i))
                and compact(ln.text).endswith(first_core) and not _ENTRY_NUMBER.match(compact(ln.text))):
            break  # the body's first heading on its own page: “某某局主要职能” after the entry “一、部门主要职能”
        if first_core is None and c:
            first_core = re.sub(r"^(?:部门|单位)", "", compact(_ENTRY_NUMBER.sub("", compact(_strip_page(ln.text))))) or None
        if len(compact(_strip_page(ln.text))) > 80 or "。" in ln.text:  # (an entry's dot leaders are not its length)
            break
        if c and c in seen and i > start + 2:
            break
        number = part_number(ln.text)
        if number is not None:
            key = f"part{number}"
            if first_part is None:
                first_part = key
            elif key == first_part:
                break
        if c:
            seen.add(c)
        i += 1
    return (start + 1, i)


def _entry_key(text: str) -> str:
    return norm_title(text)


def read_identity(lines: list[Line]) -> Identity:
    ident = Identity()
    rng = find_contents(lines)
    ident.contents_range = rng
    if rng:
        for ln in lines[rng[0] : rng[1]]:
            if is_furniture(ln.text):
                continue
            text = _strip_page(ln.text)
            if not text:
                continue
            kind = None if part_number(text) else fuzzy_kind(text)
            ident.contents.append(PrintedLine(text=text, loc=ln.loc, table=kind))
    head_end = rng[0] - 1 if rng else _first_body_line(lines)
    ident.attachments = [ln.text.strip("/ ") for ln in lines[: max(head_end, rng[1] if rng else 0)]
                         if not ln.is_row and _ATTACHMENT.search(compact(ln.text))]
    cover = [ln for ln in lines[:head_end] if not ln.is_row and not is_furniture(ln.text) and compact(ln.text)]
    ident.headings = [PrintedLine(text=ln.text, loc=ln.loc) for ln in cover]
    _title_and_name(ident, cover)
    if ident.department is None or ident.year is None:
        _from_part_headings(ident, lines, rng)
    if ident.department is None:
        _from_table_headings(ident, lines)
    if ident.year is None:
        _year_from_tables(ident, lines)
    _unit(ident, lines)
    _province(ident, lines)
    if ident.family is None:
        _family_from_contents(ident)
    if ident.department:
        ident.department = _clean_name(ident.department)
    return ident


def _first_body_line(lines: list[Line]) -> int:
    """Without a 目录, the cover is what stands before the first part heading or table."""
    for i, ln in enumerate(lines[:60]):
        if ln.is_row or part_number(ln.text) or title_kind(ln.text, prefix_allowed=False):
            return i
    return min(len(lines), 12)


def _strip_page(text: str) -> str:
    t = re.sub(r"\s*PAGEREF.*$", "", text)
    t = re.sub(r"[\s.．·…—_\-]{2,}\d*\s*$", "", t)
    t = re.sub(r"(?<=\S)\s+\d{1,3}\s*$", "", t)
    return t.strip()


def _title_and_name(ident: Identity, cover: list[Line]) -> None:
    """Cover lines: the title holds 决算 (and usually the year); the name stands before it, on
    one line, on two (a wrapped name), or inside the title line itself."""
    texts = [compact(ln.text) for ln in cover]
    title_idx = next((i for i, c in enumerate(texts) if "决算" in c and len(c) <= 60 and not title_kind(c)), None)
    if title_idx is None:
        title_idx = next((i for i, c in enumerate(texts) if _BUDGET_TITLE.search(c) and YEAR.search(c) and len(c) <= 60
                          and not title_kind(c) and not _COVER_NAME.match(c)), None)
    if title_idx is None:
        return
    title = texts[title_idx]
    # A title split over lines: “某某局2024年度” / “部门决算”.
    if YEAR.search(title) is None and title_idx > 0 and YEAR.search(texts[title_idx - 1]) and "决算" not in texts[title_idx - 1]:
        title = texts[title_idx - 1] + title
        title_idx -= 1
    ident.title = title
    ident.evidence.append(f"标题“{title}”")
    ident.family = "final" if "决算" in title else "budget"
    m = YEAR.search(title)
    if m:
        ident.year = int(m.group(1))
    ident.level = _level(title)
    name = _name_in_title(title)
    if name:
        ident.department = name
        return
    named = next((m.group(1) for t in texts if (m := _COVER_NAME.match(t))), None)
    if named:
        ident.department = named
        return
    before = [t for t in texts[:title_idx] if not YEAR.fullmatch(t) and "决算" not in t]
    if before:
        # A wrapped name: join the lines above the title while the name is unfinished.
        name = before[-1]
        k = len(before) - 2
        while k >= 0 and not ORGANISATION_END.search(before[k]) and len(before[k]) + len(name) <= 40:
            name = before[k] + name
            k -= 1
        ident.department = name


def _level(text: str) -> str | None:
    c = compact(text)
    if "单位决算" in c or "单位预算" in c:
        return "单位"
    if "部门决算" in c or "部门预算" in c:
        return "部门"
    return None


def _name_in_title(title: str) -> str | None:
    """“2023年度泸州市中医医院单位决算”, “柞水县审计局2020年部门决算” → the name."""
    t = YEAR.sub("", title)
    t = _TITLE_WORDS.sub("", t)
    t = re.sub(r"(?:区级|市级|县级|省级)$", "", t)
    t = re.sub(r"^(?:关于)?", "", t).strip("：: ")
    t = re.sub(r"(?:部门|单位)?(?:决算)?(?:公开)?$", "", t)
    if len(t) >= 3 and ORGANISATION_END.search(t):
        return t
    return None


def _from_part_headings(ident: Identity, lines: list[Line], rng) -> None:
    """“第一部分:湛江市人民政府行政服务中心概况”, “第二部分 某某局2024年度部门决算表”."""
    names: Counter[str] = Counter()
    years: Counter[int] = Counter()
    for ln in lines[:2000]:
        if ln.is_row or part_number(ln.text) is None:
            continue
        c = re.sub(r"^第[一二三四五六七八九十]部分[:：]?", "", compact(ln.text))
        c = re.sub(r"PAGEREF.*$", "", c)
        m = YEAR.search(c)
        if m:
            years[int(m.group(1))] += 1
        for tail in ("概况", "部门决算表", "单位决算表", "决算表", "部门决算情况说明", "单位决算情况说明", "决算情况说明"):
            if c.endswith(tail):
                head = YEAR.sub("", c[: -len(tail)])
                if len(head) >= 3 and ORGANISATION_END.search(head) and "X" not in head.upper():
                    names[head] += 1
                break
        if ident.level is None:
            ident.level = _level(c)
    if ident.department is None and names:
        ident.department = names.most_common(1)[0][0]
        ident.evidence.append(f"部分标题中的名称“{ident.department}”")
    if ident.year is None and years:
        ident.year = years.most_common(1)[0][0]
        ident.evidence.append(f"部分标题中的年度{ident.year}年")


def _most_frequent(lines: list[Line], pick):
    """The value ``pick(text)`` returns most often over every line's cells (None if never)."""
    seen: Counter = Counter()
    for ln in lines:
        for cell in ln.filled() if ln.is_row else ln.cells[:1]:
            value = pick(compact(cell.text))
            if value is not None:
                seen[value] += 1
    return seen.most_common(1)[0][0] if seen else None


def _from_table_headings(ident: Identity, lines: list[Line]) -> None:
    """The 部门名称：… line every Shanxi-style table prints: the most frequent value."""
    name = _most_frequent(lines, lambda c: m.group(1) if (m := DEPT_LINE.match(c)) else None)
    if name:
        ident.department = name
        ident.evidence.append(f"表头“部门名称：{name}”")


def _year_from_tables(ident: Identity, lines: list[Line]) -> None:
    """Table heading lines “2024年度”, or a budget table's title “2024年部门收入预算总表” (a workbook of
    tables only prints its year there)."""
    year = _most_frequent(lines, lambda c: int(m.group(1) or m.group(2)) if len(c) <= 40 and (
        m := re.search(r"(?:^|[^\d])(20\d\d)年度|^(20\d\d)年[^\d]*预算[^\d]*表$", c)) else None)
    if year:
        ident.year = year
        ident.evidence.append(f"表头中的年度{year}年")


def _unit(ident: Identity, lines: list[Line]) -> None:
    units: Counter[str] = Counter()
    for ln in lines:
        for cell in ln.filled():
            c = compact(cell.text)
            if len(c) <= 40:
                m = UNIT.search(c)
                if m:
                    units[m.group(1)] += 1
    ident.table_units = units
    # The model's unit is 万元 whenever the document speaks 万元 anywhere (a narrative in 万元
    # beside tables in 元 is common): tables in 元 are then converted exactly, table by table.
    if units.get("万元") or any("万元" in ln.text for ln in lines if not ln.is_row):
        ident.unit = "万元"
    elif units:
        ident.unit = "元"


def _family_from_contents(ident: Identity) -> None:
    """决算 or 预算 by the tables the 目录 lists (收入支出决算总表 … or 收入预算总表 …)."""
    from ..tables import KINDS

    families = Counter(KINDS[e.table].family for e in ident.contents if e.table in KINDS)
    if families:
        ident.family = families.most_common(1)[0][0]
        ident.evidence.append(f"目录所列{sum(families.values())}张表为{'预算表' if ident.family == 'budget' else '决算表'}")


def _province(ident: Identity, lines: list[Line]) -> None:
    """The province the cover, title or name says, directly or by a city (大同市 → 山西)."""
    from .kinds import province_of

    text = "".join(h.text for h in ident.headings) + (ident.department or "")
    hit = province_of(text)
    if hit:
        ident.province = hit[0]
        ident.evidence.append(f"“{hit[1]}”在{hit[0]}")


def _clean_name(name: str) -> str:
    """A name as printed, without a year, 年度 or title words stuck to it."""
    n = compact(name)
    n = re.sub(r"20\d\d年度?", "", n)
    n = re.sub(r"^(?:部门|单位)(?:[（(]单位[)）])?名称[:：]", "", n)
    n = re.sub(r"(?:部门|单位)?[决预]算(?:公开)?$", "", n)
    return n.strip("：: ")


def listed_tables(ident: Identity) -> list[str]:
    """The table kinds the 目录 lists, in its order (each once; ``other`` entries excluded)."""
    out: list[str] = []
    for e in ident.contents:
        if e.table and e.table != OTHER and e.table not in out:
            out.append(e.table)
    return out
