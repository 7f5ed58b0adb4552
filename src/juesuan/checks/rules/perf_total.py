from __future__ import annotations

from ...money import ZERO
from ..engine import HALF_CENT, fmt, rule


@rule("PERF-005", "绩效自评表总分计算不符", "error")
def check(c):
    """总分 = execution 得分 (资金总额 row) + Σ indicator 得分, as printed.

    Example: the seed's “大同市城市主要街道品质提升工程”: 执行得分 7 + 指标得分 87 = 94, printed 总分 97 → 错误.
    """
    for form in c.disclosure.performance:
        if form.total is None:
            continue
        scored = c.scored(form)
        idx = scored.total_row
        execution = form.funding[idx].score if idx is not None else None
        scores = [i.score for i in form.indicators]
        if execution is None or any(s is None for s in scores):
            continue
        expected = execution + sum(scores, ZERO)
        if form.total == expected:
            continue
        bound = ZERO if c.exact else HALF_CENT * (len(scores) + 2)
        yield c.mismatch(
            found=form.total, expected=expected, bound=bound, what=f"绩效自评表“{form.name}”的总分",
            against=f"执行得分（{fmt(execution)}）与各指标得分之和（{fmt(sum(scores, ZERO))}）",
            location=c.form_loc(form, "total", "总分"), suggestion=f"将总分改为{fmt(expected)}。",
        )
