from __future__ import annotations

from ..common import check_equal, present_classes, summary_classes
from ..engine import rule


def fund_rows(c, table_id: str, column: str):
    """公开04's fund column against a fund table (公开07 or 公开08)."""
    if c.table("fiscal_summary") is None or c.table(table_id) is None:
        return
    t = table_id
    yield check_equal(c, (t, "total", "total"), ("fiscal_summary", "ex.total", column))
    yield check_equal(c, (t, "total", "income"), ("fiscal_summary", f"in.fiscal_{column}", "amount"))
    yield check_equal(c, (t, "total", "begin"), ("fiscal_summary", f"in.begin_{column}", "amount"))
    yield check_equal(c, (t, "total", "end"), ("fiscal_summary", "ex.end_balance", column))
    classes = sorted(set(summary_classes(c, "fiscal_summary")) | set(present_classes(c, [t])))
    for k in classes:
        yield check_equal(c, (t, k, "total"), ("fiscal_summary", f"ex.{k}", column))


@rule("XTAB-006", "财政拨款收支总表政府性基金栏与政府性基金表一致", "error")
def check(c):
    """公开04's 政府性基金预算财政拨款 column (支出 by 类 and total, 收入, 年初 and 年末结转和结余) equals 公开07.

    Example: 公开04 其他支出 政府性基金 714,846.01 but 公开07 229 本年支出小计 714,864.01 → 错误.
    """
    yield from fund_rows(c, "fund", "fund")
