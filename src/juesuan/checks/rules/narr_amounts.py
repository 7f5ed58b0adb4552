from __future__ import annotations

from ..engine import fmt, rule
from ..stated import claims, loc, source_of
from ..suggest import fix_value
from ...money import rounded
from ..values import model_value, same_when_printed


@rule("NARR-001", "情况说明的金额与表格不符", "error")
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
        where = source_of(c, q)
        if abs(diff) <= bound:
            yield c.finding(
                f"情况说明称{q.label}{claim.text}，{where}为{fmt(model)}，相差{fmt(diff, sign=True)}，在尾数误差以内。",
                loc(c, claim), severity="info", expected=model, found=claim.value, difference=diff,
            )
            continue
        yield c.finding(
            f"情况说明称{q.label}{claim.text}，而{where}为{fmt(model)}，相差{fmt(diff, sign=True)}。",
            loc(c, claim), expected=model, found=claim.value, difference=diff,
            suggestion=fix_value(claim.value, model, f"情况说明中的{q.label}"),
        )
