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

The same machinery pairs the other documents a department publishes about the same money:

- YEAR-002 (consecutive budgets): a budget compares its figures with last year's budget
  (“比2024年预算增加3,355.65万元”); the 上年预算 each statement implies is compared with what last
  year's budget prints for it.
- YEAR-003 (budget ↔ final accounts of one year): every 年初预算 the final accounts state (the
  narrative's “年初预算为…万元”, the 三公 table's 预算数) is compared with the budget's figure.

Which figures and where they are printed is data (``crossdoc.yaml``).

The check takes two disclosures, so it is not in the per-document registry; ``juesuan audit
--prior`` and the batch (consecutive years of one department, and a department's budget and final
accounts of one year) call :func:`compare_years`.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .. import patterns
from ..budget_priors import NUMBER, crossdoc_pairs, half
from ..money import ZERO
from .engine import Checker, Finding, Location, _clip, fmt, fmt_bound

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
    """Findings for every figure of ``current`` that ``prior`` contradicts: last year's final accounts
    (YEAR-001), last year's budget (YEAR-002), or the same year's budget or final accounts (YEAR-003)."""
    families = (current.meta.family, prior.meta.family)
    if current.meta.year == prior.meta.year and set(families) == {"final", "budget"}:
        final, budget = (current, prior) if families[0] == "final" else (prior, current)
        return compare_budget_final(final, current_profile if final is current else prior_profile, budget,
                                    prior_profile if budget is prior else current_profile)
    if prior.meta.year != current.meta.year - 1 or families[0] != families[1]:
        return []
    if families == ("budget", "budget"):
        return compare_budgets(current, current_profile, prior, prior_profile)
    return _compare_finals(current, current_profile, prior, prior_profile)


def _compare_finals(current, current_profile, prior, prior_profile) -> list[Finding]:
    """YEAR-001: this year's final accounts' 上年 figures against last year's final accounts."""
    from .stated import claims, implied_prior, loc
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
    word = "年预算" if d.meta.family == "budget" else "年度决算"
    return f"{d.meta.year}{word}《{src}》" if src else f"{d.meta.year}{word}"


# ---- budgets: YEAR-002 (consecutive budgets), YEAR-003 (budget ↔ final accounts) ----------------

BUDGET_PRIOR = ("YEAR-002", "所述上年预算数与上年预算公开数不一致")
BUDGET_FINAL = ("YEAR-003", "决算所列年初预算数与当年预算公开数不一致")
WAN = Decimal(10000)


def _wan(d, table_id: str, value: Decimal) -> tuple[Decimal, Decimal]:
    """A model amount in 万元, and how far the printed figure may be from the true one."""
    t = d.tables.get(table_id)
    printed_wan = d.meta.unit == "万元" or (t is not None and t.printed_unit == "万元")
    amount = value / WAN if d.meta.unit == "元" else value
    return amount, (Decimal("0.005") if printed_wan else ZERO)


def _cell(c: Checker, address: str, name: str) -> tuple[Decimal, Decimal, Location] | None:
    table_id, row, column = address.split(":")
    value = c.get(table_id, row, column)
    if value is None:
        return None
    amount, error = _wan(c.disclosure, table_id, value)
    where = c.cell(table_id, row, column)
    where.label = f"{name}：{where.label}"
    return amount, error, where


def _sentence(s, i: int, text: str, name: str | None = None) -> Location:
    source = s.locs[i] if i < len(s.locs) else None
    label = f"“{s.title}”：“{_clip(text)}”"
    if source is not None and source.describe():
        label += f"（{source.describe()}）"
    return Location(section=s.key, sentence=text, source=source, label=f"{name}：{label}" if name else label)


def _stated_amount(d, label: str) -> tuple[Decimal, Decimal, Location] | None:
    """What last year's budget itself states for ``label`` (“机关运行经费预算为464.64万元”), when no table prints it."""
    pattern = patterns.compile(rf"{re.escape(label)}(?:预算)?(?:数)?(?:为|是)?\s*(?P<amount>{NUMBER})\s*万元")
    for s in d.narrative:
        for i, p in enumerate(s.paragraphs):
            m = pattern.search(p)
            if m:
                return Decimal(m.group("amount").replace(",", "")), half(m.group("amount")), _sentence(s, i, p, _name(d))
    return None


def compare_budgets(current, current_profile, prior, prior_profile) -> list[Finding]:
    """YEAR-002: the 上年预算 this year's budget states (``Disclosure.priors``: read from its text or
    columns, or its preparer's input), against last year's budget as published. A 上年执行数 is not
    last year's budget and is left to the final accounts."""
    from ..budget_priors import stated_priors

    cur = Checker(current, current_profile)
    prev = Checker(prior, prior_profile)
    name = _name(prior)
    sections = {s.key: s for s in current.narrative}
    findings = []
    seen = set()
    for st in current.priors or stated_priors(current):
        if st.basis != "budget" or (st.address, st.value) in seen:
            continue
        seen.add((st.address, st.value))
        got = _cell(prev, st.address, name) or (_stated_amount(prior, st.label) if st.label else None)
        if got is None:
            continue
        published, error, where = got
        diff = st.value - published
        bound = st.error + error
        if abs(diff) <= bound:
            continue
        section = sections.get(st.section or "")
        if st.column is not None:  # a 上年 column of this year's table
            table_id, row, _ = st.address.split(":")
            location = cur.cell(table_id, row, st.column)
        elif section is not None and st.paragraph is not None and st.paragraph < len(section.paragraphs):
            location = _sentence(section, st.paragraph, section.paragraphs[st.paragraph])
        else:
            location = cur.cell(*st.address.split(":"))
        what = st.label or cur.cell(*st.address.split(":")).label
        said = f"本年预算所述“{st.text}”，推出" if st.text else "本年预算所列"
        message = (f"{said}{prior.meta.year}年{what}预算为{fmt(st.value)}万元，"
                   f"而{name}公开的为{fmt(published)}万元（{where.label}），相差{fmt(diff, sign=True)}万元"
                   + (f"（超出尾数误差±{fmt_bound(bound)}）" if bound else "") + "。")
        findings.append(Finding(
            rule=BUDGET_PRIOR[0], severity="warning", title=BUDGET_PRIOR[1], message=message, location=location,
            expected=published, found=st.value, difference=diff, related=[where],
            suggestion="核对上年预算数是否引用了上年公开的预算数；如上年预算经过调整，应在说明中注明。"))
    return findings


def _budget_address(key: str) -> str | None:
    for pair in crossdoc_pairs()["final_budget"]:
        m = re.fullmatch(pair["final"], key)
        if m:
            return pair["budget"].format(**m.groupdict())
    return None


def compare_budget_final(final, final_profile, budget, budget_profile) -> list[Finding]:
    """YEAR-003: every 年初预算 the final accounts state (narrative and the 三公 table's 预算数), against
    the same year's budget as published. The finding is placed at the final accounts' figure."""
    from .stated import claims, loc

    fin = Checker(final, final_profile)
    bud = Checker(budget, budget_profile)
    name = _name(budget)
    stated: list[tuple[str, Decimal, Decimal, Location, str]] = []  # (budget address, 万元, error, where, what)
    for claim in claims(fin, "budget"):
        q = claim.quantity
        address = _budget_address(q.key) if q is not None and claim.value is not None else None
        said = claim.origin[max(0, claim.span[0] - 8):claim.span[0]] if claim.origin else claim.sentence
        if address is None or "全年预算" in said or "调整" in said:
            continue  # the 全年/调整预算 is not the published budget
        in_yuan = claim.unit == "元" or (not claim.unit and final.meta.unit == "元")
        value, error = (claim.value / WAN, claim.error / WAN) if in_yuan else (claim.value, claim.error)
        stated.append((address, value, error, loc(fin, claim), f"{q.label}年初预算"))
    t = fin.table("three_public")
    row = t.row("budget") if t is not None else None
    for column in (row.values if row is not None else {}):
        address = _budget_address(f"three_public:budget:{column}")
        value = fin.get("three_public", "budget", column)
        if address is None or value is None:
            continue
        amount, error = _wan(final, "three_public", value)
        stated.append((address, amount, error or (ZERO if fin.exact else Decimal("0.005")), fin.cell("three_public", "budget", column),
                       f"“三公”经费{fin.column_label('three_public', column)}预算数"))
    findings = []
    for address, value, error, where, what in stated:
        got = _cell(bud, address, name)
        if got is None:
            continue
        published, b_error, b_where = got
        diff = value - published
        bound = error + b_error
        if abs(diff) <= bound:
            continue
        message = (f"{final.meta.year}年度决算所列{what}为{fmt(value)}万元，而{name}公开的为{fmt(published)}万元"
                   f"（{b_where.label}），相差{fmt(diff, sign=True)}万元" + (f"（超出尾数误差±{fmt_bound(bound)}）" if bound else "") + "。")
        findings.append(Finding(
            rule=BUDGET_FINAL[0], severity="warning", title=BUDGET_FINAL[1], message=message, location=where,
            expected=published, found=value, difference=diff, related=[b_where],
            suggestion="决算中的年初预算数应与当年公开的部门预算一致；如引用的是调整预算，应写明“调整预算”或“全年预算”。"))
    return findings
