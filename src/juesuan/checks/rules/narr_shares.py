from __future__ import annotations

from ..claims import EX_GRAND, EX_TOTAL, IN_GRAND, IN_TOTAL, Quantity
from ..engine import Message, fmt, rule
from ..stated import claims, current, describe_pct, loc
from ..suggest import fix_share
from ..tolerance import check_percent

OTHER_BASES = (IN_GRAND, IN_TOTAL, EX_TOTAL, EX_GRAND)


def candidate_bases(c, claim) -> list[tuple[str, object]]:
    """Figures the share might have been computed against by mistake: those the section states, and the totals."""
    out: dict[str, object] = {}
    quantities: list[Quantity] = [x.quantity for x in claims(c, "amount") if x.section == claim.section and x.quantity]
    for q in [*quantities, *OTHER_BASES]:
        v = current(c, q)
        if v is not None and q.label not in out:
            out[q.label] = v.value
    return list(out.items())


ROUNDING = Message("rounding", "info", "情况说明称{quantity}占{base}的{said}，按表中数字计算为{computed}，差异在尾数误差以内。",
                   "相差不超过舍入误差：提示")
SHARE = Message("share", None, "情况说明称{quantity}占{base}的{said}，按表中数字应为{computed}。", "占比与表中数字算出的不同，超出舍入误差")


@rule("NARR-002", "占比与表格计算不符", "error", messages=(ROUNDING, SHARE))
def check(c):
    """Every 占比 (“占比2.89%”, “占本年支出合计的11.94%”, “占政府采购支出总额的99.99%”) equals the part over
    its base, computed from the tables; the bound comes from the printed inputs (interval arithmetic).

    Example: 二、“财政拨款收入811,754.75万元，占比0%” with 收入合计 811,754.86 → 错误 (应为100.00%).
    """
    for claim in claims(c, "share"):
        part = current(c, claim.quantity, claim)
        base = current(c, claim.base, claim) if claim.base is not None else None
        if part is None or base is None or base.value == 0:
            continue
        r = check_percent(claim.value, claim.decimals, part.value, base.value, part.error, base.error)
        if r.verdict in ("ok", "zero_base"):
            continue
        fields = {"quantity": claim.quantity.label, "base": claim.base_text or claim.base.label, "said": claim.text,
                  "computed": f"{fmt(part.value)}÷{fmt(base.value)}＝{describe_pct(r.computed)}"}
        if r.verdict == "rounding":
            yield c.report(ROUNDING, loc(c, claim), fields,
                           expected=r.computed, found=claim.value, difference=claim.value - r.computed)
            continue
        suggestion = fix_share(claim.value, claim.decimals, part.value, claim.base.label, candidate_bases(c, claim))
        yield c.report(SHARE, loc(c, claim), fields, expected=r.computed, found=claim.value,
                       difference=claim.value - r.computed,
                       suggestion=suggestion or f"将占比改为{describe_pct(r.computed)}。")
