from __future__ import annotations

from ..engine import HALF_CENT, Message, fmt, rule
from ..stated import claims, loc


OVER_WITHIN = Message("over_within", None, "情况说明称{quantity}{said}，大于{within}（{whole}万元）。{quantity}只含"
                      "{units}的{funds}{spending}，不应超过全部单位的公用经费；请核对，或说明所用口径。",
                      "说明的数大于其所属的表中数（如机关运行经费大于公用经费合计）：口径可能更宽，警告")


@rule("NARR-018", "情况说明的机关运行经费超过基本支出明细表公用经费", "warning", messages=(OVER_WITHIN,))
def check(c):
    """A quantity of the profile's ``scope.yaml`` that has a ``within`` figure (机关运行经费 ⊂ 公用经费合计 of the
    一般公共预算财政拨款基本支出 table) and that no table the document has prints: what the narrative states
    for it may not exceed that figure. Equality is required only where the scope data says both cover the same
    units (a build whose department is all 行政单位/参公单位: NARR-001 compares them then); otherwise the
    narrative figure is smaller by design in a department with 事业单位, and a larger one is a 警告, since a
    wider definition of the narrative's figure could explain it.

    Example: Shanghai 八、机关运行经费支出 200.00万元 while 公开06 公用经费合计 is 184.65 → 警告; 150.00 → nothing
    (a department with 事业单位 spends 公用经费 beyond 机关运行经费).
    """
    profile = c.profile
    if profile is None:
        return
    kind = c.disclosure.meta.unit_kind
    built = c.disclosure.origin == "built"
    for name, scope in sorted(profile.scope.items()):
        if scope.within is None or scope.equals_within(kind, units_known=built):
            continue
        printed = [a for a in scope.printed_at.values() if c.table(a.split(":")[0]) is not None]
        if printed:
            continue  # the table's figure is compared with the narrative (NARR-001) and with ``within`` (XTAB-008)
        within = tuple(scope.within.split(":"))
        whole = c.get(*within)
        if whole is None:
            continue
        for claim in claims(c, "amount"):
            q = claim.quantity
            if q is None or q.label != scope.label:
                continue
            excess = claim.value - whole
            if excess > claim.error + HALF_CENT:
                yield c.report(
                    OVER_WITHIN, loc(c, claim),
                    {"quantity": scope.label, "said": claim.text, "within": c.where(*within), "whole": fmt(whole),
                     "units": "和".join(scope.units) if scope.units != "all" else "全部单位", "funds": scope.funds,
                     "spending": scope.spending},
                    expected=f"≤{fmt(whole)}", found=claim.value, difference=excess,
                    related=[c.cell(*within)],
                )
