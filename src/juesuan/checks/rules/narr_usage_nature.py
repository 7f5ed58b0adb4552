from __future__ import annotations

from ..claims import coded_items
from ..engine import Message, rule
from ..stated import item_loc, item_nature

SAYS = {"project": ("基本支出", "项目支出", "项目支出"), "basic": ("项目支出", "基本支出", "基本支出")}


OTHER_NATURE = Message("other_nature", None, "情况说明称{item}主要用于“{usage}”，而{table}中该科目全部为{truth}。",
                       "说明称基本支出（项目支出），表中该科目全部是另一种")


@rule("NARR-014", "科目说明的基本支出/项目支出与表格不符", "warning", messages=(OTHER_NATURE,))
def check(c):
    """A 科目 explained as 基本支出 has 基本支出 in the table, and one explained as 项目支出 has 项目支出
    (a warning: the wording may be loose, the table is the record).

    Example: 2、…一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。 while 一般公共预算财政拨款支出决算表
    prints it as 项目支出 only (10.00) → 警告.
    """
    for item in coded_items(c.claims):
        if not item.usage:
            continue
        nature = item_nature(c, item)
        if nature not in SAYS:
            continue
        said, not_said, truth = SAYS[nature]
        if said in item.usage and not_said not in item.usage:
            yield c.report(OTHER_NATURE, item_loc(c, item),
                           {"item": item.quantity.label, "usage": item.usage, "table": c.table_label(item.quantity.table), "truth": truth},
                           expected=truth, found=item.usage, suggestion=f"核实该科目支出性质，将说明改为{truth}，或更正表中基本支出、项目支出的划分。")
