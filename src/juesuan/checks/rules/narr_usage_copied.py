from __future__ import annotations

from ...readers.normalize import compact
from ..claims import coded_items
from ..engine import Message, rule
from ..stated import item_loc


COPIED = Message("copied", None, "情况说明对{item}的说明“主要用于{usage}”与{earlier}的说明完全相同，可能是照抄。",
                 "两个不同科目的“主要用于”说明逐字相同")


@rule("NARR-013", "科目“主要用于”的说明与另一科目相同", "warning", messages=(COPIED,))
def check(c):
    """Each 科目 the narrative explains says what its own money was used for: the same “主要用于” text under
    two different 科目 is usually copied from one to the other (a warning: two items may truly share a use).

    Example: 5、…行政单位离退休（项）。主要用于：退休人员经费支出。… 8、…其他行政事业单位养老支出（项）。主要用于：
    退休人员经费支出。 → 警告 on item 8.
    """
    first: dict[str, object] = {}
    for item in coded_items(c.claims):
        if not item.usage:
            continue
        text = compact(item.usage).rstrip("等支出")
        if len(text) < 4 or "XXX" in text.upper() or "××" in text:
            continue  # too short to be telling, or a template's placeholder
        earlier = first.setdefault(text, item)
        if earlier is item or earlier.code == item.code:
            continue
        yield c.report(COPIED, item_loc(c, item), {"item": item.quantity.label, "usage": item.usage, "earlier": earlier.quantity.label},
                       expected=None, found=item.usage, suggestion=f"按{item.quantity.label}的实际用途改写说明。")
