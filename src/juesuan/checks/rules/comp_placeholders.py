from __future__ import annotations

import re

from ...model import SourceLoc
from ..engine import Location, rule

# Template wording left unfilled: XXX amounts, either-or words, instructions to the preparer.
PLACEHOLDERS = re.compile(
    r"X{2,}|Ｘ{2,}|x{3,}|×{2,}|[（(](?:单位|部门|项目)名称[)）]|【(?:单位|部门|填写|请|此处)[^】]{0,20}】|增加[（(]减少[)）]|减少[（(]增加[)）]|增长[（(]下降[)）]|下降[（(]增长[)）]|"
    r"大于[（(]小于[)）]|小于[（(]大于[)）]|[（(]如持平作持平表述[)）]|[（(]不涉及的不列[)）]|[（(]制度名称[)）]|"
    r"【待补充[^】]*】|按上述格式依次说明|作下述说明"
)
# The cell a 待补充 marker names: （填在原因说明!C14：…） or （填在原因说明!A30起的空行：…）.
MARKER_CELL = re.compile(r"填在([^!（）：“”]+)!([A-Z]{1,3}\d+)")
# Three or more 。 stand for an ellipsis; a doubled 。。 is a slip of the pen (TEXT-001).
ELLIPSIS = re.compile(r"……|。{3,}")


@rule("COMP-004", "模板占位符未替换", "error")
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
                yield c.finding(f"情况说明“{s.title}”中留有模板占位内容{_quoted(found)}。", c.section_loc(s.key, s.title, p, loc),
                                expected="填写实际内容", found="、".join(found))
            elif ELLIPSIS.search(p):
                yield c.finding(f"情况说明“{s.title}”中留有省略号“……”，疑为模板未填完。",
                                c.section_loc(s.key, s.title, p, loc), severity="warning", expected="填写实际内容", found="……")
    overview = c.disclosure.overview
    for what, key, paragraphs in (("职责", "duties", overview.duties), ("机构设置", "organisation", overview.organisation)):
        for n, p in enumerate(paragraphs):
            found = _distinct(PLACEHOLDERS, p)
            if found:
                source = c.disclosure.context.sources.get(f"overview:{key}.{n}")  # built from a workbook: its cell
                yield c.finding(f"概况“{what}”中留有模板占位内容{_quoted(found)}。",
                                Location(section="overview", sentence=p, source=source,
                                         label=f"第一部分 概况·{what}" + (f"（{source.describe()}）" if source else "")),
                                expected="填写实际内容", found="、".join(found))
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
                yield c.finding(f"标题“{line.text}”中留有模板占位内容{_quoted(found)}。",
                                Location(source=line.loc, label=line.loc.describe() if line.loc else "标题"),
                                expected="填写实际内容", found="、".join(found))
    for tid, t in c.disclosure.tables.items():
        found = _distinct(PLACEHOLDERS, "\n".join([*(t.heading or {}).values(), t.note or "", t.statement or ""]))
        if found:
            yield c.finding(f"{c.table_label(tid)}的表头或注释中留有模板占位内容{_quoted(found)}。", c.table_loc(tid),
                            expected="填写实际内容", found="、".join(found))


def _distinct(pattern: re.Pattern, text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(text)))


def _quoted(items: list[str]) -> str:
    return "".join(f"“{x}”" for x in items)
