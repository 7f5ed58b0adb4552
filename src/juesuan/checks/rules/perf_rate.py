from __future__ import annotations

from ...performance import ZERO_BUDGET, rate_range
from ..engine import Message, rule
from ..tolerance import half_unit
from .perf_common import form_rows, printed_decimals


ROUNDING = Message("rounding", "info", "{what}与全年执行数÷全年预算数（{expected}%）相差{difference}，在金额尾数误差以内。",
                   "印出的金额本身是舍入的：执行率在其舍入所容许的范围内")
WRONG = Message("wrong", "error", "{what}不等于全年执行数{executed}÷全年预算数{budget}（{expected}%）。",
                "执行率超出金额舍入所容许的范围")


@rule("PERF-002", "绩效自评表执行率计算不符", "error", messages=(ROUNDING, WRONG))
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
                yield c.report(ROUNDING, where, {"what": what, "expected": s.rate, "difference": row.rate - s.rate},
                               expected=s.rate, found=row.rate, difference=row.rate - s.rate)
                continue
            yield c.report(WRONG, where, {"what": what, "executed": row.executed, "budget": row.annual_budget, "expected": s.rate},
                           expected=s.rate, found=row.rate, difference=row.rate - s.rate, suggestion=f"将执行率改为{s.rate}。")
