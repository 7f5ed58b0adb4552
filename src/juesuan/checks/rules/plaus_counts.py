from __future__ import annotations

from ...tables import COUNT_ROWS
from ..engine import rule


@rule("PLAUS-004", "数量不是非负整数", "error", tables=("statistics",))
def check(c):
    """Counts (车辆数, 单价100万元以上设备 台（套）) are whole numbers, not negative.

    Example: 公开10表 机要通信用车 2.5 → 错误.
    """
    t = c.table("statistics")
    if t is None:
        return
    for r in t.rows:
        if r.key not in COUNT_ROWS:
            continue
        v = r.values.get("amount")
        if v is not None and (v < 0 or v != v.to_integral_value()):
            yield c.finding(f"{c.where('statistics', r.key, 'amount')}应为非负整数，印的是{v.normalize()}。",
                            c.cell("statistics", r.key, "amount"), expected="非负整数", found=v)
