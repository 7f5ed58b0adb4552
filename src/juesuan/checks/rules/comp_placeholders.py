from __future__ import annotations

import re

from ..engine import Location, rule

# Template wording left unfilled: XXX amounts, either-or words, instructions to the preparer.
PLACEHOLDERS = re.compile(
    r"X{2,}|Ｘ{2,}|x{3,}|增加[（(]减少[)）]|减少[（(]增加[)）]|增长[（(]下降[)）]|下降[（(]增长[)）]|"
    r"大于[（(]小于[)）]|小于[（(]大于[)）]|[（(]如持平作持平表述[)）]|[（(]不涉及的不列[)）]|[（(]制度名称[)）]|"
    r"【待补充[^】]*】|按上述格式依次说明|作下述说明"
)
ELLIPSIS = re.compile(r"……|。。")


@rule("COMP-004", "模板占位符未替换", "error")
def check(c):
    """No template placeholder is left in the narrative, the overview or the table headings and notes: XX/XXX,
    增加（减少）, 增长（下降）, 大于（小于）, （如持平作持平表述）, （不涉及的不列）, 【待补充：…】. A bare “……” is a 警告.

    Example: “收入支出总计增加（减少）XXX万元” → 错误.
    """
    for s in c.disclosure.narrative:
        for i, p in enumerate(s.paragraphs):
            loc = s.locs[i] if i < len(s.locs) else None
            for m in PLACEHOLDERS.finditer(p):
                yield c.finding(f"情况说明“{s.title}”中留有模板占位内容“{m.group(0)}”。", c.section_loc(s.key, s.title, p, loc),
                                expected="填写实际内容", found=m.group(0))
            for m in ELLIPSIS.finditer(p):
                yield c.finding(f"情况说明“{s.title}”中留有省略号“{m.group(0)}”，疑为模板未填完。",
                                c.section_loc(s.key, s.title, p, loc), severity="warning", expected="填写实际内容", found=m.group(0))
    overview = c.disclosure.overview
    for what, paragraphs in (("职责", overview.duties), ("机构设置", overview.organisation)):
        for p in paragraphs:
            for m in PLACEHOLDERS.finditer(p):
                yield c.finding(f"概况“{what}”中留有模板占位内容“{m.group(0)}”。",
                                Location(section="overview", sentence=p, label=f"第一部分 概况·{what}"),
                                expected="填写实际内容", found=m.group(0))
    for tid, t in c.disclosure.tables.items():
        texts = [*(t.heading or {}).values(), t.note or "", t.statement or ""]
        for text in texts:
            for m in PLACEHOLDERS.finditer(text):
                yield c.finding(f"{c.table_label(tid)}的表头或注释中留有模板占位内容“{m.group(0)}”。", c.table_loc(tid),
                                expected="填写实际内容", found=m.group(0))
