from __future__ import annotations

from ..engine import Message, fmt, rule
from ..stated import claims, current, exact_current, loc, signed
from ...money import rounded
from ..suggest import fix_value
from ..values import prior_value

WORDS = {1: "增加", -1: "减少", 0: "持平"}
ROUNDING = Message("rounding", "info", "情况说明称{quantity}{word}{said}，按本年{current}与上年{prior}计算为{computed}，差异在尾数误差以内。",
                   "方向相同，相差不超过舍入误差：提示")
CHANGE = Message("change", None, "情况说明称{quantity}比上年{word}{said}，而本年{current}、上年{prior}，实际{actual}。",
                 "所述增减额或持平与本年数减上年数不同，超出舍入误差")


@rule("NARR-003", "与上年相比的增减额与上年数不符", "error", messages=(ROUNDING, CHANGE))
def check(c):
    """A stated change against last year (“增加568,915.32万元”, “减少1.08万元”, “持平”, “与上年相同”) equals this
    year's figure minus last year's, in amount and direction. Checked where the prior-year figure is known
    (``Disclosure.context.prior``: a built disclosure).

    Example: “比上年度减少1.08万元” with 上年决算 2.33 and 本年 1.25 ✓; with 上年 1.25 → 错误 (实为持平).
    """
    for claim in claims(c, "change", "flat"):
        q = claim.quantity
        prior = prior_value(c, q) if q is not None else None
        now = current(c, q, claim) if prior is not None else None
        if prior is None or now is None:
            continue
        expected = now.value - prior.value
        said = signed(claim)
        exact = exact_current(c, q)
        if exact is not None and rounded(exact - prior.value, claim.decimals) == said:
            continue  # built from 元: the exact difference, rounded as printed
        bound = claim.error + now.error + prior.error
        if claim.kind == "flat" and claim.approx:
            bound = max(bound, abs(prior.value) / 100)
        diff = said - expected
        if diff == 0 or (claim.kind == "change" and abs(diff) <= bound and abs(expected) > bound and (expected > 0) == (said > 0)):
            if diff != 0:
                yield c.report(ROUNDING, loc(c, claim),
                               {"quantity": claim.quantity.label, "word": WORDS[claim.direction], "said": fmt(claim.value),
                                "current": fmt(now.value), "prior": fmt(prior.value), "computed": fmt(expected, sign=True)},
                               expected=expected, found=said, difference=diff)
            continue
        if abs(diff) <= bound:
            continue
        direction = (expected > 0) - (expected < 0)
        actual_word = WORDS[direction] + (f"{fmt(abs(expected))}" if direction else "")
        fields = {"quantity": q.label, "word": WORDS[claim.direction], "said": "" if claim.kind == "flat" else fmt(claim.value),
                  "current": fmt(now.value), "prior": fmt(prior.value), "actual": actual_word}
        suggestion = None
        if claim.kind == "change" and direction == claim.direction:
            suggestion = fix_value(claim.value, abs(expected), f"{q.label}的增减额")
        yield c.report(CHANGE, loc(c, claim), fields, expected=expected, found=said, difference=diff, suggestion=suggestion)
