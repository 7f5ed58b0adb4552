from __future__ import annotations

from ..engine import rule
from ..stated import claims, loc, source_of
from ..values import model_value


@rule("NARR-007", "情况说明的数量与表格不符", "error")
def check(c):
    """Counts the narrative states (车辆 辆, 设备 台（套）; for a built disclosure also 出国团组, 接待批次、人次,
    公务用车保有量) equal the tables or data. Performance-form counts are PERF-008.

    Example: 十、“共有车辆2辆” but 公开10 车辆数合计 3 → 错误.
    """
    for claim in claims(c, "count"):
        q = claim.quantity
        if q is None or q.key.startswith("perf:"):
            continue
        mv = model_value(c, q)
        if mv is None or mv.value == claim.value:
            continue
        yield c.finding(f"情况说明称{q.label}为{claim.text}，而{source_of(c, q)}为{mv.value.normalize():f}。", loc(c, claim),
                        expected=mv.value, found=claim.value, difference=claim.value - mv.value)
