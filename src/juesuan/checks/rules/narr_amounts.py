from __future__ import annotations

from ..engine import Message, fmt, rule
from ..stated import claims, loc, source_of
from ..suggest import fix_value
from ...money import rounded
from ..values import model_value, same_when_printed

ROUNDING = Message("rounding", "info", "情况说明称{quantity}{said}，{where}为{table}，相差{difference}，在尾数误差以内。",
                   "相差不超过两边印出数的舍入误差：提示")
DIFFERENT = Message("different", None, "情况说明称{quantity}{said}，而{where}为{table}，相差{difference}。",
                    "说明的金额与表中（或数据中）的数不同，超出舍入误差")


@rule("NARR-001", "情况说明的金额与表格不符", "error", messages=(ROUNDING, DIFFERENT))
def check(c):
    """Every amount the narrative states (万元) equals the figure it names in the tables (or, for a built
    disclosure, in its data: SME contract amounts, 外事接待费 …). Printed values may differ by rounding.

    Example: 六、“财政拨款基本支出1,535.40万元” vs 公开05 基本支出 1,535.41 → 提示 (rounding, read document);
    “财政拨款收入811,754.75万元” vs 公开02 811,745.75 → 错误.
    """
    for claim in claims(c, "amount"):
        q = claim.quantity
        if q is None or q.key.startswith("perf:"):
            continue
        mv = model_value(c, q)
        if mv is None or same_when_printed(mv.value, claim):
            continue
        model = rounded(mv.value, max(claim.decimals, 2))
        diff = claim.value - mv.value
        bound = claim.error + mv.error
        fields = {"quantity": q.label, "said": claim.text, "where": source_of(c, q), "table": fmt(model),
                  "difference": fmt(diff, sign=True)}
        if abs(diff) <= bound:
            yield c.report(ROUNDING, loc(c, claim), fields, expected=model, found=claim.value, difference=diff)
            continue
        yield c.report(
            DIFFERENT, loc(c, claim), fields, expected=model, found=claim.value, difference=diff,
            suggestion=fix_value(claim.value, model, f"情况说明中的{q.label}"),
        )
