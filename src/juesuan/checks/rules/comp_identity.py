from __future__ import annotations

from ...model import SourceLoc
from ..engine import Location, Message, rule

NO_YEAR = Message("no_year", None, "文档的封面、标题和各部分标题都没有写明决算年度；本次按{year}年度的科目目录核查。",
                  "文档哪里都没写年度：按最新目录年度核查")
NO_NAME = Message("no_name", None, "文档的封面、标题和各部分标题都没有写明部门（单位）名称。", "文档哪里都没写部门（单位）名称")


@rule("COMP-007", "文档未写明决算年度或单位名称", "warning", messages=(NO_YEAR, NO_NAME))
def check(c):
    """A published document says which year and which department (unit) it is about: on its cover, in
    its title or in its part headings. The reader never guesses silently: a year it cannot find is
    taken as the newest catalogue year, and this rule says so.

    Example: a page titled “XX部门(单位)决算” with no year anywhere → 警告 twice (year and name).
    """
    d = c.disclosure
    reading = d.reading
    if reading is None:
        return
    where = Location(source=SourceLoc(file=_name(d.source)) if d.source else None, label="封面与标题")
    if not reading.year_stated:
        yield c.report(NO_YEAR, where, {"year": d.meta.year}, expected="写明“20XX年度”", found="未写明")
    if d.meta.department == "（未识别）":
        yield c.report(NO_NAME, where, {}, expected="写明部门（单位）名称", found="未写明")


def _name(source: str) -> str:
    from pathlib import PurePath

    return PurePath(source).name
