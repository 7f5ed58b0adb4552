from __future__ import annotations

from decimal import Decimal

from ...performance import BASIS_ZH, basis_amount
from ..engine import Message, fmt, rule
from ..stated import claims, loc
from ...money import ZERO
from ..values import FORM_PRECISION, perf_value, same_when_printed

SCALES = (10, 100, 1000, 10000)
ROUNDING = Message("rounding", "info", "情况说明称{label}{text}，按自评表计算为{value}，差异在尾数误差以内。",
                   "相差不超过印出数的舍入误差：提示，不是错误")
WRONG = Message("wrong", "error", "情况说明称{label}{text}，而{source}为{value}。", "情况说明的项目个数、涉及资金、等级分布或平均分与自评表不符")


def _one_form_slip(c, gap: Decimal, bound: Decimal) -> str | None:
    """One form whose amount, scaled by a power of ten, explains the whole gap."""
    basis = c.profile.performance.summary_basis
    hits = []
    for form in c.disclosure.performance:
        v = basis_amount(form, basis)
        if not v:
            continue
        for k in SCALES:
            for wrong, right in ((v, v / k), (v, v * k)):
                if abs((wrong - right) - gap) <= bound:
                    hits.append((form.name, wrong, right, k))
    if len(hits) == 1:
        name, wrong, right, k = hits[0]
        return (f"绩效自评表“{name}”的{BASIS_ZH[basis]}{wrong.normalize():f}疑为{right.normalize():f}（相差{k:,}倍，"
                f"疑为单位或小数点错位）：改正后各表合计即与情况说明相符。")
    return None


@rule("PERF-008", "情况说明的绩效自评概况与自评表不符", "error", messages=(ROUNDING, WRONG))
def check(c):
    """The narrative's performance summary agrees with the forms: number of projects, 涉及资金 (Σ 预算编制数
    of the 资金总额 rows, or the profile's basis), the count per grade and the average score.

    Example: the seed states 26个项目 涉及资金5635.62万元, which equals Σ 预算编制数 only if the 遗属补助
    form's 2134 is read as 2.134 → 错误, with that correction suggested.
    """
    for claim in claims(c, "amount", "count"):
        q = claim.quantity
        if q is None or not q.key.startswith("perf:"):
            continue
        mv = perf_value(c, q.key[5:])
        if mv is None or same_when_printed(mv.value, claim):
            continue
        diff = claim.value - mv.value
        bound = claim.error + mv.error
        if abs(diff) <= bound:
            yield c.report(ROUNDING, loc(c, claim), {"label": q.label, "text": claim.text, "value": fmt(mv.value)},
                           expected=mv.value, found=claim.value, difference=diff)
            continue
        if q.key == "perf:amount" and c.disclosure.origin != "built" and _other_basis(c, claim):
            continue  # the narrative sums another column than the profile's: a convention, not an error
        shown = fmt(mv.value) if not q.count else f"{mv.value.normalize():f}"
        suggestion = _one_form_slip(c, mv.value - claim.value, bound) if q.key == "perf:amount" else None
        source = f"各自评表{BASIS_ZH[c.profile.performance.summary_basis]}之和" if q.key == "perf:amount" else "自评表"
        yield c.report(WRONG, loc(c, claim), {"label": q.label, "text": claim.text, "source": source, "value": shown},
                       expected=mv.value, found=claim.value, difference=diff, suggestion=suggestion)


def _other_basis(c, claim) -> bool:
    """Whether a printed narrative's 涉及资金 is the sum of another column of the forms (全年预算数, 全年执行数, 目标申报数):
    which column it sums is a convention the tool may not know for this document."""
    forms = c.disclosure.performance
    for basis in ("budgeted", "annual_budget", "executed", "declared"):
        amounts = [getattr(f.funding[0], basis, None) if f.funding else None for f in forms]
        if amounts and all(a is not None for a in amounts):
            total = sum(amounts, ZERO)
            if abs(total - claim.value) <= claim.error + FORM_PRECISION * len(amounts):
                return True
    return False
