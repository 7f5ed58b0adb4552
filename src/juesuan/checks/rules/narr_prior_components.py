from __future__ import annotations

from ...money import ZERO
from ..engine import Message, fmt, rule
from ..stated import claims, implied_priors, loc
from ..values import Value

TP = "three_public:actual:"


CLASSES_SHORT = Message("classes_short", None, "按情况说明各类支出的增减额推算，上年一般公共预算财政拨款支出各类之和为{sum}万元，"
                        "而上年总数为{total}万元，少{gap}万元；若上年有本年无支出的类，属正常，否则请核对各类的增减额。",
                        "推算的上年各类之和小于上年总数：上年有本年无支出的类可以解释，警告")
CLASSES_OVER = Message("classes_over", "error", "按情况说明各类支出的增减额推算，上年一般公共预算财政拨款支出各类之和为{sum}万元，"
                       "超过上年总数{total}万元（多{excess}万元），不可能成立：请核对增减额。", "推算的上年各类之和大于上年总数")
PARTS_SHORT = Message("parts_short", None, "按情况说明推算，上年{what}为{total}万元，而上年{listed}之和为{sum}万元，少{gap}万元。"
                      "本年没有的{missing}，上年若有，可以解释这一差额，属正常；否则请核对各项的增减额。",
                      "推算的上年总计大于所列各部分之和：只有本年没有的部分可以解释，警告并列出这些部分")
THREE_PUBLIC = Message("three_public", "error", "按情况说明推算，上年“三公”经费各项之和为{sum}万元，而上年{total_name}为{total}万元，二者应相等。",
                       "推算的上年“三公”经费各项之和不等于其合计")
INCOME_EXPENDITURE = Message("income_expenditure", "error", "按情况说明推算，上年收入总计{income}万元与上年支出总计{expenditure}万元不相等。",
                             "推算的上年收入总计不等于支出总计")
FISCAL_OVER_WHOLE = Message("fiscal_over_whole", None, "按情况说明推算，上年财政拨款收支总计{fiscal}万元大于上年收支总计{whole}万元。",
                            "推算的上年财政拨款收支总计大于全部资金的收支总计")
SPENT_OVER_FISCAL = Message("spent_over_fiscal", None, "按情况说明推算，上年各项财政拨款支出之和{sum}万元大于上年财政拨款收支总计{fiscal}万元。",
                            "推算的上年三类财政拨款支出之和大于财政拨款收支总计")


@rule("NARR-009", "上年数的组成部分与上年总数不符", "warning",
      messages=(CLASSES_SHORT, CLASSES_OVER, PARTS_SHORT, THREE_PUBLIC, INCOME_EXPENDITURE, FISCAL_OVER_WHOLE, SPENT_OVER_FISCAL))
def check(c):
    """Last year's figures, as the narrative implies them (this year − stated change) or as the data gives
    them, must add up at every level the narrative states: the 类 of 一般公共预算财政拨款支出 to its total (a
    shortfall is a 警告, since a 类 with spending only last year explains it; an excess is an 错误); 财政拨款支出总计
    to 一般公共预算 + 政府性基金 + 国有资本经营 spending + 年末财政拨款结转和结余, and 收入总计 to 财政拨款收入总计 +
    the non-fiscal income (a shortfall is a 警告 when every part this year's document has is stated, so only a
    part last year had and this year lacks explains it; the finding names those parts); the 三公 items to the
    三公 total (错误); 收入总计 to 支出总计 (错误); 财政拨款 figures no larger than all-funds ones (警告).

    Example: the seed's per-类 changes imply last year's 类 summing to 202,601.77 while 五（一） implies
    213,601.77 → 警告 (差额11,000.00). Its 四 implies 财政拨款支出总计 242,839.15 last year, while 五（一）
    213,601.77 + 七 29,231.79 = 242,833.56 → 警告 (差额5.59: only a 国有资本经营 amount or a 年末结转和结余 last
    year, both blank this year, explains it).
    """
    priors = implied_priors(c)
    if not priors:
        return

    def p(key):
        """(last year's figure, the claim stating its change or None, its key)."""
        found = priors.get(key)
        if found is None:
            return None
        if found[1] is None:
            # From the data: locate it at the sentence that states the change, if any.
            for claim in claims(c, "change", "flat"):
                if claim.quantity is not None and claim.quantity.key == key:
                    return (found[0], claim, key)
        return (found[0], found[1], key)

    # 一般公共预算财政拨款支出: Σ 类 ≤ total
    total = p("general_budget:total:total")
    gb = c.table("general_budget")
    if total is not None and gb is not None:
        classes = {r.key for r in gb.coded_rows() if len(r.key) == 3 and r.values.get("total")}
        classes |= {k.split(":")[1] for k in priors if k.startswith("general_budget:") and len(k.split(":")[1]) == 3}
        parts = [p(f"general_budget:{k}:total") for k in sorted(classes)]
        if classes and all(x is not None for x in parts):
            s = sum((x[0].value for x in parts), ZERO)
            bound = total[0].error + sum((x[0].error for x in parts), ZERO)
            gap = total[0].value - s
            if abs(gap) > bound:
                where = _where(c, *total[1:])
                if gap > 0:
                    yield c.report(
                        CLASSES_SHORT, where, {"sum": fmt(s), "total": fmt(total[0].value), "gap": fmt(gap)}, expected=total[0].value, found=s, difference=-gap,
                    )
                else:
                    yield c.report(
                        CLASSES_OVER, where, {"sum": fmt(s), "total": fmt(total[0].value), "excess": fmt(-gap)},
                        expected=total[0].value, found=s, difference=-gap,
                    )
    # 财政拨款支出总计 = the three budgets' spending + 年末结转和结余; 收入总计 = 财政拨款收入总计 + non-fiscal income
    fiscal_total = p("fiscal_summary:ex.grand_total:total") or p("fiscal_summary:in.grand_total:amount")
    yield from _shortfall(c, p, "财政拨款支出总计", fiscal_total, FISCAL_PARTS)
    whole_total = p("summary:in.grand_total:amount") or p("summary:ex.grand_total:amount")
    yield from _shortfall(c, p, "收入总计", whole_total, INCOME_PARTS)
    # 三公: closed compositions
    for parent, kids in ((f"{TP}total", [f"{TP}abroad", f"{TP}vehicle_total", f"{TP}reception"]),
                         (f"{TP}vehicle_total", [f"{TP}vehicle_purchase", f"{TP}vehicle_running"])):
        top = p(parent)
        if top is None:
            continue
        parts = [p(k) for k in kids]
        if parent.endswith("total") and parts[1] is None:
            a, b = p(f"{TP}vehicle_purchase"), p(f"{TP}vehicle_running")
            if a is not None and b is not None:
                parts[1] = (Value(a[0].value + b[0].value, a[0].error + b[0].error), a[1])
        if any(x is None for x in parts):
            continue
        s = sum((x[0].value for x in parts), ZERO)
        bound = top[0].error + sum((x[0].error for x in parts), ZERO)
        if abs(top[0].value - s) > bound:
            yield c.report(THREE_PUBLIC, _where(c, *top[1:]),
                           {"sum": fmt(s), "total_name": "合计" if parent.endswith(":total") else "公务用车购置及运行维护费",
                            "total": fmt(top[0].value)},
                           expected=top[0].value, found=s, difference=s - top[0].value)
    # 收入总计 = 支出总计, last year too
    a, b = p("summary:in.grand_total:amount"), p("summary:ex.grand_total:amount")
    if a is not None and b is not None and abs(a[0].value - b[0].value) > a[0].error + b[0].error:
        yield c.report(INCOME_EXPENDITURE, _where(c, a[1] or b[1], a[2]), {"income": fmt(a[0].value), "expenditure": fmt(b[0].value)},
                       expected=a[0].value, found=b[0].value,
                       difference=b[0].value - a[0].value)
    # scope: 财政拨款 ≤ all funds; 一般公共预算 + 政府性基金 + 国有资本 spending ≤ 财政拨款总计
    fiscal = p("fiscal_summary:in.grand_total:amount") or p("fiscal_summary:ex.grand_total:total")
    whole = p("summary:in.grand_total:amount") or p("summary:ex.grand_total:amount")
    if fiscal is not None and whole is not None and fiscal[0].value > whole[0].value + fiscal[0].error + whole[0].error:
        yield c.report(FISCAL_OVER_WHOLE, _where(c, *fiscal[1:]), {"fiscal": fmt(fiscal[0].value), "whole": fmt(whole[0].value)},
                       expected=f"≤{fmt(whole[0].value)}", found=fiscal[0].value)
    spent = [p("general_budget:total:total"), p("fund:total:total"), p("capital:total:total")]
    known = [x for x in spent if x is not None]
    if fiscal is not None and len(known) >= 2:
        s = sum((x[0].value for x in known), ZERO)
        if s > fiscal[0].value + fiscal[0].error + sum((x[0].error for x in known), ZERO):
            yield c.report(SPENT_OVER_FISCAL, _where(c, *fiscal[1:]), {"sum": fmt(s), "fiscal": fmt(fiscal[0].value)},
                           expected=f"≤{fmt(fiscal[0].value)}", found=s)


# (part, the keys its prior-year figure may have, this year's figure as the tables print it)
FISCAL_PARTS = [
    ("一般公共预算财政拨款支出", ("general_budget:total:total",), "fiscal_summary:ex.total:general"),
    ("政府性基金预算财政拨款支出", ("fund:total:total",), "fiscal_summary:ex.total:fund"),
    ("国有资本经营预算财政拨款支出", ("capital:total:total",), "fiscal_summary:ex.total:capital"),
    ("年末财政拨款结转和结余", ("fiscal_summary:ex.end_balance:total",), "fiscal_summary:ex.end_balance:total"),
]
INCOME_PARTS = [
    ("财政拨款收入总计", ("fiscal_summary:in.grand_total:amount", "fiscal_summary:ex.grand_total:total"), "fiscal_summary:in.grand_total:amount"),
    *((name, (f"income:total:{col}", f"summary:in.{col}:amount"), f"summary:in.{col}:amount")
      for col, name in (("superior", "上级补助收入"), ("business", "事业收入"), ("operation", "经营收入"),
                        ("affiliated", "附属单位上缴收入"), ("other", "其他收入"))),
    ("使用非财政拨款结余", ("summary:in.nonfiscal_balance_used:amount",), "summary:in.nonfiscal_balance_used:amount"),
    ("非财政拨款年初结转和结余", (), ("summary:in.begin_balance:amount", "fiscal_summary:in.begin_balance:amount")),
]


def _now(c, where) -> Value | None:
    """This year's figure of a part: an address, or (a, b) for a − b."""
    if isinstance(where, tuple):
        a, b = (c.address(x) for x in where)
        return None if a is None or b is None else Value(a - b)
    v = c.address(where)
    return None if v is None else Value(v)


def _shortfall(c, p, what: str, total, parts):
    """A prior-year total larger than its stated parts, when no part this year's document has is unstated:
    only parts last year had and this year lacks explain the difference (警告 naming them)."""
    if total is None:
        return
    stated, missing = [], []
    for name, keys, where in parts:
        prior = next((x for x in (p(k) for k in keys) if x is not None), None)
        if prior is not None:
            stated.append((name, prior))
            continue
        now = _now(c, where)
        if now is None or now.value != 0:
            return  # a part this year has, or cannot be seen, whose prior is unknown: nothing to check
        missing.append(name)
    if len(stated) < 2 or not missing:
        return
    s = sum((x[0].value for _, x in stated), ZERO)
    gap = total[0].value - s
    if gap <= total[0].error + sum((x[0].error for _, x in stated), ZERO):
        return  # equal within rounding; an excess is the scope checks' (below)
    listed = "与".join(f"{name}（{fmt(x[0].value)}万元）" for name, x in stated)
    related = [loc(c, x[1]) for _, x in stated if x[1] is not None and x[1] is not total[1]]
    yield c.report(
        PARTS_SHORT, _where(c, *total[1:]),
        {"what": what, "total": fmt(total[0].value), "listed": listed, "sum": fmt(s), "gap": fmt(gap), "missing": "、".join(missing)},
        expected=total[0].value, found=s, difference=-gap, related=related,
    )


def _where(c, claim, key: str = ""):
    if claim is not None:
        return loc(c, claim)
    from ..engine import Location
    from ..stated import quantity_input

    source = quantity_input(c, "prior", key) if key else None  # built from a workbook: the 上年决算数 cell
    return Location(section="*", source=source, label="情况说明（上年数据）" + (f"（{source.describe()}）" if source else ""))
