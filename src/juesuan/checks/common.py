"""Helpers the table rules share: sums, equalities and inequalities between printed cells."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Row, Table
from ..money import ZERO
from ..tables import KINDS
from .engine import Checker, Finding, Message, fmt, fmt_bound
from .suggest import fix_sum, value_slip

Cell = tuple[str, str, str]  # (table id, row key, column)

CODED_TABLES = ("income", "expenditure", "general_budget", "fund", "capital")
# column identities of the coded tables: total column = Σ part columns
def coded_tables(c: Checker, classification: str = "functional") -> list[str]:
    """Ids of the tables coded by a classification (functional or economic) in the document's
    family: 公开02/03/05/07/08 of final accounts, the five functional tables of a budget."""
    family = c.disclosure.meta.family
    return [k.id for k in KINDS.values() if k.coded == classification and k.family == family]


def summary_tables(c: Checker) -> list[str]:
    """The tables that list the expenditure 类 by name (``ex.<code>`` rows): 公开01/04, or a budget's two 收支总表."""
    return ["budget_summary", "budget_fiscal_summary"] if c.disclosure.meta.family == "budget" else ["summary", "fiscal_summary"]


def first_column(table_id: str) -> str:
    """The column a finding about a whole row points at: 合计 (or a single amount)."""
    kind = KINDS.get(table_id)
    return next(iter(kind.columns)) if kind is not None else "total"


def columns_of(table: Table) -> list[str]:
    """The value columns a table prints, in the kind's column order."""
    seen: set[str] = set()
    for r in table.rows:
        seen.update(r.values)
    order = list(KINDS[table.id].columns) if table.id in KINDS else []
    return [c for c in order if c in seen] + sorted(seen - set(order))


def children(table: Table, code: str) -> list[Row]:
    """The 款 of a 类 or the 项 of a 款."""
    n = len(code) + 2
    return [r for r in table.coded_rows() if len(r.key) == n and r.key.startswith(code)]


def part_label(c: Checker, cell: Cell, total: Cell) -> str:
    """A part named briefly relative to its total: the row when rows differ, else the column."""
    t, r, col = cell
    if t != total[0]:
        return c.where(t, r, col)
    if r != total[1]:
        return c.row_label(t, r) + (f"的{c.column_label(t, col)}" if col != total[2] and c.column_label(t, col) else "")
    return c.column_label(t, col) or c.row_label(t, r)


def sum_terms(c: Checker, total: Cell, parts: list[Cell]) -> tuple[Decimal, list[Decimal], Decimal] | None:
    """(printed total, printed parts, their sum) when the total differs from the sum; None when
    they agree or any of them is not printed."""
    found = c.get(*total)
    values = [c.get(*p) for p in parts]
    if found is None or any(v is None for v in values):
        return None
    expected = sum(values, ZERO)
    return None if found == expected else (found, values, expected)


def sum_label(labels: list[str]) -> str:
    """What a total should equal, in words: “基本支出”“项目支出”之和, or n项之和 for many."""
    return ("“" + "”“".join(labels) + "”之和") if len(labels) <= 6 else f"{len(labels)}项之和"


def row_sums(table: Table, total: str, parts: list[str]):
    """Per row of a table, (total cell, part cells) for a column identity total = Σ parts, over
    the part columns the row prints."""
    for r in table.rows:
        present = [p for p in parts if p in r.values]
        if total in r.values and present:
            yield (table.id, r.key, total), [(table.id, r.key, p) for p in present]


def rollups(table: Table):
    """(cell, its children's cells, what they are) for every 类 = Σ款 and 款 = Σ项 of a coded
    table, column by column."""
    cols = columns_of(table)
    for r in table.coded_rows():
        if len(r.key) not in (3, 5):
            continue
        kids = children(table, r.key)
        if not kids:
            continue
        level = "所属各款之和" if len(r.key) == 3 else "所属各项之和"
        for col in cols:
            yield (table.id, r.key, col), [(table.id, k.key, col) for k in kids], level


def total_rows(table: Table):
    """(合计 cell, the 类 cells) of a coded table's 合计 row, column by column."""
    tops = [r.key for r in table.coded_rows() if len(r.key) == 3]
    if table.row("total") is None or not tops:
        return
    for col in columns_of(table):
        yield (table.id, "total", col), [(table.id, k, col) for k in tops]


def check_sum(
    c: Checker,
    total: Cell,
    parts: list[Cell],
    *,
    derived: bool = True,
    against: str | None = None,
) -> Finding | None:
    """``total`` equals the sum of ``parts`` (all printed); skipped when any is not printed."""
    terms = sum_terms(c, total, parts)
    if terms is None:
        return None
    found, values, expected = terms
    # Blank cells are exact zeros, not rounded terms.
    bound = c.bound(max(1, sum(1 for v in values if v)), derived)
    labels = [part_label(c, p, total) for p in parts]
    against = against or sum_label(labels)
    suggestion = fix_sum(c.where(*total), found, list(zip(labels, values)), bound)
    return c.mismatch(
        found=found, expected=expected, bound=bound, what=c.where(*total), against=against,
        location=c.cell(*total), suggestion=suggestion, related=[c.cell(*p) for p in parts],
    )


def check_equal(c: Checker, a: Cell, b: Cell, *, derived: bool = True, b_terms: list[Cell] | None = None) -> Finding | None:
    """The same figure printed in two places (``b`` may be a sum of ``b_terms``) agrees."""
    found = c.get(*a)
    terms = b_terms or [b]
    values = [c.get(*t) for t in terms]
    if found is None or any(v is None for v in values):
        return None
    expected = sum(values, ZERO)
    if found == expected:
        return None
    bound = c.bound(max(1, sum(1 for v in values if v)), derived)
    if b_terms:
        against = "、".join(f"{c.where(*t)}" for t in terms) + "之和"
    else:
        against = c.where(*b)
    suggestion = None
    slip = value_slip(found, expected)
    if slip is not None and abs(found - expected) > bound and slip[0] >= 2:
        suggestion = f"两处应为同一数字，{slip[1]}：请核对{c.where(*a)}（{fmt(found)}）与{against}（{fmt(expected)}）。"
    return c.mismatch(
        found=found, expected=expected, bound=bound, what=c.where(*a), against=against,
        location=c.cell(*a), suggestion=suggestion, related=[c.cell(*t) for t in terms],
    )


def check_equalities(c: Checker, rule_id: str) -> Iterator[Finding | None]:
    """The cross-table equalities ``identities.yaml`` lists for ``rule_id``, in their order; a pair
    with {class} once for every 类 printed in either table."""
    from .. import identities

    spec = identities.cross_checks()[rule_id]
    if any(c.table(t) is None for t in spec.requires):
        return
    for pair in spec.pairs:
        if pair.per_class:
            left, right = pair.cells("000")[0][0], pair.cells("000")[1][0][0]
            classes = sorted(set(summary_classes(c, right)) | set(present_classes(c, [left])))
        else:
            classes = [None]
        for k in classes:
            a, terms = pair.cells(k)
            yield check_equal(c, a, terms[0], b_terms=terms if len(terms) > 1 else None)


# What check_at_least reports: for the messages= of the rules that call it.
AT_LEAST_ROUNDING = Message("at_least_rounding", "info", "{what}（{found}）小于{against}（{least}）{difference}，在尾数误差（±{bound}）以内。",
                            "小得不超过印出数的舍入误差：提示")
AT_LEAST = Message("at_least", None, "{what}（{found}）小于{against}（{least}）{why}，相差{difference}。",
                   "全部资金口径的数小于其应包含的财政拨款部分，超出舍入误差")
AT_LEAST_MESSAGES = (AT_LEAST_ROUNDING, AT_LEAST)


def check_at_least(c: Checker, big: Cell, smalls: list[Cell], *, derived: bool = True, why: str = "") -> Finding | None:
    """``big`` (all funds) is not less than the sum of ``smalls`` (财政拨款 parts)."""
    found = c.get(*big)
    values = [c.get(*s) for s in smalls]
    known = [(s, v) for s, v in zip(smalls, values) if v is not None]
    if found is None or not known:
        return None
    least = sum((v for _, v in known), ZERO)
    if found >= least:
        return None
    bound = c.bound(max(1, sum(1 for _, v in known if v)), derived)
    diff = found - least
    against = "、".join(c.where(*s) for s, _ in known) + ("之和" if len(known) > 1 else "")
    fields = {"what": c.where(*big), "found": fmt(found), "against": against, "least": fmt(least), "difference": fmt(diff, sign=True)}
    if abs(diff) <= bound:
        return c.report(AT_LEAST_ROUNDING, c.cell(*big), {**fields, "bound": fmt_bound(bound)}, expected=least, found=found,
                        difference=diff, related=[c.cell(*s) for s, _ in known])
    return c.report(AT_LEAST, c.cell(*big), {**fields, "why": why}, expected=f"≥{least}", found=found, difference=diff,
                    related=[c.cell(*s) for s, _ in known])


def present_classes(c: Checker, table_ids: list[str]) -> list[str]:
    """类 codes printed in any of the coded tables."""
    out: set[str] = set()
    for tid in table_ids:
        t = c.table(tid)
        if t is not None:
            out.update(r.key for r in t.coded_rows() if len(r.key) == 3)
    return sorted(out)


def check_row_sums(c: Checker, table_id: str, rule_id: str) -> Iterator[Finding | None]:
    """The row sums of 公开01/04 ``identities.yaml`` gives ``rule_id``, in their order (a sum over
    the 类 rows only where the table prints some; 公开04's expenditure side column by column)."""
    from .. import identities

    spec = identities.row_sums()[table_id]
    for identity in spec.checked_by(rule_id, summary_classes(c, table_id)):
        total: Cell = (table_id, *identities.split_key(identity.column, spec.column))
        parts: list[Cell] = [(table_id, *identities.split_key(term, spec.column)) for _, term in identity.terms]
        against = identity.against.format(column_label=c.column_label(*total[::2])) if identity.against else None
        if all(sign > 0 for sign, _ in identity.terms):
            yield check_sum(c, total, parts, against=against)
        else:
            yield check_signed_sum(c, total, [(sign, p) for (sign, _), p in zip(identity.terms, parts)], against or "")


def check_signed_sum(c: Checker, total: Cell, terms: list[tuple[int, Cell]], against: str) -> Finding | None:
    """``total`` equals Σ sign·part (a balance: 年初 + 收入 − 支出 = 年末); skipped when any is not printed."""
    found = c.get(*total)
    values = [c.get(*cell) for _, cell in terms]
    if found is None or any(v is None for v in values):
        return None
    expected = sum((sign * v for (sign, _), v in zip(terms, values)), ZERO)
    return c.mismatch(found=found, expected=expected, bound=c.bound(len(terms)), what=c.where(*total), against=against,
                      location=c.cell(*total), related=[c.cell(*cell) for _, cell in terms])


def summary_classes(c: Checker, table_id: str) -> list[str]:
    """类 codes with an ``ex.<code>`` row in 公开01/04."""
    t = c.table(table_id)
    if t is None:
        return []
    return [r.key[3:] for r in t.rows if r.key.startswith("ex.") and r.key[3:].isdigit()]


def is_zero(v: Decimal | None) -> bool:
    return v is None or v == 0
