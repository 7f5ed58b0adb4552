from __future__ import annotations

from ...money import ZERO
from ..claims import PROCUREMENT, SME
from ..engine import Message, fmt, rule
from ..stated import claims, loc
from ..values import Value, model_value

# (part keys, whole key): the parts of a whole the narrative states about government procurement.
RELATIONS = [
    (("micro",), "sme"),
    (("sme",), "total"),
    (("sme_reserved_awarded", "sme_other_awarded"), "total"),
    (("sme_reserved_awarded", "sme_other_awarded"), "sme"),
    (("micro_reserved_awarded",), "micro_reserved_budget"),
]


PART_OVER_WHOLE = Message("part_over_whole", None, "情况说明称{parts}{sum_word}为{total}万元，超过{whole}。",
                          "中小企业（小微企业）合同金额大于其所属的总额，超出舍入误差")


@rule("NARR-016", "政府采购中小企业金额超过其所属总额", "error", messages=(PART_OVER_WHOLE,))
def check(c):
    """The amounts awarded to SMEs are part of the procurement they were awarded in: 授予小微企业 ≤ 授予中小企业
    ≤ 政府采购支出总额; 预留项目中由中小企业中标 + 其他项目中由中小企业中标 ≤ 政府采购支出总额 (and ≤ 授予中小企业合同金额
    when stated). Beyond rounding, a part larger than its whole is certainly wrong.

    Example: 上海 十一（二） “政府采购金额251.26万元 … 预留项目中由中小企业中标246.47万元 … 其他采购项目中由中小企业中标40.79万元” → 错误.
    """
    stated = {}
    for claim in claims(c, "amount"):
        q = claim.quantity
        if q is not None and q.key.startswith(("facts:procurement.", "statistics:procurement.total")):
            stated.setdefault(q.key, claim)
    for parts, whole in RELATIONS:
        part_claims = [stated.get(SME[k].key) for k in parts]
        if any(p is None for p in part_claims):
            continue
        whole_value, whole_text = _whole(c, whole, stated)
        if whole_value is None:
            continue
        total = sum((p.value for p in part_claims), ZERO)
        bound = sum((p.error for p in part_claims), ZERO) + whole_value.error
        if total - whole_value.value <= bound:
            continue
        names = "与".join(p.quantity.label for p in part_claims)
        yield c.report(PART_OVER_WHOLE, loc(c, part_claims[-1]),
                       {"parts": names, "sum_word": "之和" if len(parts) > 1 else "", "total": fmt(total), "whole": whole_text},
                       expected=f"≤{fmt(whole_value.value)}", found=total,
                       difference=total - whole_value.value, suggestion="核对中小企业合同金额与政府采购总额。")


def _whole(c, key: str, stated) -> tuple[Value | None, str]:
    q = PROCUREMENT["total"] if key == "total" else SME[key]
    claim = stated.get(q.key)
    if claim is not None:
        return Value(claim.value, claim.error), f"{q.label}{claim.text}"
    v = model_value(c, q)
    return v, (f"{q.label}{fmt(v.value)}万元" if v is not None else "")
