from __future__ import annotations

from ... import patterns
from ..engine import Message, rule

SAYS_EMPTY = patterns.compile(r"无数据|无此项|没有.*(?:收入|支出)|无.*(?:收入|支出)")
NO_TEMPLATE_STATEMENT = Message("no_template_statement", None, "{table}无数据，但模板没有规定“本表无数据”的说明。",
                                "编制的空表：模板没有规定空表说明")
NO_STATEMENT = Message("no_statement", None, "{table}没有数据，却未注明“本表无数据”。", "读出的空表下没有空表说明")


@rule("COMP-003", "空表未注明“本表无数据”", "warning", messages=(NO_TEMPLATE_STATEMENT, NO_STATEMENT))
def check(c):
    """A 政府性基金 or 国有资本经营 table (公开07/08) without any amount keeps its format and carries a statement
    such as “说明：本表无数据” or “本年度无此项支出”. For a built disclosure the profile must define that statement.

    Example: 公开08表 printed empty with no 说明 → 警告.
    """
    for layout in c.profile.tables:
        if layout.id not in ("fund", "capital"):
            continue
        t = c.table(layout.id)
        if t is None or any(v for r in t.rows for v in r.values.values()):
            continue
        if c.disclosure.origin == "built":
            if not layout.empty_statement:
                yield c.report(NO_TEMPLATE_STATEMENT, c.table_loc(layout.id), {"table": c.table_label(layout.id)},
                               expected="本表无数据", found="无说明")
            continue
        text = " ".join(x for x in (t.statement, t.note) if x)
        if not SAYS_EMPTY.search(text):
            yield c.report(NO_STATEMENT, c.table_loc(layout.id), {"table": c.table_label(layout.id)},
                           expected="说明：本表无数据", found=t.statement or "无说明",
                           suggestion=f"在表下注明“{(layout.empty_statement or '说明：本表无数据').format(department=c.disclosure.meta.department)}”。")
