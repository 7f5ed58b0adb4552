from __future__ import annotations

from ..budget import COMPARE, classes, sum_check
from ..engine import rule


@rule("BUD-003", "支出总计等于各类支出之和", "error", documents=("budget",), messages=COMPARE)
def check(c):
    """财务收支预算总表 and 财政拨款收支预算总表: 支出总计 (each printed column: 预算数, or 合计 /
    一般公共预算 / 政府性基金预算 / 国有资本经营预算, or 人员经费 / 公用经费 / 项目支出) = the sum of the
    类 rows listed on the expenditure side (where 本年支出合计 is printed, it is the sum, and 支出总计 =
    本年支出合计 + 结转下年).

    Example: 支出总计 156,211,123 but 一般公共服务 2,932,700 + … + 住房保障 8,882,399 = 156,211,023 → 错误.
    """
    for t, columns in (("budget_summary", ["amount", "personnel", "public", "project"]),
                       ("budget_fiscal_summary", ["total", "general", "fund", "capital"])):
        rows = classes(c, t)
        if not rows:
            continue
        # with 本年支出合计 and 结转下年 printed, the 类 add up to 本年支出合计, and 支出总计 is the two
        this_year = "ex.total" if c.table(t).row("ex.total") is not None else "ex.grand_total"
        # without 本年支出合计, a printed 结转下年 is the rest of 支出总计
        carried = [(t, "ex.carry_forward")] if this_year == "ex.grand_total" and c.table(t).row("ex.carry_forward") is not None else []
        for col in columns:
            parts = [(t, r, col) for r in rows] + [(tt, r, col) for tt, r in carried if c.get(tt, r, col) is not None]
            yield sum_check(c, (t, this_year, col), parts, against="各类支出之和" + ("与结转下年之和" if len(parts) > len(rows) else ""))
            if this_year == "ex.total":
                yield sum_check(c, (t, "ex.grand_total", col), [(t, "ex.total", col), (t, "ex.carry_forward", col)])
