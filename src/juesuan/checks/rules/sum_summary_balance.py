from __future__ import annotations

from ...tables import INCOME_SOURCES
from ..common import check_equal, check_sum, summary_classes
from ..engine import rule


@rule("SUM-005", "收入支出决算总表（公开01）平衡", "error")
def check(c):
    """公开01: 本年收入合计 = Σ 收入来源; 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余;
    本年支出合计 = Σ 各类支出; 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余; 收入总计 = 支出总计.

    Example: 本年收入合计 811,754.86 with 96,908.75 + 714,846.01 + 0.11 = 811,754.87 → 提示 (rounding).
    """
    t = "summary"
    if c.table(t) is None:
        return
    yield check_sum(c, (t, "in.total", "amount"), [(t, k, "amount") for k in INCOME_SOURCES], against="各项收入之和")
    yield check_sum(c, (t, "in.grand_total", "amount"),
                    [(t, k, "amount") for k in ("in.total", "in.nonfiscal_balance_used", "in.begin_balance")])
    classes = summary_classes(c, t)
    if classes:
        yield check_sum(c, (t, "ex.total", "amount"), [(t, f"ex.{k}", "amount") for k in classes], against="各类支出之和")
    yield check_sum(c, (t, "ex.grand_total", "amount"),
                    [(t, k, "amount") for k in ("ex.total", "ex.distribution", "ex.end_balance")])
    yield check_equal(c, (t, "in.grand_total", "amount"), (t, "ex.grand_total", "amount"))
