from __future__ import annotations

from ...tables import COUNT_ROWS
from ..engine import Message, rule


NOT_WHOLE = Message("not_whole", None, "{where}应为非负整数，印的是{found}。", "车辆数、设备台（套）数为负数或不是整数")


@rule("PLAUS-004", "数量不是非负整数", "error", tables=("statistics",), messages=(NOT_WHOLE,))
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
            yield c.report(NOT_WHOLE, c.cell("statistics", r.key, "amount"),
                           {"where": c.where("statistics", r.key, "amount"), "found": v.normalize()}, expected="非负整数", found=v)
