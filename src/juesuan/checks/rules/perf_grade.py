from __future__ import annotations

from ...performance import grade_for
from ..engine import Message, rule

WRONG = Message("wrong", "error", "绩效自评表“{form}”总分{total}应评为“{expected}”，印的是“{found}”。",
                "等级不是按模板的分数线由总分得出的等级")


@rule("PERF-006", "绩效自评等级与总分不符", "error", messages=(WRONG,))
def check(c):
    """等级 follows the printed 总分 by the profile's thresholds (shanxi: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差):
    identities.yaml's ``performance`` 等级 expression, as the build grades.

    Example: 总分 85 with 等级 “优” → 错误 (应为“良”).
    """
    spec = c.profile.performance
    for form in c.disclosure.performance:
        if form.total is None or not form.grade:
            continue
        expected = grade_for(form.total, spec)
        if expected is not None and expected != form.grade.strip():
            yield c.report(WRONG, c.form_loc(form, "grade", "等级"),
                           {"form": form.name, "total": f"{form.total.normalize():f}", "expected": expected, "found": form.grade},
                           expected=expected, found=form.grade, suggestion=f"将等级改为“{expected}”。")
