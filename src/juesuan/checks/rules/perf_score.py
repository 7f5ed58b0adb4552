from __future__ import annotations

from ...performance import ZERO_BUDGET, score_range
from ...money import round2
from ..engine import rule
from ..tolerance import half_unit
from .perf_common import form_rows, printed_decimals


@rule("PERF-003", "绩效自评表执行得分计算不符", "error")
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
                yield c.finding(f"{what}与{spec.execution_weight}×执行率（{s.score}）相差{row.score - s.score}，在金额尾数误差以内。",
                                where, severity="info", expected=s.score, found=row.score, difference=row.score - s.score)
                continue
            yield c.finding(f"{what}不等于{spec.execution_weight}×执行率（封顶{spec.execution_weight}分）＝{s.score}。", where,
                            expected=s.score, found=row.score, difference=row.score - s.score, suggestion=f"将得分改为{s.score}。")
