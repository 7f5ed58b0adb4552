from __future__ import annotations

from ... import patterns
from ... import catalogues
from ..common import coded_tables, first_column, summary_tables
from ..engine import Message, rule

ENUMERATOR = patterns.compile(r"^[一二三四五六七八九十]+、")
CODED_NAME = Message("coded_name", None, "{table}科目“{code}”的名称应为“{expected}”，印的是“{found}”。",
                     "分类表中科目名称与当年目录不同")
CLASS_NAME = Message("class_name", None, "{table}支出类“{code}”的名称应为“{expected}”，印的是“{found}”。",
                     "总表中支出类名称与当年目录不同")


@rule("CAT-002", "功能分类科目名称与目录不符", "warning", documents=("final", "budget"), messages=(CODED_NAME, CLASS_NAME))
def check(c):
    """Each printed name of a functional code (coded tables, and the 类 lines of 公开01/04) matches the year's
    catalogue, ignoring spaces, bracket widths and the 一、二、… enumerators of the summary tables.

    Example: 公开05表 2120101 printed as “行政管理” (catalogue: 行政运行) → 警告.
    """
    functional = catalogues.load("functional", c.disclosure.meta.year)
    for tid in coded_tables(c):
        t = c.table(tid)
        if t is None:
            continue
        for r in t.coded_rows():
            if r.name and r.key in functional and not functional.names_match(r.key, r.name):
                yield c.report(CODED_NAME, c.cell(tid, r.key, first_column(tid)),
                               {"table": c.table_number(tid), "code": r.key, "expected": functional.name(r.key), "found": r.name},
                               expected=functional.name(r.key), found=r.name)
    for tid in summary_tables(c):
        t = c.table(tid)
        if t is None:
            continue
        for r in t.rows:
            code = r.key[3:] if r.key.startswith("ex.") else ""
            if not code.isdigit() or code not in functional or not r.name:
                continue
            name = ENUMERATOR.sub("", r.name.strip())
            if not functional.names_match(code, name):
                yield c.report(CLASS_NAME, c.cell(tid, r.key, "amount" if tid in ("summary", "budget_summary") else "total"),
                               {"table": c.table_number(tid), "code": code, "expected": functional.name(code), "found": r.name},
                               expected=functional.name(code), found=r.name)
