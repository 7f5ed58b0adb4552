from __future__ import annotations

from ...performance import ZERO_BUDGET, execution_score, score_range
from ..engine import Message, rule
from ..tolerance import half_unit
from .perf_common import form_rows, printed_decimals


ROUNDING = Message("rounding", "info", "{what}与{weight}×执行率（{expected}）相差{difference}，在金额尾数误差以内。",
                   "印出的金额本身是舍入的：得分在其舍入所容许的范围内")
WRONG = Message("wrong", "error", "{what}不等于{weight}×执行率（封顶{weight}分）＝{expected}。", "得分超出金额舍入所容许的范围")
RANGE = Message("range", "error", "{what}超出0～{weight}分的范围：执行得分最高为{weight}分（执行率封顶100%）。",
                "执行得分为负或超过其分值，无论执行率如何都不可能")


@rule("PERF-003", "绩效自评表执行得分计算不符", "error", messages=(ROUNDING, WRONG, RANGE))
def check(c):
    """Execution 得分 = 10 × 执行率, capped at 10 (the weight comes from the profile): identities.yaml's
    ``performance`` 得分 expression, from the unrounded ratio as the seed computes it; the same expression
    applied to the printed 执行率 is accepted too. A 得分 above the weight (or negative) is an error
    whatever the amounts, a zero budget's included.

    Example: 执行率 70.00 with 得分 7 ✓; with 得分 9 → 错误; 得分 10.50 → 错误 (最高10分).
    """
    spec = c.profile.performance
    weight = spec.execution_weight
    for form in c.disclosure.performance:
        scored = c.scored(form)
        for i, row, s in form_rows(form, scored):
            if row.score is None:
                continue
            where = c.form_loc(form, f"funding[{i}].score", f"{row.source}得分")
            what = f"绩效自评表“{form.name}”{row.source}的执行得分{row.score}"
            if not 0 <= row.score <= weight:
                yield c.report(RANGE, where, {"what": what, "weight": weight}, expected=f"0～{weight}", found=row.score,
                               suggestion=None if s.score is None else f"将得分改为{s.score}。")
                continue
            if s.score is None or s.status == ZERO_BUDGET or row.score == s.score:
                continue
            if row.rate is not None and row.score == execution_score(100, row.rate, weight):  # the printed rate's score
                continue
            rng = None if c.exact else score_range(row.annual_budget, row.executed, weight, spec.amount_decimals)
            h = half_unit(printed_decimals(row.score))
            if rng is not None and rng[0] - h <= row.score <= rng[1] + h:
                fields = {"what": what, "weight": weight, "expected": s.score, "difference": row.score - s.score}
                yield c.report(ROUNDING, where, fields, expected=s.score, found=row.score, difference=row.score - s.score)
                continue
            yield c.report(WRONG, where, {"what": what, "weight": weight, "expected": s.score},
                           expected=s.score, found=row.score, difference=row.score - s.score, suggestion=f"将得分改为{s.score}。")
