from __future__ import annotations

from ..common import AT_LEAST_MESSAGES, check_at_least, summary_classes
from ..engine import rule


@rule("XTAB-010", "全部资金口径不小于财政拨款口径", "error", messages=AT_LEAST_MESSAGES)
def check(c):
    """公开01–03 cover all funds, 公开04–08 only 财政拨款, so all-funds figures are never smaller:
    公开03 (each code, 本年支出合计/基本/项目) ≥ 公开05 + 公开07 + 公开08; 公开01 each 类 ≥ 公开04 合计 of that 类;
    公开01 本年收入合计 ≥ 公开04 本年收入合计.

    Example: 公开03 212 本年支出合计 76,122.00 but 公开05 212 小计 76,221.90 → 错误 (equal is fine: 76,222.00 ≥ 76,221.90).
    """
    exp = c.table("expenditure")
    fiscal = [t for t in ("general_budget", "fund", "capital") if c.table(t) is not None]
    if exp is not None and fiscal:
        codes = set()
        for t in ["expenditure", *fiscal]:
            codes.update(r.key for r in c.table(t).coded_rows())
        for code in sorted(codes):
            for col in ("total", "basic", "project"):
                yield check_at_least(c, ("expenditure", code, col), [(t, code, col) for t in fiscal],
                                     why="（全部资金不应少于财政拨款）")
    if c.table("summary") is not None and c.table("fiscal_summary") is not None:
        for k in sorted(set(summary_classes(c, "summary")) & set(summary_classes(c, "fiscal_summary"))):
            yield check_at_least(c, ("summary", f"ex.{k}", "amount"), [("fiscal_summary", f"ex.{k}", "total")],
                                 why="（全部资金不应少于财政拨款）")
        yield check_at_least(c, ("summary", "in.total", "amount"), [("fiscal_summary", "in.total", "amount")],
                             why="（全部资金不应少于财政拨款）")
