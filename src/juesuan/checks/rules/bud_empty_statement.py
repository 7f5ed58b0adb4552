from __future__ import annotations

from ... import patterns
from ..budget import shown
from ..engine import Message, rule
from ...tables import BUDGET_TABLES

FIGURES = Message("figures", None, "{table}注明“{statement}”，但表中有{count}个不为零的数字（如{cell} {amount}）：说明与表格矛盾。",
                  "注明为空表的表格印有数字：说明或数字有一处错")
EMPTY = patterns.compile(r"本表为空表|本表无数据|故本表为空|无.{0,30}预算")


@rule("BUD-013", "注明为空表的预算表不应有数字", "error", documents=("budget",), messages=(FIGURES,))
def check(c):
    """A budget table whose 注 says it is empty (注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表)
    must print no amount other than 0: the note or the figures are wrong.

    Example: “三公”经费和机关运行经费预算表 prints 47.91 … 443.18 above “故本表为空表” → 错误.
    """
    for tid in BUDGET_TABLES:
        t = c.table(tid)
        if t is None or not t.statement or not EMPTY.search(t.statement):
            continue
        figures = [(r, col, v) for r in t.rows for col, v in r.values.items() if v]
        if not figures:
            continue
        r, col, v = figures[0]
        loc = c.table_loc(tid)
        yield c.report(FIGURES, loc, {"table": c.table_label(tid), "statement": t.statement.strip(), "count": len(figures),
                                      "cell": c.where(tid, r.key, col), "amount": shown(c, tid, v)},
                       found=len(figures), related=[c.cell(tid, r.key, col)])
