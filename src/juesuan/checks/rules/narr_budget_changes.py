from __future__ import annotations

from decimal import Decimal

from ...money import rounded
from ..engine import Message, fmt, fmt_bound, rule
from ..stated import claims, loc
from ..tolerance import check_percent

WORD = {1: "增加", -1: "减少", 0: "持平"}
RATE = Message("rate", None, "“{title}”称{quantity}比上年{direction}{said}，而按所列数字（本年{current}万元、上年{last}万元）计算为{computed}%。",
               "所述增减率与所列本年、上年数字算出的不同")
CHANGE = Message("change", None, "“{title}”称{quantity}比上年{said}，而所列本年{current}万元与上年{last}万元相差{difference}万元（尾数误差±{bound}）。",
                 "所述增减额（或持平）与所列本年、上年数字之差不同，超出尾数误差")


def _same(a, b) -> bool:
    return a.quantity is not None and b.quantity is not None and a.quantity.key == b.quantity.key


@rule("NARR-022", "预算说明的增减额或增减率与所列数字不符", "error", documents=("budget",), messages=(RATE, CHANGE))
def check(c):
    """Where a budget's narrative states both this year's figure and last year's (“2023年当年预算执行数为54.60万元，
    2024年预算安排53.84万元，比2023年预算执行数减少1.39%”; “与2024年预算一致0万元”), the change it states follows from
    them: 增加/减少 X 万元 = this year − last year, X% = that difference ÷ last year, 持平/一致 = no difference; a rate
    stated beside a change amount (“增加10.00万元，增长5.00%”) is the amount ÷ (this year − the amount). Each
    printed figure may be off by half a unit of its last place.

    Example: “2023年当年预算执行数为348.52万元，2024年预算安排350.35万元，比2023年预算执行数增加5.53%” → 0.52% → 错误.
    """
    from ..budget_claims import claim_wan  # a budget's parser: not loaded for a final account
    by_paragraph: dict[tuple[str, int], list] = {}
    for claim in claims(c):
        by_paragraph.setdefault((claim.section, claim.paragraph), []).append(claim)
    for group in by_paragraph.values():
        for i, claim in enumerate(group):
            if claim.kind not in ("change", "flat", "change_pct") or claim.quantity is None:
                continue
            before = group[:i]
            now = next((x for x in reversed(before) if x.kind in ("amount", "budget") and _same(x, claim) and x.value is not None), None)
            prior = next((x for x in reversed(before) if x.kind == "prior" and _same(x, claim) and x.value is not None), None)
            if now is None:
                continue
            cur, cur_err = claim_wan(c, now)
            label = claim.quantity.label
            if claim.kind == "change_pct":
                if prior is not None:
                    last, last_err = claim_wan(c, prior)
                    num, num_err = cur - last, cur_err + last_err
                elif claim.change is not None:
                    change, change_err = claim_wan(c, claim.change)
                    num, num_err = (claim.change.direction or 0) * change, change_err
                    last, last_err = cur - num, cur_err + change_err
                else:
                    continue
                stated = (claim.direction or 0) * claim.value
                verdict = check_percent(stated, claim.decimals, num, last, num_err, last_err)
                if verdict.verdict != "error":
                    continue
                yield c.report(
                    RATE, loc(c, claim), {"title": claim.title, "quantity": label, "direction": WORD[claim.direction or 0],
                                          "said": claim.text, "current": fmt(cur), "last": fmt(last), "computed": verdict.computed},
                    expected=verdict.computed, found=stated, suggestion=f"将增减率改为{abs(verdict.computed)}%，或核对所列金额。")
                continue
            if prior is None:
                continue
            last, last_err = claim_wan(c, prior)
            diff = cur - last
            stated = Decimal(0) if claim.kind == "flat" else (claim.direction or 0) * claim_wan(c, claim)[0]
            bound = cur_err + last_err + (claim.error if claim.kind == "change" else Decimal(0))
            if abs(diff - stated) <= bound:
                continue
            said = "持平" if claim.kind == "flat" else f"{WORD[claim.direction or 0]}{claim.text}"
            yield c.report(
                CHANGE, loc(c, claim), {"title": claim.title, "quantity": label, "said": said, "current": fmt(cur), "last": fmt(last),
                                        "difference": fmt(rounded(diff, 2), sign=True), "bound": fmt_bound(bound)},
                expected=diff, found=stated, difference=stated - diff,
                suggestion="核对增减额与所列本年、上年金额。")
