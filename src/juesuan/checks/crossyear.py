"""Cross-year check (YEAR-001): this year's 上年 figures against last year's published figures.

A final-accounts narrative states last year only as differences (“较上年增加56.95万元”), so the
上年 figure it implies is this year's figure minus the stated change (as in
:func:`juesuan.checks.stated.implied_priors`, here for every statement, built or printed). Given the same department's disclosure of the year
before (read from its published document, or built), each implied figure is compared with what
that document prints for the same quantity (its table cell, else its own narrative): 收入支出总计,
财政拨款支出, 一般公共预算财政拨款支出 by 类/款/项, 三公 经费 by category, 机关运行经费 and the
other quantities the claims parser knows.

A disagreement beyond rounding is a 警告, not an 错误: last year's figures may have been restated
(调整) or the department's scope changed (机构改革), which the tool cannot know. The finding
carries both locations: the sentence this year, the cell (or sentence) last year.

The check takes two disclosures, so it is not in the per-document registry; ``juesuan audit
--prior`` and the batch (for consecutive years of one department) call :func:`compare_years`.
"""
from __future__ import annotations

from .engine import Checker, Finding, Location, fmt, fmt_bound

RULE_ID = "YEAR-001"
TITLE = "本年所述上年数与上年公开数不一致"
SEVERITY = "warning"


def _published(prev: Checker, q):
    """The figure of ``q`` in last year's document, with its location."""
    from .stated import loc, stated_amount
    from .values import model_value

    value = model_value(prev, q)
    if value is not None:
        for terms in q.terms:
            if all(prev.address(t) is not None for t in terms):
                return value, prev.cell(*terms[0].split(":")), len(terms) > 1
        return value, Location(label=prev.table_label(q.key.split(":")[0])), False
    value = stated_amount(prev, q)
    if value is None:
        return None
    claim = next((c for c in prev.claims_of("amount", "count") if c.quantity is not None and c.quantity.key == q.key), None)
    return value, (loc(prev, claim) if claim is not None else Location(label="上年情况说明")), False


def compare_years(current, current_profile, prior, prior_profile) -> list[Finding]:
    """Findings (rule YEAR-001) for every 上年 figure of ``current`` that ``prior`` contradicts."""
    from .stated import claims, implied_prior, loc

    if prior.meta.year != current.meta.year - 1:
        return []
    if current.meta.family != "final" or prior.meta.family != "final":
        return []  # the final accounts' narrative of changes; budgets state theirs against 上年预算
    cur = Checker(current, current_profile)
    prev = Checker(prior, prior_profile)
    prev.claims_of = lambda *kinds: (c for s in prev.claims for c in s.claims if c.kind in kinds)
    prior_name = _name(prior)
    findings: list[Finding] = []
    seen: set[str] = set()
    for claim in claims(cur, "change", "flat"):
        q = claim.quantity
        if q is None or q.key in seen:
            continue
        implied = implied_prior(cur, claim)
        if implied is None:
            continue
        seen.add(q.key)  # the first statement of a quantity's change is the one to check
        got = _published(prev, q)
        if got is None:
            continue
        published, where, _ = got
        diff = implied.value - published.value
        bound = implied.error + published.error
        if abs(diff) <= bound:
            continue
        where_label = f"{prior_name}：{where.label}"
        related = Location(table=where.table, row=where.row, column=where.column, section=where.section, sentence=where.sentence,
                           source=where.source, label=where_label)
        message = (
            f"本年情况说明所述{q.label}的增减，推出上年数为{fmt(implied.value)}，"
            f"而{prior.meta.year}年度公开的{q.label}为{fmt(published.value)}（{where_label}），相差{fmt(diff, sign=True)}"
            + (f"（超出尾数误差±{fmt_bound(bound)}）" if bound else "") + "。"
        )
        findings.append(Finding(
            rule=RULE_ID, severity=SEVERITY, title=TITLE, message=message, location=loc(cur, claim),
            expected=published.value, found=implied.value, difference=diff,
            suggestion="核对上年决算数是否引用了上年公开的数字；如上年数经过调整，应在说明中注明。", related=[related],
        ))
    return findings


def _name(d) -> str:
    src = (d.source or "").replace("\\", "/").rsplit("/", 1)[-1]
    return f"{d.meta.year}年度决算《{src}》" if src else f"{d.meta.year}年度决算"
