"""Which template a published document follows, judged from the document itself — or none.

A built-in profile is chosen only when the document really is in its layout: most table
titles the profile prints are there word for word (a table or a lost page may be missing: that
is the document's error, reported by COMP-001), no table of another kind or under another title is,
and one of the profile's identifying phrases (公开01表, 部门决算单位构成 …) appears. Anything
else is read by the generic path (``juesuan.readers.generic``); the reasons are kept for the
report either way.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import profiles
from ..profiles import Profile
from .grid import DocGrid
from .identity import Identity
from .kinds import norm_title
from .normalize import compact


@dataclass
class Detection:
    """Which built-in profile a document matches (or none), why, and which family it belongs to."""

    profile: Profile | None  # None: no built-in profile fits; read generically
    reasons: list[str] = field(default_factory=list)
    titles: int = 0  # table titles found in the document's body
    family: str = "final"  # final (决算) or budget (预算), from the document's own words

    @property
    def path(self) -> str:
        return "profile" if self.profile is not None else "generic"


def match(profile: Profile, text: str, found: list[tuple[str, str]], sections: dict[str, int] | None = None) -> tuple[bool, str]:
    """Whether a document (its compact text, its body table titles as (kind, normalised title))
    is in the profile's layout, and the evidence in a sentence."""
    expected = {norm_title(t.title): t.id for t in profile.tables}
    titles = {t for _, t in found}
    # a table counts as there by its exact title, or by its own number (公开09表) when a page lost the title
    missing = [t for t in profile.tables if norm_title(t.title) not in titles and not (t.number and compact(t.number) in text)]
    foreign = sorted({t for _, t in found if t not in expected})
    phrases = [p for p in profile.detect if compact(p) in text]
    if sections is not None:
        mine = sections.get(profile.id, 0)
        rival = max((v for k, v in sections.items() if k != profile.id), default=0)
        if rival > mine:
            return False, f"不是模板 {profile.id}：情况说明的章节标题与另一模板更接近（{mine}节相同，另一模板{rival}节）"
    n = len(profile.tables)
    if foreign:
        shown = "、".join(f"“{t}”" for t in foreign[:3])
        return False, f"不是模板 {profile.id}：文档中的表{shown}不在该模板中"
    if len(missing) > max(1, n * 3 // 10):  # a document may lack a table or a page; not a third of them
        shown = "、".join(f"“{t.title}”" for t in missing[:3])
        return False, f"不是模板 {profile.id}：该模板的{len(missing)}张表（{shown}等）在文档中没有同名的表"
    if not phrases:
        return False, f"不是模板 {profile.id}：文档中没有该模板的特征词（{'、'.join(profile.detect)}）"
    have = n - len(missing)
    return True, f"与内置模板 {profile.id}（{profile.name}）一致：{have}/{n}张表的标题与模板相同，含特征词“{'”“'.join(phrases)}”"


def detect(grid: DocGrid, ident: Identity | None = None) -> Detection:
    """The built-in profile the document is in, or None with the reasons each one does not fit."""
    from .document import without_contents
    from .generic import scan_titles
    from .identity import read_identity

    ident = ident or read_identity(grid.lines)
    lines = without_contents(grid.lines, ident)
    found = [(t.kind, t.variant) for t in scan_titles(lines)]
    text = "".join(compact(ln.text) for ln in grid.lines)
    heads = {compact(ln.text) for ln in lines if not ln.is_row and len(ln.text) <= 40}
    sections = {}
    for name in profiles.available():
        p = profiles.load(name)
        sections[name] = sum(compact(s["title"]) in heads for s in p.narrative.sections)
    reasons = []
    family = _family(ident, found)
    if family == "budget":
        reasons.append(f"预算公开文档（{_family_evidence(ident, found)}）")
    for name in profiles.available():
        p = profiles.load(name)
        if p.family != family:
            continue  # a budget is never read through a final-accounts template, nor the reverse
        ok, why = match(p, text, found, sections)
        if ok:
            return Detection(p, [*reasons[:1], why] if family == "budget" else [why], len(found), family)
        reasons.append(why)
    return Detection(None, ["未匹配任何内置模板，按通用方式读取（表格按标题与表头识别，各部分按标题用词识别）", *reasons], len(found), family)


def _family(ident: Identity, found: list[tuple[str, str]]) -> str:
    """决算 or 预算, from what the document says: its title, its 目录's tables, its tables' titles
    (never its file name). Final accounts unless the evidence says budget."""
    from ..tables import KINDS

    if ident.family is not None:
        return ident.family
    kinds = [KINDS[k].family for k, _ in found if k in KINDS]
    return "budget" if kinds and kinds.count("budget") > kinds.count("final") else "final"


def _family_evidence(ident: Identity, found: list[tuple[str, str]]) -> str:
    if ident.family is not None and ident.title:
        return f"标题“{ident.title}”"
    if ident.family is not None:
        return next((e for e in ident.evidence if e.startswith("目录所列")), "目录")
    return f"正文中有{sum(1 for k, _ in found if k.startswith('budget_'))}张预算表"
