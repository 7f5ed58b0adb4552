from __future__ import annotations

from ... import identities
from ..budget import COMPARE, row_sums, sum_check
from ..engine import rule


@rule("BUD-002", "收入总计等于各项收入之和", "error", documents=("budget",), messages=COMPARE)
def check(c):
    """财务收支预算总表: 收入总计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入 (and 财政专户,
    上级补助, 附属单位上缴 where printed; 财政拨款收入 as one row or as its three funds), + 上年结转 where
    printed, through 本年收入合计 where printed; 财政拨款收入 = 一般公共预算资金 + 政府性基金 + 国有资本
    经营预算. 财政拨款收支预算总表: 收入总计 = the three funds (+ 上年结转).

    Example: 一、财政拨款收入 9,501,164, 二、事业收入 2,620,000, 收入总计 12,121,165 → 错误
    (1 元 over in a whole-元 table with two terms: within 分 rounding, 提示).
    """
    for t in identities.budget().row_sums:  # the row sums of identities_budget.yaml
        for cell, cells in row_sums(c, t, "BUD-002"):
            yield sum_check(c, cell, cells)
