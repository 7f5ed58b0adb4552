from __future__ import annotations

import re

from ...catalogues import normalise_name
from ..engine import Location, rule
from .comp_names import _same_department, _variant

YEAR = re.compile(r"(\d{4})\s*年")
UNIT = re.compile(r"(万元|千元|亿元|元)")


@rule("COMP-005", "表头的单位名称、年度、金额单位与文档不一致", "error")
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
                yield c.finding(f"文档标题“{meta.document_title}”的年度与决算年度{meta.year}年不一致。",
                                Location(label="文档标题"), expected=str(meta.year), found=m.group(1))
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
                    yield c.finding(f"{c.table_label(tid)}表头的{key}“{value}”与单位名称“{meta.department}”不一致。",
                                    c.table_loc(tid), expected=meta.department, found=value,
                                    severity="warning" if _variant(said, dept) else None)
                continue
            for m in YEAR.finditer(text):
                if int(m.group(1)) != meta.year:
                    yield c.finding(f"{c.table_label(tid)}表头的年度“{text}”与决算年度{meta.year}年不一致。",
                                    c.table_loc(tid), expected=f"{meta.year}年度", found=text)
            if "单位" in key and tid not in converted:  # a table in its own unit was read in the document's
                m = UNIT.search(text)
                if m and m.group(1) != meta.unit:
                    yield c.finding(f"{c.table_label(tid)}的金额单位“{m.group(1)}”与文档的金额单位“{meta.unit}”不一致。",
                                    c.table_loc(tid), expected=meta.unit, found=m.group(1))
