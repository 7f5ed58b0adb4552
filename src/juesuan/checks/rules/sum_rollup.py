from __future__ import annotations

from ..common import CODED_TABLES, check_sum, rollups
from ..engine import COMPARE, rule


@rule("SUM-002", "类等于所属款之和，款等于所属项之和", "error", messages=COMPARE)
def check(c):
    """In every coded table, each 类 row equals the sum of its 款 rows and each 款 the sum of its 项 rows, column by column.

    Example: 公开05表 21201 城乡社区管理事务 8,201.94 but 2120101 + 2120102 + 2120199 = 8,201.93 → 提示
    when read from a document (rounding), 错误 in a built disclosure.
    """
    for tid in CODED_TABLES:
        t = c.table(tid)
        if t is not None:
            for cell, cells, level in rollups(t):
                yield check_sum(c, cell, cells, against=level)
