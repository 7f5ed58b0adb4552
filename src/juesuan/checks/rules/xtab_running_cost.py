from __future__ import annotations

from ..common import check_equal
from ..engine import rule


@rule("XTAB-008", "机关运行经费等于基本支出明细表公用经费", "error", profiles=("shanxi",))
def check(c):
    """For a 行政单位 (or a 参照公务员法管理事业单位), 公开10 机关运行经费 equals 公开06 公用经费合计;
    the line of the other kind of unit is blank.

    Example: 行政单位 公开06 公用经费合计 112.44 but 公开10 机关运行经费（行政单位） 121.44 → 错误.
    """
    if c.table("statistics") is None or c.table("general_basic") is None:
        return
    kind = c.disclosure.meta.unit_kind
    own = {"行政单位": "running.admin", "参照公务员法管理事业单位": "running.civil"}.get(kind)
    if own is not None:
        yield check_equal(c, ("statistics", own, "amount"), ("general_basic", "public_total", "amount"))
    for row in ("running.admin", "running.civil"):
        if row == own:
            continue
        v = c.get("statistics", row, "amount")
        if v:
            yield c.finding(
                f"本单位是{kind}，{c.where('statistics', row, 'amount')}应为空，却填了{v}。",
                c.cell("statistics", row, "amount"), expected=0, found=v, difference=v,
            )
