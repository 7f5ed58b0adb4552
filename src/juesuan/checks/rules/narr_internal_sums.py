from __future__ import annotations

from ...money import ZERO
from ...tables import VEHICLE_CATEGORIES
from ..claims import Claim
from ..engine import Message, fmt, rule
from ..stated import claims, loc
from ..suggest import fix_sum
from ..values import model_value, same_when_printed

TP = "three_public:actual:"
INCOME_PARTS = ["income:total:fiscal", "income:total:superior", "income:total:business", "income:total:operation",
                "income:total:affiliated", "income:total:other"]
FISCAL_SOURCES = ["summary:in.fiscal_general:amount", "summary:in.fiscal_fund:amount", "summary:in.fiscal_capital:amount"]
GROUPS = [
    ("summary:in.total:amount", INCOME_PARTS),
    ("summary:ex.total:amount", [f"expenditure:total:{k}" for k in ("basic", "project", "upper", "operation", "affiliated")]),
    ("general_budget:total:basic", ["general_basic:personnel_total:amount", "general_basic:public_total:amount"]),
    (f"{TP}total", [f"{TP}abroad", f"{TP}vehicle_total", f"{TP}reception"]),
    (f"{TP}vehicle_total", [f"{TP}vehicle_purchase", f"{TP}vehicle_running"]),
    ("statistics:procurement.total:amount", [f"statistics:procurement.{k}:amount" for k in ("goods", "works", "services")]),
    ("statistics:vehicles.total:amount", [f"statistics:{k}:amount" for k in VEHICLE_CATEGORIES]),
    ("perf:projects", ["perf:grade.优", "perf:grade.良", "perf:grade.中", "perf:grade.差", "perf:grade.合格", "perf:grade.不合格"]),
    ("perf:issues_found", ["perf:issues_fixed", "perf:issues_fixing"]),
]


def first_stated(c, kinds=("amount", "count")) -> dict[tuple[str, str], Claim]:
    """The first claim of each (section, quantity key)."""
    out: dict[tuple[str, str], Claim] = {}
    for claim in claims(c, *kinds):
        if claim.quantity is not None:
            out.setdefault((claim.section, claim.quantity.key), claim)
    return out


def _unstated_zero(c, keys) -> bool:
    """Parts the text leaves out (不涉及的不列) are zero in the tables, or the text lists every part."""
    from ..claims import Q

    for key in keys:
        q = Q(key, key) if ":" in key and not key.startswith(("perf:", "facts:", "derived:")) else None
        if q is None:
            return False
        v = model_value(c, q)
        if v is None or v.value != 0:
            return False
    return True


SUM_ROUNDING = Message("rounding", "info", "情况说明称{quantity}{what}为{said}，而所列{listed}{what}之和为{sum}，相差{difference}，在尾数误差以内。",
                       "相差不超过舍入误差：提示")
SUM_SHORT = Message("short", "warning", "情况说明称{quantity}{what}为{said}，而所列{listed}{what}之和为{sum}，相差{difference}"
                    "；若有已安排{what}而本年无支出（未列出）的科目，属正常，否则请核对。",
                    "所列预算之和小于合计：可能有已安排预算而本年无支出、未列出的科目，警告")
SUM_DIFFERENT = Message("different", None, "情况说明称{quantity}{what}为{said}，而所列{listed}{what}之和为{sum}，相差{difference}。",
                        "所述合计与所列分项之和不同，超出舍入误差")


@rule("NARR-011", "情况说明内部的合计与分项之和不符", "error", messages=(SUM_ROUNDING, SUM_SHORT, SUM_DIFFERENT))
def check(c):
    """Within the narrative, a stated total equals the sum of the parts it lists: 收入合计 = Σ 各项收入;
    支出合计 = 基本 + 项目 + …; 基本支出 = 人员经费 + 公用经费; “三公”经费 = 出国 + 公务用车 + 接待; 政府采购 =
    货物 + 工程 + 服务; 车辆 = Σ 各类用车; 绩效自评项目个数 = Σ 各等级个数; 发现问题 = 已整改 + 正在整改;
    年初预算 = Σ 各类（项）年初预算; 一般公共预算财政拨款支出 = Σ 各类. Parts left out must be zero.

    Example: 上海 十一（二）“政府采购金额251.25万元，其中：货物4.79万元、工程0万元、服务246.47万元” → Σ 251.26 → 提示.
    """
    stated = first_stated(c)
    sections = list(dict.fromkeys(s for s, _ in stated))  # in the order stated: a set's order varies by hash seed
    groups = list(GROUPS)
    gb = c.disclosure.tables.get("general_budget")
    class_keys = sorted({f"general_budget:{k}:total" for (_, key) in stated for k in [key.split(":")[1]]
                         if key.startswith("general_budget:") and len(key.split(":")[1]) == 3})
    if class_keys:
        groups.append(("general_budget:total:total", class_keys))
    for section in sections:
        for parent, kids in groups:
            top = stated.get((section, parent))
            if top is None:
                continue
            kid_keys = list(kids)
            if parent == "summary:in.total:amount" and (section, "income:total:fiscal") not in stated:
                kid_keys = FISCAL_SOURCES + kid_keys[1:]
            if parent == f"{TP}total" and (section, f"{TP}vehicle_total") not in stated:
                kid_keys = [f"{TP}abroad", f"{TP}vehicle_purchase", f"{TP}vehicle_running", f"{TP}reception"]
            parts = [(k, stated[(section, k)]) for k in kid_keys if (section, k) in stated]
            if len(parts) < 2:
                continue
            missing = [k for k in kid_keys if (section, k) not in stated]
            if parent.startswith("general_budget:total:total"):
                classes = [r.key for r in (gb.coded_rows() if gb else []) if len(r.key) == 3]
                missing = [f"general_budget:{k}:total" for k in classes if (section, f"general_budget:{k}:total") not in stated]
            if missing and not _unstated_zero(c, missing):
                continue
            yield _compare(c, top, parts)
        yield from _budget_sum(c, section)


def _restates_tables(c, claim: Claim) -> bool:
    if claim.kind != "amount" and claim.kind != "count":
        return False
    mv = model_value(c, claim.quantity)
    return mv is not None and same_when_printed(mv.value, claim)


def _compare(c, top: Claim, parts: list[tuple[str, Claim]], what: str = "", short_is_possible: bool = False):
    s = sum((p.value for _, p in parts), ZERO)
    if s == top.value:
        return None
    if all(_restates_tables(c, x) for x in (top, *(p for _, p in parts))):
        return None  # each figure is the tables' own: any difference is the tables', reported by their rules
    bound = top.error + sum((p.error for _, p in parts), ZERO)
    labels = [p.quantity.label for _, p in parts]
    listed = "、".join(labels) if len(labels) <= 4 else f"{len(labels)}项"
    diff = top.value - s
    fields = {"quantity": top.quantity.label, "what": what, "said": top.text, "listed": listed, "sum": fmt(s),
              "difference": fmt(diff, sign=True)}
    if abs(diff) <= bound:
        return c.report(SUM_ROUNDING, loc(c, top), fields, expected=s, found=top.value, difference=diff)
    if short_is_possible and diff > 0:
        return c.report(SUM_SHORT, loc(c, top), fields, expected=s, found=top.value, difference=diff)
    return c.report(SUM_DIFFERENT, loc(c, top), fields, expected=s, found=top.value, difference=diff,
                    suggestion=fix_sum(top.quantity.label, top.value, [(p.quantity.label, p.value) for _, p in parts]))


def _budget_sum(c, section: str):
    """年初预算 total = Σ of the finest codes whose 年初预算 the section states."""
    budgets: dict[str, Claim] = {}
    for claim in claims(c, "budget"):
        if claim.section == section and claim.quantity is not None and claim.quantity.key.startswith("general_budget:"):
            budgets.setdefault(claim.quantity.key.split(":")[1], claim)
    top = budgets.pop("total", None)
    if top is None or len(budgets) < 2:
        return
    codes = [k for k in budgets if not any(o != k and o.startswith(k) for o in budgets)]
    gb = c.table("general_budget")
    if gb is not None:
        spending = [r.key for r in gb.coded_rows() if len(r.key) == 3 and r.values.get("total")]
        if any(not any(code.startswith(k) for code in codes) for k in spending):
            return  # some 类 with spending has no stated budget: the list is not complete
    # A code budgeted but not spent is printed in no table and so not listed: a listed sum short of the
    # total may be such a code (警告); a listed sum above the total is wrong whatever is unlisted.
    yield _compare(c, top, [(k, budgets[k]) for k in sorted(codes)], what="年初预算", short_is_possible=True)
