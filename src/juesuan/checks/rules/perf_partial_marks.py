from __future__ import annotations

from ..engine import Message, rule

# How the forms word an indicator that was not fully achieved (the 实际完成值 of a 定性指标).
PARTIAL = ("部分达成", "未达成", "未完成", "部分完成")
FULL_MARKS = Message("full_marks", "warning", "绩效自评表“{form}”指标“{name}”实际完成值为“{actual}”，却得满分{score}分。",
                     "实际完成值说明未完全达成，得分却等于分值")


@rule("PERF-009", "绩效指标未完全达成却得满分", "warning", messages=(FULL_MARKS,))
def check(c):
    """An indicator whose 实际完成值 says it was only partly achieved or not achieved (部分达成预期指标…,
    未达成预期指标…) cannot earn its full 分值.

    Example: the seed's “残疾人保障金”: 质量指标 足额缴纳保障金, 实际完成值 “部分达成预期指标并具有一定效果”,
    分值 10, 得分 10 → 警告.
    """
    for form in c.disclosure.performance:
        for n, ind in enumerate(form.indicators):
            actual = (ind.actual or "").strip()
            if ind.weight is None or ind.score is None or ind.score < ind.weight:
                continue
            if any(word in actual for word in PARTIAL):
                name = ind.name or ind.level2
                yield c.report(
                    FULL_MARKS, c.form_loc(form, f"indicators[{n}].score", f"指标“{name}”得分"),
                    {"form": form.name, "name": name, "actual": actual, "score": f"{ind.score.normalize():f}"},
                    expected=f"低于{ind.weight.normalize():f}", found=ind.score,
                    suggestion="按实际完成程度扣分，或更正实际完成值。",
                )
