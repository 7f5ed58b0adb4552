from __future__ import annotations

from ...money import ZERO
from ..engine import Message, fmt, rule
from ..stated import claims, loc
from ..suggest import fix_sum

PARTS = Message("parts", "error", "“{title}”称{quantity}{said}，而所列{parts}之和为{sum}万元，相差{difference}万元。",
                "所述合计与“其中”所列分项之和不同，超出尾数误差")
PARTS_INCOMPLETE = Message("parts_incomplete", "warning",
                           "“{title}”称{quantity}{said}，而所列{parts}之和为{sum}万元，相差{difference}万元（所列分项可能不全，如上年结转）。",
                           "所列分项可能不全（budget_narrative.yaml 的 parts_severity: warning，如收入预算不列上年结转）：警告")


def _agrees_with_tables(c, claim) -> bool:
    from ..budget_claims import claim_wan, reading_value, spec_of  # a budget's parser: not loaded for a final account
    spec = spec_of(c, claim.quantity)
    if spec is None:
        return False
    stated, error = claim_wan(c, claim)
    return any(v is not None and abs(stated - v[0]) <= error + v[1] for r in spec[0] if r.scope is None
               for v in [reading_value(c, r)])


@rule("NARR-023", "预算说明内部的合计与所列分项之和不符", "error", documents=("budget",), messages=(PARTS, PARTS_INCOMPLETE))
def check(c):
    """Within a paragraph of a budget's narrative, a total it states equals the sum of the parts it lists after
    “其中”: “三公”经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费; 公务用车购置及运行费 = 购置费 + 运行费;
    政府采购预算 = 货物 + 工程 + 服务 (no table prints these three: the narrative is their only place); 财政拨款支出 =
    一般公共预算 + 政府性基金 + 国有资本经营; 收入预算 = 财政拨款 + 事业 + 经营 + 其他 (警告: a list may leave out
    上年结转). Every part must be stated; each printed figure may be off by half a unit of its last place. Where
    every figure is the tables' own, a difference is the tables' (the BUD rules report it).

    Example: 三、“2025年本部门政府采购预算4821.20万元，其中：政府采购货物预算57.43万元、政府采购工程预算3780.72万元、
    政府采购服务预算993.05万元” → Σ 4831.20 → 错误.
    """
    from ..budget_claims import claim_wan, quantities  # a budget's parser: not loaded for a final account
    stated: dict[tuple[str, int, str], object] = {}
    for claim in claims(c, "amount", "budget"):
        if claim.quantity is not None and claim.value is not None:
            stated.setdefault((claim.section, claim.paragraph, claim.quantity.key), claim)
    paragraphs = list(dict.fromkeys((s, p) for s, p, _ in stated))
    for section, paragraph in paragraphs:
        for key, bq in quantities().items():
            top = stated.get((section, paragraph, key))
            if top is None or not bq.parts:
                continue
            parts = [stated.get((section, paragraph, k)) for k in bq.parts]
            if "budget.vehicle_total" in bq.parts and parts[bq.parts.index("budget.vehicle_total")] is None:
                # “公务用车购置费…；公务用车运行费…” listed instead of their sum
                alt = [stated.get((section, paragraph, k)) for k in quantities()["budget.vehicle_total"].parts]
                i = bq.parts.index("budget.vehicle_total")
                parts = parts[:i] + alt + parts[i + 1:]
            if any(p is None for p in parts):
                continue
            total, total_err = claim_wan(c, top)
            values = [claim_wan(c, p) for p in parts]
            s = sum((v for v, _ in values), ZERO)
            bound = total_err + sum((e for _, e in values), ZERO)
            diff = total - s
            if abs(diff) <= bound or all(_agrees_with_tables(c, x) for x in (top, *parts)):
                continue
            labels = "、".join(p.quantity.label for p in parts)
            yield c.report(
                PARTS_INCOMPLETE if bq.parts_severity == "warning" else PARTS, loc(c, top),
                {"title": top.title, "quantity": top.quantity.label, "said": top.text, "parts": labels, "sum": fmt(s),
                 "difference": fmt(diff, sign=True)}, expected=s, found=total, difference=diff,
                suggestion=fix_sum(top.quantity.label, total, [(p.quantity.label, v) for p, (v, _) in zip(parts, values)]))
