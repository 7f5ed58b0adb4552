"""Reading a disclosure whose layout matches no profile: tables by title and header, parts by words.

The document's tables are found by their titles (``kinds``: every title variant of every
standard table kind, as data), each table's rows and columns are read through whichever known
layout of that kind reads it best (rows by label and code, whole or split into 类/款/项,
values aligned by header position from the right, with or without 行次/栏次), the document's
own 目录 says which tables it must have, and the parts are found by their words wherever they
stand. The result is read through a profile made for this document (id ``generic``), so every
rule applies unchanged: a table the 目录 lists and the document lacks is COMP-001's error.
"""
from __future__ import annotations

from types import SimpleNamespace

from .. import patterns, profiles
from ..model import OtherTable, Reading
from ..profiles import NarrativeSpec, Profile, TableLayout
from .document import ReadResult, assemble, part_bounds, read_tables, titled_bounds, without_contents
from .grid import DocGrid, Line
from .identity import Identity, listed_tables
from .kinds import IGNORE, OTHER, norm_title, part_key, title_kind
from .layoutmap import ReadProblem
from .normalize import compact, strip_enumerator

_NUMBER_ONLY = patterns.compile(r"^(?:公开\d+表|公开表\d+|附表[\d一二三四五六七八九十]+(?:-\d+)?|附件[\d一二三四五六七八九十]+(?:-\d+)?|表[\d一二三四五六七八九十]+(?:-\d+)?)[:：]?$")
_NO_DATA = patterns.compile(r"本表无数据|无数据|未发生|不涉及")


class BodyTitle(SimpleNamespace):
    index: int
    kind: str
    variant: str
    text: str


def scan_titles(lines: list[Line]) -> list[BodyTitle]:
    """Every line that titles a table (a table or a 无数据 statement follows it), with its kind.
    A second table of a kind already seen under another title (云南 prints two 三公 tables) is
    kept as an other table."""
    out: list[BodyTitle] = []
    first_variant: dict[str, str] = {}
    for i, ln in enumerate(lines):
        if ln.is_row and len(ln.filled()) != 1:
            continue
        hit = title_kind(ln.text)
        if hit is None or not _table_follows(lines, i):
            continue
        kind, variant = hit
        if kind != OTHER:
            prev = out[-1].kind if out else None
            if kind in first_variant and first_variant[kind] != variant and prev != kind:
                kind = OTHER
            else:
                first_variant.setdefault(kind, variant)
        out.append(BodyTitle(index=i, kind=kind, variant=variant, text=ln.text))
    return out


def _table_follows(lines: list[Line], i: int) -> bool:
    for ln in lines[i + 1 : i + 12]:
        if ln.is_row and len(ln.filled()) >= 2:
            return True
        if _NO_DATA.search(compact(ln.text)):
            return True
        if title_kind(ln.text) is not None:
            return False
    return False


def candidates(kind: str) -> list[TableLayout]:
    """Every layout of a table kind the built-in profiles know."""
    out = []
    for name in profiles.available():
        layout = profiles.load(name).table(kind)
        if layout is not None:
            out.append(layout)
    return out


def _title_map(lines: list[Line], titles: list[BodyTitle]) -> dict[int, str]:
    m = {id(lines[t.index]): t.kind for t in titles}
    for ln in lines:
        if not ln.is_row and _NUMBER_ONLY.match(compact(ln.text)):
            m[id(ln)] = IGNORE  # 公开01表 on a line of its own, above or below its title
    return m


def choose_layouts(lines: list[Line], titles: list[BodyTitle]) -> dict[str, TableLayout]:
    """Per table kind in the document, the layout that reads it: the known layout whose header
    words fit the printed header best (then: fewest rows it cannot place, most values), or the
    layout the printed header itself describes when its columns are none a known layout has."""
    from .columns import coded_columns, derived_layout, fixed_refs
    from .layoutmap import LayoutIndex

    tmap = _title_map(lines, titles)
    chosen: dict[str, TableLayout] = {}
    for kind in dict.fromkeys(t.kind for t in titles if t.kind != OTHER):
        at = next(t.index for t in titles if t.kind == kind)
        last = max(t.index for t in titles if t.kind == kind)
        end = next((t.index for t in titles if t.index > last and t.kind != kind), len(lines))
        span = lines[at:end]  # trials read the table's own lines only
        printed = _printed_header(lines, at)
        known = candidates(kind)
        best, best_score, best_problems = None, None, 0
        for layout in known:
            words = {w for w in LayoutIndex.build(layout).header_texts if not w.isdigit()}
            similarity = len(printed & words) / len(printed | words) if printed | words else 0.0
            t, problems = _trial(span, tmap, kind, layout)
            values = sum(1 for r in t.rows for v in r.values.values() if v is not None)
            # the header's words first (a layout without 行次 also "reads" the 行次 column as
            # figures), then rows it could not place, then values read
            score = (similarity - 0.1 * min(problems, 5), values)
            if best_score is None or score > best_score:
                best, best_score, best_problems = layout, score, problems
        if best is not None:
            derived = derived_layout(kind, lines, at, best)
            if derived is not None:
                shape = coded_columns(derived) or fixed_refs(derived)
                if all(shape != (coded_columns(k) or fixed_refs(k)) for k in known):
                    _, problems = _trial(span, tmap, kind, derived)
                    if problems <= best_problems:
                        best = derived
            chosen[kind] = best
    return chosen


def _trial(lines: list[Line], tmap: dict[int, str], kind: str, layout: TableLayout):
    """The table of ``kind`` read through ``layout`` alone, and the rows it could not place."""
    problems: list[ReadProblem] = []

    def title_of(ln):
        k = tmap.get(id(ln))
        return k if k in (None, IGNORE, kind) else OTHER

    tables = read_tables(lines, SimpleNamespace(tables=[layout]), problems, title_of=title_of)
    return tables[kind], len(problems)


def _printed_header(lines: list[Line], title: int) -> set[str]:
    """The words of a table's printed header: its rows before the first row with a figure."""
    from .columns import is_body_row

    words: set[str] = set()
    for ln in lines[title + 1 : title + 12]:
        if not ln.is_row:
            continue
        texts = [compact(c.text) for c in ln.cells if c.text]
        if is_body_row(texts):
            break
        words.update(t for t in texts if not t.isdigit())
    return words


def read_generic(grid: DocGrid, ident: Identity, reasons: list[str], family: str = "final") -> ReadResult:
    lines = without_contents(grid.lines, ident)
    titles = scan_titles(lines)
    chosen = choose_layouts(lines, titles)
    printed = {}
    for t in titles:
        if t.kind != OTHER:
            printed.setdefault(t.kind, norm_title(t.text))
    listed = listed_tables(ident)
    listed_titles = {e.table: norm_title(e.text) for e in reversed(ident.contents) if e.table}
    order = listed + [k for k in chosen if k not in listed]
    layouts = []
    for kind in order:
        base = chosen.get(kind) or (candidates(kind) or [None])[0]
        if base is None:
            continue
        title = printed.get(kind) or listed_titles.get(kind) or base.title
        layouts.append(base.model_copy(update={"title": title, "number": None}))
    bounds = part_bounds(lines, lambda text, n: part_key(text))
    part_titles: dict[str, str] = {}
    if family == "budget":
        # a budget numbers its parts in the 目录 only: find them by the titles budgets print
        base = next(profiles.load(n) for n in profiles.available() if profiles.load(n).family == "budget")
        part_titles = dict(base.part_titles)
        if not bounds:
            bounds = titled_bounds(lines, base.model_copy(update={"tables": layouts or base.tables}))
        narrative_spec = base.narrative
    else:
        narrative_spec = _narrative_spec(lines, bounds, ident)
    profile = Profile(
        id="generic",
        name="通用读取（未匹配内置模板）",
        document_title=ident.title or ("{year}年部门预算" if family == "budget" else "{year}年度部门决算"),
        family=family,
        parts={k: lines[a - 1].text for k, (a, _) in bounds.items() if a > 0},
        part_titles=part_titles,
        tables=layouts,
        narrative=narrative_spec,
    )
    tmap = _title_map(lines, titles)
    problems: list[ReadProblem] = []
    others: list[OtherTable] = []
    if not titles:
        # honest rather than silent: nothing in this document reads as a final-accounts table
        problems.append(ReadProblem(None, "无法识别的版式：文档中没有找到可识别的决算表或预算表标题，表格未能读取；"
                                          "请用 --profile 指定模板，或在 readers/data/reading.yaml 中补充表名"))
    tables = read_tables(lines, profile, problems, title_of=lambda ln: tmap.get(id(ln)), others=others)
    reading = Reading(path="generic", reasons=reasons)
    reading.other_tables = others
    d = assemble(grid, ident, lines, bounds, tables, profile, problems, reading)
    if others:
        reading.reasons.append("模型未包含的表按“其他表格”保留原样：" + "、".join(o.title for o in others))
    return ReadResult(d, profile, problems)


def _narrative_spec(lines: list[Line], bounds, ident: Identity) -> NarrativeSpec:
    """The sections this document has: those of the known section lists that its narrative
    prints, plus those its 目录 lists (so a listed section that is missing is reported)."""
    if "narrative" not in bounds:
        return NarrativeSpec(sections=[])
    from .narrative import read_narrative

    body = lines[slice(*bounds["narrative"])]
    best, best_found = None, -1
    for name in profiles.available():
        p = profiles.load(name)
        if p.family != "final":
            continue
        found = read_narrative(body, p)
        if len(found) > best_found:
            best, best_found = (p, found), len(found)
    p, found = best
    keys = {s.key for s in found}
    listed = {compact(strip_enumerator(e.text)) for e in ident.contents}
    sections = [s for s in p.narrative.sections if s["key"] in keys or compact(strip_enumerator(s["title"])) in listed]
    return NarrativeSpec(template=p.narrative.template, sections=sections)
