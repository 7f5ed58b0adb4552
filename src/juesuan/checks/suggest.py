"""Suggested fixes: offered only when ONE correction explains the data.

- a unit or decimal-point slip (元 printed in a 万元 document: ×10 000; a misplaced point: ×10, ×100, ×1 000);
- two digits transposed (1,535.41 → 1,553.41);
- one digit wrong (1,535.41 → 1,536.41);
- a total that leaves out (or counts twice) exactly one of its rows;
- a share computed against the wrong base.
When several corrections would explain a difference equally well, nothing is suggested.
"""
from __future__ import annotations

from decimal import Decimal

from ..money import fmt_amount, percent, round2, rounded

HALF_CENT = Decimal("0.005")
SCALES = (4, -4, 3, -3, 2, -2, 1, -1)


def _digits(value: Decimal) -> str:
    return f"{abs(round2(value)):.2f}".replace(".", "")


def _fmt(value: Decimal) -> str:
    return fmt_amount(value)


def value_slip(found: Decimal, expected: Decimal) -> tuple[int, str] | None:
    """How ``found`` could be a mistyped ``expected``: (specificity, description) or None.

    Specificity orders the explanations: a unit slip (3) is more telling than a transposition
    (2), which is more telling than one wrong digit (1).
    """
    if found == expected:
        return None
    if expected and found:
        for k in SCALES:
            factor = Decimal(10) ** k
            if abs(found - expected * factor) <= HALF_CENT * max(Decimal(1), factor if k > 0 else Decimal(1)):
                if abs(k) == 4:
                    what = "按“元”填写了以“万元”为单位的数" if k > 0 else "按“亿元”填写了以“万元”为单位的数"
                    return 3, f"疑为单位错位：{what}，相差{10 ** abs(k):,}倍"
                return 3, f"疑为小数点错位（相差{10 ** abs(k):,}倍）"
    if (found < 0) != (expected < 0):
        return None
    a, b = _digits(found), _digits(expected)
    if len(a) != len(b):
        return None
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 2 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return 2, "疑为两位数字颠倒"
    if len(diff) == 1:
        return 1, "疑为一位数字录入错误"
    return None


def fix_value(found: Decimal, expected: Decimal, what: str) -> str | None:
    """A suggestion for one figure, when its difference looks like a typing slip."""
    slip = value_slip(found, expected)
    if slip is None:
        return None
    return f"将{what}由{_fmt(found)}改为{_fmt(expected)}（{slip[1]}）。"


def fix_sum(
    total_label: str,
    total: Decimal,
    parts: list[tuple[str, Decimal]],
    bound: Decimal = Decimal(0),
) -> str | None:
    """One correction that makes ``total`` equal the sum of ``parts``, when exactly one does."""
    expected = sum((v for _, v in parts), Decimal(0))
    d = total - expected
    if abs(d) <= bound:
        return None
    # A total that leaves out (or counts twice) one row.
    missing = [(label, v) for label, v in parts if v and abs(d + v) <= bound]
    doubled = [(label, v) for label, v in parts if v and abs(d - v) <= bound]
    if len(missing) == 1 and not doubled:
        label, v = missing[0]
        return f"{total_label}少计了“{label}”（{_fmt(v)}）：应为{_fmt(expected)}。"
    if len(doubled) == 1 and not missing:
        label, v = doubled[0]
        return f"{total_label}多计了一次“{label}”（{_fmt(v)}）：应为{_fmt(expected)}。"
    candidates: list[tuple[int, str]] = []
    slip = value_slip(total, expected)
    if slip is not None:
        candidates.append((slip[0], f"将{total_label}由{_fmt(total)}改为{_fmt(expected)}（{slip[1]}）。"))
    for label, v in parts:
        corrected = v + d
        if corrected < 0:
            continue
        slip = value_slip(v, corrected)
        if slip is not None:
            candidates.append((slip[0], f"将“{label}”由{_fmt(v)}改为{_fmt(corrected)}（{slip[1]}），合计即相符。"))
    return _single_best(candidates)


def fix_share(stated: Decimal, decimals: int, part: Decimal, base_label: str, bases: list[tuple[str, Decimal]]) -> str | None:
    """A share that equals the part over some other base the text mentions."""
    hits = []
    for label, base in bases:
        if not base or label == base_label:
            continue
        p = percent(part, base)
        if p is not None and rounded(p, decimals) == stated:
            hits.append(label)
    if len(hits) == 1:
        return f"该占比是以“{hits[0]}”为基数计算的，应以“{base_label}”为基数。"
    return None


def _single_best(candidates: list[tuple[int, str]]) -> str | None:
    if not candidates:
        return None
    best = max(c[0] for c in candidates)
    top = [c for c in candidates if c[0] == best]
    return top[0][1] if len(top) == 1 else None
