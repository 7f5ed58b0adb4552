from __future__ import annotations

from ...performance import ZERO_BUDGET, score_range
from ...money import round2
from ..engine import Message, rule
from ..tolerance import half_unit
from .perf_common import form_rows, printed_decimals


ROUNDING = Message("rounding", "info", "{what}与{weight}×执行率（{expected}）相差{difference}，在金额尾数误差以内。",
                   "印出的金额本身是舍入的：得分在其舍入所容许的范围内")
WRONG = Message("wrong", "error", "{what}不等于{weight}×执行率（封顶{weight}分）＝{expected}。", "得分超出金额舍入所容许的范围")


@rule("PERF-003", "绩效自评表执行得分计算不符", "error", messages=(ROUNDING, WRONG))
def check(c):
    """Execution 得分 = 10 × 执行率, capped at 10 (the weight comes from the profile). The seed computes it
    from the unrounded ratio; 10 × the printed rate is accepted too.

    Example: 执行率 70.00 with 得分 7 ✓; with 得分 9 → 错误.
    """
    spec = c.profile.performance
    for form in c.disclosure.performance:
        scored = c.scored(form)
        for i, row, s in form_rows(form, scored):
            if row.score is None or s.score is None or s.status == ZERO_BUDGET or row.score == s.score:
                continue
            if row.rate is not None and row.score == min(round2(row.rate * spec.execution_weight / 100), spec.execution_weight):
                continue
            where = c.form_loc(form, f"funding[{i}].score", f"{row.source}得分")
            what = f"绩效自评表“{form.name}”{row.source}的执行得分{row.score}"
            rng = None if c.exact else score_range(row.annual_budget, row.executed, spec.execution_weight, spec.amount_decimals)
            h = half_unit(printed_decimals(row.score))
            if rng is not None and rng[0] - h <= row.score <= rng[1] + h:
                fields = {"what": what, "weight": spec.execution_weight, "expected": s.score, "difference": row.score - s.score}
                yield c.report(ROUNDING, where, fields, expected=s.score, found=row.score, difference=row.score - s.score)
                continue
            yield c.report(WRONG, where, {"what": what, "weight": spec.execution_weight, "expected": s.score},
                           expected=s.score, found=row.score, difference=row.score - s.score, suggestion=f"将得分改为{s.score}。")
