from __future__ import annotations

from ...money import rounded
from ..budget import shown
from ..engine import Message, fmt, fmt_bound, rule
from ..stated import claims, loc
from ..suggest import fix_value

CUT_OFF = Message("cut_off", "info", "“{title}”称{quantity}{said}，{where}为{printed}，四舍五入应为{rounded}万元：尾数未按四舍五入取舍。",
                  "相差不到末位一个单位：尾数截去而未四舍五入，提示")
OTHER_SCOPE = Message("other_scope", "warning", "“{title}”称{quantity}{said}，与{other}（{scope}，{other_printed}）相符，"
                      "而{where}为{printed}：口径可能不一致。", "所述金额等于另一口径的同一科目：口径可能不一致，警告")
DIFFERENT = Message("different", "error", "“{title}”称{quantity}{said}，而{where}为{printed}，相差{difference}万元（超出尾数误差±{bound}万元）。",
                    "所述金额与表中的数不同，超出尾数误差")
DIFFERENT_SCOPE = Message("different_scope", "warning", "“{title}”称{quantity}{said}，而{where}为{printed}，"
                          "相差{difference}万元（超出尾数误差±{bound}万元）；说明所指口径可能与表不同。",
                          "所述金额与表中的数不同，而说法可能指另一口径（budget_narrative.yaml 的 severity: warning）")


def _where(c, reading) -> str:
    words = [c.where(*a.split(":")) for a in reading.addresses]
    return words[0] if len(words) == 1 else "、".join(words) + "之和"


def _printed(c, reading, value) -> str:
    """The table's figure as printed (元) and in 万元: “873,617（87.36万元）”."""
    if len(reading.addresses) == 1:
        table_id = reading.addresses[0].split(":")[0]
        text = shown(c, table_id, c.get(*reading.addresses[0].split(":")))
        return text if text.endswith("万元") else f"{text}{c.disclosure.meta.unit}（{fmt(rounded(value, 2))}万元）"
    return f"{fmt(rounded(value, 2))}万元"


@rule("NARR-021", "预算说明的金额与预算表不符", "error", documents=("budget",),
      messages=(CUT_OFF, OTHER_SCOPE, DIFFERENT, DIFFERENT_SCOPE))
def check(c):
    """Every amount a budget's 编制说明 and 其他相关情况说明 state (万元) equals the figure the tables print for it
    (元, or the 三公 table's 万元): 收入/支出预算, 财政拨款, 一般公共预算/政府性基金/国有资本经营 拨款支出, the 类/款/项
    of each numbered item (财政拨款支出主要内容), 三公 and its parts, 机关运行经费. A difference within half a unit
    of the narrative's last printed place (and the table's own rounding) is no finding. Where the phrase may name
    another scope than a table prints (基本支出, 人员经费: all funds or 一般公共预算 only), or the figure equals
    the same 科目 in another scope (all funds for 财政拨款), it is a 警告.

    Example: 7.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”887.36万元 where
    the 一般公共预算支出功能分类预算表 prints 2080506 合计 873,617 元 (87.36万元) → 错误, at the sentence (page, line)
    with the cell as its related location.
    """
    from ..budget_claims import claim_wan, reading_value, spec_of  # a budget's parser: not loaded for a final account
    seen = set()
    for claim in claims(c, "amount", "budget"):
        if claim.quantity is not None:
            key = (claim.section, claim.paragraph, claim.quantity.key, claim.value)
            if key in seen:
                continue  # “…（项）”738.66万元 … 2024年预算安排738.66万元: the same figure said twice is one finding
            seen.add(key)
        spec = spec_of(c, claim.quantity)
        if spec is None or claim.value is None:
            continue
        readings, severity = spec
        stated, error = claim_wan(c, claim)
        values = [(r, v) for r in readings for v in [reading_value(c, r)] if v is not None]
        own = [(r, v) for r, v in values if r.scope is None]
        if not own or any(abs(stated - v) <= error + e for _, (v, e) in own):
            continue
        q = claim.quantity
        reading, (value, bound) = own[0]
        diff = stated - value
        fields = {"title": claim.title, "quantity": q.label, "said": claim.text, "where": _where(c, reading),
                  "printed": _printed(c, reading, value)}
        if abs(diff) < 2 * error + bound:
            # within one unit of the last printed place: cut off (截尾), not rounded half up
            yield c.report(
                CUT_OFF, loc(c, claim), {**fields, "rounded": fmt(rounded(value, claim.decimals))}, expected=rounded(value, claim.decimals), found=stated, difference=diff,
                related=[c.cell(*a.split(":")) for a in reading.addresses])
            continue
        related = [c.cell(*a.split(":")) for a in reading.addresses]
        other = next(((r, v) for r, (v, e) in values if r.scope is not None and abs(stated - v) <= error + e), None)
        if other is not None:
            r, v = other
            yield c.report(
                OTHER_SCOPE, loc(c, claim), {**fields, "other": _where(c, r), "scope": r.scope, "other_printed": _printed(c, r, v)},
                expected=value, found=stated, difference=diff,
                related=related + [c.cell(*a.split(":")) for a in r.addresses],
                suggestion=f"核对所述金额的口径：财政拨款应为{fmt(value)}万元。")
            continue
        yield c.report(
            DIFFERENT_SCOPE if severity == "warning" else DIFFERENT, loc(c, claim),
            {**fields, "difference": fmt(rounded(diff, max(claim.decimals, 2)), sign=True), "bound": fmt_bound(error + bound)},
            expected=value, found=stated, difference=diff, related=related,
            suggestion=fix_value(stated, rounded(value, max(claim.decimals, 2)), f"说明中的{q.label}"))
