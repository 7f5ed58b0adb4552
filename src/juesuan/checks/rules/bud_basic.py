from __future__ import annotations

from ... import identities
from ..budget import COMPARE, equal_check
from ..engine import rule


@rule("BUD-009", "一般公共预算基本支出与经济分类预算表一致", "error", documents=("budget",), messages=COMPARE)
def check(c):
    """一般公共预算支出功能分类预算表 合计 的基本支出 = 一般公共预算基本支出部门预算经济分类预算表 合计
    (the same money by function and by economic class).

    Example: 功能分类 基本支出 合计 101,341,746 but 经济分类 合计 101,341,846 → 错误.
    """
    for a, b in identities.budget().equalities["BUD-009"]:  # the pair of identities_budget.yaml (compile refuses input breaking it)
        yield equal_check(c, a, b)
