from __future__ import annotations

from ...money import ZERO
from ...performance import total_row_index
from ..engine import COMPARE, rule
from .perf_common import amount_error

COLUMNS = {"declared": "目标申报数", "budgeted": "预算编制数", "annual_budget": "全年预算数", "executed": "全年执行数"}


@rule("PERF-007", "绩效自评表资金总额与各来源之和不符", "error", messages=COMPARE)
def check(c):
    """On a form's funding rows, 资金总额 equals the sum of the source rows (财政资金, 其他资金 …), column by column.

    Example: 资金总额 全年预算数 10.526 with 市辖区财政资金 10.256 → 错误 (疑为两位数字颠倒).
    """
    spec = c.profile.performance
    for form in c.disclosure.performance:
        idx = total_row_index(form)
        if idx is None or len(form.funding) < 2:
            continue
        head = form.funding[idx]
        sources = [r for i, r in enumerate(form.funding) if i != idx]
        for col, label in COLUMNS.items():
            found = getattr(head, col)
            values = [getattr(r, col) for r in sources]
            if found is None or all(v is None for v in values):
                continue
            expected = sum((v for v in values if v is not None), ZERO)
            if found == expected:
                continue
            bound = ZERO if c.exact else amount_error(found, spec) + sum((amount_error(v, spec) for v in values), ZERO)
            yield c.mismatch(found=found, expected=expected, bound=bound, what=f"绩效自评表“{form.name}”资金总额的{label}",
                             against="各资金来源之和", location=c.form_loc(form, f"funding[{idx}].{col}", f"资金总额{label}"))
