from __future__ import annotations

from ..engine import Message, rule
from ..stated import claims, loc

BLANK = Message("blank", "error", "情况说明称{quantity}预算{said}，而{where}空白。", "表中预算数的单元格印为空白，说明称全年预算")
BLANK_UNSURE = Message("blank_unsure", "warning", BLANK.template,
                       "预算数行未读出，或说明称的是年初预算（可以与调整后的全年预算不同）：警告")


@rule("NARR-012", "表中预算数空白而情况说明列有预算", "error", messages=(BLANK, BLANK_UNSURE))
def check(c):
    """The “三公” table's 预算数 cells are filled wherever the narrative states a budget for them.

    The template's 预算数 is the 全年预算数 (调整后); a narrative 年初预算 may differ from it (a budget
    withdrawn during the year), so only a 全年预算 or plain 预算 beside a blank cell is certainly wrong.

    Example: 七、“‘三公’经费财政拨款支出全年预算为0.95万元” while the “三公”经费表's 预算数 合计 is blank → 错误;
    “…年初预算为0.95万元” → 警告.
    """
    t = c.table("three_public")
    if t is None or not c.in_profile("three_public"):
        return
    row = t.row("budget")
    for claim in claims(c, "budget"):
        q = claim.quantity
        if q is None or not q.key.startswith("three_public:actual:") or claim.value is None or claim.value <= claim.error:
            continue
        column = q.key.rsplit(":", 1)[1]
        if row is not None and row.values.get(column) is not None:
            continue
        # A blank cell is certain; a budget row not read at all may be the reader's miss, and a 年初预算
        # another basis than the table's.
        initial = "年初" in claim.origin[max(0, claim.span[0] - 8): claim.span[0]]
        certain = row is not None and column in row.values and not initial
        where = c.where("three_public", "budget", column) if row is not None else f"{c.table_label('three_public')}的预算数"
        yield c.report(BLANK if certain else BLANK_UNSURE, loc(c, claim), {"quantity": q.label, "said": claim.text, "where": where},
                       expected=claim.value, found=None,
                       suggestion=f"在{c.table_label('three_public')}的预算数栏填写{claim.text}，或更正情况说明。")
