from __future__ import annotations

from ..engine import Message, fmt, rule
from ..stated import claims, current, loc
from ..values import Value, budget_value

WORDS = {1: "大于", -1: "小于", 0: "等于"}
WRONG_WORD = Message("wrong_word", None, "情况说明称{quantity}决算数{said}预算数，而决算{actual}、预算{budget}，决算数{truth}预算数。",
                     "“大于/小于/持平”与决算数、预算数的关系不符")


@rule("NARR-008", "“大于/小于/持平”的表述与数字不符", "error", messages=(WRONG_WORD,))
def check(c):
    """“决算数大于（小于）预算数”, “决算数与预算数（基本）持平” agree with the 决算 and 预算 figures (基本持平: within 1%).

    Example: “年初预算为135.90万元，支出决算为135.25万元。决算数大于预算数的主要原因…” → 错误 (决算小于预算).
    """
    for claim in claims(c, "compare"):
        q = claim.quantity
        actual = Value(claim.actual.value, claim.actual.error) if claim.actual is not None else current(c, q, claim)
        budget = Value(claim.budget.value, claim.budget.error) if claim.budget is not None else budget_value(c, q)
        if actual is None or budget is None:
            continue
        d = actual.value - budget.value
        bound = actual.error + budget.error
        if claim.direction == 0:
            allowed = max(bound, abs(budget.value) / 100) if claim.approx else bound
            if abs(d) <= allowed:
                continue
        elif claim.direction * d > 0 or (abs(d) <= bound and d != 0):
            continue
        truth = WORDS[(d > 0) - (d < 0)]
        said = "基本持平" if claim.approx else WORDS[claim.direction]
        yield c.report(WRONG_WORD, loc(c, claim), {"quantity": q.label, "said": said, "actual": fmt(actual.value),
                                                    "budget": fmt(budget.value), "truth": truth},
                       expected=truth, found=said, difference=d, suggestion=f"将“{said}”改为“{truth}”并相应说明原因。")
