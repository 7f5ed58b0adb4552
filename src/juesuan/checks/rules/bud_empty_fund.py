from __future__ import annotations

from ..engine import rule

FUND_WORDS = {"budget_fund": "政府性基金", "budget_capital": "国有资本经营"}


@rule("BUD-014", "空表说明应说本表的资金", "warning", documents=("budget",))
def check(c):
    """The 注 under an empty 政府性基金 / 国有资本经营预算支出功能分类预算表 names that table's own fund:
    a note copied from the other table says the wrong thing.

    Example: 国有资本经营预算支出功能分类预算表 注:本部门2025年无政府性基金预算财政拨款安排的预算 → 警告.
    """
    for tid, word in FUND_WORDS.items():
        t = c.table(tid)
        if t is None or not t.statement:
            continue
        others = [w for k, w in FUND_WORDS.items() if k != tid and w in t.statement]
        if word not in t.statement and others:
            yield c.finding(f"{c.table_label(tid)}的说明“{t.statement.strip()}”说的是{others[0]}预算，不是本表的{word}预算。",
                            c.table_loc(tid), expected=word, found=others[0])
