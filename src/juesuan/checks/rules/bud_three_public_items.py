from __future__ import annotations

from ..budget import shown, half_unit
from ..engine import Message, rule

OVER = Message("over", None, "{part}（{part_amount}）超过{whole}（{whole_amount}），多{difference}。",
               "经济分类的一款多于它所属的“三公”经费项目（部门的分类口径可能不同）")

# 经济分类 款 of 一般公共预算基本支出 that are part of a “三公” item (which also counts project money)
ITEMS = {"30217": "reception", "30231": "vehicle_running", "31013": "vehicle_purchase"}


@rule("BUD-012", "经济分类的公务接待费、公务用车费用不超过“三公”经费预算", "warning", documents=("budget",), messages=(OVER,))
def check(c):
    """The 经济分类预算表's 30217 公务接待费, 30231 公务用车运行维护费 and 31013 公务用车购置 (basic
    expenditure of 一般公共预算) are parts of the “三公” table's 公务接待费, 运行费 and 购置费 (all
    财政拨款, basic and project): never more. 警告: a department may classify differently.

    Example: 30217 公务接待费 13,500 元 beside 公务接待费 1.35 万元 → none; 30217 25,000 元 → 警告.
    """
    b, t = "budget_general_basic", "budget_three_public"
    for code, col in ITEMS.items():
        part, whole = c.get(b, code, "total"), c.get(t, "budget", col)
        if part is None or whole is None or part <= whole + half_unit(c, t) + half_unit(c, b):
            continue
        yield c.report(OVER, c.cell(b, code, "total"),
                       {"part": c.where(b, code, "total"), "part_amount": shown(c, b, part), "whole": c.where(t, "budget", col),
                        "whole_amount": shown(c, t, whole), "difference": shown(c, b, part - whole)},
                       expected=f"≤{whole}", found=part, difference=part - whole, related=[c.cell(t, "budget", col)])
