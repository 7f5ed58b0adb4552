from __future__ import annotations

from ... import patterns
from ...catalogues import normalise_name
from ..engine import Message, rule

YEAR_OF = patterns.compile(r"(\d{4})\s*年度")
# An organisation named right before “2024年度”: the longest run of name characters ending in an
# organisation word (局, 委员会, 中心, …).
NAMED = patterns.compile(r"([\u4e00-\u9fff（）]{2,30}?(?:局|委员会|委|办公室|中心|研究所|院|厅|署|馆|站|队|处))\s*\d{4}\s*年度")
OTHER_YEAR = Message("other_year", None, "情况说明“{section}”提到“{said}”，与决算年度{year}年不符。",
                     "说明提到的年度既不是本年也不是上年")
OTHER_NAME = Message("other_name", None, "情况说明“{section}”中的单位名称“{name}”与本单位“{department}”不一致。",
                     "说明在年度前写的是另一个单位")


@rule("COMP-006", "情况说明中的年度或单位名称不一致", "warning", messages=(OTHER_YEAR, OTHER_NAME))
def check(c):
    """The narrative speaks of the document's year (or the year before, for comparisons) and names the
    document's department.

    Example: “上海市XX局2023年度收入支出总计…” in 上海市普陀区财政局's 2024 document → 警告 twice (name and year).
    """
    meta = c.disclosure.meta
    dept = normalise_name(meta.department)
    for s in c.disclosure.narrative:
        for i, p in enumerate(s.paragraphs):
            loc = s.locs[i] if i < len(s.locs) else None
            for m in YEAR_OF.finditer(p):
                y = int(m.group(1))
                if y not in (meta.year, meta.year - 1):
                    yield c.report(OTHER_YEAR, c.section_loc(s.key, s.title, p, loc),
                                   {"section": s.title, "said": m.group(0), "year": meta.year}, expected=f"{meta.year}年度", found=m.group(0))
            for m in NAMED.finditer(p) if meta.department != "（未识别）" else ():  # no name read: COMP-007 says so
                name = normalise_name(m.group(1))
                if not _same_department(name, dept):
                    yield c.report(OTHER_NAME, c.section_loc(s.key, s.title, p, loc),
                                   {"section": s.title, "name": m.group(1), "department": meta.department}, expected=meta.department, found=m.group(1))


def _same_department(run: str, dept: str) -> bool:
    """The run of text before the year names the department: its full name, a shortened form of it
    (普陀区财政局 for 上海市普陀区财政局), or a self-reference (我局, 本局)."""
    if run[-2:-1] in ("我", "本") or run.endswith(dept) or dept.endswith(run):
        return True
    common = 0
    while common < min(len(run), len(dept)) and run[-1 - common] == dept[-1 - common]:
        common += 1
    # A shortened name after a function word (…制定了普陀区财政局2024年度…): the same department.
    return common >= 4 and run[-1 - common] in "了的在由是为和与及对向将把从"


# What a place name ends with (乡/镇 left out: 城乡 is a word of many department names).
PLACE = set("省市区县州旗盟")


def _variant(a: str, b: str) -> bool:
    """One name's characters appear in order in the other's, and no run the shorter leaves out inside it is a
    place: a shortened or fuller form (普陀区财政 in 上海市普陀区财政局, 大同市住建局, 上海市普陀区人民政府财政局 around
    上海市普陀区财政局), not another level's department (上海市财政局 leaves out 普陀区)."""
    short, long = sorted((a, b), key=len)
    at, start = [], 0
    for ch in short:
        i = long.find(ch, start)
        if i < 0:
            return False
        at.append(i)
        start = i + 1
    # each run left out between two matched characters ends just before the next one
    return not any(j > i + 1 and long[j - 1] in PLACE for i, j in zip(at, at[1:]))
