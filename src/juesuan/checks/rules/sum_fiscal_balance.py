from __future__ import annotations

from ..common import check_equalities, check_row_sums
from ..engine import COMPARE, rule


@rule("SUM-006", "财政拨款收入支出决算总表（公开04）平衡", "error", messages=COMPARE)
def check(c):
    """公开04: 本年收入合计 = 一般公共预算 + 政府性基金 + 国有资本经营; 年初结转和结余 = 三项之和;
    收入总计 = 本年收入合计 + 年初结转和结余; each expenditure row's 合计 = its three fund columns; each column's
    本年支出合计 = Σ 各类; 支出总计 = 本年支出合计 + 年末结转和结余; per fund 年初 + 收入 − 支出 = 年末; 收入总计 = 支出总计.

    Example: 本年收入合计 811,754.75 with 96,908.75 + 714,846.01 = 811,754.76 → 提示 (rounding).
    """
    t = "fiscal_summary"
    tab = c.table(t)
    if tab is None:
        return
    # Every row sum of identities.yaml: the income rows, then the expenditure side column by
    # column (类 → 本年支出合计, 年初 + 收入 − 支出 = 年末, 总计) and each row's 合计 of its funds.
    yield from check_row_sums(c, t, "SUM-006")
    yield from check_equalities(c, "SUM-006")  # 收入总计 = 支出总计, in identities.yaml
