from __future__ import annotations

from ..budget import FISCAL_SOURCES, OTHER_SOURCES, sum_check
from ..engine import rule


def _printed(c, table, rows, column="amount"):
    return [(table, r, column) for r in rows if c.get(table, r, column) is not None]


@rule("BUD-002", "收入总计等于各项收入之和", "error", documents=("budget",))
def check(c):
    """财务收支预算总表: 收入总计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入 (and 财政专户,
    上级补助, 附属单位上缴 where printed; 财政拨款收入 as one row or as its three funds), + 上年结转 where
    printed, through 本年收入合计 where printed; 财政拨款收入 = 一般公共预算资金 + 政府性基金 + 国有资本
    经营预算. 财政拨款收支预算总表: 收入总计 = the three funds (+ 上年结转).

    Example: 一、财政拨款收入 9,501,164, 二、事业收入 2,620,000, 收入总计 12,121,165 → 错误
    (1 元 over in a whole-元 table with two terms: within 分 rounding, 提示).
    """
    t = "budget_summary"
    if c.table(t) is not None:
        funds = _printed(c, t, FISCAL_SOURCES)
        fiscal = c.get(t, "in.fiscal", "amount") is not None
        if fiscal and funds:
            yield sum_check(c, (t, "in.fiscal", "amount"), funds)
        sources = _printed(c, t, (["in.fiscal"] if fiscal else FISCAL_SOURCES) + OTHER_SOURCES)
        if c.get(t, "in.total", "amount") is not None:
            yield sum_check(c, (t, "in.total", "amount"), sources)
            sources = _printed(c, t, ["in.total", "in.carryover"])
        else:
            sources += _printed(c, t, ["in.carryover"])
        if sources:
            yield sum_check(c, (t, "in.grand_total", "amount"), sources)
    t = "budget_fiscal_summary"
    if c.table(t) is not None:
        funds = _printed(c, t, FISCAL_SOURCES + ["in.carryover"])
        if funds:
            yield sum_check(c, (t, "in.grand_total", "amount"), funds)
