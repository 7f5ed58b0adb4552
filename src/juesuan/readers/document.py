"""From a document grid to the model, as printed.

One mapper serves every format: the grid says what is printed where, the profile says what
the template looks like (part headings, table titles and layouts, narrative sections), and the
result is a ``Disclosure`` with ``origin="printed"`` whose every value points into the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from decimal import Decimal

from .. import patterns
from ..model import Disclosure, GlossaryEntry, Meta, NarrativeSection, OtherTable, Overview, PrintedLine, Reading, SourceLoc, Table, UnitEntry
from ..profiles import Profile
from ..tables import COUNT_ROWS
from .grid import DocGrid, Line
from .identity import DEPT_LINE, UNIT, YEAR, Identity, read_identity
from .kinds import IGNORE, OTHER, norm_title, title_kind
from .layoutmap import LayoutIndex, ReadProblem, TableReader
from .normalize import compact, strip_enumerator

PART_NUMBERS = "一二三四五六七八九"
_PART = patterns.compile(r"^第([一二三四五六七八九])部分")
_NUMBER_TOKEN = patterns.compile(r"(公开\d+表|表[一二三四五六七八九十\d]+|附表\d+)")
_YEAR_PREFIX = patterns.compile(r"^20\d\d年度?")
_LEVEL_MARK = patterns.compile(r"[（(](?:部门|单位)[)）]")


_NO_DATA = patterns.compile(r"本表无数据|故本表为空|本表为空表")

EXACT_PARAGRAPHS = {"docx", "html", "xlsx"}  # formats whose paragraphs are elements, not lines


@dataclass
class ReadResult:
    """A read document: the disclosure, the profile it was read with, and what could not be
    placed."""

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


def words_part_key(text: str) -> str | None:
    from .kinds import part_key as by_words

    return by_words(text)


def part_key(text: str, profile: Profile) -> str | None:
    """Which of the profile's parts a printed 第X部分 heading is, by its words (a document may
    number its parts differently from the template)."""
    printed = compact(text)
    for key, heading in profile.parts.items():
        core = _part_core(heading)
        if core and printed.endswith(core):
            return key
    return None


def read_grid(grid: DocGrid, profile: Profile, *, reasons: list[str] | None = None) -> ReadResult:
    """The document read through a profile's layouts (its titles matched exactly)."""
    ident = read_identity(grid.lines)
    body = without_contents(grid.lines, ident)
    problems: list[ReadProblem] = []
    bounds = part_bounds(body, lambda text, n: part_key(text, profile) or words_part_key(text) or _nth(profile, n))
    if not bounds and profile.part_titles:
        bounds = titled_bounds(body, profile)
    t0, t1 = _table_span(body, bounds)
    tables = read_tables(body[t0:t1], profile, problems)
    reading = Reading(path="profile", profile=profile.id, reasons=list(reasons or [f"按指定的模板 {profile.id} 读取"]))
    d = assemble(grid, ident, body, bounds, tables, profile, problems, reading)
    return ReadResult(d, profile, problems)


def _nth(profile: Profile, n: int) -> str | None:
    keys = list(profile.parts)  # overview, tables, narrative, glossary, annex (in order)
    return keys[n - 1] if 0 < n <= len(keys) else None


def without_contents(lines: list[Line], ident: Identity) -> list[Line]:
    """The document without its 目录 (whose lines name tables and parts but are neither)."""
    if not ident.contents_range:
        return lines
    a, b = ident.contents_range
    return lines[: max(a - 1, 0)] + lines[b:]


def part_bounds(lines: list[Line], key_of) -> dict[str, tuple[int, int]]:
    """Each part's line span, by its heading's words (a document numbers its parts as it likes).
    A narrative in two parts (情况说明 in 第三部分, 其他重要事项 in 第四部分) spans both."""
    parts = find_parts(lines)
    bounds: dict[str, tuple[int, int]] = {}
    ordered = sorted(parts.items(), key=lambda kv: kv[1])
    for n, (p, i) in enumerate(ordered):
        end = ordered[n + 1][1] if n + 1 < len(ordered) else len(lines)
        key = key_of(lines[i].text, p)
        if not key:
            continue
        if key in bounds:
            if key == "narrative":
                bounds[key] = (bounds[key][0], end)
            continue
        bounds[key] = (i + 1, end)
    return bounds


def titled_bounds(lines: list[Line], profile: Profile) -> dict[str, tuple[int, int]]:
    """Parts found by the titles printed over their bodies (a budget numbers its parts only in
    its 目录: “某某局（部门）主要职能”, “名词解释”, “2025年部门预算编制说明” …); the tables part runs
    from the first table title to the next part. Each title is found once, in the profile's order."""
    cores = []
    for key, title in profile.part_titles.items():
        core = _YEAR_PREFIX.sub("", compact(re.sub(r"\{[a-z_]+\}", "", title)))
        core = _LEVEL_MARK.sub("", re.sub(r"^年度?", "", core))
        if core:
            cores.append((key, core))
    titles = {_YEAR_PREFIX.sub("", norm_title(t.title)) for t in profile.tables}
    starts: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        if ln.is_row:
            continue
        c = compact(ln.text)
        if not c or len(c) > 60 or c[-1] in "。；;，,：:":
            continue
        if "tables" not in seen and _YEAR_PREFIX.sub("", norm_title(ln.text)) in titles:
            starts.append((i, "tables"))
            seen.add("tables")
            continue
        bare = _LEVEL_MARK.sub("", c)  # “某某局（部门）主要职能” or “某某局主要职能”
        for key, core in cores:
            if key in seen or not bare.endswith(core):
                continue
            prefix = bare[: -len(core)]
            if prefix and (len(prefix) > 40 or any(ch in prefix for ch in "，。；：:,;、")):
                continue
            starts.append((i, key))
            seen.add(key)
            break
    bounds: dict[str, tuple[int, int]] = {}
    for n, (i, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        bounds[key] = (i if key == "tables" else i + 1, end)
    return bounds


def _table_span(lines: list[Line], bounds: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """Tables: their part when the document has one, else anywhere before the narrative."""
    if "tables" in bounds:
        return bounds["tables"]
    t1 = bounds.get("narrative", (len(lines), 0))[0]
    return (0, t1 if t1 > 0 else len(lines))


def assemble(grid: DocGrid, ident: Identity, lines: list[Line], bounds, tables: dict[str, Table], profile: Profile,
             problems: list[ReadProblem], reading: Reading) -> Disclosure:
    """Meta, tables (each in the document's unit), overview, narrative, glossary and forms."""
    meta = _meta(ident, profile, reading)
    # Every 第X部分 line, in the 目录 and the body: the document names itself in them.
    meta.headings = [ln.text for ln in lines if not ln.is_row and part_of(ln)]
    # our own, already-typed parts: not validated, so a one-document run does not build the whole
    # model's validator (~20 ms of a cold audit); model_dump and model_validate work as ever
    d = Disclosure.model_construct(origin="printed", source=grid.source, meta=meta, reading=reading)
    _convert_units(tables, meta.unit, reading, profile)
    d.tables = tables
    if profile.family == "budget":
        _budget_parts(d, lines, bounds, profile, exact=grid.kind in EXACT_PARAGRAPHS)
    elif "overview" in bounds:
        d.overview = read_overview(lines[slice(*bounds["overview"])])
    if "narrative" in bounds and profile.family != "budget":
        from .narrative import read_narrative

        d.narrative = read_narrative(lines[slice(*bounds["narrative"])], profile, exact=grid.kind in EXACT_PARAGRAPHS)
    if "glossary" in bounds:
        d.glossary = read_glossary(lines[slice(*bounds["glossary"])])
    from .forms import read_forms

    a0 = bounds["annex"][0] if "annex" in bounds else len(lines)
    if profile.family != "budget":  # a budget has no 绩效自评表
        d.performance = read_forms(lines[a0:] if "annex" in bounds else lines, problems)
    if d.meta.department_code is None:
        # forms name the department with its code: "078-大同市住房和城乡建设局"
        codes = {m.group(1) for f in d.performance if (m := re.match(r"^(\d{2,})-", f.department))}
        if len(codes) == 1:
            d.meta.department_code = codes.pop()
    # each part's heading line (a budget's tables part starts at its first table title: no heading)
    starts = [i for key, (i, _) in bounds.items() if not (key == "tables" and profile.family == "budget")]
    heads = [PrintedLine(text=lines[i - 1].text, loc=lines[i - 1].loc) for i in sorted(starts) if i > 0]
    reading.headings = ident.headings + heads
    reading.contents = ident.contents
    reading.attachments = ident.attachments
    reading.unread_titles = _unread_titles(lines, tables, profile)
    return d


def _unread_titles(lines: list[Line], tables: dict[str, Table], profile: Profile) -> list[PrintedLine]:
    """The body's title lines of the profile's tables that were not read: the table is printed
    (as an image, or in a layout the reader does not know), so it is not missing."""
    missing = {t.id for t in profile.tables if not (tables.get(t.id) is not None and tables[t.id].present)}
    out: dict[str, PrintedLine] = {}
    for ln in lines:
        if not missing - out.keys():
            break
        if ln.is_row and len(ln.filled()) != 1:
            continue
        hit = title_kind(ln.text)
        if hit is not None and hit[0] in missing and hit[0] not in out:
            out[hit[0]] = PrintedLine(text=compact(ln.text), loc=ln.loc, table=hit[0])
    return list(out.values())


def _meta(ident: Identity, profile: Profile, reading: Reading) -> Meta:
    year = ident.year
    if year is None:
        from .. import catalogues

        # Codes are checked against some year's catalogue, the newest; COMP-007 says the year is missing.
        year = _latest_catalogue_year(catalogues)
        reading.year_stated = False
    reading.level = ident.level
    reading.province = ident.province
    title = ident.title
    if title and ident.department and title.startswith(compact(ident.department)):
        title = title[len(compact(ident.department)) :]
    family = getattr(profile, "family", "final")
    reading.family = family
    unit = ident.unit or "万元"
    if family == "budget" and ident.table_units:
        # a budget's tables print 元 (its 三公 table 万元) while its text speaks 万元: the tables decide
        unit = ident.table_units.most_common(1)[0][0]
    if reading.level is None and family == "budget":
        reading.level = profile.level
    return Meta(
        department=ident.department or "（未识别）",
        year=year,
        unit=unit,
        profile=profile.id,
        document_title=title,
        family=family,
        level=reading.level if family == "budget" else None,
    )


_FACTOR = {("元", "万元"): Decimal("0.0001"), ("万元", "元"): Decimal(10000)}


def _convert_units(tables: dict[str, Table], unit: str, reading: Reading, profile: Profile | None = None) -> None:
    """A table printed in another unit than the document's (its own 单位：元 line) is read in the
    document's unit, exactly: 元 → 万元 divides by 10 000 (0.000001 万元, nothing rounded). Where
    the unit line was not read as a heading (a workbook puts it in a cell of a row), the unit the
    matched profile's layout prints the table in stands for it."""
    layout_units = {t.id: t.unit for t in profile.tables if t.unit} if profile is not None else {}
    for tid, t in tables.items():
        printed = (t.heading or {}).get("金额单位") or layout_units.get(tid)
        if not t.present or not printed or (printed, unit) not in _FACTOR:
            continue
        f = _FACTOR[(printed, unit)]
        for row in t.rows:
            if row.key not in COUNT_ROWS:
                row.values = {k: None if v is None else v * f for k, v in row.values.items()}
        reading.units[tid] = printed
        t.printed_unit = printed


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


def read_tables(lines: list[Line], profile: Profile, problems: list[ReadProblem], *, title_of=None,
                others: list[OtherTable] | None = None) -> dict[str, Table]:
    """The profile's tables as printed in ``lines``.

    ``title_of(line)`` (the generic path) says which table a line is the title of: a table id,
    ``other`` for a table the model does not hold (its rows go to ``others``), or None; without
    it, titles are the profile's own, matched exactly.
    """
    layouts = {t.id: t for t in profile.tables}
    by_title = {compact(t.title): t.id for t in profile.tables}
    # Titles printed after the year, quotes as the font has them (2025年部门“三公”经费…预算表).
    by_norm = {norm_title(t.title): t.id for t in profile.tables}
    budget = getattr(profile, "family", "final") == "budget"
    by_number = {compact(t.number): t.id for t in profile.tables if t.number}
    notes = [(compact(t.note), t.id) for t in profile.tables if t.note]
    readers = {t.id: TableReader(LayoutIndex.build(t), problems) for t in profile.tables}
    seen: dict[str, Table] = {}
    info: dict[str, dict] = {tid: {"heading": {}, "note": None, "statement": None, "loc": None} for tid in layouts}
    current: str | None = None
    pending: list[Line] = []
    pending_heading: dict[str, str] = {}
    last: str | None = None
    other_open = False  # rows belong to an "other table" until the next title

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
        if title_of is not None:
            tid = title_of(ln)
            if tid == IGNORE:
                continue
            if tid == OTHER:
                current = None
                pending = []
                if others is not None:
                    others.append(OtherTable(title=text, loc=ln.loc))
                other_open = True
                continue
        elif single:
            key = _title_key(text)
            tid = by_title.get(key) or by_number.get(c)
            if tid is None and key != c:
                # "公开01表 收入支出决算总表" on one line
                tid = by_title.get(key)
            if tid is None and budget:
                tid = by_norm.get(_YEAR_PREFIX.sub("", norm_title(text)))
        if tid is not None:
            other_open = False
            if tid != current:
                start(tid, ln.loc)
            continue
        if other_open:
            if others is not None and ln.is_row:
                others[-1].rows.append(ln.texts())
            continue
        if single and budget and last and (c.startswith("注:") or c.startswith("注：")) and _NO_DATA.search(c):
            # a budget says an empty table is empty in its 注 line: 注:本部门2025年无…，故本表为空表。
            info[last]["statement"] = text
            current = None
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
        if single and last and (c.startswith(("说明:", "说明：")) or (_NO_DATA.search(c) and len(c) <= 60)):
            # 说明：本表无数据 — or the same said without 说明 (（本表无数据）, 本单位无此项支出，故本表无数据)
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
    return bool(DEPT_LINE.match(c) or UNIT.search(c) or re.fullmatch(r"20\d\d年度?", c))


def _record_heading(target: dict[str, str], text: str) -> None:
    c = compact(text)
    m = DEPT_LINE.match(c)
    if m:
        target["部门名称"] = m.group(1)
    m = YEAR.search(c)
    if m:
        target["年度"] = m.group(0)
    m = UNIT.search(c)
    if m:
        target["金额单位"] = m.group(1)


# -- budget parts ---------------------------------------------------------------------------
def _budget_parts(d: Disclosure, lines: list[Line], bounds, profile: Profile, *, exact: bool) -> None:
    """A budget's 主要职能 and 机构设置 (each a part of its own), 名词解释 (（一）term：text), and its
    narrative: 编制说明, 其他相关情况说明 and 项目经费情况说明, in the sections the profile names."""
    from .narrative import paragraphs, read_narrative

    def text_of(key: str) -> list[str]:
        if key not in bounds:
            return []
        return [p for p, _ in paragraphs([ln for ln in lines[slice(*bounds[key])] if not ln.is_row], exact)]

    if "overview" in bounds and "organisation" not in bounds:
        # one 概况 part with numbered sub-sections (一、主要职能 二、机构设置), as final accounts print it
        d.overview = read_overview(lines[slice(*bounds["overview"])])
    if not d.overview.duties and not d.overview.organisation:
        d.overview = Overview(duties=text_of("overview"), organisation=text_of("organisation"))
    if "glossary" in bounds:
        d.glossary = read_glossary(lines[slice(*bounds["glossary"])])
    year = d.meta.year
    specs = [{**spec, "title": spec["title"].replace("{year}", str(year)).replace("{prior_year}", str(year - 1))}
             for spec in profile.narrative.sections]
    for part in dict.fromkeys(spec.get("part", "") for spec in specs):
        if part not in bounds:
            continue
        a, b = bounds[part]
        mine = [spec for spec in specs if spec.get("part", "") == part]
        # a part that is one section (编制说明) starts at its own title line
        span = lines[a - 1 : b] if len(mine) == 1 else lines[a:b]
        shown = profile.model_copy(update={"narrative": profile.narrative.model_copy(update={"sections": mine})})
        d.narrative += read_narrative(span, shown, exact=exact)
    if "narrative" in bounds:
        # a 第X部分 预算情况说明 (other templates): its sections by the profile's titles, else one section
        a, b = bounds["narrative"]
        found = read_narrative(lines[a:b], profile.model_copy(update={"narrative": profile.narrative.model_copy(update={"sections": specs})}), exact=exact)
        if not found:
            paras = paragraphs([ln for ln in lines[a:b] if not ln.is_row], exact)
            found = [NarrativeSection(key="explanation", title=lines[a - 1].text if a > 0 else "", paragraphs=[p for p, _ in paras],
                                      locs=[loc for _, loc in paras])]
        d.narrative += found


# -- overview and glossary -----------------------------------------------------------------
_SUB = patterns.compile(r"^[一二三四五六七八九十]+、")


def read_overview(lines: list[Line]) -> Overview:
    from .narrative import open_quote, paragraphs, split_items

    ov = Overview()
    sections: list[list[Line]] = []
    heading = ""  # a section heading wrapped inside its bracket (…（仅有一个单位的部门，本部分内容 / 为“机构设置” / ）) takes its rest
    for ln in lines:
        if not ln.is_row and _SUB.match(compact(ln.text)) and len(compact(ln.text)) < 30:
            sections.append([])
            heading = compact(ln.text)
            continue
        if heading and not ln.is_row and open_quote(heading, within=40) and len(heading) < 80:
            heading += compact(ln.text)
            continue
        heading = ""
        if sections:
            sections[-1].append(ln)
    if sections:
        ov.duties = split_items([p for p, _ in paragraphs([ln for ln in sections[0] if not ln.is_row])])
    if len(sections) > 1:
        rows = [ln for ln in sections[1] if ln.is_row]
        for ln in rows:
            cells = [c.text for c in ln.filled()]
            if cells and cells[0].isdigit() and len(cells) >= 2:
                ov.units.append(UnitEntry(no=int(cells[0]), name=cells[1], remark=cells[2] if len(cells) > 2 else None))
        ov.organisation = [p for p, _ in paragraphs([ln for ln in sections[1] if not ln.is_row])]
    return ov


_TERM = patterns.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、]|[（(][一二三四五六七八九十]+[)）])\s*(.+?)[:：](.+)$")


def read_glossary(lines: list[Line]) -> list[GlossaryEntry]:
    from .narrative import paragraphs

    out = []
    for text, _ in paragraphs([ln for ln in lines if not ln.is_row]):
        m = _TERM.match(text)
        if m:
            out.append(GlossaryEntry(term=m.group(1).strip(), text=m.group(2).strip()))
    return out
