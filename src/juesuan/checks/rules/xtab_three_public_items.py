from __future__ import annotations

from ..common import AT_LEAST_MESSAGES, check_at_least
from ..engine import rule

# 公开06 economic 款 → 公开09 决算数 column it may not exceed
ITEMS = {"30212": "abroad", "30231": "vehicle_running", "30217": "reception", "31013": "vehicle_purchase"}


@rule("XTAB-009", "基本支出中的“三公”科目不超过“三公”经费决算数", "error", messages=AT_LEAST_MESSAGES)
def check(c):
    """公开06 因公出国（境）费用 (30212), 公务用车运行维护费 (30231), 公务接待费 (30217) and 公务用车购置
    (31013) are 一般公共预算 basic spending only, so each is at most the matching 公开09 决算数 (all 财政拨款).

    Example: 公开06 30231 公务用车运行维护费 1.25 but 公开09 决算 公务用车运行维护费 0.25 → 错误.
    """
    if c.table("general_basic") is None or c.table("three_public") is None:
        return
    for code, column in ITEMS.items():
        # Independent leaves on both sides: rounding-aware even in a built disclosure.
        yield check_at_least(c, ("three_public", "actual", column), [("general_basic", code, "amount")], derived=False,
                             why="，而“三公”经费决算数包含基本支出中的该项支出")
