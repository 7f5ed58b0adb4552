from __future__ import annotations

from pathlib import PurePath

from ...model import SourceLoc
from ..engine import Location, Message, rule

ATTACHED = Message("attached", "warning", "文档缺少{table}；页面链接了附件“{attachments}”，此表可能在附件中，请一并核查。",
                   "网页的表格在链接的附件中：请一并核查")
OPTIONAL = Message("optional", "warning", "文档缺少{table}（模板中的可选表）。", "模板中的可选表缺失")
UNREAD = Message("unread", "warning", "文档中未读到{table}：未读到任何决算表，表格可能缺失，也可能是图片或未能识别的版式，请核查。",
                 "未读到任何表格：可能是图片或未能识别的版式")
PRINTED_UNREAD = Message("printed_unread", "warning", "文档印有表题“{title}”，但未能读出{table}的表格：可能是图片或未能识别的版式，请核查此表。",
                         "表题在，表格未能读取：可能是图片或未能识别的版式")
REQUIRED = Message("required", "error", "文档缺少{table}：模板要求公开此表（无数据时也应公开并注明）。", "模板要求公开的表缺失")


@rule("COMP-001", "表格缺失", "error", messages=(ATTACHED, OPTIONAL, UNREAD, PRINTED_UNREAD, REQUIRED), documents=("final", "budget"))
def check(c):
    """Every table of the profile is in the document (``Table.present`` False, or no table at all → finding).

    Example: a Shanxi document without 公开10表 部门决算公开相关信息统计表 → 错误; an optional table of the
    profile that is missing → 警告; a table a web page's 目录 lists while the page links an attachment
    (…决算报表.xls) that may hold it → 警告. A document read generically is checked against the tables its
    own 目录 lists (and those it prints). For a document read by ``juesuan audit`` the finding points at
    the document file (the reader reports nothing of its own for a missing table). A printed document of
    which no table at all was read → 警告 for each: its tables may be images or a layout the reader does not
    know, which the tool cannot tell from a document without them. A table whose title is printed in the
    body but whose rows could not be read (an image, a layout the reader does not know) → 警告 at its title.
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
            yield c.report(ATTACHED, _where(c, layout.id, c_label), {"table": c_label, "attachments": "、".join(attached)},
                           expected="有此表", found="本文件中缺失")
            continue
        title = next((p for p in (d.reading.unread_titles if d.reading is not None else []) if p.table == layout.id), None)
        if title is not None and not layout.optional:
            # its title is printed: the table is there in a form the reader could not read
            yield c.report(PRINTED_UNREAD, Location(table=layout.id, source=title.loc, label=c_label),
                           {"table": c_label, "title": title.text}, expected="读出此表", found="未能读取")
            continue
        message = OPTIONAL if layout.optional else UNREAD if none_read else REQUIRED
        yield c.report(message, _where(c, layout.id, c_label), {"table": c_label},
                       expected="有此表", found="缺失",
                       suggestion="没有数据的表也须保留表格格式，并注明“本表无数据”。" if layout.empty_statement else None)


def _where(c, table_id: str, label: str) -> Location:
    d = c.disclosure
    if d.origin != "printed" or not d.source:
        return c.table_loc(table_id)
    name = PurePath(d.source).name
    return Location(table=table_id, source=SourceLoc(file=name), label=f"{label}（{name}中没有此表）")
