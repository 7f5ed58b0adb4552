from __future__ import annotations

from ...performance import ZERO_BUDGET, rate_range
from ..engine import rule
from ..tolerance import half_unit
from .perf_common import form_rows, printed_decimals


@rule("PERF-002", "绩效自评表执行率计算不符", "error")
def check(c):
    """执行率 = 全年执行数 ÷ 全年预算数 (percent, 2 decimals). A printed form's 万元 amounts are themselves
    rounded, so a rate within the range their rounding allows is a 提示.

    Example: 5.994 ÷ 6 = 99.90%, printed 99.91 → 提示; printed 9.99 → 错误.
    """
    spec = c.profile.performance
    for form in c.disclosure.performance:
        scored = c.scored(form)
        for i, row, s in form_rows(form, scored):
            if row.rate is None or s.rate is None or s.status == ZERO_BUDGET or row.rate == s.rate:
                continue
            where = c.form_loc(form, f"funding[{i}].rate", f"{row.source}执行率")
            what = f"绩效自评表“{form.name}”{row.source}的执行率{row.rate}%"
            rng = None if c.exact else rate_range(row.annual_budget, row.executed, spec.amount_decimals)
            h = half_unit(printed_decimals(row.rate))
            if rng is not None and rng[0] - h <= row.rate <= rng[1] + h:
                yield c.finding(f"{what}与全年执行数÷全年预算数（{s.rate}%）相差{row.rate - s.rate}，在金额尾数误差以内。",
                                where, severity="info", expected=s.rate, found=row.rate, difference=row.rate - s.rate)
                continue
            yield c.finding(f"{what}不等于全年执行数{row.executed}÷全年预算数{row.annual_budget}（{s.rate}%）。", where,
                            expected=s.rate, found=row.rate, difference=row.rate - s.rate,
                            suggestion=f"将执行率改为{s.rate}。")
