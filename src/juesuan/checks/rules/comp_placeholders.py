from __future__ import annotations

import re

from ... import patterns
from ...model import SourceLoc
from ..engine import Location, Message, rule

# Template wording left unfilled: XXX amounts, either-or words, instructions to the preparer.
PLACEHOLDERS = patterns.compile(
    r"X{2,}|Ｘ{2,}|x{3,}|×{2,}|[（(](?:单位|部门|项目)名称[)）]|【(?:单位|部门|填写|请|此处)[^】]{0,20}】|增加[（(]减少[)）]|减少[（(]增加[)）]|增长[（(]下降[)）]|下降[（(]增长[)）]|"
    r"大于[（(]小于[)）]|小于[（(]大于[)）]|[（(]如持平作持平表述[)）]|[（(]不涉及的不列[)）]|[（(]制度名称[)）]|"
    r"【待补充[^】]*】|按上述格式依次说明|作下述说明"
)
# The cell a 待补充 marker names: （填在原因说明!C14：…） or （填在原因说明!A30起的空行：…）.
MARKER_CELL = patterns.compile(r"填在([^!（）：“”]+)!([A-Z]{1,3}\d+)")
# Three or more 。 stand for an ellipsis; a doubled 。。 is a slip of the pen (TEXT-001).
ELLIPSIS = patterns.compile(r"……|。{3,}")
IN_NARRATIVE = Message("in_narrative", None, "情况说明“{section}”中留有模板占位内容{found}。", "情况说明的段落留有占位内容")
ELLIPSIS_LEFT = Message("ellipsis", "warning", "情况说明“{section}”中留有省略号“……”，疑为模板未填完。",
                        "段落留有省略号：可能是模板未填完，警告")
IN_OVERVIEW = Message("in_overview", None, "概况“{part}”中留有模板占位内容{found}。", "概况的职责或机构设置留有占位内容")
IN_HEADING = Message("in_heading", None, "标题“{heading}”中留有模板占位内容{found}。", "封面、标题、部分标题或目录留有占位内容")
IN_TABLE = Message("in_table", None, "{table}的表头或注释中留有模板占位内容{found}。", "表头、注释或空表说明留有占位内容")


@rule("COMP-004", "模板占位符未替换", "error", messages=(IN_NARRATIVE, ELLIPSIS_LEFT, IN_OVERVIEW, IN_HEADING, IN_TABLE))
def check(c):
    """No template placeholder is left anywhere: narrative, overview, table headings and notes, and (in a
    read document) the cover, title lines, part headings and 目录: XX/XXX, ××, （单位名称）,
    增加（减少）, 增长（下降）, 大于（小于）, （如持平作持平表述）, （不涉及的不列）, 【待补充：…】. A bare “……” is a 警告.

    Example: “收入支出总计增加（减少）XXX万元” → 错误.

    One finding per paragraph (listing each distinct placeholder once), so an unfilled template
    reads as a short list of places to fill, not a wall of repeats.
    """
    for s in c.disclosure.narrative:
        for i, p in enumerate(s.paragraphs):
            loc = s.locs[i] if i < len(s.locs) else None
            found = _distinct(PLACEHOLDERS, p)
            if found and loc is None:  # built: a 待补充 marker names the cell to fill
                loc = next((SourceLoc(sheet=m[1], cell=m[2]) for m in MARKER_CELL.finditer("".join(found))), None)
            if found:
                yield c.report(IN_NARRATIVE, c.section_loc(s.key, s.title, p, loc), {"section": s.title, "found": _quoted(found)},
                               expected="填写实际内容", found="、".join(found))
            elif ELLIPSIS.search(p):
                yield c.report(ELLIPSIS_LEFT, c.section_loc(s.key, s.title, p, loc), {"section": s.title}, expected="填写实际内容", found="……")
    overview = c.disclosure.overview
    for what, key, paragraphs in (("职责", "duties", overview.duties), ("机构设置", "organisation", overview.organisation)):
        for n, p in enumerate(paragraphs):
            found = _distinct(PLACEHOLDERS, p)
            if found:
                source = c.disclosure.context.sources.get(f"overview:{key}.{n}")  # built from a workbook: its cell
                yield c.report(IN_OVERVIEW, Location(section="overview", sentence=p, source=source,
                                                     label=f"第一部分 概况·{what}" + (f"（{source.describe()}）" if source else "")),
                               {"part": what, "found": _quoted(found)}, expected="填写实际内容", found="、".join(found))
    reading = c.disclosure.reading
    if reading is not None:
        # the cover, title lines, part headings and the 目录 of a read document
        seen = set()
        for line in [*reading.headings, *reading.contents]:
            key = (line.text, line.loc.describe() if line.loc else "")
            if key in seen:
                continue
            seen.add(key)
            found = _distinct(PLACEHOLDERS, line.text)
            if found:
                yield c.report(IN_HEADING, Location(source=line.loc, label=line.loc.describe() if line.loc else "标题"),
                               {"heading": line.text, "found": _quoted(found)}, expected="填写实际内容", found="、".join(found))
    for tid, t in c.disclosure.tables.items():
        found = _distinct(PLACEHOLDERS, "\n".join([*(t.heading or {}).values(), t.note or "", t.statement or ""]))
        if found:
            yield c.report(IN_TABLE, c.table_loc(tid), {"table": c.table_label(tid), "found": _quoted(found)},
                           expected="填写实际内容", found="、".join(found))


def _distinct(pattern: re.Pattern, text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(text)))


def _quoted(items: list[str]) -> str:
    return "".join(f"“{x}”" for x in items)
