"""Profiles: a province's disclosure template as data (table layouts, titles, wording, glossary).

A profile is a folder with ``profile.yaml`` (and templates beside it). Built-in profiles live
here; a new province is a new folder, found by id here or by path, and needs no Python code.
"""
from __future__ import annotations

import re

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from dataclasses import field

from ..errors import InputError
from ..model import GlossaryEntry
from ..record import After, Record
from ..yamlio import load_package_yaml


def _regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"不是有效的正则表达式：{pattern}（{exc}）") from None
    return patterns


Patterns = Annotated[list[str], After(_regexes)]  # regular expressions a profile's vocabulary gives


class P(Record):
    """A class of a profile: a dataclass, validated by pydantic when a profile folder is loaded
    (``juesuan.record``); a profile read back from the cache needs no pydantic at all."""


class HeaderCell(P):
    """A cell of a table's printed header: its text and how many columns and rows it spans."""

    text: str = ""
    cols: int = 1
    rows: int = 1


class BodyCell(P):
    """A body cell: literal text, or a reference ``row/column`` to a model value."""

    text: str | None = None
    v: str | None = None  # "in.total/amount"
    cols: int = 1
    rows: int = 1
    align: Literal["left", "center", "right"] | None = None
    # Drawn as a header cell: e.g. the 类/款/项 labels some templates print in the 合计 row.
    header: bool = False


class CodedBlock(P):
    """Rows generated from the coded rows of the model table (one per 类/款/项 code)."""

    columns: list[str]
    code_style: Literal["joined", "split"] = "joined"  # split: 类, 款, 项 in columns of their own
    indent: bool = False
    min_rows: int = 0  # blank rows pad the block to this many (templates keep an empty table's shape)


class EconomicGroups(P):
    """公开06 style: economic codes printed in side-by-side groups of (code, name, amount)."""

    groups: list[list[str]]
    not_applicable: list[str] = field(default_factory=list)  # printed as ———
    na_text: str = "———"
    code_style: Literal["joined", "split"] = "joined"  # split: 类 and 款 in columns of their own


class ClassList(P):
    """The 类 rows of a summary table's expenditure side, as many as the document has: model
    rows ``ex.<code>`` (code 3 digits), printed in code order as ``一、一般公共服务支出`` …
    (numbered from 一 in the order printed: the numbers depend on which 类 a department has)."""

    columns: list[str]
    numbered: bool = True


class Sides(P):
    """Two lists printed side by side (a budget's 收支总表): fixed rows on the left (income:
    label and value cells, literal or ``=row/column``), the 类 of expenditure on the right.
    Row i of the table is left row i beside class i; the shorter side is padded with blanks."""

    left: list[list[str | BodyCell]]
    right: ClassList


class BodyItem(P):
    """A piece of a table's printed body: fixed cells, a block of coded rows, economic groups,
    two sides, or a 合计 row."""

    cells: list[str | BodyCell] | None = None
    coded: CodedBlock | None = None
    economic_groups: EconomicGroups | None = None
    sides: Sides | None = None
    total: str | None = None  # a 合计 row for a coded table: its label; values from row "total"


class HeadingItem(P):
    """A heading item placed explicitly (a bare string is placed by its position)."""

    text: str
    align: Literal["left", "center", "right"]


class TableLayout(P):
    """How a profile prints one table: its number, title, heading line, header and body."""

    id: str  # semantic table id (juesuan.tables.KINDS)
    number: str | None = None  # 表号, e.g. 公开01表
    title: str
    # Items between title and table, on one line: by position left, centre, right (three
    # items), or placed explicitly, e.g. a lone 单位：万元 at the right.
    heading: list[str | HeadingItem] = field(default_factory=list)
    orientation: Literal["portrait", "landscape"] = "portrait"
    header: list[list[str | HeaderCell]]
    body: list[BodyItem]
    widths: list[float] | None = None  # relative column widths
    note: str | None = None  # 注：本表反映…; may use {department}, {year}, {unit}
    empty_statement: str | None = None  # printed when the table has no data; may use {department}
    optional: bool = False
    # The unit this table prints its amounts in when it is not the document's (a budget's 三公
    # table in 万元 among tables in 元). The model holds every amount in the document's unit
    # (Meta.unit); writers convert, readers convert back.
    unit: Literal["万元", "元"] | None = None


class NarrativeSpec(P):
    """The narrative a profile prints: its template, sections and wording."""

    template: str = "narrative.md.j2"
    sections: list[dict[str, str]] = field(default_factory=list)  # key, title
    # The words a template takes from its profile (a 单位预算 says 本单位 where a 部门预算 says 本部门):
    # key -> text, with {year}, {prior_year}, {department}, {level} and what the template passes.
    # A profile that ``extends`` another overrides them key by key, sharing the base's template.
    wording: dict[str, str] = field(default_factory=dict)
    # The reasons and usages (主要原因/主要用于) the template asks the preparer for, by key, with the label
    # its 待补充 markers and the workbook's 原因说明 rows show; ``{code}`` in a key stands for each 类 of
    # the functional catalogue (a label says ``{name}（{code}）``). Reasons whose key the template
    # computes otherwise (per 项, per “三公” item) pass their label themselves.
    reasons: dict[str, str] = field(default_factory=dict)

    def reason_label(self, key: str, name: str | None = None) -> str | None:
        """The label of a reason ``key`` (``class.212.usage`` by its ``class.{code}.usage`` entry)."""
        label = self.reasons.get(key)
        if label is not None:
            return label
        parts = key.split(".")
        for i, part in enumerate(parts):
            if part.isdigit():
                pattern = self.reasons.get(".".join([*parts[:i], "{code}", *parts[i + 1:]]))
                if pattern is not None:
                    return pattern.format(code=part, name=name or "")
        return None

    def class_reasons(self) -> list[tuple[str, str]]:
        """(key, label) patterns of the reasons asked per 类 (keys holding ``{code}``)."""
        return [(k, v) for k, v in self.reasons.items() if "{code}" in k]


class PerformanceSpec(P):
    """How a profile scores performance forms: weights and grades."""

    execution_weight: int = 10
    indicator_weight: int = 90
    grades: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"grade": "优", "min": 90},
            {"grade": "良", "min": 80},
            {"grade": "中", "min": 60},
            {"grade": "差", "min": 0},
        ]
    )
    # Which 资金总额 column the narrative's 涉及资金 sums: budgeted (预算编制数) | annual_budget | executed.
    summary_basis: Literal["budgeted", "annual_budget", "executed"] = "budgeted"
    # 万元 amounts on a form are kept to this many places and printed without trailing zeros.
    amount_decimals: int = 3
    form_note: list[str] = field(default_factory=list)  # 备注 lines printed under each form


class QuantityScope(P):
    """口径 of a narrative quantity (``scope.yaml``): the funds and units it covers, where it is
    printed."""

    label: str
    funds: str  # 一般公共预算财政拨款 | 财政拨款 | 全部资金
    spending: str = ""
    units: list[str] | Literal["all"] = "all"  # kinds of unit (Meta.unit_kind) the figure counts
    printed_at: dict[str, str] = field(default_factory=dict)  # unit kind (or "all") -> table:row:column
    within: str | None = None  # the same funds' figure over every unit, of which this is a part

    def covers(self, unit_kind: str | None) -> bool:
        return self.units == "all" or unit_kind in self.units

    def address(self, unit_kind: str | None) -> str | None:
        """Where the document prints the figure for a department of this kind (None: narrative only)."""
        return self.printed_at.get(unit_kind or "") or self.printed_at.get("all")

    def equals_within(self, unit_kind: str | None, units_known: bool) -> bool:
        """Whether the figure must equal ``within``: only when the department's units are known
        (a build from its own data) and every one is covered."""
        return self.within is not None and units_known and self.units != "all" and self.covers(unit_kind)


TermEntry = tuple[str, str | dict[str, Any]]  # phrases joined by |, the quantity they name


class SectionVocabulary(P):
    """The words that name quantities in one kind of narrative section."""

    coded: bool = False  # the names of the 类 of the table of the same id are subjects too
    share_base: str | dict[str, Any] | None = None  # what a bare 占比 is a share of
    terms: list[TermEntry] = field(default_factory=list)


class Vocabulary(P):
    """The narrative's phrasing (``vocabulary.yaml``): phrases naming quantities, section kinds."""

    terms: list[TermEntry] = field(default_factory=list)
    sections: dict[str, SectionVocabulary] = field(default_factory=dict)
    section_titles: list[tuple[str, str]] = field(default_factory=list)  # (word of a title, section kind)
    quantities: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> {key, label, or, count}
    free_text: Patterns = field(default_factory=list)  # regexes opening a reason or usage (主要原因是…)
    directions: dict[str, Literal[1, -1]] = field(default_factory=dict)  # 增加: 1, 减少: -1 …
    roles: dict[Literal["completion", "budget", "actual"], Patterns] = field(default_factory=dict)  # regexes before a figure
    usage: Patterns = field(default_factory=list)  # regexes opening a numbered item's usage (主要用于…)

    def before(self, base: "Vocabulary") -> "Vocabulary":
        """This vocabulary's entries in front of ``base``'s (a profile's own phrasing wins)."""
        sections = dict(base.sections)
        for kind, own in self.sections.items():
            under = sections.get(kind, SectionVocabulary())
            sections[kind] = SectionVocabulary(coded=own.coded or under.coded, share_base=own.share_base or under.share_base,
                                               terms=[*own.terms, *under.terms])
        roles = {role: [*self.roles.get(role, ()), *base.roles.get(role, ())] for role in {**base.roles, **self.roles}}
        return Vocabulary(terms=[*self.terms, *base.terms], sections=sections,
                          section_titles=[*self.section_titles, *base.section_titles],
                          quantities={**base.quantities, **self.quantities}, free_text=[*self.free_text, *base.free_text],
                          directions={**base.directions, **self.directions}, roles=roles, usage=[*self.usage, *base.usage])




VOCABULARY_FILE = "vocabulary.yaml"


@lru_cache(maxsize=1)
def base_vocabulary() -> Vocabulary:
    """The vocabulary every profile starts from (``profiles/vocabulary.yaml``)."""
    from ..cache import memo_object

    path = builtin_dir() / VOCABULARY_FILE
    validate = lambda: Vocabulary.model_validate(load_package_yaml(path))  # noqa: E731
    try:
        content = path.read_bytes()
    except OSError:
        return validate()
    # validated once, then read back (validating would import pydantic into every cold audit)
    return memo_object("profiles", b"vocabulary\0" + content, validate, salt=_profile_salt())


class Profile(P):
    """A province's or template's layout of the whole document (a profile folder): its tables,
    narrative, vocabulary and forms."""

    id: str
    name: str
    document_title: str  # e.g. "{year}年度单位决算公开"
    family: Literal["final", "budget"] = "final"  # the document it lays out: 决算 or 预算
    level: Literal["部门", "单位"] | None = None  # a profile for one level only (部门预算 / 单位预算)
    # How a table's title line is printed: budgets print the year before it (2025年部门收入预算总表).
    table_title: str = "{title}"
    parts: dict[str, str] = field(default_factory=dict)  # part key -> heading
    part_titles: dict[str, str] = field(default_factory=dict)  # part key -> the title over its body, where not its heading
    tables: list[TableLayout]
    # Tables the profile does not print whose inputs the preparer's workbook asks for all the same
    # (政府采购和资产 where there is no 公开10): their input sheets' layouts.
    input_tables: list[TableLayout] = field(default_factory=list)
    narrative: NarrativeSpec = field(default_factory=NarrativeSpec)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    performance: PerformanceSpec = field(default_factory=PerformanceSpec)
    detect: list[str] = field(default_factory=list)  # phrases that identify a document of this profile
    scope: dict[str, QuantityScope] = field(default_factory=dict)  # from scope.yaml beside profile.yaml
    vocabulary: Vocabulary = field(default_factory=Vocabulary)  # the base's, with vocabulary.yaml beside profile.yaml in front
    extends: str | None = None  # the profile this one is built on (its templates are found there too)
    folder: Path | None = None
    # Where the narrative template is looked up: this profile's folder, then its bases' (``extends``).
    template_folders: list[Path] = field(default_factory=list)

    def table(self, table_id: str) -> TableLayout | None:
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    def input_table(self, table_id: str) -> TableLayout | None:
        """The layout the workbook's input sheet of a table uses: the printed one, else the input one."""
        return self.table(table_id) or next((t for t in self.input_tables if t.id == table_id), None)

    def splits_basic_by_class(self) -> bool:
        """Whether the 财务收支预算总表 prints each 类's 人员经费, 公用经费 and 项目支出 (a 单位预算)."""
        layout = self.table("budget_summary")
        return any(item.sides is not None and "personnel" in item.sides.right.columns for item in (layout.body if layout else []))

    def fill(self, text: str, **values: Any) -> str:
        return text.format(**values)


def builtin_dir() -> Path:
    return Path(str(resources.files(__package__)))


# The profile ``juesuan init`` lays a blank workbook out in when neither --profile, an example nor
# last year's document names one (the seed's ten tables): the only place a profile is chosen for
# the user. Everywhere else a source names its profile or a reader detects it.
DEFAULT_PROFILE = "shanxi"


def available() -> list[str]:
    return sorted(p.parent.name for p in builtin_dir().glob("*/profile.yaml"))


def by_content(table_ids, section_keys, family: str = "final", level: str | None = None) -> str | None:
    """The built-in profile of a model that does not name one (a model JSON from before ``profile``
    was required): the one of its family (and level) whose tables and narrative sections are the
    model's; None when no one profile fits."""
    tables, sections = set(table_ids), list(section_keys)
    fits = [pid for pid in available()
            if (p := load(pid)).family == family and (p.level is None or level is None or p.level == level)
            and {t.id for t in p.tables} <= tables <= {t.id for t in [*p.tables, *p.input_tables]}
            and (not sections or [s.get("key") for s in p.narrative.sections] == sections)]
    return fits[0] if len(fits) == 1 else None


@lru_cache(maxsize=None)
def load(name_or_path: str) -> Profile:
    """A profile by built-in id (``shanxi``) or by the path of a profile folder; validated once
    and then read back from the per-user cache while its files and this code are unchanged."""

    def exists(p: Path) -> bool:
        try:
            return p.is_file()
        except (OSError, ValueError):  # a name too long, a NUL byte: no such profile
            return False

    folder = Path(name_or_path)
    if not exists(folder / "profile.yaml"):
        folder = builtin_dir() / name_or_path
    path = folder / "profile.yaml"
    if not exists(path):
        raise InputError.single(
            str(name_or_path)[:80], "", f"找不到模板（profile）“{str(name_or_path)[:80]}”；内置模板：{'、'.join(available())}"
        )
    from ..cache import memo_object

    scope_path = folder / "scope.yaml"
    try:
        content = _cache_content(folder, path, scope_path)
    except OSError:
        return _validated(folder, path, scope_path)
    return memo_object("profiles", content, lambda: _validated(folder, path, scope_path), salt=_profile_salt())


def restore(name: str, data: dict | None = None) -> Profile:
    """The profile a kept result was read with: its own data when the result kept it (a generic
    reading's profile, made for its document; a profile folder given by path), else the built-in
    profile of that name."""
    return Profile.model_validate(data) if data else load(name)


def kept(profile: Profile) -> dict | None:
    """What a kept result needs to restore ``profile``: nothing when its id loads it (a built-in
    profile), else the profile itself as plain data."""
    try:
        if load(profile.id) is profile:
            return None
    except InputError:
        pass
    return profile.model_dump(mode="json")


_EXTENDS = re.compile(rb"^extends:\s*['\"]?([^'\"\s#]+)", re.M)


def _cache_content(folder: Path, path: Path, scope_path: Path, depth: int = 0) -> bytes:
    """What a cached profile depends on: its files and, for a profile that ``extends`` another,
    the base's files too (a changed base must not leave a stale derived profile in the cache)."""
    text = path.read_bytes()
    content = text + b"\0" + (scope_path.read_bytes() if scope_path.exists() else b"") + b"\0" + str(folder).encode()
    for extra in (folder / VOCABULARY_FILE, builtin_dir() / VOCABULARY_FILE):
        content += b"\0" + (extra.read_bytes() if extra.exists() else b"")
    m = _EXTENDS.search(text)
    if m and depth < 5:
        name = m.group(1).decode("utf-8", "replace")
        base = Path(name) if (Path(name) / "profile.yaml").is_file() else builtin_dir() / name
        if (base / "profile.yaml").is_file():
            content += b"\0" + _cache_content(base, base / "profile.yaml", base / "scope.yaml", depth + 1)
    return content


@lru_cache(maxsize=1)
def _profile_salt() -> str:
    """The code a cached profile depends on: these classes and the model's. (Not pydantic's
    version: a cached profile is plain dataclasses, and importing pydantic to ask would cost a
    cold audit ~0.1 s; a profile that validated once is valid data under any pydantic 2.)"""
    import hashlib

    code = b""
    root = Path(__file__).parents[1]
    for module in (Path(__file__), root / "model.py", root / "money.py", root / "record.py"):
        try:
            code += module.read_bytes()
        except OSError:
            pass
    return hashlib.sha1(code).hexdigest()


def _validated(folder: Path, path: Path, scope_path: Path) -> Profile:
    from pydantic import ValidationError

    data = _load_profile_yaml(path)
    if not isinstance(data, dict):
        raise InputError.single(str(path), "第1行", "模板文件的内容应是一组“名称: 值”")
    base = load(data["extends"]) if isinstance(data.get("extends"), str) else None
    if base is not None:
        data = _extend(base, data)
    if scope_path.exists() and "scope" not in data:
        scope = _load_profile_yaml(scope_path)
        data = {**data, "scope": (scope.get("quantities") if isinstance(scope, dict) else None) or {}}
    elif base is not None and "scope" not in data:
        data = {**data, "scope": {k: v.model_dump() for k, v in base.scope.items()}}
    if "vocabulary" not in data:
        data = {**data, "vocabulary": _vocabulary(folder, base)}
    folders = [folder, *(base.template_folders if base is not None else [])]
    try:
        return Profile.model_validate({**data, "folder": folder, "template_folders": folders})
    except ValidationError as exc:
        from ..errors import Problem

        raise InputError([
            Problem(str(path), ".".join(map(str, e.get("loc", ()))), "模板内容不完整或有误（请对照内置模板 shanxi 的 profile.yaml 检查这一项）")
            for e in exc.errors()[:20]
        ]) from None


def _vocabulary(folder: Path, base: Profile | None) -> Vocabulary:
    """The folder's own vocabulary.yaml in front of its base's (the extended profile's, else the
    built-in one)."""
    under = base.vocabulary if base is not None else base_vocabulary()
    own_path = folder / VOCABULARY_FILE
    if not own_path.exists():
        return under
    from pydantic import ValidationError

    own = _load_profile_yaml(own_path)
    try:
        return Vocabulary.model_validate(own if isinstance(own, dict) else {}).before(under)
    except ValidationError as exc:
        from ..errors import Problem

        raise InputError([Problem(str(own_path), ".".join(map(str, e.get("loc", ()))), "词汇表内容不完整或有误（请对照内置的 profiles/vocabulary.yaml 检查这一项）")
                          for e in exc.errors()[:20]]) from None


def _extend(base: Profile, data: dict) -> dict:
    """A profile that ``extends`` another: the base's fields, overridden key by key; ``tables``
    entries are merged into the base's table of the same id (its other tables kept, in order)."""
    merged = base.model_dump(exclude={"folder", "scope", "template_folders"}, exclude_unset=False)
    own = dict(data)
    tables = own.pop("tables", None)
    narrative = own.pop("narrative", None)
    merged.update(own)
    if isinstance(narrative, dict):
        # sections and template replace the base's; wording and reasons are overridden key by key
        wording = {**merged["narrative"].get("wording", {}), **(narrative.get("wording") or {})}
        reasons = {**merged["narrative"].get("reasons", {}), **(narrative.get("reasons") or {})}
        merged["narrative"] = {**merged["narrative"], **narrative, "wording": wording, "reasons": reasons}
    if isinstance(tables, list):
        by_id = {t.get("id"): t for t in tables if isinstance(t, dict)}
        merged["tables"] = [{**t, **by_id.pop(t["id"], {})} for t in merged["tables"]] + list(by_id.values())
    merged.pop("scope", None)
    merged.pop("vocabulary", None)
    return merged


def _load_profile_yaml(path: Path) -> Any:
    """Profiles are read by every command (audit reads all of them to detect one): libyaml's C
    loader is ~7× faster than the line-tracking loader that user inputs need for located
    errors, and its result is kept by content (``load_package_yaml``); a profile with a YAML
    error falls back to the located loader for the message."""
    return load_package_yaml(path)
