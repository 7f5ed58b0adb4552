from __future__ import annotations

from ..budget import shown, half_unit
from ..engine import Message, rule

OVER = Message("over", None, "{running}（{running_amount}）超过{public}（{public_amount}），多{difference}元："
               "机关运行经费是一般公共预算基本支出中公用经费的一部分。", "机关运行经费多于公用经费合计，超出两表的舍入误差")


@rule("BUD-011", "机关运行经费预算不超过一般公共预算基本支出的公用经费", "error", documents=("budget",), messages=(OVER,))
def check(c):
    """机关运行经费 is the 公用经费 of 行政单位 and 参公 units in 一般公共预算 basic expenditure: part of
    the 经济分类预算表's 公用经费 合计, never more (less when the department has other units).

    Example: 机关运行经费预算数 464.64 万元 but 公用经费 合计 4,000,000 元 → 错误; 229.43 万元 beside
    2,294,335 元 → none (229.4335 万元 printed to two places).
    """
    t, b = "budget_three_public", "budget_general_basic"
    running, public = c.get(t, "budget", "running"), c.get(b, "total", "public")
    if running is None or public is None or running <= public:
        return
    diff = running - public
    bound = half_unit(c, t) + half_unit(c, b)
    if diff <= bound:
        return  # the 万元 figure rounded up past the 元 one
    yield c.report(OVER, c.cell(t, "budget", "running"),
                   {"running": c.where(t, "budget", "running"), "running_amount": shown(c, t, running),
                    "public": c.where(b, "total", "public"), "public_amount": shown(c, b, public), "difference": shown(c, b, diff)},
                   expected=f"≤{public}", found=running, difference=diff, related=[c.cell(b, "total", "public")])
