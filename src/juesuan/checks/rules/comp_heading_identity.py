from __future__ import annotations

from ... import patterns
from ...catalogues import normalise_name
from ...readers.identity import ORGANISATION_END
from ..engine import Location, Message, rule
from .comp_names import _same_department, _variant

PART = patterns.compile(r"^第[一二三四五六七八九十]+部分\s*")
YEAR = patterns.compile(r"(\d{4})\s*年")
# The department named in a part heading: what stands before its year or before 概况/决算/情况说明.
NAMED = patterns.compile(r"^(?P<name>[\u4e00-\u9fff（）()]{2,40}?)(?:\d{4}\s*年|概况|部门决算|单位决算|决算)")
YEAR_END = patterns.compile(r"截至\s*(\d{4})\s*年\s*12\s*月\s*31\s*日")
QUALIFIER = patterns.compile(r"[（(](?:本级|本部|汇总|合并)[）)]$")
HEADING_YEAR = Message("heading_year", None, "部分标题“{heading}”的年度与决算年度{year}年不一致。", "部分标题写的是另一年")
HEADING_NAME = Message("heading_name", None, "部分标题“{heading}”中的单位名称“{name}”与单位名称“{department}”不一致。",
                       "部分标题写的是另一个单位")
HEADING_NAME_VARIANT = Message("heading_name_variant", "warning", HEADING_NAME.template,
                               "部分标题的单位名称是本单位名称的简称或全称：警告")
WRONG_YEAR_END = Message("year_end", None, "情况说明“{section}”称“{said}”，而决算年度为{year}年，应截至{year}年12月31日。",
                   "资产数据截至的年末不是决算年度的年末")


@rule("COMP-008", "文档各部分标题或日期中的单位名称、年度不一致", "error",
      messages=(HEADING_YEAR, HEADING_NAME, HEADING_NAME_VARIANT, WRONG_YEAR_END))
def check(c):
    """The part headings (in the 目录 and the body) name the document's department and year, and the year-end date
    the narrative reports assets at (截至YYYY年12月31日) is the year's end.

    Example: “第二部分 上海市普陀区教育局2024年度部门决算表” in 上海市普陀区财政局's document, “第三部分 …2023年度部门决算
    情况说明” in a 2024 document, or “截至2023年12月31日，…共有车辆2辆” in a 2024 document → 错误. A name that is a
    shortened or fuller form of the department's (上海市普陀区人民政府财政局) → 警告; words that name nobody
    (部门（单位）概况, 部门主要职责及内设机构概况) and a qualifier (…（本级）) → nothing.
    """
    meta = c.disclosure.meta
    reading = c.disclosure.reading
    if reading is not None and not reading.year_stated:
        return  # the year is a guess (COMP-007 says so): nothing certain to compare with
    dept = normalise_name(meta.department)
    named = meta.department != "（未识别）"
    for heading in dict.fromkeys(meta.headings):
        body = PART.sub("", heading).strip()
        for m in YEAR.finditer(body):
            if int(m.group(1)) != meta.year:
                yield c.report(HEADING_YEAR, Location(label=f"部分标题“{heading}”"), {"heading": heading, "year": meta.year},
                               expected=f"{meta.year}年", found=m.group(0))
        m = NAMED.match(body)
        if not (named and m):
            continue
        name = QUALIFIER.sub("", m.group("name"))
        # a run that does not end as an organisation's name (部门（单位）, 部门主要职责及内设机构) describes the part
        if len(name) < 4 or name.startswith(("部门", "单位")) or not ORGANISATION_END.search(name):
            continue
        said = normalise_name(name)
        if _same_department(said, dept):
            continue
        yield c.report(HEADING_NAME_VARIANT if _variant(said, dept) else HEADING_NAME, Location(label=f"部分标题“{heading}”"),
                       {"heading": heading, "name": m.group("name"), "department": meta.department},
                       expected=meta.department, found=m.group("name"))
    for s in c.disclosure.narrative:
        for i, p in enumerate(s.paragraphs):
            for m in YEAR_END.finditer(p):
                if int(m.group(1)) != meta.year:
                    loc = s.locs[i] if i < len(s.locs) else None
                    yield c.report(WRONG_YEAR_END, c.section_loc(s.key, s.title, p, loc),
                                   {"section": s.title, "said": m.group(0), "year": meta.year}, expected=f"截至{meta.year}年12月31日", found=m.group(0))
