from __future__ import annotations

from ... import identities
from ..budget import COMPARE, equal_check
from ..engine import rule


@rule("BUD-001", "预算收支总表收入总计等于支出总计", "error", documents=("budget",), messages=COMPARE)
def check(c):
    """A budget balances: in 财务收支预算总表 and in 财政拨款收支预算总表, 收入总计 = 支出总计
    (each column of the 财政拨款 table's 支出总计 against its fund's income is BUD-008).

    Example: 财务收支预算总表 收入总计 189,767,551 but 支出总计 189,767,550 → 错误 (in whole 元 a
    difference up to 1 元 may be 分 rounding: 提示).
    """
    for a, b in identities.budget().equalities["BUD-001"]:  # the pairs of identities_budget.yaml
        yield equal_check(c, a, b)
