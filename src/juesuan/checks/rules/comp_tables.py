from __future__ import annotations

from pathlib import PurePath

from ...model import SourceLoc
from ..engine import Location, rule


@rule("COMP-001", "表格缺失", "error")
def check(c):
    """Every table of the profile is in the document (``Table.present`` False, or no table at all → finding).

    Example: a Shanxi document without 公开10表 部门决算公开相关信息统计表 → 错误; an optional table of the
    profile that is missing → 警告; a table a web page's 目录 lists while the page links an attachment
    (…决算报表.xls) that may hold it → 警告. A document read generically is checked against the tables its
    own 目录 lists (and those it prints). For a document read by ``juesuan audit`` the finding points at
    the document file (the reader reports nothing of its own for a missing table). A printed document of
    which no table at all was read → 警告 for each: its tables may be images or a layout the reader does not
    know, which the tool cannot tell from a document without them.
    """
    d = c.disclosure
    none_read = d.origin == "printed" and not any(t.present and t.rows for t in d.tables.values())
    for layout in c.profile.tables:
        t = c.disclosure.tables.get(layout.id)
        if t is not None and t.present:
            continue
        c_label = c.table_label(layout.id)
        attached = c.disclosure.reading.attachments if c.disclosure.reading is not None else []
        if attached:
            # a web page whose tables are a linked file: the table may well be there
            yield c.finding(f"文档缺少{c_label}；页面链接了附件“{'、'.join(attached)}”，此表可能在附件中，请一并核查。",
                            _where(c, layout.id, c_label), severity="warning", expected="有此表", found="本文件中缺失")
            continue
        if layout.optional:
            message, severity = f"文档缺少{c_label}（模板中的可选表）。", "warning"
        elif none_read:
            message, severity = f"文档中未读到{c_label}：未读到任何决算表，表格可能缺失，也可能是图片或未能识别的版式，请核查。", "warning"
        else:
            message, severity = f"文档缺少{c_label}：模板要求公开此表（无数据时也应公开并注明）。", None
        yield c.finding(message, _where(c, layout.id, c_label), severity=severity, expected="有此表", found="缺失",
                        suggestion="没有数据的表也须保留表格格式，并注明“本表无数据”。" if layout.empty_statement else None)


def _where(c, table_id: str, label: str) -> Location:
    d = c.disclosure
    if d.origin != "printed" or not d.source:
        return c.table_loc(table_id)
    name = PurePath(d.source).name
    return Location(table=table_id, source=SourceLoc(file=name), label=f"{label}（{name}中没有此表）")
