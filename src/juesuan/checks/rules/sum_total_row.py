from __future__ import annotations

from ..common import CODED_TABLES, check_sum, total_rows
from ..engine import COMPARE, rule


@rule("SUM-001", "合计行等于各类之和", "error", messages=COMPARE)
def check(c):
    """Each column of the 合计 row of a coded table (公开02/03/05/07/08) equals the sum of its 类 rows.

    Example: 公开05表 合计 96,908.75 with 类 rows 2,800.00 + 473.65 + … + 15,847.12 = 96,908.85 → 错误
    (a printed document may miss by 0.005·(n+1) through rounding: 提示).
    """
    for tid in CODED_TABLES:
        t = c.table(tid)
        if t is not None:
            for total, parts in total_rows(t):
                yield check_sum(c, total, parts, against="各类之和")
