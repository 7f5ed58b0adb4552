from __future__ import annotations

from ... import catalogues
from ..common import coded_tables, first_column
from ..engine import Message, rule


_UNKNOWN = "{table}的经济分类编码“{code}”（{name}）不在{year}年部门预算支出经济分类科目中{caveat}。"
UNKNOWN = Message("unknown", "error", _UNKNOWN, "编码不在该年完整且有出处的目录中")
UNKNOWN_UNSURE = Message("unknown_unsure", "warning", _UNKNOWN, "编码不在该年的目录中，而目录尚未与出处核对完整")
NAME = Message("name", "warning", "{table}经济分类“{code}”的名称应为“{expected}”，印的是“{name}”。", "名称与目录及其别名都不同")
OTHER_SCHEME = Message(
    "other_scheme", "warning",
    "{table}有{count}个经济分类的名称与{year}年目录不同（共核对{checked}个）：{pairs}。多数编码与名称不符：编码可能是按打印顺序编的，或表格采用了地方、旧版的经济分类，请按适用的分类核对编码与名称。",
    "一张表多数名称不符：编码按顺序编排，或是地方、旧版分类（一条汇总）")
# A table whose names mostly differ from the catalogue follows another coding (a province's own
# 部门经济分类, an older year's): one finding says so, instead of a 警告 per row, and a code the
# catalogue lacks is no 错误 there.
OTHER_SCHEME_MIN = 5


@rule("CAT-003", "经济分类科目编码或名称与目录不符", "error", messages=(UNKNOWN, UNKNOWN_UNSURE, NAME, OTHER_SCHEME), documents=("final", "budget"))
def check(c):
    """公开06's codes are 类 or 款 of the year's 部门预算支出经济分类科目 and their printed names match the
    catalogue or one of its aliases (names the official software prints). An unknown code is an 错误 only
    when that year's catalogue is complete and sourced (else a 警告 that says so); a different name a 警告.

    Example: 公开06表 “30231 公务用车运行费” (catalogue: 公务用车运行维护费) → 警告; code 30232 → 错误 with a
    complete catalogue, 警告 with the 2024 one (not yet checked against its source). A table where at least
    five names, and half of those checked, differ follows another coding (a province's own): one 警告
    lists them all.
    """
    economic = catalogues.load("economic", c.disclosure.meta.year)
    for tid in coded_tables(c, "economic"):
        t = c.table(tid)
        if t is not None:
            yield from _check(c, tid, t, economic)


def _check(c, tid, t, economic):
    col = first_column(tid)
    coded = [r for r in t.rows if r.key.isdigit()]
    known = [r for r in coded if r.key in economic]
    renamed = [r for r in known if r.name and not economic.names_match(r.key, r.name)]
    other_scheme = len(renamed) >= OTHER_SCHEME_MIN and 2 * len(renamed) >= len(known)
    for r in coded:
        if r.key not in economic:
            authoritative = economic.authoritative and not other_scheme
            yield c.report(UNKNOWN if authoritative else UNKNOWN_UNSURE, c.cell(tid, r.key, col),
                           {"table": c.table_number(tid), "code": r.key, "name": r.name, "year": economic.year,
                            "caveat": economic.caveat()}, expected="目录中的编码", found=r.key)
    if other_scheme:
        pairs = "、".join(f"{r.key}印“{r.name}”（目录：{economic.name(r.key)}）" for r in renamed)
        yield c.report(OTHER_SCHEME, c.cell(tid, renamed[0].key, col),
                       {"table": c.table_number(tid), "count": len(renamed), "checked": len(known), "year": economic.year,
                        "pairs": pairs}, expected="目录中的名称", found=f"{len(renamed)}处不同")
        return
    for r in renamed:
        yield c.report(NAME, c.cell(tid, r.key, col),
                       {"table": c.table_number(tid), "code": r.key, "name": r.name, "expected": economic.name(r.key)},
                       expected=economic.name(r.key), found=r.name)
