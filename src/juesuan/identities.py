"""The identities of the disclosure, read from ``identities.yaml``: the one source that compile,
the preparer's workbook (formulas and shown values), its reader and the rules all use.

A coded table's 项 row holds input columns (a leaf's typed fields) and computed columns (signed
sums of other columns of the row); its 类/款 rows and 合计 are sums of the 项 rows beneath. The
cross-table equalities (the same figure in 公开01/04 and a coded table) are checked by the XTAB
rules that name them; compile builds the tables so that they hold (tests/test_identities.py).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .money import ZERO

DATA_FILE = Path(__file__).with_name("identities.yaml")


@dataclass(frozen=True)
class ColumnIdentity:
    """``column = Σ sign·term`` within one row of ``table``."""

    table: str
    column: str
    terms: tuple[tuple[int, str], ...]  # (+1 or -1, column)
    rule: str | None = None  # the rule that checks it on a printed table

    def compute(self, values: Mapping[str, Decimal]) -> Decimal:
        return sum((sign * values.get(col, ZERO) for sign, col in self.terms), ZERO)

    def formula(self, ref: Callable[[str], str]) -> str:
        """A spreadsheet formula, ``ref(column)`` giving each term's cell: ``=C7+D7-E7``."""
        text = "".join(("+" if sign > 0 else "-") + ref(col) for sign, col in self.terms)
        return "=" + text.lstrip("+")


@dataclass(frozen=True)
class CodedTable:
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
