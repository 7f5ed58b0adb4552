from __future__ import annotations

from ... import identities
from ..engine import COMPARE, fmt, rule
from ..suggest import fix_sum


@rule("SUM-004", "年初结转结余＋本年收入－本年支出＝年末结转结余", "error", messages=COMPARE)
def check(c):
    """政府性基金 and 国有资本经营 tables (公开07/08): for every row, 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余.

    Example: 公开07表 合计 年初 0 + 收入 714,846.01 − 支出 714,846.01 but 年末 100.00 → 错误.
    """
    for identity in identities.checked_by("SUM-004"):  # the balances of identities.yaml
        tid = identity.table
        t = c.table(tid)
        if t is None:
            continue
        for r in t.rows:
            vals = {k: c.get(tid, r.key, k) for k in ("begin", "income", "total", "end")}
            if any(v is None for v in vals.values()):
                continue
            expected = identity.compute(vals)
            bound = c.bound(3)
            suggestion = fix_sum(
                c.where(tid, r.key, "end"), vals["end"],
                [("年初结转和结余", vals["begin"]), ("本年收入", vals["income"]), ("本年支出（负）", -vals["total"])], bound,
            )
            yield c.mismatch(
                found=vals["end"], expected=expected, bound=bound, what=c.where(tid, r.key, "end"),
                against=f"年初结转和结余＋本年收入－本年支出（{fmt(vals['begin'])}＋{fmt(vals['income'])}－{fmt(vals['total'])}）",
                location=c.cell(tid, r.key, "end"), suggestion=suggestion,
                related=[c.cell(tid, r.key, k) for k in ("begin", "income", "total")],
            )
