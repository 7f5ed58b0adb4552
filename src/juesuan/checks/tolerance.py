"""Rounding-aware comparison of percentages: interval arithmetic over printed inputs.

A printed amount ``a`` with error ``e`` stands for any true value in [a − e, a + e]; a printed
percentage with ``d`` decimals for any value within half a unit of its last digit. A stated
percentage is consistent when its interval meets the range of 100·num/den over the input
intervals; it is exact when it equals the ratio of the printed inputs rounded as printed.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..money import rounded

HUNDRED = Decimal(100)

Verdict = Literal["ok", "rounding", "error", "zero_base"]


def half_unit(decimals: int) -> Decimal:
    return Decimal(5) * Decimal(10) ** (-decimals - 1)


quantize = rounded  # the one rounding function (juesuan.money), under the name rules know it by


def ratio_range(num: Decimal, num_err: Decimal, den: Decimal, den_err: Decimal) -> tuple[Decimal, Decimal] | None:
    """Min and max of 100·n/d over n ∈ [num ± num_err], d ∈ [den ± den_err]; None if d may be 0."""
    lo_d, hi_d = den - den_err, den + den_err
    if lo_d <= 0 <= hi_d:
        return None
    values = [HUNDRED * n / d for n in (num - num_err, num + num_err) for d in (lo_d, hi_d)]
    return min(values), max(values)


@dataclass
class PercentCheck:
    """The verdict on a printed percentage and the range the printed inputs allow."""

    verdict: Verdict
    computed: Decimal | None  # the ratio of the printed inputs, rounded as the text prints it
    low: Decimal | None = None
    high: Decimal | None = None


def check_percent(
    stated: Decimal,
    decimals: int,
    num: Decimal,
    den: Decimal,
    num_err: Decimal = Decimal(0),
    den_err: Decimal = Decimal(0),
) -> PercentCheck:
    if den == 0 and den_err == 0:
        return PercentCheck("zero_base", None)
    rng = ratio_range(num, num_err, den, den_err)
    if rng is None:
        return PercentCheck("zero_base", None)
    exact = HUNDRED * num / den
    computed = rounded(exact, max(decimals, 2))
    if rounded(exact, decimals) == stated:
        return PercentCheck("ok", computed, *rng)
    h = half_unit(decimals)
    lo, hi = rng
    if stated + h >= lo and stated - h <= hi:
        return PercentCheck("rounding", computed, lo, hi)
    return PercentCheck("error", computed, lo, hi)
