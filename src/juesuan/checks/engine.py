"""The rule engine: findings, locations, the rule registry and the context every rule reads.

A rule is a small function registered with :func:`rule`; it receives a :class:`Checker` (the
disclosure, its profile, rounding-aware comparison helpers) and yields :class:`Finding` objects.
Rules never raise on odd data: what they cannot evaluate they skip.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ..model import Disclosure, Row, SourceLoc, Table
from ..money import ZERO, as_printed, fmt_amount
from ..tables import KINDS

Severity = Literal["error", "warning", "info"]
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

# One printed amount is exact to half a cent.
HALF_CENT = Decimal("0.005")
# Performance forms print 万元 to three or four decimals (tables and the narrative: two).
FORM_PLACES = 4


@dataclass
class Location:
    """Where a finding is: a table cell, a narrative sentence, or a performance-form field."""

    table: str | None = None  # semantic table id
    row: str | None = None  # model row key
    column: str | None = None  # model column key
    section: str | None = None  # narrative section key
    sentence: str | None = None
    form: str | None = None  # performance form name
    field: str | None = None  # performance form field (funding[0].rate, total, ...)
    source: SourceLoc | None = None  # page/line or sheet/cell when read from a file
    label: str = ""  # the whole location in Chinese, for people

    def __str__(self) -> str:
        return self.label

    def key(self) -> tuple:
        return (self.table, self.row, self.column, self.section, self.sentence, self.form, self.field)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.label}
        for name in ("table", "row", "column", "section", "sentence", "form", "field"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.source is not None:
            # its fields as they are (str and int): a dump through pydantic would import it
            out["source"] = {k: v for k in type(self.source).model_fields if (v := getattr(self.source, k)) is not None}
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass
class Finding:
    """One problem a rule found: what (rule, severity, message), where, and the figures and
    suggested fix behind it."""

    rule: str
    severity: Severity
    message: str  # Chinese, one sentence: what and where
    location: Location
    title: str = ""  # the rule's title
    expected: Any = None
    found: Any = None
    difference: Decimal | None = None
    suggestion: str | None = None
    related: list[Location] = field(default_factory=list)  # other cells the finding involves

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "expected": _plain(self.expected),
            "found": _plain(self.found),
            "difference": _plain(self.difference),
        }
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.related:
            out["related"] = [r.to_dict() for r in self.related]
        return out


@dataclass(frozen=True)
class Message:
    """One kind of finding a rule reports (frictionless-style): a code, one severity, a Chinese
    template filled with ``str.format`` fields, and what it means. ``severity`` None: the rule's own."""

    code: str
    severity: Severity | None
    template: str
    description: str = ""

    def text(self, **fields: Any) -> str:
        return self.template.format(**fields)


# Shared by every rule that compares a figure with the one it should equal (Checker.mismatch).
ROUNDING = Message("rounding", "info", "{what}（{found}）与{against}（{expected}）相差{difference}，"
                   "在尾数误差（±{bound}）以内，应为金额单位换算的尾数差。", "相差不超过印出数的舍入误差：提示，不是错误")
MISMATCH = Message("mismatch", None, "{what}（{found}）不等于{against}（{expected}），相差{difference}。",
                   "相差超出舍入误差：按规则的级别报告")
# The two messages of a rule that compares figures (Checker.mismatch, common.check_sum/check_equal).
COMPARE = (MISMATCH, ROUNDING)


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule: its ID, Chinese title, severity, the function that checks, and which
    documents and tables it applies to."""

    id: str
    title: str
    severity: Severity
    func: Callable[["Checker"], Iterable[Finding]]
    module: str
    messages: tuple[Message, ...] = ()  # the rule's own message templates, by code
    tables: tuple[str, ...] = ()  # the rule applies where the profile prints every one of these tables
    # The documents the rule reads (Meta.family): final accounts (决算), budgets (预算), or both (text hygiene).
    documents: tuple[str, ...] = ("final",)

    def message(self, code: str) -> Message:
        return next(m for m in self.messages if m.code == code)

    @property
    def family(self) -> str:
        return self.id.split("-")[0]

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()

    def applies_to(self, profile=None, family: str = "final") -> bool:
        """Whether the rule reads this document: by its family and the tables its profile prints,
        never by the profile's name (a new province's folder gets every rule its tables allow)."""
        if family not in self.documents:
            return False
        return profile is None or all(profile.table(t) is not None for t in self.tables)


REGISTRY: dict[str, RuleSpec] = {}

FAMILIES = {
    "COMP": "完整性",
    "SUM": "表内勾稽",
    "XTAB": "表间勾稽",
    "NARR": "情况说明与表格",
    "PERF": "绩效自评表",
    "CAT": "科目目录",
    "PLAUS": "合理性",
    "BUD": "预算表勾稽",  # budget disclosures (部门预算/单位预算): documents=("budget",)
    "TEXT": "文字规范",  # text hygiene of both families: punctuation, brackets, cut-off sentences, mojibake, year words
    "YEAR": "跨年度",  # checks over two documents (juesuan.checks.crossyear), not in the registry
}


def rule(id: str, title: str, severity: Severity,
         messages: Iterable[Message] = (), tables: tuple[str, ...] = (), documents: tuple[str, ...] = ("final",)):
    """Register a rule function under a stable id such as ``SUM-001``; ``messages``: its templates;
    ``tables``: it applies to the profiles that print these tables (the profile's data says which);
    ``documents``: which documents it reads (``final`` 决算, ``budget`` 预算), never the other kind."""

    def wrap(func):
        if id in REGISTRY and REGISTRY[id].func is not func:
            raise ValueError(f"duplicate rule id {id}")
        if id.split("-")[0] not in FAMILIES:
            raise ValueError(f"unknown rule family in {id}")
        own = tuple(messages)
        if len({m.code for m in own}) != len(own):
            raise ValueError(f"duplicate message code in {id}")
        REGISTRY[id] = RuleSpec(id, title, severity, func, func.__module__, own, tuple(tables), tuple(documents))
        func.rule_id = id
        return func

    return wrap


def all_rules() -> list[RuleSpec]:
    from . import rules

    rules.load()  # importing a rule module registers its rules
    return sorted(REGISTRY.values(), key=lambda spec: all_ids_index(spec.id))


def rules_for(family: str) -> list[RuleSpec]:
    """The rules documents of ``family`` (``Meta.family``) may read, in the order of ``all_rules``;
    only their modules are imported."""
    from . import rules

    rules.load(family)
    return [spec for spec in sorted(REGISTRY.values(), key=lambda spec: all_ids_index(spec.id)) if family in spec.documents]


class Checker:
    """What a rule sees: the disclosure, its profile, and rounding-aware helpers.

    ``exact``: a disclosure built from printed-precision leaves (万元 to 0.01) has totals that are
    exact sums of its printed leaves, so an identity that compile derives cannot be off by
    rounding. A printed (read) document's every figure was rounded on its own, and so was every
    cell of a disclosure built from 元 (as the official software prints them): each is exact only
    to ±0.005, and a total may miss the sum of its printed rows by rounding (提示).
    """

    def __init__(self, disclosure: Disclosure, profile):
        self.disclosure = disclosure
        self.profile = profile
        self.exact = disclosure.origin == "built" and not disclosure.rounded
        self.spec: RuleSpec | None = None
        self._claims = None
        self._layouts = {t.id: t for t in profile.tables} if profile is not None else {}
        self._rows: dict[str, dict[str, Row]] = {}  # table id -> row key -> row (first of a repeated key)
        self._scored: dict[int, object] = {}  # id(form) -> its recomputation
        self._derived: dict[str, Any] = {}  # what several rules read, derived once per run (``derived``)

    # ---- tables and values -------------------------------------------------------------
    def layout(self, table_id: str):
        """The profile's layout of a table (header, note), or None."""
        return self._layouts.get(table_id)

    def in_profile(self, table_id: str) -> bool:
        return not self._layouts or table_id in self._layouts

    def table(self, table_id: str) -> Table | None:
        """The table if the profile has it and the document prints it."""
        if not self.in_profile(table_id):
            return None
        t = self.disclosure.tables.get(table_id)
        return t if t is not None and t.present else None

    def get(self, table_id: str, row_key: str, column: str) -> Decimal | None:
        """A printed value: blank = 0; None when the table, row or column is not printed at all.

        A coded row missing from a complete coded table (one with its 合计 row) is zero: only
        codes with amounts are printed.
        """
        t = self.table(table_id)
        if t is None:
            return None
        index = self._rows.get(table_id)
        if index is None:
            index = self._rows[table_id] = {}
            for row in t.rows:
                index.setdefault(row.key, row)
        r = index.get(row_key)
        if r is None:
            if row_key.isdigit() and "total" in index:
                return ZERO
            return None
        if column not in r.values:
            return None
        v = r.values[column]
        return ZERO if v is None else v

    def address(self, address: str) -> Decimal | None:
        table_id, row_key, column = address.split(":")
        return self.get(table_id, row_key, column)

    def scored(self, form):
        """The performance form recomputed from its inputs (``juesuan.performance.recompute``), once per run."""
        key = id(form)
        if key not in self._scored:
            from ..performance import recompute

            self._scored[key] = recompute(form, self.profile.performance)
        return self._scored[key]

    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        """``build()`` once per run: what several rules read (the document's text pieces)."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    # ---- rounding ----------------------------------------------------------------------
    def bound(self, terms: int, derived: bool = True) -> Decimal:
        """How far a printed total may miss the sum of ``terms`` printed values by rounding.

        Each printed value is exact to ±0.005, so total − Σ terms may be off by 0.005·(n+1).
        An identity compile derives is exact in a built disclosure (bound 0).
        """
        if self.exact and derived:
            return ZERO
        return HALF_CENT * (terms + 1)

    # ---- labels and locations ----------------------------------------------------------
    def table_label(self, table_id: str) -> str:
        layout = self._layouts.get(table_id)
        if layout is not None:
            return f"{layout.number} {layout.title}" if layout.number else layout.title
        kind = KINDS.get(table_id)
        return kind.title if kind else table_id

    def table_number(self, table_id: str) -> str:
        layout = self._layouts.get(table_id)
        if layout is not None and layout.number:
            return layout.number
        return f"《{self.table_label(table_id)}》"

    def column_label(self, table_id: str, column: str) -> str:
        kind = KINDS.get(table_id)
        if kind is None or column in ("amount",) and table_id not in ("general_basic",):
            return "" if column == "amount" else column
        return kind.columns.get(column, column)

    def row_label(self, table_id: str, row_key: str) -> str:
        t = self.disclosure.tables.get(table_id)
        r = t.row(row_key) if t is not None else None
        name = r.name if r is not None and r.name else ""
        if row_key.isdigit():
            return f"{row_key} {name}".strip() if name else row_key
        if row_key == "total":
            return "合计"
        if row_key.startswith("ex.") and row_key[3:].isdigit():
            return name or row_key[3:]
        if table_id in ("three_public", "budget_three_public"):
            return {"budget": "预算数", "actual": "决算数"}.get(row_key, row_key)
        return name or row_key

    def cell(self, table_id: str, row_key: str, column: str) -> Location:
        row_text = self.row_label(table_id, row_key)
        col_text = self.column_label(table_id, column)
        t = self.disclosure.tables.get(table_id)
        r = t.row(row_key) if t is not None else None
        source = None
        if r is not None:
            source = r.cell_locs.get(column) or r.loc
        if source is None:  # built from a workbook: the cell of the sheet that holds this one
            where = self.disclosure.input_cell(("table", table_id, row_key, column))
            if "!" in where:
                sheet, cell = where.rsplit("!", 1)
                source = SourceLoc(sheet=sheet, cell=cell)
        parts = [self.table_number(table_id), f"“{row_text}”行"]
        if col_text:
            parts.append(f"“{col_text}”栏")
        label = "".join(parts)
        if source is not None and source.describe():
            label += f"（{source.describe()}）"
        return Location(table=table_id, row=row_key, column=column, source=source, label=label)

    def where(self, table_id: str, row_key: str, column: str) -> str:
        """The cell in words, without the source position (for messages)."""
        row_text = self.row_label(table_id, row_key)
        col_text = self.column_label(table_id, column)
        return f"{self.table_number(table_id)}“{row_text}”" + (f"的{col_text}" if col_text else "")

    def table_loc(self, table_id: str) -> Location:
        t = self.disclosure.tables.get(table_id)
        source = t.loc if t is not None else None
        return Location(table=table_id, source=source, label=self.table_label(table_id))

    # ---- where a built disclosure's narrative inputs were typed (Context.sources) ------------
    def input_source(self, key: str, prefix: bool = False) -> SourceLoc | None:
        """The cell the source holds the narrative input ``key`` in (``prior:general_budget:212:total``);
        ``prefix``: else the first input whose key starts with ``key`` (a 类's figure typed by 款 or 项)."""
        sources = self.disclosure.context.sources
        found = sources.get(key)
        if found is None and prefix:
            found = next((v for k, v in sorted(sources.items()) if k.startswith(key)), None)
        return found

    def typed_source(self, text: str | None) -> SourceLoc | None:
        """The cell of the preparer's text (a reason, 主要用于, 职责, 名词解释) that ``text`` quotes, the
        longest such; None when the disclosure was not built from cells or quotes none."""
        ctx = self.disclosure.context
        if not text or not ctx.sources:
            return None
        best: tuple[int, SourceLoc] | None = None
        typed = [(f"reasons:{k}", v) for k, v in ctx.reasons.items()]
        typed += [(f"overview:duties.{i}", v) for i, v in enumerate(self.disclosure.overview.duties)]
        typed += [(f"overview:organisation.{i}", v) for i, v in enumerate(self.disclosure.overview.organisation)]
        typed += [(f"glossary:{i}", g.text) for i, g in enumerate(self.disclosure.glossary)]
        for key, value in typed:
            words = (value or "").strip().rstrip("。；;，,：: ")
            source = ctx.sources.get(key)
            quoted = words in text or (len(text) >= 8 and text in words)  # the text, or a clause of it
            if source is not None and len(words) >= 2 and quoted and (best is None or len(words) > best[0]):
                best = (len(words), source)
        return best[1] if best else None

    def section_loc(self, section_key: str, title: str, sentence: str | None = None, source: SourceLoc | None = None) -> Location:
        if source is None:
            source = self.typed_source(sentence)
        if self.disclosure.meta.family == "budget":  # a budget's narrative is not a 第三部分
            label = f"“{title}”" if title else f"说明“{section_key}”"
        else:
            label = f"第三部分 {title}" if title else f"情况说明“{section_key}”"
        if sentence:
            label += f"：“{_clip(sentence)}”"
        if source is not None and source.describe():
            label += f"（{source.describe()}）"
        return Location(section=section_key, sentence=sentence, source=source, label=label)

    def form_loc(self, form, field: str | None = None, what: str = "") -> Location:
        label = f"绩效自评表“{form.name}”" + (f"的{what}" if what else "")
        source = form.loc if form.loc is not None else self._form_input(form, field)
        if source is not None and source.describe():
            label += f"（{source.describe()}）"
        return Location(form=form.name, field=field, source=source, label=label)

    def _form_input(self, form, field: str | None) -> SourceLoc | None:
        """Built from a workbook: the form sheet's cell of ``field`` (``indicators[1].score``), or
        the sheet itself for a figure no cell holds (computed)."""
        index = next((i for i, f in enumerate(self.disclosure.performance) if f is form), None)
        if index is None:
            return None
        path = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", field or "") if p)
        where = self.disclosure.input_cell(("performance", index, *path)) if path else ""
        if "!" in where:
            sheet, cell = where.rsplit("!", 1)
            return SourceLoc(sheet=sheet, cell=cell)
        where = self.disclosure.input_cell(("performance", index))  # the form's sheet (its A1)
        return SourceLoc(sheet=where.split("!")[0]) if "!" in where else None

    # ---- findings ----------------------------------------------------------------------
    def finding(
        self,
        message: str,
        location: Location,
        *,
        severity: Severity | None = None,
        expected: Any = None,
        found: Any = None,
        difference: Decimal | None = None,
        suggestion: str | None = None,
        related: list[Location] | None = None,
    ) -> Finding:
        """The primitive under ``report`` and ``mismatch``: rules never build a finding's text themselves
        (a test keeps it so); every text is a declared ``Message`` filled with fields."""
        assert self.spec is not None, "finding() outside a rule"
        places = FORM_PLACES if location.form is not None else 2

        def printed(value):  # an exact amount (built from 元) as the document prints it
            return as_printed(value, places) if isinstance(value, Decimal) else value

        return Finding(
            rule=self.spec.id,
            severity=severity or self.spec.severity,
            message=message,
            location=location,
            title=self.spec.title,
            expected=printed(expected),
            found=printed(found),
            difference=printed(difference),
            suggestion=suggestion,
            related=list(related or []),
        )

    def report(self, message: Message | str, location: Location, fields: dict[str, Any], **details: Any) -> Finding:
        """A finding from a message template (a ``Message``, or the code of one of the rule's own):
        its severity is the message's, its text the template filled with ``fields``; ``details``:
        the other fields of ``finding`` (expected, found, difference, suggestion, related)."""
        assert self.spec is not None, "report() outside a rule"
        if isinstance(message, str):
            message = self.spec.message(message)
        return self.finding(message.text(**fields), location, severity=message.severity, **details)

    def mismatch(
        self,
        *,
        found: Decimal,
        expected: Decimal,
        bound: Decimal,
        what: str,
        against: str,
        location: Location,
        suggestion: str | None = None,
        related: list[Location] | None = None,
        show: Callable[..., str] | None = None,
        rounding: Message = ROUNDING,
    ) -> Finding | None:
        """Compare ``found`` with ``expected``: nothing when equal, 提示 within ``bound``, else the rule's severity.

        ``what`` names the figure (…的合计), ``against`` the figure it should equal (所属各款之和);
        ``show(value, sign=False)`` writes an amount as the table prints it (default ``fmt``, the bound
        then as ``fmt_bound``); ``rounding`` says why a difference within the bound is only rounding.
        """
        diff = found - expected
        if diff == 0:
            return None
        write = show or (fmt_form if location.form is not None else fmt)
        shown = {"what": what, "against": against, "found": write(found), "expected": write(expected),
                 "difference": write(diff, sign=True)}
        if abs(diff) <= bound:
            return self.report(rounding, location, {**shown, "bound": write(bound) if show else fmt_bound(bound)},
                               expected=expected, found=found, difference=diff, related=related)
        return self.report(MISMATCH, location, shown, expected=expected, found=found, difference=diff, suggestion=suggestion,
                           related=related)

    # ---- narrative claims ----------------------------------------------------------------
    @property
    def claims(self):
        if self._claims is None:
            from .claims import parse_disclosure

            self._claims = parse_disclosure(self.disclosure, self.profile)
        return self._claims


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def fmt(value: Decimal | None, sign: bool = False, places: int = 2) -> str:
    """An amount as the document prints it: 1,535.41; −0.01 with sign=True. An exact amount (built
    from 元, six places of 万元) is shown rounded to the places the document prints (tables and the
    narrative: two; performance forms: up to ``FORM_PLACES``, as typed)."""
    if value is None:
        return "空白"
    value = as_printed(value, places)
    if value != value.quantize(Decimal("0.01")):
        text = f"{value.normalize():,f}"
    else:
        text = fmt_amount(value)
    if sign and value > 0:
        return "+" + text
    return text.replace("-", "−")


def fmt_form(value: Decimal | None, sign: bool = False) -> str:
    """A performance form's amount as the form prints it (up to ``FORM_PLACES`` decimals)."""
    return fmt(value, sign, FORM_PLACES)


def fmt_bound(bound: Decimal) -> str:
    return f"{bound.normalize():f}"


def run_rules(disclosure: Disclosure, profile, only: Iterable[str] | None = None) -> list[Finding]:
    """Every applicable rule over the disclosure; findings sorted by severity, then rule."""
    checker = Checker(disclosure, profile)
    wanted = set(only) if only is not None else None
    family = disclosure.meta.family
    findings: list[Finding] = []
    for spec in rules_for(family):
        if wanted is not None and spec.id not in wanted:
            continue
        if not spec.applies_to(profile if hasattr(profile, "table") else None, family):
            continue
        checker.spec = spec
        findings.extend(_dedupe(spec.func(checker)))
    checker.spec = None
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], all_ids_index(f.rule)))
    return findings


def _dedupe(found: Iterable[Finding] | None) -> Iterator[Finding]:
    seen: set[tuple] = set()
    for f in found or ():
        if f is None:
            continue
        key = (f.location.key(), f.message)
        if key in seen:
            continue
        seen.add(key)
        yield f


def all_ids_index(rule_id: str) -> tuple:
    family, number = rule_id.split("-")
    return (list(FAMILIES).index(family), int(number))
