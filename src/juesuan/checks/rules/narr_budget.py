from __future__ import annotations

from ..engine import Message, fmt, rule
from ..stated import claims, loc
from ..suggest import fix_value
from ..values import budget_value, same_when_printed

ROUNDING = Message("rounding", "info", "情况说明称{quantity}预算{said}，{where}为{budget}，差异在尾数误差以内。",
                   "相差不超过舍入误差：提示")
DIFFERENT = Message("different", None, "情况说明称{quantity}预算{said}，而{where}为{budget}。", "说明的预算数与表中预算数不同")
INITIAL = Message("initial", "warning", "情况说明称{quantity}预算{said}，而{where}为{budget}（若表中为调整后的全年预算，年初预算可以不同）。",
                  "说明的是年初预算，表中是调整后的全年预算：可以不同，警告")


@rule("NARR-006", "情况说明的预算数与预算数据不符", "error", messages=(ROUNDING, DIFFERENT, INITIAL))
def check(c):
    """A stated 年初预算/全年预算 equals the 三公 table's 预算数, or the disclosure's 年初预算 data (built).

    Example: 九、“三公”经费“全年预算1.25万元” but 公开09 预算数 合计 2.25 → 错误. A 年初预算 held against the 三公
    table's 预算数 (the template's 全年预算数, 调整后) → 警告: a budget adjusted during the year explains it.
    """
    for claim in claims(c, "budget"):
        b = budget_value(c, claim.quantity)
        if b is None or same_when_printed(b.value, claim):
            continue
        diff = claim.value - b.value
        where = "公开09表预算数" if claim.quantity.key.startswith("three_public") else "年初预算数据"
        fields = {"quantity": claim.quantity.label, "said": claim.text, "where": where, "budget": fmt(b.value)}
        if abs(diff) <= claim.error + b.error:
            yield c.report(ROUNDING, loc(c, claim), fields, expected=b.value, found=claim.value, difference=diff)
            continue
        initial = claim.quantity.key.startswith("three_public") and "年初" in claim.origin[max(0, claim.span[0] - 8): claim.span[0]]
        yield c.report(INITIAL if initial else DIFFERENT, loc(c, claim), fields, expected=b.value, found=claim.value, difference=diff,
                        suggestion=fix_value(claim.value, b.value, f"{claim.quantity.label}的预算数"))
