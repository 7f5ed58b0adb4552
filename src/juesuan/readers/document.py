"""From a document grid to the model, as printed.

One mapper serves every format: the grid says what is printed where, the profile says what
the template looks like (part headings, table titles and layouts, narrative sections), and the
result is a ``Disclosure`` with ``origin="printed"`` whose every value points into the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Disclosure, GlossaryEntry, Meta, Overview, SourceLoc, Table, UnitEntry
from ..profiles import Profile
from .grid import DocGrid, Line
from .layoutmap import LayoutIndex, ReadProblem, TableReader
from .normalize import compact, strip_enumerator

PART_NUMBERS = "一二三四五六七八九"
_PART = re.compile(r"^第([一二三四五六七八九])部分")
_NUMBER_TOKEN = re.compile(r"(公开\d+表|表[一二三四五六七八九十\d]+|附表\d+)")
_YEAR = re.compile(r"(20\d\d)\s*年度?")
_UNIT = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
_DEPT = re.compile(r"^(?:部门|单位|预算单位)(?:（单位）|\(单位\))?名称[:：]\s*(.+?)(?:\s*20\d\d年度?.*)?$")


EXACT_PARAGRAPHS = {"docx", "html", "xlsx"}  # formats whose paragraphs are elements, not lines


@dataclass
class ReadResult:
    disclosure: Disclosure
    profile: Profile
    problems: list[ReadProblem] = field(default_factory=list)


def part_of(line: Line) -> int | None:
    """The part number (1–9) when the line is a 第X部分 heading."""
    m = _PART.match(compact(line.text))
    return PART_NUMBERS.index(m.group(1)) + 1 if m else None


def find_parts(lines: list[Line]) -> dict[int, int]:
    """Index of each part heading in the body, skipping the table of contents.

    A table of contents lists the parts before the body repeats them: when part 1 appears twice,
    the body starts at its second appearance.
    """
    hits = [(i, part_of(ln)) for i, ln in enumerate(lines)]
    hits = [(i, p) for i, p in hits if p is not None]
    ones = [i for i, p in hits if p == 1]
    start = ones[1] if len(ones) > 1 else (ones[0] if ones else 0)
    parts: dict[int, int] = {}
    last = start - 1
    for i, p in hits:
        if i < start or p in parts or i <= last:
            continue
        if parts and p < max(parts):
            continue
        parts[p] = i
        last = i
    return parts


def _part_core(heading: str) -> str:
    """A part heading without its number, department, year and the line's spaces."""
    c = compact(re.sub(r"\{[a-z_]+\}", "", heading))
    c = _PART.sub("", c)
    return re.sub(r"^\d{4}年度?|^年度?", "", c)


def part_key(text: str, profile: Profile) -> str | None:
    """Which of the profile's parts a printed 第X部分 heading is, by its words (a document may
    number its parts differently from the template)."""
    printed = compact(text)
    for key, heading in profile.parts.items():
        core = _part_core(heading)
        if core and printed.endswith(core):
            return key
    return None


def read_grid(grid: DocGrid, profile: Profile) -> ReadResult:
    lines = grid.lines
    problems: list[ReadProblem] = []
    parts = find_parts(lines)
    keys = list(profile.parts)  # overview, tables, narrative, glossary, annex (in order)
    bounds: dict[str, tuple[int, int]] = {}
    ordered = sorted(parts.items(), key=lambda kv: kv[1])
    for n, (p, i) in enumerate(ordered):
        end = ordered[n + 1][1] if n + 1 < len(ordered) else len(lines)
        key = part_key(lines[i].text, profile) or (keys[p - 1] if p - 1 < len(keys) else None)
        if key and key not in bounds:
            bounds[key] = (i + 1, end)
    meta = read_meta(grid, profile)
    # Every 第X部分 line, in the 目录 and the body: the document names itself in them.
    meta.headings = [ln.text for ln in lines if not ln.is_row and part_of(ln)]
    d = Disclosure(origin="printed", source=grid.source, meta=meta)
    # Tables: their part when the document has one, else anywhere before the narrative.
    t0, t1 = bounds.get("tables", (0, bounds.get("narrative", (len(lines), 0))[0]))
    if "tables" not in bounds and parts:
        t0 = min(parts.values())
    d.tables = read_tables(lines[t0:t1], profile, problems)
    if "overview" in bounds:
        d.overview = read_overview(lines[slice(*bounds["overview"])])
    if "narrative" in bounds:
        from .narrative import read_narrative

        d.narrative = read_narrative(lines[slice(*bounds["narrative"])], profile, exact=grid.kind in EXACT_PARAGRAPHS)
    if "glossary" in bounds:
        d.glossary = read_glossary(lines[slice(*bounds["glossary"])])
    from .forms import read_forms

    a0 = bounds["annex"][0] if "annex" in bounds else (bounds["glossary"][1] if "glossary" in bounds else len(lines))
    d.performance = read_forms(lines[a0:] if "annex" in bounds else lines, problems)
    if d.meta.department_code is None:
        # forms name the department with its code: "078-大同市住房和城乡建设局"
        codes = {m.group(1) for f in d.performance if (m := re.match(r"^(\d{2,})-", f.department))}
        if len(codes) == 1:
            d.meta.department_code = codes.pop()
    return ReadResult(d, profile, problems)


# -- meta ---------------------------------------------------------------------------------
def read_meta(grid: DocGrid, profile: Profile) -> Meta:
    department = None
    year = None
    unit = None
    title = None
    head = grid.lines[:400]
    for ln in head:
        text = ln.text
        c = compact(text)
        if department is None:
            m = _DEPT.match(c)
            if m:
                department = m.group(1).strip()
        if unit is None:
            m = _UNIT.search(c)
            if m:
                unit = m.group(1)
        if year is None:
            m = _YEAR.search(c)
            if m and ("决算" in c or c.startswith(m.group(0)) or len(c) < 12):
                year = int(m.group(1))
        if title is None and "决算" in c and _YEAR.search(c) and not ln.is_row and len(c) < 40:
            title = text
    if department is None:
        titles = {compact(t.title) for t in profile.tables}
        for ln in head[:5]:
            c = compact(ln.text)
            if c in titles or part_of(ln):
                break  # the document starts with its tables: it never names the department
            if c and not ln.is_row and "决算" not in c and not _YEAR.match(c) and not _is_heading_line(c):
                department = c
                break
    if year is None:
        # no 年度 line near the top (a workbook of tables only): the year most mentioned
        years: dict[int, int] = {}
        for ln in grid.lines:
            for m in _YEAR.finditer(compact(ln.text)):
                years[int(m.group(1))] = years.get(int(m.group(1)), 0) + 1
        if years:
            year = max(years, key=lambda y: years[y])
    if year is None:
        from .. import catalogues

        year = _latest_catalogue_year(catalogues)
    if title and department and compact(title).startswith(department):
        title = compact(title)[len(department) :]
    return Meta(
        department=department or "（未识别）",
        year=year,
        unit=unit or "万元",
        profile=profile.id,
        document_title=title,
    )


def _latest_catalogue_year(catalogues) -> int:
    """The newest year the classification catalogues cover: the best guess for a document
    that never prints its year (codes are then checked against that year's catalogue)."""
    from pathlib import Path

    folder = Path(catalogues.__file__).parent / "data"
    years = [int(p.stem.rsplit("-", 1)[-1]) for p in folder.glob("functional-*.yaml") if p.stem.rsplit("-", 1)[-1].isdigit()]
    return max(years) if years else 2024


# -- tables -------------------------------------------------------------------------------
def _title_key(text: str) -> str:
    c = _NUMBER_TOKEN.sub("", compact(text))
    return compact(strip_enumerator(c)) if c[:1] in PART_NUMBERS else c


def read_tables(lines: list[Line], profile: Profile, problems: list[ReadProblem]) -> dict[str, Table]:
    layouts = {t.id: t for t in profile.tables}
    by_title = {compact(t.title): t.id for t in profile.tables}
    by_number = {compact(t.number): t.id for t in profile.tables if t.number}
    notes = [(compact(t.note), t.id) for t in profile.tables if t.note]
    readers = {t.id: TableReader(LayoutIndex.build(t), problems) for t in profile.tables}
    seen: dict[str, Table] = {}
    info: dict[str, dict] = {tid: {"heading": {}, "note": None, "statement": None, "loc": None} for tid in layouts}
    current: str | None = None
    pending: list[Line] = []
    pending_heading: dict[str, str] = {}
    last: str | None = None

    def start(tid: str, loc: SourceLoc | None) -> None:
        nonlocal current, pending, last
        current = tid
        last = tid
        seen.setdefault(tid, Table(id=tid))
        if info[tid]["loc"] is None:
            info[tid]["loc"] = loc
        info[tid]["heading"].update(pending_heading)
        pending_heading.clear()
        pending = []

    for ln in lines:
        text = ln.text
        c = compact(text)
        if not c:
            continue
        single = not ln.is_row or len(ln.filled()) == 1
        tid = None
        if single:
            key = _title_key(text)
            tid = by_title.get(key) or by_number.get(c)
            if tid is None and key != c:
                # "公开01表 收入支出决算总表" on one line
                tid = by_title.get(key)
        if tid is not None:
            if tid != current:
                start(tid, ln.loc)
            continue
        if single and (c.startswith("注:") or c.startswith("注：")):
            target = _match_note(c, notes) or current
            if target is None:
                pending = []
                continue
            if target != current:
                # Rows printed before the note without their title (a page of the document is
                # missing): the note says which table they belong to.
                orphans = pending
                start(target, orphans[0].loc if orphans else ln.loc)
                for row in orphans:
                    readers[target].add(row)
            info[target]["note"] = text
            current = None
            continue
        if single and (c.startswith("说明:") or c.startswith("说明：")) and last:
            info[last]["statement"] = text
            continue
        if single and _is_heading_line(c):
            target = info[current]["heading"] if current else pending_heading
            _record_heading(target, text)
            continue
        if ln.is_row:
            if current is not None:
                readers[current].add(ln)
            else:
                pending.append(ln)
        elif current is not None:
            readers[current].add_label_line(ln)

    tables: dict[str, Table] = {}
    for tid, layout in layouts.items():
        if tid not in seen:
            tables[tid] = Table(id=tid, present=False)
            continue
        t = readers[tid].table(tid)
        t.note = info[tid]["note"]
        t.statement = info[tid]["statement"]
        t.heading = info[tid]["heading"]
        t.loc = info[tid]["loc"]
        tables[tid] = t
    return tables


def _match_note(c: str, notes: list[tuple[str, str]]) -> str | None:
    best, best_len = None, 0
    for note, tid in notes:
        n = 0
        for a, b in zip(c, note):
            if a != b:
                break
            n += 1
        if n > best_len:
            best, best_len = tid, n
    # "注:本表反映部门本年度" is shared by every note: require agreement beyond it.
    return best if best_len >= 14 and best_len >= min(len(c), 20) else None


def _is_heading_line(c: str) -> bool:
    return bool(_DEPT.match(c) or _UNIT.search(c) or re.fullmatch(r"20\d\d年度?", c))


def _record_heading(target: dict[str, str], text: str) -> None:
    c = compact(text)
    m = _DEPT.match(c)
    if m:
        target["部门名称"] = m.group(1)
    m = _YEAR.search(c)
    if m:
        target["年度"] = m.group(0)
    m = _UNIT.search(c)
    if m:
        target["金额单位"] = m.group(1)


# -- overview and glossary -----------------------------------------------------------------
_SUB = re.compile(r"^[一二三四五六七八九十]+、")


def read_overview(lines: list[Line]) -> Overview:
    from .narrative import paragraphs

    ov = Overview()
    sections: list[list[Line]] = []
    for ln in lines:
        if not ln.is_row and _SUB.match(compact(ln.text)) and len(compact(ln.text)) < 30:
            sections.append([])
            continue
        if sections:
            sections[-1].append(ln)
    if sections:
        ov.duties = [p for p, _ in paragraphs([ln for ln in sections[0] if not ln.is_row])]
    if len(sections) > 1:
        rows = [ln for ln in sections[1] if ln.is_row]
        for ln in rows:
            cells = [c.text for c in ln.filled()]
            if cells and cells[0].isdigit() and len(cells) >= 2:
                ov.units.append(UnitEntry(no=int(cells[0]), name=cells[1], remark=cells[2] if len(cells) > 2 else None))
        ov.organisation = [p for p, _ in paragraphs([ln for ln in sections[1] if not ln.is_row])]
    return ov


_TERM = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、])\s*(.+?)[:：](.+)$")


def read_glossary(lines: list[Line]) -> list[GlossaryEntry]:
    from .narrative import paragraphs

    out = []
    for text, _ in paragraphs([ln for ln in lines if not ln.is_row]):
        m = _TERM.match(text)
        if m:
            out.append(GlossaryEntry(term=m.group(1).strip(), text=m.group(2).strip()))
    return out
