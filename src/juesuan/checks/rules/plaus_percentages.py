from __future__ import annotations

from ..engine import rule
from ..stated import claims, loc


@rule("PLAUS-002", "不可能的百分比", "error")
def check(c):
    """No share exceeds 100% (beyond rounding) and no stated percentage is negative; a performance form's 执行率
    above 100% (执行数 greater than 全年预算数) is a 警告.

    Example: “基本支出1,535.51万元，占比119.00%” → 错误.
    """
    for claim in claims(c, "share", "completion", "change_pct"):
        if claim.value is None:
            continue
        if claim.value < 0:
            yield c.finding(f"情况说明中的百分比{claim.text}为负数。", loc(c, claim), expected="≥0", found=claim.value)
        elif claim.kind == "share" and claim.value - claim.error > 100:
            yield c.finding(f"情况说明称{claim.quantity.label}占{claim.base_text or claim.base.label}的{claim.text}，占比不可能超过100%。",
                            loc(c, claim), expected="≤100%", found=claim.value)
    for form in c.disclosure.performance:
        for i, row in enumerate(form.funding):
            if row.rate is None:
                continue
            if row.rate < 0:
                yield c.finding(f"绩效自评表“{form.name}”{row.source}的执行率{row.rate}%为负数。",
                                c.form_loc(form, f"funding[{i}].rate", f"{row.source}执行率"), expected="≥0", found=row.rate)
            elif row.rate > 100:
                yield c.finding(f"绩效自评表“{form.name}”{row.source}的执行率{row.rate}%超过100%（执行数大于全年预算数）。",
                                c.form_loc(form, f"funding[{i}].rate", f"{row.source}执行率"), severity="warning",
                                expected="≤100", found=row.rate)
