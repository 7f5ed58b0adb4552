"""Narrative claims: every number the 情况说明 states, parsed into a claim about a model quantity.

The parser reads a paragraph as a sequence of events: numbers with units (``811,754.86万元``,
``234.28%``, ``2辆``) and comparison words (``持平``, ``小于``, ``无此项支出``). The text between
one event and the next (its *label*) names what the number is about: a subject phrase
(``收入总计``, ``城乡社区支出(类)``, ``一般公共服务支出（类）财政事务（款）行政运行（项）``) and a
role (``年初预算``, ``增加``, ``占…的``, ``完成年初预算的``). A number without a subject continues
the paragraph's current topic (``…支出决算2,800.00万元，…较上年决算增加2,800.00万元``).

Subjects are looked up in a vocabulary that depends on the section (``收入总计`` means 公开01 in
一、and 公开04 in 四、): the profile's data (``profiles/vocabulary.yaml``, the wordings of the
Shanxi seed and the Shanghai template, with a profile folder's own ``vocabulary.yaml`` in front),
and the disclosure's own coded rows for 类/款/项 names. The quantities the phrases name are model
addresses, the same for every province (the vocabulary's ``quantities``, ``NAMED`` here). Reasons and
usages (``主要原因是…``, ``主要用于…``: the vocabulary's ``free_text``) are masked: numbers in them are
not claims; the change words and their direction (``directions``) and the words of a completion rate,
预算 or 决算 figure (``roles``) are data too (:class:`Wording`). Numbers the parser cannot place are
left alone rather than guessed (see :func:`unplaced`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal

from .. import catalogues, patterns
from ..catalogues import normalise_name
from ..model import Disclosure, NarrativeSection, SourceLoc
from ..money import NotANumber
from . import budget_vocabulary

# ---------------------------------------------------------------------------------------------
# Quantities


@dataclass(frozen=True)
class Quantity:
    """A figure the narrative can state.

    ``key`` is the canonical address (``table:row:column`` where the figure is printed in a
    table, else ``facts:…``/``perf:…``/``derived:…``); prior-year and 年初预算 figures in
    ``Disclosure.context`` use the same key. ``terms`` lists alternative sets of table addresses
    whose sum is the figure; the first set that the document prints is used.
    """

    key: str
    label: str
    terms: tuple[tuple[str, ...], ...] = ()
    count: bool = False

    @property
    def table(self) -> str | None:
        return self.key.split(":")[0] if self.terms else None


def Q(key: str, label: str, *alternatives: tuple[str, ...] | str, count: bool = False) -> Quantity:
    terms: list[tuple[str, ...]] = []
    if ":" in key and not key.startswith(("facts:", "perf:", "derived:")):
        terms.append((key,))
    for alt in alternatives:
        terms.append((alt,) if isinstance(alt, str) else tuple(alt))
    return Quantity(key, label, tuple(terms), count)


def named_quantity(spec: dict) -> Quantity:
    """A quantity as a vocabulary writes it: ``{key, label, or, count}``."""
    alternatives = [tuple(a) if isinstance(a, list) else str(a) for a in spec.get("or") or ()]
    return Q(str(spec["key"]), str(spec["label"]), *alternatives, count=bool(spec.get("count")))


def _named() -> dict[str, Quantity]:
    from .. import profiles

    return {name: named_quantity(spec) for name, spec in profiles.base_vocabulary().quantities.items()}


# The quantities the phrases of a vocabulary name, by name (``quantities`` in profiles/vocabulary.yaml:
# the same model addresses in every province); the rules address some of them directly.
NAMED: dict[str, Quantity] = _named()
IN_GRAND, EX_GRAND = NAMED["in_grand"], NAMED["ex_grand"]
IN_TOTAL, EX_TOTAL = NAMED["in_total"], NAMED["ex_total"]
FISCAL_IN_GRAND, FISCAL_EX_GRAND = NAMED["fiscal_in_grand"], NAMED["fiscal_ex_grand"]
GB_TOTAL, GB_BASIC = NAMED["gb_total"], NAMED["gb_basic"]


def _group(prefix: str) -> dict[str, Quantity]:
    return {name[len(prefix) + 1:]: q for name, q in NAMED.items() if name.startswith(prefix + ".")}


TP, PROCUREMENT, SME = _group("three_public"), _group("procurement"), _group("sme")
FACT_COUNTS, PERF, DOMESTIC_COUNTS = _group("facts"), _group("perf"), _group("domestic_reception")
GRADES = ("优", "良", "中", "差", "合格", "不合格")


def grade_quantity(grade: str) -> Quantity:
    return Q(f"perf:grade.{grade}", f"自评等级为“{grade}”的项目个数", count=True)


def running_quantity(disclosure: Disclosure) -> Quantity:
    """机关运行经费, in the scope its profile's ``scope.yaml`` gives it.

    It covers 行政单位 and 参公事业单位 only, so it equals 公用经费合计 only where every unit of the
    department is covered and that is known (a build); a printed document's figure is whichever
    row of the table holds it, or the narrative's own where no table prints it."""
    kind = disclosure.meta.unit_kind
    row = "running.civil" if kind == "参照公务员法管理事业单位" else "running.admin"
    key, label = f"statistics:{row}:amount", "机关运行经费"
    scope = _scope(disclosure, "running_cost")
    if scope is None:
        return Quantity(key, label)
    built = disclosure.origin == "built"
    if built:
        printed = scope.address(kind)
        terms = [(printed,)] if printed else []
    else:
        printed_rows = tuple(dict.fromkeys(scope.printed_at.values()))
        terms = [printed_rows] if printed_rows else []
    if scope.equals_within(kind, units_known=built):
        terms.append((scope.within,))
    return Quantity(key, label, tuple(terms))


def _scope(disclosure: Disclosure, name: str):
    """The profile's scope of a quantity; None when the profile does not say (then it is
    compared with nothing)."""
    from .. import profiles

    try:
        return profiles.load(disclosure.meta.profile).scope.get(name)
    except Exception:  # a profile given by a path that is gone: no scope knowledge
        return None


def coded_quantity(table_id: str, code: str, name: str) -> Quantity:
    what = {"fund": "政府性基金预算财政拨款", "capital": "国有资本经营预算财政拨款"}.get(table_id, "")
    level = {3: "类", 5: "款", 7: "项"}.get(len(code), "")
    alt = []
    if len(code) == 3 and table_id == "general_budget":
        alt = [f"fiscal_summary:ex.{code}:general"]
    return Q(f"{table_id}:{code}:total", f"{what}{name}（{level}）", *alt)


# ---------------------------------------------------------------------------------------------
# Claims


@dataclass
class Claim:
    """One statement of the narrative.

    kind: ``amount`` (the figure itself), ``budget`` (its 年初/全年预算), ``change`` (增减额 against
    last year), ``change_pct``, ``share`` (占比 of ``base``), ``completion`` (完成预算的%),
    ``count``, ``flat`` (持平/与上年相同: change 0), ``compare`` (决算数大于/小于/持平预算数) or
    ``none`` (无此项支出: the figure is zero); in a budget also ``prior`` (a figure of last year:
    “2023年当年预算执行数为54.60万元”).
    """

    kind: str
    quantity: Quantity | None
    value: Decimal | None
    decimals: int
    text: str
    unit: str
    section: str
    title: str
    paragraph: int
    sentence: str
    source: SourceLoc | None = None
    direction: int | None = None  # change: +1 增加 / −1 减少 / 0 持平; compare: sign of 决算 − 预算
    base: Quantity | None = None  # share
    base_text: str | None = None  # the base as the text names it (占…的)
    budget: "Claim | None" = None  # completion/compare: the 预算 stated for the same topic
    actual: "Claim | None" = None  # completion/compare: the 决算 stated for the same topic
    change: "Claim | None" = None  # change_pct: the 增减额 stated with it
    approx: bool = False  # 基本持平
    span: tuple[int, int] = (0, 0)
    origin: str = ""  # the paragraph text

    @property
    def error(self) -> Decimal:
        """Half a unit of the last printed digit (0.005 for 1,535.41; 0.5 for 25%)."""
        if self.value is None:
            return Decimal(0)
        if self.unit in ("%", "分") or self.decimals > 0:
            return Decimal(5) * Decimal(10) ** (-self.decimals - 1)
        # Amounts printed without decimals (0万元, 1500万元) are exact as typed.
        return Decimal("0.005") if not self.quantity or not self.quantity.count else Decimal(0)


@dataclass
class SectionClaims:
    """The figures one narrative section states, each tied to the quantity it names."""

    section: NarrativeSection
    kind: str
    claims: list[Claim] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (number text, sentence)
    scopes: list[Quantity | None] = field(default_factory=list)  # per paragraph: the subject of its numbered item
    wording: "Wording | None" = None  # the role words the section was read with


# ---------------------------------------------------------------------------------------------
# Text

_NUM = r"[-−－]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"
NUMBER = patterns.compile(
    rf"(?<![\d.])(?P<num>{_NUM})\s*(?P<unit>万元|亿元|元|%|％|个|辆|人次|批次|台（套）|台|套|分)"
)
COUNT_UNITS = {"个", "辆", "人次", "批次", "台（套）", "台", "套"}
SENTENCE_END = patterns.compile(r"[。；;！？!?\n]")
_PUNCT = "，。；：、,.;:　 \t\n（）()“”\"'"
SHARE_END = patterns.compile(r"(?:占比|比重为?|所占比例为?|占(?P<base>[^，。；：:比]*?)的?)\s*$")
LEVEL_MARK = patterns.compile(r"^[（(](?:类|款|项)[)）]")
# A 类/款/项 name; it may hold a bracketed part of its own (党委办公厅（室）及相关机构事务), never （类）（款）（项）.
_NAME = r"(?:[^\s，。；：、,;:0-9（）()“”]|（(?![类款项]）)[^（）\s，。；：]{1,6}）)+"
# A space may stand before a level mark where a line wrapped (“…缴费支出 （项）”).
PATH = patterns.compile(rf"(?P<c>{_NAME})\s?（类）(?:(?P<k>{_NAME})\s?（款）)?(?:(?P<x>{_NAME})\s?（项）)?")
FLAT = patterns.compile(r"(?:基本)?持平|与上年(?:度)?相同|(?<=与)\d{4}年度?相同|无变化|没有变化")
COMPARE = patterns.compile(r"决算数?(?:与预算数?)?(?P<w>大于|小于|等于|高于|低于|超过)预算数?(?![（(])")
NONE = patterns.compile(r"(?:无|没有)(?P<what>此项|[^，。；：无]{1,40}?)(?:收入(?:和|及)支出|收支|支出)")
GRADE_AFTER = patterns.compile(r"^\s*项目?(?:自评)?(?:等级|评级)为[“\"](?P<g>优|良|中|差|合格|不合格)[”\"]")
GRADE_LABEL = patterns.compile(r"(?:等级|评级)为[“\"](?P<g>优|良|中|差|合格|不合格)[”\"]的项目\s*$")
SKIP_BEFORE = patterns.compile(r"(?:单价|单价在)\s*$")
THRESHOLD_AFTER = patterns.compile(r"\s*(?:（含）|\(含\))?以上")  # 100万元以上设备: a threshold, not a figure
# Same-length normalisation so spans stay aligned with the original text.
_NORMAL = str.maketrans({"(": "（", ")": "）", '"': "“", "「": "“", "」": "”", "％": "%", "，": "，"})


def normalise(text: str) -> str:
    return text.translate(_NORMAL)


class Wording:
    """A vocabulary's role words compiled: what opens free text (``free_text``: reasons and usages,
    whose numbers are no claims; up to the end of the clause group), the change words with their
    direction (``directions``) and the words that make a figure a completion rate, a 预算 or a 决算
    (``roles``). Built once per distinct wording (:func:`wording`)."""

    def __init__(self, free_text: tuple[str, ...], directions: tuple[tuple[str, int], ...],
                 roles: tuple[tuple[str, tuple[str, ...]], ...], usage: tuple[str, ...] = ()) -> None:
        self.free_text = patterns.compile(f"(?:{'|'.join(free_text)})[^。；;]*") if free_text else None
        # a numbered item's usage text (1、…（项）。主要用于…): what follows its opener up to the clause end
        self.usage = patterns.compile(f"(?:{'|'.join(usage)})\\s*(?P<text>[^。；;]+)") if usage else None
        self.direction = dict(directions)
        by_role = dict(roles)
        self.roles: list[tuple[str, re.Pattern]] = []
        for role in ("completion", "change", "budget", "actual"):
            if role == "change":
                if self.direction:
                    words = "|".join(re.escape(w) for w in self.direction)
                    self.roles.append((role, patterns.compile(f"(?P<dir>{words})(?:了)?\\s*$")))
            elif by_role.get(role):
                self.roles.append((role, patterns.compile(f"(?:{'|'.join(by_role[role])})\\s*$")))

    def mask(self, text: str) -> str:
        """Blank out reasons and usages (same length), so their numbers and words are not claims."""
        if self.free_text is None:
            return text
        return self.free_text.sub(lambda m: "　" * len(m.group(0)), text)

    def role(self, suffix: str):
        for role, pattern in self.roles:
            m = pattern.search(suffix)
            if m:
                return role, m
        return None, None


@lru_cache(maxsize=None)
def _wording(free_text: tuple[str, ...], directions: tuple[tuple[str, int], ...],
             roles: tuple[tuple[str, tuple[str, ...]], ...], usage: tuple[str, ...]) -> Wording:
    return Wording(free_text, directions, roles, usage)


def wording(words=None) -> Wording:
    """The compiled role words of a vocabulary (the built-in base when None)."""
    if words is None:
        from .. import profiles

        words = profiles.base_vocabulary()
    return _wording(tuple(words.free_text), tuple((w, int(d)) for w, d in words.directions.items()),
                    tuple((role, tuple(p)) for role, p in words.roles.items()), tuple(words.usage))


MAX_CLAIM_DECIMALS = 10  # printed figures have two to four; more is a typo, not a claim


def parse_number(text: str) -> tuple[Decimal, int]:
    """The number and its printed decimals; NotANumber for a figure no amount can be (40 digits,
    20 decimals), which rounding against a model value could not even compute."""
    from ..money import checked

    t = text.replace(",", "").replace("，", "").replace("−", "-").replace("－", "-")
    decimals = len(t.split(".", 1)[1]) if "." in t else 0
    if decimals > MAX_CLAIM_DECIMALS:
        raise NotANumber(t)
    return checked(Decimal(t)), decimals


# ---------------------------------------------------------------------------------------------
# Vocabulary

@dataclass(frozen=True)
class Term:
    """A phrase of the vocabulary and the quantity (or relative subject) it names."""

    phrase: str
    quantity: Quantity | None = None
    special: str | None = None  # relative subjects resolved from the topic


def _quantity(ref, disclosure: Disclosure, words) -> Quantity:
    """A quantity a vocabulary entry names: a name of its ``quantities`` (or ``running``), or an
    inline ``{key, label, or, count}``."""
    if isinstance(ref, str):
        if ref == "running":
            return running_quantity(disclosure)
        spec = words.quantities.get(ref)
        if spec is None:
            raise KeyError(f"vocabulary: unknown quantity {ref!r}")
        return NAMED[ref] if spec == _base_spec(ref) else named_quantity(spec)
    return named_quantity(ref)


def _base_spec(name: str):
    from .. import profiles

    return profiles.base_vocabulary().quantities.get(name)


def _terms(entries, disclosure: Disclosure, words) -> list[Term]:
    out = []
    for phrases, ref in entries:
        quantity = None if ref == "involved" else _quantity(ref, disclosure, words)
        for p in phrases.split("|"):
            out.append(Term(normalise(p), quantity, "involved" if ref == "involved" else None))
    return out


def vocabulary(disclosure: Disclosure):
    """The narrative vocabulary of the disclosure's profile (the built-in base when the profile
    cannot be read: a path that is gone)."""
    from .. import profiles

    try:
        return profiles.load(disclosure.meta.profile).vocabulary
    except Exception:
        return profiles.base_vocabulary()


def _coded_terms(table_id: str, disclosure: Disclosure) -> list[Term]:
    """Names of the 类 of a coded table (and the catalogue's 类, for classes it does not print)."""
    out: dict[str, Term] = {}
    functional = catalogues.load("functional", disclosure.meta.year)
    for code, name in functional.codes.items():
        if len(code) == 3:
            out[name] = Term(normalise(name), coded_quantity(table_id, code, name))
    t = disclosure.tables.get(table_id)
    for r in (t.coded_rows() if t is not None else []):
        if len(r.key) == 3 and r.name:
            out[r.name] = Term(normalise(r.name), coded_quantity(table_id, r.key, r.name))
    return list(out.values())


def _budget_terms(kind: str, disclosure: Disclosure) -> list[Term]:
    """A budget section's phrases (``budget_vocabulary``) and the 类 names of its coded table."""
    out = [Term(normalise(phrase), Quantity(key, label, bases)) for phrase, key, label, bases in budget_vocabulary.phrases(kind)]
    table = budget_vocabulary.coded_table(kind)
    return out + (_coded_terms(table, disclosure) if table is not None else [])


_COMMON_TERMS: dict[tuple, list[Term]] = {}


def _common_terms(words, disclosure: Disclosure) -> list[Term]:
    """The phrases every section of a final account may name (the vocabulary's ``terms``): read
    once per profile and what a term's quantity depends on (``running_quantity``), as ``_vocab_for``."""
    key = (disclosure.meta.profile, disclosure.meta.unit_kind, disclosure.origin)
    terms = _COMMON_TERMS.get(key)
    if terms is None:
        if len(_COMMON_TERMS) > 64:  # a batch reads many documents: keep the cache bounded
            _COMMON_TERMS.clear()
        terms = _COMMON_TERMS[key] = _terms(words.terms, disclosure, words)
    return terms


def section_terms(kind: str, disclosure: Disclosure) -> list[Term]:
    """The phrases a section of this kind may name: a budget's from ``budget_vocabulary``; a final
    account's the common ones, the names of its coded table's 类, then its own (the profile's
    vocabulary)."""
    if kind.startswith("budget"):
        return _budget_terms(kind, disclosure)
    words = vocabulary(disclosure)
    spec = words.sections.get(kind)
    terms = list(_common_terms(words, disclosure))
    if spec is not None and spec.coded:
        terms += _coded_terms(kind, disclosure)
    return terms + _terms(spec.terms if spec is not None else (), disclosure, words)


def section_kind(section: NarrativeSection, family: str = "final", words=None) -> str:
    """A section's kind: a budget's by ``budget_vocabulary``; else its key when that is a kind,
    else the first kind-giving word of its title (the profile's vocabulary, ``words``)."""
    if family == "budget":  # a budget's sections have their own kinds and words (budget_vocabulary)
        return budget_vocabulary.section_kind(section.key, section.title)
    if words is None:
        from .. import profiles

        words = profiles.base_vocabulary()
    if section.key in words.sections:
        return section.key
    for word, kind in words.section_titles:
        if word in section.title:
            return kind
    return "other"


def share_base(kind: str, disclosure: Disclosure) -> Quantity | None:
    """What a bare 占比 in a section of this kind is a share of."""
    words = vocabulary(disclosure)
    spec = words.sections.get(kind)
    return _quantity(spec.share_base, disclosure, words) if spec is not None and spec.share_base else None


# What 涉及资金 refers to after each kind of project count.
INVOLVED = {
    "perf:projects": PERF["amount"],
    "perf:target_projects": PERF["target_amount"],
    "perf:tracked_projects": PERF["tracked_amount"],
}
# Counts stated after a money topic: (topic key, unit) -> count quantity.
COUNT_OF = {
    ("three_public:actual:abroad", "个"): FACT_COUNTS["abroad_groups"],
    ("three_public:actual:abroad", "人次"): FACT_COUNTS["abroad_persons"],
    ("facts:three_public.abroad_groups", "人次"): FACT_COUNTS["abroad_persons"],
    ("three_public:actual:reception", "批次"): FACT_COUNTS["reception_batches"],
    ("three_public:actual:reception", "人次"): FACT_COUNTS["reception_persons"],
    ("facts:three_public.reception_batches", "人次"): FACT_COUNTS["reception_persons"],
    ("derived:reception_domestic", "批次"): DOMESTIC_COUNTS["batches"],
    ("derived:reception_domestic", "人次"): DOMESTIC_COUNTS["persons"],
    ("derived:reception_domestic_batches", "人次"): DOMESTIC_COUNTS["persons"],
    ("facts:three_public.foreign_reception", "批次"): FACT_COUNTS["foreign_reception_batches"],
    ("facts:three_public.foreign_reception", "人次"): FACT_COUNTS["foreign_reception_persons"],
    ("facts:three_public.foreign_reception_batches", "人次"): FACT_COUNTS["foreign_reception_persons"],
    ("facts:three_public.abroad_reception", "批次"): FACT_COUNTS["abroad_reception_batches"],
    ("facts:three_public.abroad_reception", "人次"): FACT_COUNTS["abroad_reception_persons"],
    ("facts:three_public.abroad_reception_batches", "人次"): FACT_COUNTS["abroad_reception_persons"],
    ("three_public:actual:vehicle_purchase", "辆"): FACT_COUNTS["vehicles_purchased"],
    ("three_public:actual:vehicle_running", "辆"): FACT_COUNTS["vehicles_held"],
}


# ---------------------------------------------------------------------------------------------
# Parsing


class _Vocab:
    def __init__(self, terms: list[Term], share_base: Quantity | None = None, words: Wording | None = None):
        self.share_base = share_base  # what a bare 占比 is a share of in the section
        self.wording = words or wording()  # the role words (reasons masked, change directions, …)
        # Longest first, so that at equal end positions the longest phrase wins.
        self.terms = sorted(terms, key=lambda t: -len(t.phrase))
        self.by_last_char: dict[str, list[Term]] = {}
        for term in self.terms:
            self.by_last_char.setdefault(term.phrase[-1], []).append(term)

    def last(self, text: str) -> tuple[Term, int, int] | None:
        """The subject phrase ending nearest the end of ``text`` (the longest at equal ends)."""
        best: tuple[Term, int, int] | None = None
        chars = set(text)
        for last_char, terms in self.by_last_char.items():
            if last_char not in chars:
                continue
            for term in terms:
                i = text.rfind(term.phrase)
                if i < 0:
                    continue
                end = i + len(term.phrase)
                if best is None or end > best[2] or (end == best[2] and len(term.phrase) > best[2] - best[1]):
                    best = (term, i, end)
        return best


_NAME_INDEX: dict[tuple, dict[tuple[int, str], list[str]]] = {}


def _name_index(catalogue, rows: dict[str, str]) -> dict[tuple[int, str], list[str]]:
    """(code length, normalised name) → codes: the catalogue's names, a printed row's name in place
    of its code's; one per catalogue and set of rows (a paragraph resolves many paths)."""
    key = (catalogue.kind, catalogue.year, tuple(rows.items()))
    index = _NAME_INDEX.get(key)
    if index is None:
        names = dict(catalogue.codes)
        names.update(rows)
        index = {}
        for code, name in names.items():
            if name is None:
                continue
            index.setdefault((len(code), normalise_name(name)), []).append(code)
        if len(_NAME_INDEX) > 64:  # a batch reads many documents: keep the cache bounded
            _NAME_INDEX.clear()
        _NAME_INDEX[key] = index
    return index


def _resolve_path(m: re.Match, table_id: str, disclosure: Disclosure) -> Quantity | None:
    """类/款/项 names → the code of the deepest level named, among the table's rows."""
    t = disclosure.tables.get(table_id)
    functional = catalogues.load("functional", disclosure.meta.year)
    rows = {r.key: r.name for r in (t.coded_rows() if t is not None else [])}
    names = dict(functional.codes)
    names.update(rows)
    index = _name_index(functional, rows)

    def find(name: str, parent: str, length: int) -> str | None:
        hits = [c for c in index.get((length, normalise_name(name)), ()) if c.startswith(parent)]
        in_table = [c for c in hits if c in rows]
        hits = in_table or hits
        return hits[0] if len(hits) == 1 else (sorted(hits)[0] if hits else None)

    code = find(m.group("c"), "", 3)
    if code is None:
        return None
    name = names.get(code, m.group("c"))
    for group, length in (("k", 5), ("x", 7)):
        if not m.group(group):
            break
        child = find(m.group(group), code, length)
        if child is None:
            return None
        code, name = child, names.get(child, m.group(group))
    return coded_quantity(table_id, code, name)


@dataclass
class _Event:
    """A number or comparison found in a sentence, with its place."""

    start: int
    end: int
    kind: str  # number | flat | compare | none
    match: re.Match


class _Topic:
    def __init__(self):
        self.quantity: Quantity | None = None
        self.stated: dict[tuple[str, str], Claim] = {}  # (quantity key, budget|actual) -> claim
        self.last_count: Quantity | None = None
        self.last_change: Claim | None = None


def _sentence_at(text: str, pos: int) -> str:
    start = 0
    for m in SENTENCE_END.finditer(text):
        if m.end() <= pos:
            start = m.end()
        else:
            return text[start : m.end()].strip()
    return text[start:].strip()


def _coded_table(kind: str) -> str | None:
    """The coded table whose 类/款/项 names a section of ``kind`` states figures for."""
    if kind in ("general_budget", "fund", "capital"):
        return kind
    if kind.startswith("budget"):
        return budget_vocabulary.coded_table(kind)
    return None


def parse_section(section: NarrativeSection, disclosure: Disclosure) -> SectionClaims:
    kind = section_kind(section, disclosure.meta.family, vocabulary(disclosure))
    vocab = _vocab_for(kind, disclosure)
    out = SectionClaims(section, kind, wording=vocab.wording)
    item_subject: Quantity | None = None
    for index, paragraph in enumerate(section.paragraphs):
        loc = section.locs[index] if index < len(section.locs) else None
        numbered = ITEM.match(normalise(paragraph).strip())
        # A numbered item (1、 （一） ①) is a scope: the subject it names binds its sentences, and
        # those of the unnumbered paragraphs that follow, until the next item.
        subject = _parse_paragraph(paragraph, index, loc, kind, vocab, section, disclosure, out,
                                   None if numbered else item_subject)
        if numbered:
            item_subject = subject
        out.scopes.append(subject or item_subject)
    return out



@dataclass(frozen=True)
class Item:
    """A numbered item of a coded section (1、…（类）…（款）…（项）。主要用于…): its 科目 and usage."""

    section: NarrativeSection
    paragraph: int
    quantity: Quantity
    code: str
    usage: str | None
    text: str


def coded_items(parsed: list[SectionClaims]) -> list[Item]:
    """Every paragraph whose item names a 科目 of a coded table, with the usage it states."""
    out = []
    for sc in parsed:
        for i, q in enumerate(sc.scopes):
            if q is None or not q.terms or q.table not in ("general_budget", "fund", "capital"):
                continue
            code = q.key.split(":")[1]
            if not code.isdigit():
                continue
            text = sc.section.paragraphs[i]
            usage = sc.wording.usage if sc.wording is not None else None  # the section's own wording (parse_section sets it)
            m = usage.search(normalise(text)) if usage is not None else None
            out.append(Item(sc.section, i, q, code, m.group("text").strip() if m else None, text))
    return out


ITEM = patterns.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．](?!\d)|[①-⑳])")


_VOCAB_CACHE: dict[tuple, _Vocab] = {}


def _vocab_for(kind: str, disclosure: Disclosure) -> _Vocab:
    coded = ()
    if _coded_table(kind) is not None:
        t = disclosure.tables.get(_coded_table(kind))
        coded = tuple((r.key, r.name) for r in (t.coded_rows() if t else []) if len(r.key) == 3)
    key = (kind, disclosure.meta.year, disclosure.meta.profile, disclosure.meta.unit_kind, disclosure.origin, coded)
    v = _VOCAB_CACHE.get(key)
    if v is None:
        v = _VOCAB_CACHE[key] = _Vocab(section_terms(kind, disclosure), share_base(kind, disclosure), wording(vocabulary(disclosure)))
    return v


def _parse_paragraph(text, index, loc, kind, vocab: _Vocab, section, disclosure, out: SectionClaims,
                     scope: Quantity | None = None) -> Quantity | None:
    """Parse one paragraph into ``out``; ``scope`` is the subject of the item it belongs to.
    Returns the first subject the paragraph names (the item's subject when it starts one)."""
    norm = normalise(text)
    masked = vocab.wording.mask(norm)
    unit_of_doc = disclosure.meta.unit
    events: list[_Event] = []
    for m in NUMBER.finditer(masked):
        if SKIP_BEFORE.search(masked[: m.start()]):
            continue
        if m.group("unit") in ("个",) and masked[m.end() : m.end() + 1] in ("月",):
            continue
        if m.group("unit") == "万元" and THRESHOLD_AFTER.match(masked[m.end() :]):
            continue  # a threshold (100万元以上设备), not a figure
        events.append(_Event(m.start(), m.end(), "number", m))
    for m in FLAT.finditer(masked):
        events.append(_Event(m.start(), m.end(), "flat", m))
    for m in COMPARE.finditer(masked):
        events.append(_Event(m.start(), m.end(), "compare", m))
    for m in NONE.finditer(masked):
        events.append(_Event(m.start(), m.end(), "none", m))
    events.sort(key=lambda e: (e.start, e.kind != "number"))
    topic = _Topic()
    topic.quantity = scope
    first_subject: Quantity | None = None
    coded_table = _coded_table(kind)
    if coded_table is not None:
        # The item's own 科目 path (1、…（类）…（款）…（项）。主要用于…) is its subject even when
        # no number follows it in the same sentence.
        head = PATH.search(masked[:160])
        if head is not None and head.start() <= 8:
            first_subject = _resolve_path(head, coded_table, disclosure)
            if first_subject is not None:
                topic.quantity = first_subject
    prev_end = 0

    def make(kind_, quantity, value, decimals, unit, ev, **extra) -> Claim:
        return Claim(
            kind=kind_, quantity=quantity, value=value, decimals=decimals,
            text=text[ev.start : ev.end], unit=unit, section=section.key, title=section.title,
            paragraph=index, sentence=_sentence_at(text, ev.start), source=loc, span=(ev.start, ev.end),
            origin=text, **extra,
        )

    for ev in events:
        if ev.start < prev_end:
            continue
        label = masked[prev_end : ev.start]
        prev_end = ev.end
        core = label
        base_phrase = None
        share = None
        if ev.kind == "number" and ev.match.group("unit") in ("%", "％"):
            share = SHARE_END.search(label)
            if share:
                core = label[: share.start()]
                base_phrase = (share.group("base") or "").strip(_PUNCT)
        subject = _subject(core, vocab, coded_table, disclosure, topic)
        suffix = core
        if subject is not None:
            quantity, s_end, _special = subject
            suffix = core[s_end:]
            if quantity is not None:
                topic.quantity = quantity
                if first_subject is None:
                    first_subject = quantity
            elif _special == "unknown_path":
                topic.quantity = None  # a 科目 the tables do not name: its figure is no one else's
        suffix_clean = LEVEL_MARK.sub("", suffix.strip(_PUNCT))
        if subject is None and ev.kind == "number" and topic.quantity is not None:
            sibling = _elided_sibling(topic.quantity, suffix_clean, vocab)
            if sibling is not None:
                topic.quantity, suffix_clean = sibling, ""

        if ev.kind == "flat":
            if topic.quantity is None:
                continue
            if _against_budget(masked[:ev.start], ev.match.group(0)):
                b = topic.stated.get((topic.quantity.key, "budget"))
                a = topic.stated.get((topic.quantity.key, "actual"))
                out.claims.append(make("compare", topic.quantity, None, 0, "", ev, direction=0, budget=b, actual=a,
                                       approx="基本" in ev.match.group(0)))
            else:
                out.claims.append(make("flat", topic.quantity, Decimal(0), 2, "", ev, direction=0, approx="基本" in ev.match.group(0)))
            continue
        if ev.kind == "compare":
            if topic.quantity is None:
                continue
            word = ev.match.group("w")
            direction = {"大于": 1, "高于": 1, "超过": 1, "小于": -1, "低于": -1, "等于": 0}[word]
            b = topic.stated.get((topic.quantity.key, "budget"))
            a = topic.stated.get((topic.quantity.key, "actual"))
            out.claims.append(make("compare", topic.quantity, None, 0, "", ev, direction=direction, budget=b, actual=a))
            continue
        if ev.kind == "none":
            what = ev.match.group("what")
            quantity = None
            if what == "此项":
                quantity = _section_whole(kind)
            elif "政府性基金" in what or "国有资本" in what:
                quantity = _section_whole("fund" if "政府性基金" in what else "capital")
            else:
                hit = vocab.last(what + "支出")
                if hit is not None and hit[0].quantity is not None:
                    quantity = hit[0].quantity
            if quantity is not None:
                out.claims.append(make("none", quantity, Decimal(0), 2, "", ev))
            continue

        # A number.
        m = ev.match
        try:
            value, decimals = parse_number(m.group("num"))
        except NotANumber:
            continue  # a typo no amount can be: nothing to compare
        unit = m.group("unit").replace("％", "%")
        if unit in ("元", "亿元") and unit_of_doc == "万元":
            factor = Decimal("0.0001") if unit == "元" else Decimal(10000)
            value, decimals = value * factor, max(0, decimals + (4 if unit == "元" else -4))
            unit = "万元"
        if unit in COUNT_UNITS:
            q = _count_subject(subject, label, masked, ev, topic, unit)
            if q is None:
                out.unplaced.append((text[ev.start : ev.end], _sentence_at(text, ev.start)))
                continue
            topic.last_count = q
            if not q.count:
                continue
            out.claims.append(make("count", q, value, decimals, unit, ev))
            continue
        if unit == "分":
            if topic.quantity is not None and topic.quantity.key == "perf:average_score":
                out.claims.append(make("amount", topic.quantity, value, decimals, unit, ev))
            else:
                out.unplaced.append((text[ev.start : ev.end], _sentence_at(text, ev.start)))
            continue
        q = topic.quantity
        if unit == "%":
            if share is not None:
                base = _base(base_phrase, vocab, kind)
                if q is None or base is None:
                    out.unplaced.append((text[ev.start : ev.end], _sentence_at(text, ev.start)))
                    continue
                out.claims.append(make("share", q, value, decimals, unit, ev, base=base, base_text=base_phrase or None))
                continue
            role, rm = vocab.wording.role(suffix_clean)
            if q is None or role not in ("completion", "change"):
                out.unplaced.append((text[ev.start : ev.end], _sentence_at(text, ev.start)))
                continue
            if role == "completion":
                b = topic.stated.get((q.key, "budget"))
                a = topic.stated.get((q.key, "actual"))
                out.claims.append(make("completion", q, value, decimals, unit, ev, budget=b, actual=a))
            else:
                direction = vocab.wording.direction[rm.group("dir")]
                change = topic.last_change if topic.last_change is not None and topic.last_change.quantity == q else None
                out.claims.append(make("change_pct", q, value, decimals, unit, ev, direction=direction, change=change))
            continue
        # Money.
        if q is None:
            out.unplaced.append((text[ev.start : ev.end], _sentence_at(text, ev.start)))
            continue
        role, rm = vocab.wording.role(suffix_clean)
        if role not in ("change", "completion") and kind.startswith("budget") and budget_vocabulary.names_prior_year(suffix_clean, disclosure.meta.year):
            # “2023年当年预算执行数为54.60万元” in a 2024 budget: last year's figure, not this year's
            out.claims.append(make("prior", q, value, decimals, unit, ev))
            continue
        if role == "change":
            c = make("change", q, value, decimals, unit, ev, direction=vocab.wording.direction[rm.group("dir")])
            topic.last_change = c
            out.claims.append(c)
        elif role == "budget":
            c = make("budget", q, value, decimals, unit, ev)
            topic.stated[(q.key, "budget")] = c
            out.claims.append(c)
        else:
            c = make("amount", q, value, decimals, unit, ev)
            topic.stated[(q.key, "actual")] = c
            out.claims.append(c)
    if first_subject is None and not events:
        hit = vocab.last(masked)  # a heading: 1、因公出国（境）费
        first_subject = hit[0].quantity if hit is not None else None
    return first_subject



def _elided_sibling(topic: Quantity, word: str, vocab: _Vocab) -> Quantity | None:
    """“…财政拨款收入0.50万元，支出0万元”: a bare 支出 (收入) after a 收入 (支出) figure names the same
    subject's other side (the Shanghai template's wording), not the 收入 again."""
    if word not in ("支出", "收入"):
        return None
    other = "收入" if word == "支出" else "支出"
    if other not in topic.label:
        return None
    phrase = normalise(topic.label.replace(other, word))
    hit = vocab.last(phrase)
    if hit is None or hit[0].quantity is None or hit[2] != len(phrase):
        return None
    return hit[0].quantity


_CLAUSE_END = patterns.compile(r"[，,；;。：:]")
_AGAINST_YEAR = patterns.compile(r"[与比较]\d{4}年")
_FUND_NAMES = patterns.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")  # names of funds, not budgets


def _against_budget(before: str, word: str) -> bool:
    """Whether a 持平 compares 决算 with 预算 (“决算数与预算数持平”), not with last year.

    Only the clause of the word counts: in “完成全年预算的66.67%，与上年相同” the 预算 belongs to the
    completion rate and 与上年相同 to last year; in “一般公共预算财政拨款支出持平” 预算 names a fund."""
    if "相同" in word or "变化" in word:
        return False  # 与上年相同 / 无变化: always against last year
    clause = _FUND_NAMES.sub("", _CLAUSE_END.split(before)[-1])
    return "预算" in clause and "上年" not in clause and not _AGAINST_YEAR.search(clause)


def _section_whole(kind: str) -> Quantity | None:
    if kind in ("fund", "capital"):
        return Q(f"{kind}:*", "政府性基金预算财政拨款收支" if kind == "fund" else "国有资本经营预算财政拨款收支")
    if kind == "three_public":
        return TP["total"]
    return None


def _subject(core: str, vocab: _Vocab, coded_table, disclosure, topic: _Topic):
    """(quantity or None, end of the subject phrase in ``core``, special) or None when none is
    named."""
    hit = vocab.last(core)
    path_q, path_end = None, -1
    if coded_table is not None:
        for m in PATH.finditer(core):
            q = _resolve_path(m, coded_table, disclosure)
            if q is not None and m.end() >= path_end:
                path_q, path_end = q, m.end()
    if path_q is not None and (hit is None or path_end >= hit[2] - 0):
        return path_q, path_end, None
    if coded_table is not None and path_q is None:
        last = None
        for m in PATH.finditer(core):
            last = m
        if last is not None and (hit is None or last.end() >= hit[2]):
            # “…（类）…（款）其它…（项）” naming a 项 the table does not know: not its 类's figure
            return None, last.end(), "unknown_path"
    if hit is None:
        return None
    term, _, end = hit
    if term.special == "involved":
        q = INVOLVED.get(topic.last_count.key) if topic.last_count is not None else None
        return q, end, "involved"
    return term.quantity, end, None


def _count_subject(subject, label: str, masked: str, ev: _Event, topic: _Topic, unit: str) -> Quantity | None:
    after = GRADE_AFTER.match(masked[ev.end :])
    if after:
        return grade_quantity(after.group("g"))
    m = GRADE_LABEL.search(label)
    if m:
        return grade_quantity(m.group("g"))
    if subject is not None and subject[0] is not None:
        q = subject[0]
        if q.count:
            return q
        mapped = COUNT_OF.get((q.key, unit))
        if mapped is not None:
            return mapped
    if unit == "人次" and topic.last_count is not None:
        mapped = COUNT_OF.get((topic.last_count.key, unit))
        if mapped is not None:
            return mapped
    if topic.quantity is not None:
        return COUNT_OF.get((topic.quantity.key, unit))
    return None


def _base(phrase: str | None, vocab: _Vocab, kind: str) -> Quantity | None:
    if phrase:
        hit = vocab.last(phrase)
        if hit is not None and hit[0].quantity is not None:
            return hit[0].quantity
        return None
    return vocab.share_base


def parse_disclosure(disclosure: Disclosure, profile=None) -> list[SectionClaims]:
    return [parse_section(s, disclosure) for s in disclosure.narrative]


def all_claims(parsed: list[SectionClaims]) -> list[Claim]:
    return [c for s in parsed for c in s.claims]


def unplaced(parsed: list[SectionClaims]) -> list[tuple[str, str, str]]:
    """Numbers the parser could not attach to a quantity: (section, number, sentence)."""
    return [(s.section.key, n, sent) for s in parsed for n, sent in s.unplaced]
