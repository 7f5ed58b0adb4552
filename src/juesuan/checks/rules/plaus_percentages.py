from __future__ import annotations

from ..engine import Message, rule
from ..stated import claims, loc


NEGATIVE = Message("negative", None, "情况说明中的百分比{said}为负数。", "情况说明的百分比为负数")
SHARE_OVER = Message("share_over", None, "情况说明称{quantity}占{base}的{said}，占比不可能超过100%。", "占比超过100%，超出舍入误差")
RATE_NEGATIVE = Message("rate_negative", None, "绩效自评表“{form}”{source}的执行率{rate}%为负数。", "绩效自评表的执行率为负数")
RATE_OVER = Message("rate_over", "warning", "绩效自评表“{form}”{source}的执行率{rate}%超过100%（执行数大于全年预算数）。",
                    "执行率超过100%：执行数大于全年预算数，警告")


@rule("PLAUS-002", "不可能的百分比", "error", messages=(NEGATIVE, SHARE_OVER, RATE_NEGATIVE, RATE_OVER))
def check(c):
    """No share exceeds 100% (beyond rounding) and no stated percentage is negative; a performance form's 执行率
    above 100% (执行数 greater than 全年预算数) is a 警告.

    Example: “基本支出1,535.51万元，占比119.00%” → 错误.
    """
    for claim in claims(c, "share", "completion", "change_pct"):
        if claim.value is None:
            continue
        if claim.value < 0:
            yield c.report(NEGATIVE, loc(c, claim), {"said": claim.text}, expected="≥0", found=claim.value)
        elif claim.kind == "share" and claim.value - claim.error > 100:
            yield c.report(SHARE_OVER, loc(c, claim),
                           {"quantity": claim.quantity.label, "base": claim.base_text or claim.base.label, "said": claim.text}, expected="≤100%", found=claim.value)
    for form in c.disclosure.performance:
        for i, row in enumerate(form.funding):
            if row.rate is None:
                continue
            if row.rate < 0:
                yield c.report(RATE_NEGATIVE, c.form_loc(form, f"funding[{i}].rate", f"{row.source}执行率"),
                               {"form": form.name, "source": row.source, "rate": row.rate}, expected="≥0", found=row.rate)
            elif row.rate > 100:
                yield c.report(RATE_OVER, c.form_loc(form, f"funding[{i}].rate", f"{row.source}执行率"),
                               {"form": form.name, "source": row.source, "rate": row.rate},
                               expected="≤100", found=row.rate)
