from __future__ import annotations

from ..engine import COMPARE, HALF_CENT, rule


@rule("XTAB-005", "一般公共预算基本支出与基本支出明细表一致", "error", messages=COMPARE)
def check(c):
    """公开05 合计 基本支出 equals 公开06 人员经费合计 + 公用经费合计.

    The two come from different breakdowns (functional 项 vs economic 款), so they may differ by
    rounding up to 0.005 per printed leaf on each side — in a built disclosure, and equally in a
    printed one whose totals were summed from its printed leaves. Example: 公开05 基本支出 1,535.41
    vs 公开06 1,422.96 + 112.44 = 1,535.40 → 提示.
    """
    basic = c.get("general_budget", "total", "basic")
    personnel = c.get("general_basic", "personnel_total", "amount")
    public = c.get("general_basic", "public_total", "amount")
    if basic is None or personnel is None or public is None:
        return
    # Each side is a sum of independently rounded leaves, and both leaf sets are printed.
    gb = c.table("general_budget")
    gbasic = c.table("general_basic")
    leaves = sum(1 for r in gb.coded_rows() if len(r.key) == 7 and r.values.get("basic"))
    leaves += sum(1 for r in gbasic.rows if len(r.key) == 5 and r.key.isdigit() and r.values.get("amount"))
    bound = max(HALF_CENT * leaves, c.bound(2, derived=False))
    if basic == personnel + public:
        return
    yield c.mismatch(
        found=basic, expected=personnel + public, bound=bound,
        what=c.where("general_budget", "total", "basic"),
        against=f"{c.table_number('general_basic')}人员经费合计与公用经费合计之和",
        location=c.cell("general_budget", "total", "basic"),
        related=[c.cell("general_basic", "personnel_total", "amount"), c.cell("general_basic", "public_total", "amount")],
    )
