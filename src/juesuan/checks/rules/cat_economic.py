from __future__ import annotations

from ... import catalogues
from ..common import coded_tables, first_column
from ..engine import Message, rule


_UNKNOWN = "{table}的经济分类编码“{code}”（{name}）不在{year}年部门预算支出经济分类科目中{caveat}。"
UNKNOWN = Message("unknown", "error", _UNKNOWN, "编码不在该年完整且有出处的目录中")
UNKNOWN_UNSURE = Message("unknown_unsure", "warning", _UNKNOWN, "编码不在该年的目录中，而目录尚未与出处核对完整")
NAME = Message("name", "warning", "{table}经济分类“{code}”的名称应为“{expected}”，印的是“{name}”。", "名称与目录及其别名都不同")


@rule("CAT-003", "经济分类科目编码或名称与目录不符", "error", messages=(UNKNOWN, UNKNOWN_UNSURE, NAME), documents=("final", "budget"))
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
            yield c.report(UNKNOWN if economic.authoritative else UNKNOWN_UNSURE, c.cell(tid, r.key, col),
                           {"table": c.table_number(tid), "code": r.key, "name": r.name, "year": economic.year,
                            "caveat": economic.caveat()}, expected="目录中的编码", found=r.key)
        elif r.name and not economic.names_match(r.key, r.name):
            yield c.report(NAME, c.cell(tid, r.key, col),
                           {"table": c.table_number(tid), "code": r.key, "name": r.name, "expected": economic.name(r.key)},
                           expected=economic.name(r.key), found=r.name)
