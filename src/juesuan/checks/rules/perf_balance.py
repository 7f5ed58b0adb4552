from __future__ import annotations

from ..engine import COMPARE, rule
from .perf_common import amount_error, form_rows


@rule("PERF-001", "绩效自评表资金结余计算不符", "error", messages=COMPARE)
def check(c):
    """资金结(转)余 = 全年预算数 − 全年执行数, on every funding row of every 项目支出绩效自评表.

    Example: 全年预算数 6, 全年执行数 5.994, 资金结余 0.06 → 错误 (应为0.006).
    """
    spec = c.profile.performance
    for form in c.disclosure.performance:
        scored = c.scored(form)
        for i, row, s in form_rows(form, scored):
            if row.balance is None or s.balance is None or row.balance == s.balance:
                continue
            bound = 0 if c.exact else amount_error(row.annual_budget, spec) + amount_error(row.executed, spec) + amount_error(row.balance, spec)
            yield c.mismatch(
                found=row.balance, expected=s.balance, bound=bound,
                what=f"绩效自评表“{form.name}”{row.source}的资金结余", against="全年预算数－全年执行数",
                location=c.form_loc(form, f"funding[{i}].balance", f"{row.source}资金结余"),
            )
