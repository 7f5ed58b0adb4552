"""Shared by the PERF rules (not a rule module: no ``@rule`` here)."""
from __future__ import annotations

from decimal import Decimal

from ...performance.scoring import amount_slack


def form_rows(form, scored):
    for i, (row, s) in enumerate(zip(form.funding, scored.rows)):
        yield i, row, s


def amount_error(value: Decimal | None, spec) -> Decimal:
    """Half a unit of the last place a form keeps its 万元 amounts to (at least ``amount_decimals``)."""
    return amount_slack(value, spec.amount_decimals)


def printed_decimals(value: Decimal) -> int:
    return max(0, -int(value.as_tuple().exponent))
