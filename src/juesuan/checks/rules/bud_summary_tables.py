from __future__ import annotations

from ... import identities
from ..budget import COMPARE, UNLISTED, classes, equal_check, sum_check, unlisted
from ..engine import rule


@rule("BUD-007", "财务收支预算总表与收入、支出预算总表一致", "error", documents=("budget",), messages=(*COMPARE, UNLISTED))
def check(c):
    """The 财务收支预算总表 restates the other two: 收入总计 (or 本年收入合计) = 收入预算总表 合计; each
    income source = that column's 合计; each 类 of expenditure = 支出预算总表's 类 合计 (a 类 one table
    prints and the other lacks counts as 0); 支出总计 = 支出预算总表 合计; where a 单位预算 splits the
    expenditure side, 项目支出 and 人员经费 + 公用经费 (= 基本支出) agree too.

    Example: 财务收支预算总表 八、城乡社区支出 154,369,326 but 支出预算总表 212 合计 154,369,426 → 错误.
    """
    s, i, e = "budget_summary", "budget_income", "budget_expenditure"
    if c.table(s) is None:
        return
    if c.table(i) is not None:
        # the 收入预算总表's 合计 covers 上年结转 when it prints that column (收入总计), else this year's income
        carried = c.get(i, "total", "carryover") is not None
        income_total = "in.total" if not carried and c.get(s, "in.total", "amount") is not None else "in.grand_total"
        yield equal_check(c, (s, income_total, "amount"), (i, "total", "total"))
        for a, b in identities.budget().equalities["BUD-007"]:  # the income pairs of identities_budget.yaml
            yield equal_check(c, a, b)
    if c.table(e) is None:
        return
    printed = classes(c, s)
    for row in printed:
        code = row[3:]
        if not code.isdigit():
            continue
        yield equal_check(c, (s, row, "amount"), (e, code, "total"))
        yield equal_check(c, (s, row, "project"), (e, code, "project"))
        if c.get(s, row, "personnel") is not None:
            yield sum_check(c, (e, code, "basic"), [(s, row, "personnel"), (s, row, "public")])
    yield from unlisted(c, s, e, printed)  # a 类 missing from the summary
    total = "ex.total" if c.get(s, "ex.total", "amount") is not None else "ex.grand_total"
    yield equal_check(c, (s, total, "amount"), (e, "total", "total"))
