from __future__ import annotations

from ..common import CODED_TABLES, check_sum, children, columns_of
from ..engine import rule


@rule("SUM-002", "类等于所属款之和，款等于所属项之和", "error")
def check(c):
    """In every coded table, each 类 row equals the sum of its 款 rows and each 款 the sum of its 项 rows, column by column.

    Example: 公开05表 21201 城乡社区管理事务 8,201.94 but 2120101 + 2120102 + 2120199 = 8,201.93 → 提示
    when read from a document (rounding), 错误 in a built disclosure.
    """
    for tid in CODED_TABLES:
        t = c.table(tid)
        if t is None:
            continue
        cols = columns_of(t)
        for r in t.coded_rows():
            if len(r.key) not in (3, 5):
                continue
            kids = children(t, r.key)
            if not kids:
                continue
            level = "所属各款之和" if len(r.key) == 3 else "所属各项之和"
            for col in cols:
                yield check_sum(c, (tid, r.key, col), [(tid, k.key, col) for k in kids], against=level)
