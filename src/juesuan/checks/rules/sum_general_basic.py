from __future__ import annotations

from ... import catalogues
from ..common import check_sum
from ..engine import COMPARE, rule


@rule("SUM-008", "基本支出明细表（公开06）合计关系", "error", messages=COMPARE)
def check(c):
    """公开06: each economic 类 (301, 302, …) equals the sum of its 款; 人员经费合计 = 301 + 303;
    公用经费合计 = the other 类 (302, 307, 309, 310, …).

    Example: 301 工资福利支出 1,122.88 with its 款 summing to 1,122.87 → 提示 (rounding); 人员经费合计
    1,422.96 but 301 + 303 = 1,522.96 → 错误.
    """
    t = "general_basic"
    tab = c.table(t)
    if tab is None:
        return
    economic = catalogues.load("economic", c.disclosure.meta.year)
    coded = [r for r in tab.rows if r.key.isdigit()]
    classes = [r.key for r in coded if len(r.key) == 3]
    for k in classes:
        kids = [r.key for r in coded if len(r.key) == 5 and r.key.startswith(k)]
        # A class printed as ——— (not applicable) has no value column: nothing to check.
        if kids:
            yield check_sum(c, (t, k, "amount"), [(t, x, "amount") for x in kids], against="所属各款之和")
    personnel = [k for k in classes if economic.group_of(k) == "personnel"]
    public = [k for k in classes if economic.group_of(k) == "public"]
    if personnel:
        yield check_sum(c, (t, "personnel_total", "amount"), [(t, k, "amount") for k in personnel], against="人员经费各类之和")
    if public:
        yield check_sum(c, (t, "public_total", "amount"), [(t, k, "amount") for k in public], against="公用经费各类之和")
