from __future__ import annotations

from ... import catalogues
from ..common import CODED_TABLES
from ..engine import rule


@rule("CAT-001", "功能分类科目编码不在当年目录中", "error")
def check(c):
    """Every code of the coded tables (公开02/03/05/07/08) is a 类 (3 digits), 款 (5) or 项 (7) of the year's
    支出功能分类科目 (``juesuan.catalogues``).

    Example: 公开05表 row 2129998 → 错误 (not in the 2024 catalogue).
    """
    functional = catalogues.load("functional", c.disclosure.meta.year)
    stand_in = f"（使用{functional.year}年目录）" if functional.requested_year else ""
    for tid in CODED_TABLES:
        t = c.table(tid)
        if t is None:
            continue
        for r in t.coded_rows():
            if len(r.key) not in (3, 5, 7):
                yield c.finding(f"{c.table_number(tid)}的科目编码“{r.key}”位数不对：应为3位（类）、5位（款）或7位（项）。",
                                c.cell(tid, r.key, "total"), expected="3/5/7位编码", found=r.key)
            elif r.key not in functional:
                yield c.finding(f"{c.table_number(tid)}的科目编码“{r.key}”（{r.name}）不在{functional.year}年支出功能分类科目中{stand_in}。",
                                c.cell(tid, r.key, "total"), expected="目录中的编码", found=r.key)
