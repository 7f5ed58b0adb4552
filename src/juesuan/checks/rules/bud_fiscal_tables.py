from __future__ import annotations

from ... import identities
from ..budget import COMPARE, UNLISTED, classes, equal_check, sum_check, unlisted
from ..engine import rule


@rule("BUD-008", "财政拨款收支预算总表与各功能分类预算表一致", "error", documents=("budget",), messages=(*COMPARE, UNLISTED))
def check(c):
    """财政拨款收支预算总表, column by column against the tables of its funds: each 类's 一般公共预算 =
    一般公共预算支出功能分类预算表's 类 合计, likewise 政府性基金预算 and 国有资本经营预算 (a 类 one
    table prints and the other lacks counts as 0); 支出总计 of each fund = that table's 合计; each
    fund's income = its expenditure (a budget spends what it receives) and = the 财务收支预算总表's
    一般公共预算资金 / 政府性基金 / 国有资本经营预算 (its 财政拨款收入 = the 财政拨款 收入总计).

    Example: 财政拨款收支预算总表 六、社会保障和就业支出 一般公共预算 16,091,895 but 一般公共预算支出功能
    分类预算表 208 合计 16,091,985 → 错误.
    """
    f = "budget_fiscal_summary"
    if c.table(f) is None:
        return
    printed = classes(c, f)
    funds = identities.budget().funds.values()  # the funds of identities_budget.yaml
    for col, table in ((fund.column, fund.table) for fund in funds):
        if c.table(table) is None:
            continue
        for row in printed:
            code = row[3:]
            if code.isdigit():
                yield equal_check(c, (f, row, col), (table, code, "total"))
        yield from unlisted(c, f, table, printed)
        if c.table(f).row("ex.total") is not None:
            yield equal_check(c, (f, "ex.total", col), (table, "total", "total"))
        elif c.get(f, "ex.carry_forward", col):
            yield sum_check(c, (f, "ex.grand_total", col), [(table, "total", "total"), (f, "ex.carry_forward", col)])
        else:
            yield equal_check(c, (f, "ex.grand_total", col), (table, "total", "total"))
    for source, col in ((fund.income, fund.column) for fund in funds):
        if c.get(f, "in.carryover", "amount") is None:
            yield equal_check(c, (f, source, "amount"), (f, "ex.grand_total", col))
        yield equal_check(c, ("budget_summary", source, "amount"), (f, source, "amount"))
    yield equal_check(c, ("budget_summary", "in.fiscal", "amount"), (f, "in.grand_total", "amount"))
