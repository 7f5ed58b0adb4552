from __future__ import annotations

from ... import catalogues
from ..common import coded_tables, first_column
from ..engine import rule


@rule("CAT-003", "经济分类科目编码或名称与目录不符", "error", documents=("final", "budget"))
def check(c):
    """公开06's codes are 类 or 款 of the year's 部门预算支出经济分类科目 and their printed names match the
    catalogue or one of its aliases (names the official software prints). An unknown code is an 错误 only
    when that year's catalogue is complete and sourced (else a 警告 that says so); a different name a 警告.

    Example: 公开06表 “30231 公务用车运行费” (catalogue: 公务用车运行维护费) → 警告; code 30232 → 错误 with a
    complete catalogue, 警告 with the 2024 one (not yet checked against its source).
    """
    economic = catalogues.load("economic", c.disclosure.meta.year)
    for tid in coded_tables(c, "economic"):
        t = c.table(tid)
        if t is not None:
            yield from _check(c, tid, t, economic)


def _check(c, tid, t, economic):
    col = first_column(tid)
    for r in t.rows:
        if not r.key.isdigit():
            continue
        if r.key not in economic:
            yield c.finding(f"{c.table_number(tid)}的经济分类编码“{r.key}”（{r.name}）不在{economic.year}年部门预算支出经济分类科目中{economic.caveat()}。",
                            c.cell(tid, r.key, col), severity="error" if economic.authoritative else "warning",
                            expected="目录中的编码", found=r.key)
        elif r.name and not economic.names_match(r.key, r.name):
            yield c.finding(f"{c.table_number(tid)}经济分类“{r.key}”的名称应为“{economic.name(r.key)}”，印的是“{r.name}”。",
                            c.cell(tid, r.key, col), severity="warning", expected=economic.name(r.key), found=r.name)
