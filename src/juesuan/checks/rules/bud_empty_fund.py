from __future__ import annotations

from ..engine import Message, rule

OTHER_FUND = Message("other_fund", None, "{table}的说明“{statement}”说的是{said}预算，不是本表的{own}预算。",
                     "空表说明抄自另一张基金表")
FUND_WORDS = {"budget_fund": "政府性基金", "budget_capital": "国有资本经营"}


@rule("BUD-014", "空表说明应说本表的资金", "warning", documents=("budget",), messages=(OTHER_FUND,))
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
            yield c.report(OTHER_FUND, c.table_loc(tid), {"table": c.table_label(tid), "statement": t.statement.strip(),
                                                          "said": others[0], "own": word}, expected=word, found=others[0])
