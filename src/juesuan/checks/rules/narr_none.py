from __future__ import annotations

from ..engine import Message, fmt, rule
from ..stated import claims, loc, source_of
from ..values import model_value


HAS_DATA = Message("has_data", None, "情况说明称“{said}”，而{where}有数据（{table}）。", "说明称无此项，而表中（或数据中）有数")


@rule("NARR-010", "“无此项支出”与表格不符", "error", messages=(HAS_DATA,))
def check(c):
    """A statement that there is nothing to report (“本年度无此项支出”, “无政府性基金预算财政拨款收入和支出”,
    “无“三公”经费财政拨款支出”, “无机关运行经费支出”) agrees with the tables: their figures are all zero.

    Example: 八、“本年度无此项支出。” while 公开08 合计 本年支出 12.00 → 错误.
    """
    for claim in claims(c, "none"):
        mv = model_value(c, claim.quantity)
        if mv is None or mv.value <= mv.error:
            continue
        yield c.report(HAS_DATA, loc(c, claim), {"said": claim.text, "where": source_of(c, claim.quantity), "table": fmt(mv.value)},
                       expected=0, found=mv.value)
