from __future__ import annotations

from ..common import check_equalities, check_row_sums
from ..engine import COMPARE, rule


@rule("SUM-005", "收入支出决算总表（公开01）平衡", "error", messages=COMPARE)
def check(c):
    """公开01: 本年收入合计 = Σ 收入来源; 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余;
    本年支出合计 = Σ 各类支出; 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余; 收入总计 = 支出总计.

    Example: 本年收入合计 811,754.86 with 96,908.75 + 714,846.01 + 0.11 = 811,754.87 → 提示 (rounding).
    """
    t = "summary"
    if c.table(t) is None:
        return
    yield from check_row_sums(c, t, "SUM-005")  # the row sums of identities.yaml
    yield from check_equalities(c, "SUM-005")  # 收入总计 = 支出总计, in identities.yaml
