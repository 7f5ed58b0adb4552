from __future__ import annotations

from ...money import ZERO
from ..engine import Message, rule

WEIGHTS = Message("weights", "error", "绩效自评表“{form}”各指标分值之和为{total}，应为{want}。", "指标分值之和不是模板规定的指标总分")
RANGE = Message("range", "error", "绩效自评表“{form}”指标“{name}”得分{score}超出分值{weight}的范围。", "指标得分为负或超过其分值")


@rule("PERF-004", "绩效指标分值合计不为90或得分超过分值", "error", messages=(WEIGHTS, RANGE))
def check(c):
    """The indicators' 分值 add up to 90 (the profile's indicator weight) and no indicator's 得分 exceeds its
    分值 or is negative.

    Example: indicators weighing 20 + 10 + 10 + 10 + 30 + 20 = 100 → 错误; 得分 25 on 分值 20 → 错误.
    """
    want = c.profile.performance.indicator_weight
    for form in c.disclosure.performance:
        weights = [i.weight for i in form.indicators]
        if form.indicators and all(w is not None for w in weights):
            total = sum(weights, ZERO)
            if total != want:
                yield c.report(WEIGHTS, c.form_loc(form, "indicators", "指标分值"),
                               {"form": form.name, "total": f"{total.normalize():f}", "want": want},
                               expected=want, found=total, difference=total - want)
        for n, ind in enumerate(form.indicators):
            if ind.score is None or ind.weight is None:
                continue
            if ind.score > ind.weight or ind.score < 0:
                yield c.report(RANGE, c.form_loc(form, f"indicators[{n}].score", f"指标“{ind.name}”得分"),
                               {"form": form.name, "name": ind.name, "score": f"{ind.score.normalize():f}",
                                "weight": f"{ind.weight.normalize():f}"},
                               expected=f"0～{ind.weight}", found=ind.score)
