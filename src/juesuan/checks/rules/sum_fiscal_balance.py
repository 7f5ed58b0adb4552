from __future__ import annotations

from ..common import check_equal, check_row_sums, check_sum, summary_classes
from ..engine import rule

FUNDS = ("general", "fund", "capital")


@rule("SUM-006", "财政拨款收入支出决算总表（公开04）平衡", "error")
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
    a = "amount"
    yield from check_row_sums(c, t, "SUM-006")  # the income rows' sums of identities.yaml
    classes = summary_classes(c, t)
    ex_rows = [f"ex.{k}" for k in classes] + ["ex.total", "ex.end_balance", "ex.grand_total"]
    for row in ex_rows:
        yield check_sum(c, (t, row, "total"), [(t, row, f) for f in FUNDS])
    for col in ("total", *FUNDS):
        if classes:
            yield check_sum(c, (t, "ex.total", col), [(t, f"ex.{k}", col) for k in classes], against="各类支出之和")
        yield check_sum(c, (t, "ex.grand_total", col), [(t, "ex.total", col), (t, "ex.end_balance", col)])
    for f in FUNDS:
        # 年末 = 年初 + 本年收入 − 本年支出, fund by fund
        begin, income = c.get(t, f"in.begin_{f}", a), c.get(t, f"in.fiscal_{f}", a)
        spent, end = c.get(t, "ex.total", f), c.get(t, "ex.end_balance", f)
        if None in (begin, income, spent, end):
            continue
        expected = begin + income - spent
        names = {"general": "一般公共预算财政拨款", "fund": "政府性基金预算财政拨款", "capital": "国有资本经营预算财政拨款"}
        yield c.mismatch(
            found=end, expected=expected, bound=c.bound(3), what=c.where(t, "ex.end_balance", f),
            against=f"{names[f]}年初结转和结余＋本年收入－本年支出",
            location=c.cell(t, "ex.end_balance", f),
            related=[c.cell(t, f"in.begin_{f}", a), c.cell(t, f"in.fiscal_{f}", a), c.cell(t, "ex.total", f)],
        )
    yield check_equal(c, (t, "in.grand_total", a), (t, "ex.grand_total", "total"))
