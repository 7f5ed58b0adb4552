from __future__ import annotations

from ..common import check_sum
from ..engine import COMPARE, rule


@rule("SUM-007", "“三公”经费合计关系", "error", messages=COMPARE)
def check(c):
    """公开09, 预算数 and 决算数 alike: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费小计 + 公务接待费;
    小计 = 公务用车购置费 + 公务用车运行维护费.

    Example: 决算数 合计 1.25 but 出国 0 + 小计 1.25 + 接待 0.50 = 1.75 → 错误.
    """
    t = "three_public"
    if c.table(t) is None:
        return
    for row in ("budget", "actual"):
        yield check_sum(c, (t, row, "total"), [(t, row, k) for k in ("abroad", "vehicle_total", "reception")])
        yield check_sum(c, (t, row, "vehicle_total"), [(t, row, k) for k in ("vehicle_purchase", "vehicle_running")])
