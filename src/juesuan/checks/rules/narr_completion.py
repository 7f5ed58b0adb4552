from __future__ import annotations

from ..engine import fmt, rule
from ..stated import claims, current, describe_pct, loc
from ..tolerance import check_percent
from ..values import Value, budget_value


@rule("NARR-005", "完成预算的比例计算不符", "error")
def check(c):
    """“完成年初预算的X%” / “完成全年预算的X%” equals 决算 ÷ 预算, 预算 being the figure stated with it
    (else the 三公 table's 预算数 or the disclosure's 年初预算 data).

    Example: “年初预算6,973.15万元，支出决算96,908.75万元，完成年初预算的1389.74%” ✓; with 138.97% → 错误.
    """
    for claim in claims(c, "completion"):
        q = claim.quantity
        actual = current(c, q, claim)
        budget = Value(claim.budget.value, claim.budget.error) if claim.budget is not None else budget_value(c, q)
        if actual is None or budget is None or budget.value == 0:
            continue
        r = check_percent(claim.value, claim.decimals, actual.value, budget.value, actual.error, budget.error)
        if r.verdict in ("ok", "zero_base"):
            continue
        computed = f"{fmt(actual.value)}÷{fmt(budget.value)}＝{describe_pct(r.computed)}"
        if r.verdict == "rounding":
            yield c.finding(f"情况说明称{q.label}完成预算的{claim.text}，计算为{computed}，差异在尾数误差以内。",
                            loc(c, claim), severity="info", expected=r.computed, found=claim.value, difference=claim.value - r.computed)
            continue
        yield c.finding(f"情况说明称{q.label}完成预算的{claim.text}，按决算数和预算数应为{computed}。", loc(c, claim),
                        expected=r.computed, found=claim.value, difference=claim.value - r.computed,
                        suggestion=f"将完成比例改为{describe_pct(r.computed)}。")
