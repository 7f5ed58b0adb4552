from __future__ import annotations

from ... import catalogues
from ..common import coded_tables, first_column
from ..engine import rule


@rule("CAT-001", "功能分类科目编码不在当年目录中", "error", documents=("final", "budget"))
def check(c):
    """Every code of the coded tables (公开02/03/05/07/08) is a 类 (3 digits), 款 (5) or 项 (7) of the year's
    支出功能分类科目 (``juesuan.catalogues``). A code of the wrong length is an 错误; a code missing from the
    catalogue is an 错误 only when that year's catalogue is complete and sourced, else a 警告 that says so
    (the code may be new that year, as 款 20139 社会工作事务 was in 2024).

    Example: 公开05表 row 21299981 → 错误 (8 digits); row 2129998 with the 2024 catalogue (incomplete) → 警告.
    """
    functional = catalogues.load("functional", c.disclosure.meta.year)
    severity = "error" if functional.authoritative else "warning"
    for tid in coded_tables(c):
        t = c.table(tid)
        if t is None:
            continue
        for r in t.coded_rows():
            if len(r.key) not in (3, 5, 7):
                yield c.finding(f"{c.table_number(tid)}的科目编码“{r.key}”位数不对：应为3位（类）、5位（款）或7位（项）。",
                                c.cell(tid, r.key, first_column(tid)), expected="3/5/7位编码", found=r.key)
            elif r.key not in functional:
                yield c.finding(f"{c.table_number(tid)}的科目编码“{r.key}”（{r.name}）不在{functional.year}年支出功能分类科目中{functional.caveat()}。",
                                c.cell(tid, r.key, first_column(tid)), severity=severity, expected="目录中的编码", found=r.key)
