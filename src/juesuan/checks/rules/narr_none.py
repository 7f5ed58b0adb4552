from __future__ import annotations

from ..engine import fmt, rule
from ..stated import claims, loc, source_of
from ..values import model_value


@rule("NARR-010", "“无此项支出”与表格不符", "error")
def check(c):
    """A statement that there is nothing to report (“本年度无此项支出”, “无政府性基金预算财政拨款收入和支出”,
    “无“三公”经费财政拨款支出”, “无机关运行经费支出”) agrees with the tables: their figures are all zero.

    Example: 八、“本年度无此项支出。” while 公开08 合计 本年支出 12.00 → 错误.
    """
    for claim in claims(c, "none"):
        mv = model_value(c, claim.quantity)
        if mv is None or mv.value <= mv.error:
            continue
        yield c.finding(f"情况说明称“{claim.text}”，而{source_of(c, claim.quantity)}有数据（{fmt(mv.value)}）。", loc(c, claim),
                        expected=0, found=mv.value)
