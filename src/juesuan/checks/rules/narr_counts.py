from __future__ import annotations

from ..engine import Message, rule
from ..stated import claims, loc, source_of
from ..values import model_value


DIFFERENT = Message("different", None, "情况说明称{quantity}为{said}，而{where}为{table}。", "说明的数量与表中（或数据中）的不同")


@rule("NARR-007", "情况说明的数量与表格不符", "error", messages=(DIFFERENT,))
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
        yield c.report(DIFFERENT, loc(c, claim), {"quantity": q.label, "said": claim.text, "where": source_of(c, q),
                                                   "table": f"{mv.value.normalize():f}"},
                       expected=mv.value, found=claim.value, difference=claim.value - mv.value)
