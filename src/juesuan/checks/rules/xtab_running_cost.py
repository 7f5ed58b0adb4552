from __future__ import annotations

from ..common import check_equal
from ..engine import MISMATCH, ROUNDING, Message, fmt, rule


OTHER_KIND_FILLED = Message("other_kind_filled", None, "本单位是{kind}，{where}应为空，却填了{value}。",
                            "编制的单位类型已知：另一类单位的机关运行经费行应为空")
OVER_PUBLIC = Message("over_public", "warning", "{quantity}（{running}）大于{within}（{public}）。{quantity}只含行政单位和参照公务员法管理的"
                      "事业单位的{funds}{spending}，不应超过全部单位的公用经费；请核对两表，或说明所用口径。",
                      "读出的文档：机关运行经费大于公用经费合计，口径可能更宽，警告")


@rule("XTAB-008", "机关运行经费与基本支出明细表公用经费的口径关系", "error", tables=("statistics",), messages=(OTHER_KIND_FILLED, OVER_PUBLIC, MISMATCH, ROUNDING))
def check(c):
    """机关运行经费 covers 行政单位 and 参照公务员法管理的事业单位 only (the profile's ``scope.yaml``): in a
    department known to consist of such units (a build from its own data) 公开10 机关运行经费 equals 公开06
    公用经费合计 and the line of the other kind of unit is blank (错误 otherwise). In a printed document the
    units are not known: 机关运行经费 may be smaller than 公用经费合计 by design, never larger (警告: a wider
    definition of the figure could explain it).

    Example: built 行政单位 公开06 公用经费合计 112.44 but 公开10 机关运行经费（行政单位） 121.44 → 错误;
    printed 机关运行经费 80.00 with 公用经费合计 112.44 → nothing (a department with 事业单位);
    printed 机关运行经费 130.00 with 公用经费合计 112.44 → 警告.
    """
    scope = c.profile.scope.get("running_cost") if c.profile is not None else None
    if scope is None or scope.within is None or c.table("statistics") is None or c.table("general_basic") is None:
        return
    kind = c.disclosure.meta.unit_kind
    built = c.disclosure.origin == "built"  # the department's own data: its kind of unit is known
    rows = list(dict.fromkeys(a.split(":")[1] for a in scope.printed_at.values()))
    within = tuple(scope.within.split(":"))
    if scope.equals_within(kind, units_known=built):
        own = scope.address(kind).split(":")[1]
        yield check_equal(c, ("statistics", own, "amount"), within)
        for row in rows:
            v = c.get("statistics", row, "amount")
            if row != own and v:
                yield c.report(
                    OTHER_KIND_FILLED, c.cell("statistics", row, "amount"),
                    {"kind": kind, "where": c.where("statistics", row, "amount"), "value": v}, expected=0, found=v, difference=v,
                )
        return
    if built:
        return  # a built 事业单位: its 机关运行经费 lines are blank by construction
    values = [(row, c.get("statistics", row, "amount")) for row in rows]
    public = c.get(*within)
    if public is None or any(v is None for _, v in values):
        return
    running = sum((v for _, v in values), public * 0)
    bound = c.bound(len([v for _, v in values if v]) + 1, derived=False)
    if running - public > bound:
        row = next((r for r, v in values if v), rows[0])
        yield c.report(
            OVER_PUBLIC, c.cell("statistics", row, "amount"),
            {"quantity": scope.label, "running": fmt(running), "within": c.where(*within), "public": fmt(public),
             "funds": scope.funds, "spending": scope.spending},
            expected=f"≤{public}", found=running,
            difference=running - public, related=[c.cell(*within)],
        )
