"""The identities of the disclosure, read from ``identities.yaml``: the one source that compile,
the preparer's workbook (formulas and shown values), its reader and the rules all use.

A coded table's 项 row holds input columns (a leaf's typed fields) and computed columns (signed
sums of other columns of the row); its 类/款 rows and 合计 are sums of the 项 rows beneath. The
cross-table equalities (the same figure in 公开01/04 and a coded table) are checked by the XTAB
rules that name them; compile builds the tables so that they hold (tests/test_identities.py).

A performance form's fields (``performance``: 结余, 执行率, 得分 of each funding row; 总分, 等级) are
expressions (``juesuan.formulas``) that scoring evaluates, the workbook writes as formulas and the
PERF rules recompute (tests/test_performance*.py, tests/test_workbook_vs_build.py).

A budget's identities (``identities_budget.yaml``: the same sums on the budget tables, row sums of
its 收支总表, equalities and funds) drive ``compile_budget`` and the BUD rules alike
(tests/test_identities_budget.py).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .formulas import Formula, Grades
from .money import ZERO

DATA_FILE = Path(__file__).with_name("identities.yaml")


@dataclass(frozen=True)
class ColumnIdentity:
    """``column = Σ sign·term`` within one row of ``table``."""

    table: str
    column: str
    terms: tuple[tuple[int, str], ...]  # (+1 or -1, column)
    rule: str | None = None  # the rule that checks it on a printed table
    against: str | None = None  # what a finding calls the sum (各项收入之和), else its terms are listed

    def compute(self, values: Mapping[str, Decimal]) -> Decimal:
        return sum((sign * values.get(col, ZERO) for sign, col in self.terms), ZERO)

    def formula(self, ref: Callable[[str], str]) -> str:
        """A spreadsheet formula, ``ref(column)`` giving each term's cell: ``=C7+D7-E7``."""
        text = "".join(("+" if sign > 0 else "-") + ref(col) for sign, col in self.terms)
        return "=" + text.lstrip("+")


@dataclass(frozen=True)
class CodedTable:
    """A coded table's identities: which leaf attributes feed its columns and which columns are
    computed."""

    id: str
    attribute: str  # the FunctionalLeaf attribute this table's sheet is typed into
    inputs: dict[str, tuple[str, str]]  # column -> (leaf attribute, field)
    computed: tuple[ColumnIdentity, ...]

    def identity(self, column: str) -> ColumnIdentity | None:
        return next((i for i in self.computed if i.column == column), None)

    def complete(self, inputs: Mapping[str, Decimal]) -> dict[str, Decimal]:
        """Every column of a 项 row from its input columns (a missing input counts as zero)."""
        out = {col: inputs.get(col, ZERO) for col in self.inputs}
        for identity in self.computed:
            out[identity.column] = identity.compute(out)
        return out

    def leaf_inputs(self, leaf) -> dict[str, Decimal]:
        """The input columns of a ``FunctionalLeaf``."""
        return {col: getattr(getattr(leaf, attr), field) for col, (attr, field) in self.inputs.items()}

    def leaf_values(self, leaf) -> dict[str, Decimal]:
        return self.complete(self.leaf_inputs(leaf))


Cell = tuple[str, str, str]  # table, row, column


@dataclass(frozen=True)
class Equality:
    """``cell`` = the sum of ``equals`` (one cell, or several): the same figure in two tables."""

    cell: str  # "table:row:column"; may hold {class}
    equals: tuple[str, ...]

    @property
    def per_class(self) -> bool:
        return "{class}" in self.cell

    def cells(self, klass: str | None = None) -> tuple[Cell, list[Cell]]:
        def split(text: str) -> Cell:
            return tuple((text.replace("{class}", klass) if klass else text).split(":", 2))  # type: ignore[return-value]

        return split(self.cell), [split(e) for e in self.equals]


@dataclass(frozen=True)
class CrossCheck:
    """Cells of different tables that must be equal, and the rule that checks them."""

    rule: str
    requires: tuple[str, ...]  # the tables the rule needs printed
    pairs: tuple[Equality, ...]


def _terms(text: str) -> tuple[tuple[int, str], ...]:
    out, sign = [], 1
    for token in str(text).split():
        if token in "+-":
            sign = 1 if token == "+" else -1
            continue
        out.append((sign, token))
        sign = 1
    return tuple(out)


@lru_cache(maxsize=1)
def _data():
    from .yamlio import load_package_yaml

    return load_package_yaml(DATA_FILE)


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[int, ...], dict[str, CodedTable]]:
    data = _data()
    tables = {}
    for tid, spec in data["coded_tables"].items():
        inputs = {col: tuple(str(path).split(".", 1)) for col, path in spec["inputs"].items()}
        computed = tuple(ColumnIdentity(tid, e["column"], _terms(e["terms"]), e.get("rule")) for e in spec["computed"])
        tables[tid] = CodedTable(tid, spec["attribute"], inputs, computed)  # type: ignore[arg-type]
    return tuple(int(n) for n in data["rollup"]), tables


def coded_tables() -> dict[str, CodedTable]:
    return _load()[1]


def coded(table_id: str) -> CodedTable:
    return _load()[1][table_id]


def rollup_levels() -> tuple[int, ...]:
    """Code lengths of the rows that sum the 项 (7-digit) rows beneath them: 类 3, 款 5."""
    return _load()[0]


@lru_cache(maxsize=1)
def cross_checks() -> dict[str, CrossCheck]:
    """The cross-table equalities, by the rule that checks them."""
    out = {}
    for rule, spec in _data()["equalities"].items():
        pairs = tuple(Equality(str(a), tuple(t.strip() for t in str(b).split("+"))) for a, b in spec["pairs"])
        out[rule] = CrossCheck(rule, tuple(spec["requires"]), pairs)
    return out


def checked_by(rule: str) -> list[ColumnIdentity]:
    """The identities a rule checks on printed tables, in table order."""
    return [i for t in coded_tables().values() for i in t.computed if i.rule == rule]


CLASS = "{class}"  # in a row sum: every 类 row the table prints (a term), or one identity per 类 (a row)
CLASS_ROWS = "ex.{class}"


@lru_cache(maxsize=1)
def row_sums() -> dict[str, "RowSums"]:
    """The rows of 公开01/04 that sum other rows of their table, by table."""
    return _row_sums(_data()["row_sums"])


def cell_key(row: str, column: str | None, default: str) -> str:
    """A row sum's key of a cell: the row in the table's own column, ``row:column`` in another."""
    return row if column in (None, default) else f"{row}:{column}"


def split_key(key: str, default: str) -> tuple[str, str]:
    """(row, column) of a row sum's key."""
    row, _, column = key.partition(":")
    return row, column or default


def _row_sums(spec) -> dict[str, "RowSums"]:
    out = {}
    for tid, s in spec.items():
        default = str(s["column"])
        computed: list[ColumnIdentity] = []
        for e in s["computed"]:
            # An entry with ``columns`` holds in each of them: a bare term is the same column's cell,
            # ``row:column`` another column's, and ``{column}`` stands for the entry's column.
            for col in e.get("columns") or [None]:
                terms = tuple((sign, cell_key(*split_key(t.replace("{column}", col or ""), col or default), default))
                              for sign, t in _terms(e["terms"]))
                computed.append(ColumnIdentity(tid, cell_key(str(e["row"]), col, default), terms, e.get("rule"), e.get("against")))
        for e in s.get("column_sums") or ():
            # A column that sums others of the same row, in each of ``rows``.
            for row in e["rows"]:
                terms = tuple((sign, cell_key(row, t, default)) for sign, t in _terms(e["terms"]))
                computed.append(ColumnIdentity(tid, cell_key(row, str(e["column"]), default), terms, e.get("rule"), e.get("against")))
        out[tid] = RowSums(tid, default, tuple(computed))
    return out


@dataclass(frozen=True)
class FormField:
    """One computed field of a performance form: ``field = formula``, checked by ``rule``."""

    field: str
    formula: Formula
    rule: str | None = None


@dataclass(frozen=True)
class PerformanceIdentities:
    """What a 项目支出绩效自评表 computes: each funding row's fields from its inputs (and the
    profile's execution weight), then the form's 总分 and 等级."""

    inputs: dict[str, str]  # expression name -> FundingRow field
    funding: tuple[FormField, ...]
    form: tuple[FormField, ...]

    def field(self, name: str) -> FormField:
        return next(f for f in (*self.funding, *self.form) if f.field == name)

    def row_values(self, values: Mapping[str, Decimal | None]) -> dict[str, Decimal | None]:
        """Every computed field of a funding row from its named inputs and ``weight`` (a later field may read an earlier one)."""
        out = dict(values)
        for f in self.funding:
            out[f.field] = f.formula.evaluate(out)
        return {f.field: out[f.field] for f in self.funding}

    def form_values(self, execution: Decimal | None, indicators: list[Decimal | None], grades: Grades) -> dict:
        """总分 and 等级 from the execution 得分 and the indicators' 得分."""
        out: dict = {"execution": execution, "indicators": indicators}
        for f in self.form:
            out[f.field] = f.formula.evaluate(out, grades)
        return {f.field: out[f.field] for f in self.form}


@lru_cache(maxsize=1)
def performance() -> PerformanceIdentities:
    spec = _data()["performance"]

    def fields(entries) -> tuple[FormField, ...]:
        return tuple(FormField(str(e["field"]), Formula.parse(str(e["expr"])), e.get("rule")) for e in entries)

    return PerformanceIdentities({str(k): str(v) for k, v in spec["funding"]["inputs"].items()},
                                 fields(spec["funding"]["computed"]), fields(spec["form"]["computed"]))


# The budget disclosure's identities (identities_budget.yaml): the same sums, on the budget tables.
BUDGET_FILE = Path(__file__).with_name("identities_budget.yaml")


@dataclass(frozen=True)
class BudgetTable:
    """A budget table's identities within a row (``computed``), and how compile fills it."""

    id: str
    coded: str | None  # functional | economic, or None for a table of fixed rows
    inputs: dict[str, str]  # column -> what the preparer typed (see identities_budget.yaml)
    computed: tuple[ColumnIdentity, ...]
    prints: tuple[str, ...]  # the columns a built table holds, in order

    @property
    def columns(self) -> list[str]:
        """Every column compile fills: the inputs, then the computed ones that are not typed."""
        return [*self.inputs, *(i.column for i in self.computed if i.column not in self.inputs)]

    def identity(self, column: str) -> ColumnIdentity | None:
        return next((i for i in self.computed if i.column == column), None)

    def checked_by(self, rule: str) -> list[ColumnIdentity]:
        return [i for i in self.computed if i.rule == rule]

    def complete(self, inputs: Mapping[str, Decimal]) -> dict[str, Decimal]:
        """The input columns, then every computed column that is not typed (a term neither typed nor
        computed, another template's column, counts as zero)."""
        return evaluate(self.computed, inputs)


@dataclass(frozen=True)
class RowSums:
    """Identities between the rows of a summary table in one ``column``: each identity's
    ``column`` is a row key here (in.grand_total = in.total + in.carryover)."""

    table: str
    column: str
    computed: tuple[ColumnIdentity, ...]

    def identity(self, row: str) -> ColumnIdentity | None:
        return next((i for i in self.computed if i.column == row), None)

    def checked_by(self, rule: str, classes: list[str] | None = None) -> list[ColumnIdentity]:
        return [i for i in (self.computed if classes is None else self.expanded(classes)) if i.rule == rule]

    def expanded(self, classes: list[str]) -> tuple[ColumnIdentity, ...]:
        """The identities with ``{class}`` spelled out: a row holding it once per 类, a term holding
        it as every 类's cell (an identity left without terms is dropped)."""
        out = []
        for i in self.computed:
            for k in classes if CLASS in i.column else [None]:
                def fill(text: str, k=k) -> list[str]:
                    if CLASS not in text:
                        return [text]
                    return [text.replace(CLASS, k)] if k is not None else [text.replace(CLASS, c) for c in classes]

                terms = tuple((sign, t) for sign, term in i.terms for t in fill(term))
                if terms:
                    out.append(ColumnIdentity(i.table, fill(i.column)[0], terms, i.rule, i.against))
        return tuple(out)

    def complete(self, inputs: Mapping[str, Decimal], classes: list[str] | None = None) -> dict[str, Decimal]:
        """The typed cells and every computed one (``classes``: the 类 rows, for ``{class}``)."""
        return evaluate(self.computed if classes is None else self.expanded(classes), inputs)


@dataclass(frozen=True)
class Fund:
    """One of 财政拨款's three funds: its 财政拨款收支预算总表 column (and BudgetLeaf source), its
    income row, and the functional table of its spending."""

    column: str
    income: str
    table: str


@dataclass(frozen=True)
class BudgetIdentities:
    """The budget tables' identities: row sums, equalities between tables, fund sources."""

    tables: dict[str, BudgetTable]
    row_sums: dict[str, RowSums]
    equalities: dict[str, tuple[tuple[Cell, Cell], ...]]  # rule -> (cell, cell) pairs
    funds: dict[str, Fund]

    def coded(self, classification: str | None = None) -> list[str]:
        """The coded tables (of one classification), in the data's order."""
        return [t.id for t in self.tables.values() if t.coded and (classification is None or t.coded == classification)]

    def checked_by(self, rule: str) -> list[ColumnIdentity]:
        """The within-row identities a rule checks, in table order."""
        return [i for t in self.tables.values() for i in t.checked_by(rule)]


def evaluate(computed: tuple[ColumnIdentity, ...], inputs: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Typed values and the computed ones, in that order; a typed value is never recomputed."""
    by_key = {i.column: i for i in computed}
    out = dict(inputs)

    def value(key: str) -> Decimal:
        if key not in out:
            identity = by_key.get(key)
            out[key] = sum((sign * value(t) for sign, t in identity.terms), ZERO) if identity else ZERO
        return out[key]

    for identity in computed:
        value(identity.column)
    return {k: out[k] for k in (*inputs, *(i.column for i in computed if i.column not in inputs))}


def printed_sums(top: ColumnIdentity, identity: Callable[[str], ColumnIdentity | None],
                 printed: Callable[[str], bool]):
    """(whole, its parts) for every sum of ``top`` a printed table shows, a nested whole before
    the whole it is part of. A computed term printed counts once (and is checked against its own
    printed terms); not printed, its printed terms count in its place; a plain term not printed
    takes no part. A whole with no printed part is not checked."""
    def share(term: str) -> list[str]:
        if printed(term):
            return [term]
        nested = identity(term)
        return [p for _, t in nested.terms for p in share(t)] if nested else []

    def visit(whole: ColumnIdentity):
        parts: list[str] = []
        for _, term in whole.terms:
            nested = identity(term)
            if nested is not None:
                yield from visit(nested)
            parts += share(term)
        if printed(whole.column) and parts:
            yield whole.column, parts

    yield from visit(top)


@lru_cache(maxsize=1)
def budget() -> BudgetIdentities:
    from .yamlio import load_package_yaml

    data = load_package_yaml(BUDGET_FILE)

    def sums(tid: str, entries, key: str) -> tuple[ColumnIdentity, ...]:
        return tuple(ColumnIdentity(tid, str(e[key]), _terms(e["terms"]), e.get("rule")) for e in entries)

    tables = {tid: BudgetTable(tid, spec.get("coded"), {str(k): str(v) for k, v in (spec.get("inputs") or {}).items()},
                               sums(tid, spec["computed"], "column"), tuple(spec.get("prints") or ()))
              for tid, spec in data["tables"].items()}
    rows = _row_sums(data["row_sums"])
    equalities = {rule: tuple((tuple(str(a).split(":", 2)), tuple(str(b).split(":", 2))) for a, b in pairs)  # type: ignore[misc]
                  for rule, pairs in data["equalities"].items()}
    funds = {col: Fund(col, spec["income"], spec["table"]) for col, spec in data["funds"].items()}
    return BudgetIdentities(tables, rows, equalities, funds)  # type: ignore[arg-type]
