from __future__ import annotations

from ...money import ZERO
from ...performance import form_total
from ..engine import COMPARE, HALF_CENT, Message, fmt, rule

ABOVE = Message("above_full", "error", "绩效自评表“{form}”的总分{total}超过满分{full}（执行得分{execution}分＋指标分值{indicators}分）。",
                "总分超过执行得分与指标分值的满分之和，无论各项得分如何都不可能")


@rule("PERF-005", "绩效自评表总分计算不符", "error", messages=(*COMPARE, ABOVE,))
def check(c):
    """总分 = execution 得分 (资金总额 row) + Σ indicator 得分, as printed: identities.yaml's ``performance``
    总分 expression over the printed 得分. A 总分 above the full marks (the profile's execution weight +
    indicator weight: 100) is an error whatever the 得分.

    Example: the seed's “大同市城市主要街道品质提升工程”: 执行得分 7 + 指标得分 87 = 94, printed 总分 97 → 错误;
    总分 100.50 → 错误 (满分100).
    """
    spec = c.profile.performance
    full = spec.execution_weight + spec.indicator_weight
    for form in c.disclosure.performance:
        if form.total is None:
            continue
        if form.total > full:
            yield c.report(ABOVE, c.form_loc(form, "total", "总分"),
                           {"form": form.name, "total": fmt(form.total), "full": full, "execution": spec.execution_weight,
                            "indicators": spec.indicator_weight}, expected=f"不超过{full}", found=form.total)
        scored = c.scored(form)
        idx = scored.total_row
        execution = form.funding[idx].score if idx is not None else None
        scores = [i.score for i in form.indicators]
        expected = form_total(execution, scores)
        if expected is None or form.total == expected:
            continue
        bound = ZERO if c.exact else HALF_CENT * (len(scores) + 2)
        yield c.mismatch(
            found=form.total, expected=expected, bound=bound, what=f"绩效自评表“{form.name}”的总分",
            against=f"执行得分（{fmt(execution)}）与各指标得分之和（{fmt(sum(scores, ZERO))}）",
            location=c.form_loc(form, "total", "总分"), suggestion=f"将总分改为{fmt(expected)}。",
        )
