from __future__ import annotations

from ..engine import Message, fmt, rule
from ..stated import claims, current, describe_pct, loc, signed
from ..tolerance import check_percent
from ..values import prior_value

WORDS = {1: "增长", -1: "下降"}
DIRECTION = Message("direction", None, "情况说明称{quantity}{word}{said}，而增减额为{change}，方向相反。", "所述增长或下降与增减额的方向相反")
ROUNDING = Message("rounding", "info", "情况说明称{quantity}{word}{said}，计算为{computed}，差异在尾数误差以内。",
                   "相差不超过舍入误差：提示")
RATE = Message("rate", None, "情况说明称{quantity}{word}{said}，按增减额和上年数应为{computed}。",
               "所述幅度与增减额除以上年数不同，超出舍入误差")


@rule("NARR-004", "增长（下降）幅度计算不符", "error", messages=(DIRECTION, ROUNDING, RATE))
def check(c):
    """A stated 增长/下降 percentage equals the change over last year's figure, last year's figure being this
    year's minus the stated change (or the known prior-year figure); its direction agrees with the change's.

    Example: “增加568,915.32万元，增长234.28%” with 收入总计 811,754.86 → 568,915.32 ÷ 242,839.54 = 234.28% ✓;
    “增加17.00万元，下降34.64%” → 错误 (direction).
    """
    for claim in claims(c, "change_pct"):
        q = claim.quantity
        now = current(c, q, claim)
        if now is None:
            continue
        if claim.change is not None:
            change, change_err = signed(claim.change), claim.change.error
        else:
            prior = prior_value(c, q)
            if prior is None:
                continue
            change, change_err = now.value - prior.value, prior.error
        direction = (change > 0) - (change < 0)
        fields = {"quantity": q.label, "word": WORDS[claim.direction], "said": claim.text}
        if direction and direction != claim.direction:
            yield c.report(
                DIRECTION, loc(c, claim), {**fields, "change": fmt(change, sign=True)}, expected=WORDS[direction], found=WORDS[claim.direction],
                suggestion=f"将“{WORDS[claim.direction]}”改为“{WORDS[direction]}”。",
            )
            continue
        prior_value_ = now.value - change
        if prior_value_ <= 0:
            continue  # a share of a zero base: PLAUS-003
        r = check_percent(claim.value, claim.decimals, abs(change), prior_value_, change_err, now.error + change_err)
        if r.verdict in ("ok", "zero_base"):
            continue
        computed = f"{fmt(abs(change))}÷上年{fmt(prior_value_)}＝{describe_pct(r.computed)}"
        if r.verdict == "rounding":
            yield c.report(ROUNDING, loc(c, claim), {**fields, "computed": computed}, expected=r.computed, found=claim.value, difference=claim.value - r.computed)
            continue
        yield c.report(RATE, loc(c, claim), {**fields, "computed": computed}, expected=r.computed, found=claim.value, difference=claim.value - r.computed,
                        suggestion=f"将增减幅度改为{describe_pct(r.computed)}。")
