from __future__ import annotations

from ...tables import VEHICLE_CATEGORIES
from ..common import check_sum
from ..engine import COMPARE, rule


@rule("SUM-009", "相关信息统计表（公开10）合计关系", "error", tables=("statistics",), messages=COMPARE)
def check(c):
    """公开10: 政府采购 合计 = 货物 + 工程 + 服务; 车辆数合计 = Σ 各类用车.

    Example: 政府采购合计 32,893.66 but 32,516.99 + 0 + 376.67 = 32,893.66 ✓; 车辆数合计 3 with 2 机要通信用车 → 错误.
    """
    t = "statistics"
    if c.table(t) is None:
        return
    yield check_sum(c, (t, "procurement.total", "amount"), [(t, f"procurement.{k}", "amount") for k in ("goods", "works", "services")])
    # Counts are integers: any difference (≥ 1) exceeds the rounding bound.
    yield check_sum(c, (t, "vehicles.total", "amount"), [(t, k, "amount") for k in VEHICLE_CATEGORIES])
