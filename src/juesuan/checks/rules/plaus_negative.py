from __future__ import annotations

from ...tables import COUNT_ROWS
from ..engine import Message, fmt, rule

BALANCES = ("begin", "end", "in.begin_balance", "ex.end_balance", "ex.distribution", "in.nonfiscal_balance_used")


NEGATIVE = Message("negative", None, "{where}为负数（{value}）。", "金额为负数")
NEGATIVE_BALANCE = Message("negative_balance", "warning", NEGATIVE.template, "结转结余或结余分配为负数：少见但可能，警告")


@rule("PLAUS-001", "金额为负数", "error", documents=("final", "budget"), messages=(NEGATIVE, NEGATIVE_BALANCE))
def check(c):
    """No amount of a table is negative; a negative 结转结余 or 结余分配 is a 警告 (rare but possible).

    Example: 公开05表 2120101 行政运行 基本支出 −880.74 → 错误.
    """
    for tid, t in c.disclosure.tables.items():
        if c.table(tid) is None:
            continue
        for r in t.rows:
            for col, v in r.values.items():
                if v is None or v >= 0 or r.key in COUNT_ROWS:
                    continue
                balance = col in BALANCES or r.key in BALANCES or r.key.startswith("in.begin_")
                yield c.report(NEGATIVE_BALANCE if balance else NEGATIVE, c.cell(tid, r.key, col),
                               {"where": c.where(tid, r.key, col), "value": fmt(v)}, expected="≥0", found=v)
