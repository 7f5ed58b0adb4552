from __future__ import annotations

from ... import identities
from ..budget import COMPARE, sum_check
from ..common import rollups
from ..engine import rule


@rule("BUD-005", "类等于所属款之和，款等于所属项之和", "error", documents=("budget",), messages=COMPARE)
def check(c):
    """In every coded budget table (收入 / 支出预算总表, the three 功能分类预算表, 基本支出经济分类预算表),
    each 类 row equals the sum of its 款 rows and each 款 the sum of its 项 rows, column by column.

    Example: 一般公共预算支出功能分类预算表 21201 城乡社区管理事务 94,995,790 but 2120101 + 2120102 +
    2120104 + 2120199 = 94,995,789 → 提示 (whole 元: 分 rounding); 1,000 元 apart → 错误.
    """
    for t in identities.budget().coded():
        table = c.table(t)
        if table is not None:
            for cell, cells, level in rollups(table):
                yield sum_check(c, cell, cells, against=level)
