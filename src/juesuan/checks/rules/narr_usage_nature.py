from __future__ import annotations

from ..claims import coded_items
from ..engine import rule
from ..stated import item_loc, item_nature

SAYS = {"project": ("基本支出", "项目支出", "项目支出"), "basic": ("项目支出", "基本支出", "基本支出")}


@rule("NARR-014", "科目说明的基本支出/项目支出与表格不符", "warning")
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
            yield c.finding(f"情况说明称{item.quantity.label}主要用于“{item.usage}”，而{c.table_label(item.quantity.table)}中"
                            f"该科目全部为{truth}。", item_loc(c, item), expected=truth, found=item.usage,
                            suggestion=f"核实该科目支出性质，将说明改为{truth}，或更正表中基本支出、项目支出的划分。")
