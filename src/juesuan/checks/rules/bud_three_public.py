from __future__ import annotations

from ... import identities
from ..budget import COMPARE, sum_check
from ..engine import rule


@rule("BUD-010", "“三公”经费预算合计等于各项之和", "error", documents=("budget",), messages=COMPARE)
def check(c):
    """“三公”经费和机关运行经费预算表 (printed in 万元): 合计 = 因公出国（境）费 + 公务接待费 +
    公务用车购置及运行费小计; 小计 = 购置费 + 运行费.

    Example: 合计 47.91 but 0 + 1.35 + 46.56 = 47.91 → no finding; 合计 printed 48.91 → 错误.
    """
    t = "budget_three_public"
    if c.table(t) is None:
        return
    for identity in identities.budget().checked_by("BUD-010"):  # the sums of identities_budget.yaml, every term printed
        yield sum_check(c, (t, "budget", identity.column), [(t, "budget", k) for _, k in identity.terms])
