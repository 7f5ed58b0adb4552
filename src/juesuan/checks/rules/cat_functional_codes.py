from __future__ import annotations

from ... import catalogues
from ..common import coded_tables, first_column
from ..engine import Message, rule

BAD_LENGTH = Message("bad_length", None, "{table}的科目编码“{code}”位数不对：应为3位（类）、5位（款）或7位（项）。",
                     "编码不是3、5或7位")
UNKNOWN = Message("unknown", "error", "{table}的科目编码“{code}”（{name}）不在{year}年支出功能分类科目中。",
                  "当年目录完整且有出处，编码不在其中")
UNKNOWN_UNSURE = Message("unknown_unsure", "warning", "{table}的科目编码“{code}”（{name}）不在{year}年支出功能分类科目中{caveat}。",
                         "目录不完整或以他年目录代替，编码可能是当年新增：警告并说明")


@rule("CAT-001", "功能分类科目编码不在当年目录中", "error", documents=("final", "budget"),
      messages=(BAD_LENGTH, UNKNOWN, UNKNOWN_UNSURE))
def check(c):
    """Every code of the coded tables (公开02/03/05/07/08) is a 类 (3 digits), 款 (5) or 项 (7) of the year's
    支出功能分类科目 (``juesuan.catalogues``). A code of the wrong length is an 错误; a code missing from the
    catalogue is an 错误 only when that year's catalogue is complete and sourced, else a 警告 that says so
    (the code may be new that year, as 款 20139 社会工作事务 was in 2024).

    Example: 公开05表 row 21299981 → 错误 (8 digits); row 2129998 with the 2024 catalogue (incomplete) → 警告.
    """
    functional = catalogues.load("functional", c.disclosure.meta.year)
    for tid in coded_tables(c):
        t = c.table(tid)
        if t is None:
            continue
        for r in t.coded_rows():
            if len(r.key) not in (3, 5, 7):
                yield c.report(BAD_LENGTH, c.cell(tid, r.key, first_column(tid)), {"table": c.table_number(tid), "code": r.key},
                               expected="3/5/7位编码", found=r.key)
            elif r.key not in functional:
                fields = {"table": c.table_number(tid), "code": r.key, "name": r.name, "year": functional.year,
                          "caveat": functional.caveat()}
                yield c.report(UNKNOWN if functional.authoritative else UNKNOWN_UNSURE, c.cell(tid, r.key, first_column(tid)),
                               fields, expected="目录中的编码", found=r.key)
