from __future__ import annotations

import re

from ..engine import rule

# What a table says when it is empty on purpose: 本表无数据, 本表为空表, 本年度无此项支出, 无…预算/支出/收入.
SAYS_EMPTY = re.compile(r"无数据|空表|无此项|没有.*(?:收入|支出|预算|经费)|无.*(?:收入|支出|预算|经费)")
# A total row printed with blanks is part of an empty table's frame, not a body.
TOTAL_ROW = re.compile(r"^\s*(?:合\s*计|总\s*计|收入总计|支出总计)\s*$")
# 公开07/08 of final accounts: COMP-003 reads those.
LEFT_TO_COMP_003 = {("final", "fund"), ("final", "capital")}


@rule("TEXT-006", "表格页为空且未说明", "warning", documents=("budget",))
def check(c):
    """A printed table page shows its title (and header) but no body — no figure, and no named row other
    than an empty 合计 — and no 说明/注 says why (本表无数据, 本表为空表, 本年度无此项支出). Rows printed with blank amounts are a
    table of zeros, not an empty page. Read documents only: a built table prints its profile's statement.

    Example: 部门“三公”经费和机关运行经费预算表 printed with an empty body and no 注 → 警告.

    Budgets only for now: juesuan's own final-accounts writers print a department's all-zero tables
    without a statement (the property test's zero department), and COMP-003 covers 公开07/08.
    """
    d = c.disclosure
    if d.origin != "printed":
        return
    for tid, t in d.tables.items():
        if not t.present or (d.meta.family, tid) in LEFT_TO_COMP_003 or c.table(tid) is None:
            continue
        if any((r.name.strip() and not TOTAL_ROW.match(r.name)) or any(v is not None for v in r.values.values()) for r in t.rows):
            continue
        said = " ".join(x for x in (t.statement, t.note) if x)
        if SAYS_EMPTY.search(said):
            continue
        yield c.finding(f"{c.table_label(tid)}只有标题和表头，没有任何数据，也未注明“本表无数据”。", c.table_loc(tid),
                        expected="填列数据或注明本表无数据", found="空表",
                        suggestion="填列该表数据；确无数据的，在表下注明“本表无数据”及原因。")
