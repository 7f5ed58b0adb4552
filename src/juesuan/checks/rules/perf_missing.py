from __future__ import annotations

from ...performance import recompute
from ..engine import Message, rule

MISSING = Message("missing", "warning", "绩效自评表“{form}”缺少{missing}，无法计算执行率、总分和等级。",
                  "计分所需的金额或分值空白：构建时执行率、总分和等级留空")


@rule("PERF-010", "绩效自评表缺少计分所需数据", "warning", messages=(MISSING,))
def check(c):
    """A form lacks what its score needs (a 资金总额 row, its 全年预算数 or 全年执行数, an indicator's 分值 or
    得分): its 执行率, 得分, 总分 and 等级 cannot be computed, and the build leaves them blank.

    Example: 资金总额 全年执行数 left blank → 警告 “缺少资金总额·全年执行数”.
    """
    spec = c.profile.performance
    for form in c.disclosure.performance:
        missing = recompute(form, spec).missing
        if missing:
            yield c.report(MISSING, c.form_loc(form), {"form": form.name, "missing": "、".join(missing)},
                           found=list(missing), suggestion="补齐空白的金额或分值后重新编制。")
