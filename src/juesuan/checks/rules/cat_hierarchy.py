from __future__ import annotations

from collections import Counter

from ..common import coded_tables, first_column
from ..engine import Message, rule

TWICE = Message("twice", None, "{table}的科目“{code}”印了{count}次。", "同一编码在表中印了不止一行")
NO_PARENT = Message("no_parent", None, "{table}的科目“{code}”缺少上级{level}“{parent}”行。", "款或项之上缺少其类或款的行")


@rule("CAT-004", "科目层级不完整或重复", "error", documents=("final", "budget"), messages=(TWICE, NO_PARENT))
def check(c):
    """In a coded table every 项 is printed under its 款 and 类, every 款 under its 类, and no code is printed twice.

    Example: 公开05表 prints 2120101 行政运行 without a 21201 row → 错误.
    """
    for tid in coded_tables(c):
        t = c.table(tid)
        if t is None:
            continue
        keys = [r.key for r in t.coded_rows()]
        for key, n in Counter(keys).items():
            if n > 1:
                yield c.report(TWICE, c.cell(tid, key, first_column(tid)), {"table": c.table_number(tid), "code": key, "count": n},
                               expected=1, found=n)
        present = set(keys)
        for key in dict.fromkeys(keys):
            for parent in (key[:3], key[:5]):
                if len(parent) < len(key) and parent not in present:
                    level = "类" if len(parent) == 3 else "款"
                    yield c.report(NO_PARENT, c.cell(tid, key, first_column(tid)),
                                   {"table": c.table_number(tid), "code": key, "level": level, "parent": parent},
                                   expected=f"有{parent}行", found="缺失")
