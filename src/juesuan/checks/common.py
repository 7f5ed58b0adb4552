"""Helpers the table rules share: sums, equalities and inequalities between printed cells."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Row, Table
from ..money import ZERO
from ..tables import KINDS
from .engine import Checker, Finding, fmt, fmt_bound
from .suggest import fix_sum, value_slip

Cell = tuple[str, str, str]  # (table id, row key, column)

CODED_TABLES = ("income", "expenditure", "general_budget", "fund", "capital")
# column identities of the coded tables: total column = Σ part columns
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


def check_sum(
    c: Checker,
    total: Cell,
    parts: list[Cell],
    *,
    derived: bool = True,
    against: str | None = None,
) -> Finding | None:
    """``total`` equals the sum of ``parts`` (all printed); skipped when any is not printed."""
    found = c.get(*total)
    values = [c.get(*p) for p in parts]
    if found is None or any(v is None for v in values):
        return None
    expected = sum(values, ZERO)
    if found == expected:
        return None
    # Blank cells are exact zeros, not rounded terms.
    bound = c.bound(max(1, sum(1 for v in values if v)), derived)
    labels = [part_label(c, p, total) for p in parts]
    if against is None:
        against = ("“" + "”“".join(labels) + "”之和") if len(labels) <= 6 else f"{len(labels)}项之和"
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
    if abs(diff) <= bound:
        message = (
            f"{c.where(*big)}（{fmt(found)}）小于{against}（{fmt(least)}）{fmt(diff, sign=True)}，"
            f"在尾数误差（±{fmt_bound(bound)}）以内。"
        )
        return c.finding(message, c.cell(*big), severity="info", expected=least, found=found, difference=diff,
                         related=[c.cell(*s) for s, _ in known])
    message = f"{c.where(*big)}（{fmt(found)}）小于{against}（{fmt(least)}）{why}，相差{fmt(diff, sign=True)}。"
    return c.finding(message, c.cell(*big), expected=f"≥{least}", found=found, difference=diff,
                     related=[c.cell(*s) for s, _ in known])


def present_classes(c: Checker, table_ids: list[str]) -> list[str]:
    """类 codes printed in any of the coded tables."""
    out: set[str] = set()
    for tid in table_ids:
        t = c.table(tid)
        if t is not None:
            out.update(r.key for r in t.coded_rows() if len(r.key) == 3)
    return sorted(out)


def summary_classes(c: Checker, table_id: str) -> list[str]:
    """类 codes with an ``ex.<code>`` row in 公开01/04."""
    t = c.table(table_id)
    if t is None:
        return []
    return [r.key[3:] for r in t.rows if r.key.startswith("ex.") and r.key[3:].isdigit()]


def is_zero(v: Decimal | None) -> bool:
    return v is None or v == 0
