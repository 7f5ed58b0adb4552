from __future__ import annotations

from ...catalogues import normalise_name
from ..budget import classes
from ..engine import rule


@rule("BUD-015", "收支总表的类名称与功能分类预算表一致", "warning", documents=("budget",))
def check(c):
    """A 类 listed by name on the expenditure side of 财务收支预算总表 / 财政拨款收支预算总表 carries
    the name the coded tables print for its code (支出预算总表, else 一般公共预算支出功能分类预算表):
    an old name (医疗卫生与计划生育支出 for 210 卫生健康支出 since 2018) or a mistyped one is a slip.

    Example: 财务收支预算总表 三、医疗卫生与计划生育支出, 支出预算总表 210 卫生健康支出 → 警告.
    """
    for t in ("budget_summary", "budget_fiscal_summary"):
        table = c.table(t)
        if table is None:
            continue
        for key in classes(c, t):
            code = key[3:]
            printed = table.row(key).name
            if not code.isdigit() or not printed:
                continue
            for coded in ("budget_expenditure", "budget_general"):
                other = c.table(coded)
                row = other.row(code) if other is not None else None
                if row is None or not row.name:
                    continue
                if normalise_name(row.name) != normalise_name(printed):
                    yield c.finding(f"{c.table_label(t)}的支出项目“{printed}”与{c.table_label(coded)}中类{code}的名称“{row.name}”不一致。",
                                    c.cell(t, key, "amount" if t == "budget_summary" else "total"), expected=row.name, found=printed,
                                    related=[c.cell(coded, code, "total")])
                break
