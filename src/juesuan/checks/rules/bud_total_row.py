from __future__ import annotations

from ... import identities
from ..budget import COMPARE, sum_check
from ..common import total_rows
from ..engine import rule


@rule("BUD-006", "合计行等于各类之和", "error", documents=("budget",), messages=COMPARE)
def check(c):
    """In every coded budget table the 合计 row equals the sum of the 类 rows (economic: 301, 302,
    303 …), column by column.

    Example: 基本支出经济分类预算表 合计 人员经费 90,514,044 but 301 90,238,584 + 303 275,460 =
    90,514,044 → no finding; 合计 printed 90,514,144 → 错误.
    """
    for t in identities.budget().coded():
        table = c.table(t)
        if table is not None:
            for cell, cells in total_rows(table):
                yield sum_check(c, cell, cells, against="各类之和")
