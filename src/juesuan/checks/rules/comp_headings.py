from __future__ import annotations

from ... import patterns
from ...catalogues import normalise_name
from ..engine import Location, Message, rule
from .comp_names import _same_department, _variant

YEAR = patterns.compile(r"(\d{4})\s*年")
UNIT = patterns.compile(r"(万元|千元|亿元|元)")
TITLE_YEAR = Message("title_year", None, "文档标题“{title}”的年度与决算年度{year}年不一致。", "文档标题写的是另一年")
HEADING_NAME = Message("heading_name", None, "{table}表头的{key}“{value}”与单位名称“{department}”不一致。",
                       "表头写的是另一个单位")
HEADING_NAME_VARIANT = Message("heading_name_variant", "warning", HEADING_NAME.template,
                               "表头的单位名称是本单位名称的简称或全称：警告")
HEADING_YEAR = Message("heading_year", None, "{table}表头的年度“{text}”与决算年度{year}年不一致。", "表头写的是另一年")
HEADING_UNIT = Message("heading_unit", None, "{table}的金额单位“{unit}”与文档的金额单位“{own}”不一致。",
                       "表头的金额单位与文档的不同（读出时未换算）")


@rule("COMP-005", "表头的单位名称、年度、金额单位与文档不一致", "error",
      messages=(TITLE_YEAR, HEADING_NAME, HEADING_NAME_VARIANT, HEADING_YEAR, HEADING_UNIT))
def check(c):
    """Each table heading as printed (部门名称/单位名称, 年度, 金额单位) names the document's department, year
    and unit; the document title names the year.

    Example: 公开05表 heading “2023年度” in a 2024 document → 错误; a 单位名称 “上海市普陀区教育局” in
    上海市普陀区财政局's document → 错误, “普陀区财政” (a shortened form) → 警告. A table printed in 元 in a 万元 document
    is no error: the reader converts it exactly (``Disclosure.reading.units``); a built document's
    heading unit must be the document's.
    """
    meta = c.disclosure.meta
    dept = normalise_name(meta.department)
    if meta.document_title:
        for m in YEAR.finditer(meta.document_title):
            if int(m.group(1)) != meta.year:
                yield c.report(TITLE_YEAR, Location(label="文档标题"), {"title": meta.document_title, "year": meta.year},
                               expected=str(meta.year), found=m.group(1))
    reading = c.disclosure.reading
    converted = reading.units if reading is not None else {}
    for tid, t in c.disclosure.tables.items():
        if not c.in_profile(tid):
            continue
        for key, text in (t.heading or {}).items():
            value = text.split("：", 1)[-1].split(":", 1)[-1].strip()
            if "名称" in key and meta.department == "（未识别）":
                continue  # the document's name was not read (COMP-007): nothing to compare with
            if "名称" in key:
                said = normalise_name(value)
                if value and dept not in said and not _same_department(said, dept):
                    # A shortened or fuller form of the name (普陀区财政局) is a 警告; another department an 错误.
                    yield c.report(HEADING_NAME_VARIANT if _variant(said, dept) else HEADING_NAME, c.table_loc(tid),
                                   {"table": c.table_label(tid), "key": key, "value": value, "department": meta.department},
                                   expected=meta.department, found=value)
                continue
            for m in YEAR.finditer(text):
                if int(m.group(1)) != meta.year:
                    yield c.report(HEADING_YEAR, c.table_loc(tid), {"table": c.table_label(tid), "text": text, "year": meta.year},
                                   expected=f"{meta.year}年度", found=text)
            if "单位" in key and tid not in converted:  # a table in its own unit was read in the document's
                m = UNIT.search(text)
                if m and m.group(1) != meta.unit:
                    yield c.report(HEADING_UNIT, c.table_loc(tid), {"table": c.table_label(tid), "unit": m.group(1), "own": meta.unit},
                                   expected=meta.unit, found=m.group(1))
