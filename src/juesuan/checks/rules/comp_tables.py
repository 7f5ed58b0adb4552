from __future__ import annotations

from ..engine import rule


@rule("COMP-001", "表格缺失", "error")
def check(c):
    """Every table of the profile is in the document (``Table.present`` False, or no table at all → finding).

    Example: a Shanxi document without 公开10表 部门决算公开相关信息统计表 → 错误; an optional table of the
    profile that is missing → 警告.
    """
    for layout in c.profile.tables:
        t = c.disclosure.tables.get(layout.id)
        if t is not None and t.present:
            continue
        severity = "warning" if layout.optional else None
        c_label = c.table_label(layout.id)
        yield c.finding(f"文档缺少{c_label}。", c.table_loc(layout.id), severity=severity,
                        expected="有此表", found="缺失",
                        suggestion="没有数据的表也须保留表格格式，并注明“本表无数据”。" if layout.empty_statement else None)
