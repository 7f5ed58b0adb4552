from __future__ import annotations

from ..common import check_equal, present_classes, summary_classes
from ..engine import rule


@rule("XTAB-004", "财政拨款收支总表一般公共预算栏与一般公共预算支出表一致", "error")
def check(c):
    """公开04's 一般公共预算财政拨款 column equals 公开05: 本年支出合计 and every 类.

    Example: 公开04 城乡社区支出 一般公共预算 76,221.90 but 公开05 212 小计 76,211.90 → 错误.
    """
    if c.table("fiscal_summary") is None or c.table("general_budget") is None:
        return
    yield check_equal(c, ("general_budget", "total", "total"), ("fiscal_summary", "ex.total", "general"))
    classes = sorted(set(summary_classes(c, "fiscal_summary")) | set(present_classes(c, ["general_budget"])))
    for k in classes:
        yield check_equal(c, ("general_budget", k, "total"), ("fiscal_summary", f"ex.{k}", "general"))
