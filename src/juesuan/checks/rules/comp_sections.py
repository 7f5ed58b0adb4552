from __future__ import annotations

from pathlib import PurePath

from ..engine import Location, Message, rule

TABLES_ONLY = Message("tables_only", "info", "{file}只含公开表（没有概况、情况说明、名词解释，也没有目录或部分标题提到它们）：情况说明不在此文件中，请与正文（PDF/Word/网页）一并核查。",
                      "表格文件（决算报表.xls）只含公开表：情况说明在正文中")
NO_NARRATIVE = Message("no_narrative", None, "文档缺少第三部分 情况说明。", "文档没有情况说明")
NO_SECTION = Message("no_section", None, "情况说明缺少“{title}”一节。", "模板规定的一节没有印")
EMPTY_SECTION = Message("empty_section", None, "情况说明“{title}”一节没有内容。", "一节只有标题没有内容")
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


@rule("COMP-002", "情况说明章节缺失", "error", messages=(TABLES_ONLY, NO_NARRATIVE, NO_SECTION, EMPTY_SECTION))
def check(c):
    """Every narrative section of the profile (第三部分 情况说明 一、二、…) is present and not empty.

    Example: a Shanghai document without 十、预算绩效管理情况 → 错误; a document with no 情况说明 at all → one 错误;
    a published spreadsheet of the tables (…决算报表.xls, an attachment of the web page) → 提示: the
    narrative is in the page or the PDF, not in the workbook.
    """
    wanted = c.profile.narrative.sections
    if not wanted:
        return
    have = {s.key: s for s in c.disclosure.narrative}
    titles = {s.title.strip(): s for s in c.disclosure.narrative}
    source = PurePath(c.disclosure.source or "")
    if not c.disclosure.narrative and c.disclosure.origin == "printed" and (
            source.suffix.lower() in SPREADSHEETS or _tables_only(c.disclosure)):
        yield c.report(TABLES_ONLY, Location(section="*", label="第三部分 情况说明"), {"file": source.name})
        return
    if not c.disclosure.narrative:
        yield c.report(NO_NARRATIVE, Location(section="*", label="第三部分 情况说明"), {},
                       expected=f"{len(wanted)}节", found="缺失")
        return
    for spec in wanted:
        key, title = spec.get("key", ""), spec.get("title", "")
        s = have.get(key) or titles.get(title)
        if s is None:
            yield c.report(NO_SECTION, c.section_loc(key, title), {"title": title}, expected="有此节", found="缺失")
        elif not any(p.strip() for p in s.paragraphs):
            yield c.report(EMPTY_SECTION, c.section_loc(key, title), {"title": title}, expected="有内容", found="空")


def _tables_only(d) -> bool:
    """A file of the tables alone (a spreadsheet saved as a web page, a 决算报表 attachment): no text
    part at all, and nothing in it (目录, part headings) that names one."""
    if d.glossary or (d.overview is not None and (d.overview.duties or d.overview.organisation)):
        return False
    said = [p.text for p in (d.reading.contents + d.reading.headings)] if d.reading is not None else []
    said += list(d.meta.headings or [])
    return not any(word in text for text in said for word in ("情况说明", "概况", "名词解释", "部门职责", "主要职能"))
