"""The preparer's budget input (``BudgetData``) recovered from a budget disclosure's tables — a
published document read by ``juesuan audit``'s readers, or a built one — for ``juesuan init``:

- ``--example DOCUMENT``: the same year's input, so that ``build`` gives back the same tables;
- ``--from LAST_YEAR``: next year's workbook, its 上年预算数 the document's own 本年 figures and its
  项 rows pre-filled with last year's amounts as a starting point.

The tables hold every leaf compile needs but two splits, which are rebuilt so the tables come out
the same: a 项's non-fiscal 基本/项目 by source (the 收入预算总表 gives each source's amount, the 支出
预算总表 the 项's 基本/项目: 基本支出 goes to the sources in print order first), and a 单位预算's
公用经费 by 项 (its 财务收支预算总表 gives it by 类: given to the 类's 项 in code order, up to each
one's 基本支出).
"""
from __future__ import annotations

import re
from decimal import Decimal

from .budget_inputs import BudgetData, BudgetNarrativeInput, PriorBudget
from .inputs import ThreePublicAmounts
from .model import Disclosure, Meta
from .money import ZERO, from_wan

NON_FISCAL = ("business", "operation", "other")
FUND_TABLES = {"general": "budget_general", "fund": "budget_fund", "capital": "budget_capital"}


def _amount(d: Disclosure, table: str, row: str, column: str) -> Decimal:
    t = d.tables.get(table)
    r = t.row(row) if t is not None else None
    value = r.exact_value(column) if r is not None else None
    return value if value is not None else ZERO


def _leaves(d: Disclosure) -> list[dict]:
    expenditure = d.tables.get("budget_expenditure")
    codes = sorted({r.key for t in ("budget_expenditure", *FUND_TABLES.values()) if t in d.tables
                    for r in d.tables[t].rows if r.key.isdigit() and len(r.key) == 7})
    names = {r.key: r.name for t in d.tables.values() for r in t.rows if r.key in codes}
    leaves = []
    for code in codes:
        leaf: dict = {"code": code, "name": names.get(code) or code}
        fiscal = {"basic": ZERO, "project": ZERO}
        for source, table in FUND_TABLES.items():
            parts = {part: _amount(d, table, code, part) for part in ("basic", "project")}
            fiscal = {k: fiscal[k] + parts[k] for k in parts}
            if any(parts.values()):
                leaf[source] = parts
        if expenditure is not None:
            left = {part: max(_amount(d, "budget_expenditure", code, part) - fiscal[part], ZERO) for part in ("basic", "project")}
            for source in NON_FISCAL:
                amount = _amount(d, "budget_income", code, source)
                if not amount:
                    continue
                basic = min(amount, left["basic"])
                left["basic"] -= basic
                leaf[source] = {"basic": basic, "project": amount - basic}
        leaves.append(leaf)
    _public_by_leaf(d, leaves)
    return leaves


def _public_by_leaf(d: Disclosure, leaves: list[dict]) -> None:
    summary = d.tables.get("budget_summary")
    if summary is None:
        return
    for row in summary.rows:
        if not row.key.startswith("ex.") or row.exact_value("public") is None:
            continue
        left = row.exact_value("public") or ZERO
        for leaf in leaves:
            if not leaf["code"].startswith(row.key[3:]) or left <= 0:
                continue
            basic = sum((leaf[s]["basic"] for s in leaf if isinstance(leaf.get(s), dict)), ZERO)
            share = min(left, basic)
            leaf["public"] = share
            left -= share


def _three_public(d: Disclosure) -> ThreePublicAmounts:
    return ThreePublicAmounts(**{k: _amount(d, "budget_three_public", "budget", k)
                                 for k in ("abroad", "reception", "vehicle_purchase", "vehicle_running")})


def budget_data_from(d: Disclosure, *, next_year: bool = False, profile: str | None = None) -> BudgetData:
    """The input that builds ``d``'s tables again (``next_year``: the next year's starting point,
    with ``d``'s figures as its 上年预算数)."""
    m = d.meta
    meta = Meta(department=m.department, department_code=m.department_code, year=m.year + (1 if next_year else 0),
                unit=m.unit, input_unit=m.unit, profile=profile or m.profile, family="budget", level=m.level,
                unit_kind=m.unit_kind, document_title=None if next_year else m.document_title)
    basic = d.tables.get("budget_general_basic")
    general_basic = {r.key: r.exact_value("total") or ZERO for r in (basic.rows if basic is not None else [])
                     if r.key.isdigit() and len(r.key) == 5}
    narrative = BudgetNarrativeInput()
    if next_year:
        narrative.prior_budget = PriorBudget(
            fiscal=_amount(d, "budget_summary", "in.fiscal", "amount"),
            general=_amount(d, "budget_fiscal_summary", "ex.grand_total", "general"),
            fund=_amount(d, "budget_fiscal_summary", "ex.grand_total", "fund"),
            capital=_amount(d, "budget_fiscal_summary", "ex.grand_total", "capital"),
            three_public=_three_public(d),
        )
    else:
        narrative = BudgetNarrativeInput.model_validate(narrative_inputs(d))
        narrative.prior_budget, narrative.prior_execution = _stated_priors(d)
    running = d.tables.get("budget_three_public")
    return BudgetData.model_validate({
        "meta": meta,
        "overview": d.overview.model_copy(deep=True),
        "functional": _leaves(d),
        "general_basic": general_basic,
        "three_public": _three_public(d),
        "running_cost": _amount(d, "budget_three_public", "budget", "running") if running is not None else None,
        "narrative": narrative,
    })


PRIOR_FIELDS = {"budget_summary:in.fiscal:amount": "fiscal", "budget_fiscal_summary:ex.grand_total:general": "general",
                "budget_fiscal_summary:ex.grand_total:fund": "fund", "budget_fiscal_summary:ex.grand_total:capital": "capital"}
THREE_PUBLIC_PRIOR = ("abroad", "reception", "vehicle_purchase", "vehicle_running")


def _stated_priors(d: Disclosure) -> tuple[PriorBudget, dict[str, Decimal]]:
    """The 上年预算数 and 上年执行数 ``d`` states (``Disclosure.priors``, 万元), in ``d``'s unit."""
    unit = d.meta.unit
    budget: dict[str, Decimal] = {}
    execution: dict[str, Decimal] = {}
    for p in d.priors:
        value = from_wan(p.value, unit)
        if p.basis == "execution":
            execution.setdefault(p.address.split(":")[1], value)
        elif p.address in PRIOR_FIELDS:
            budget.setdefault(PRIOR_FIELDS[p.address], value)
        elif p.address.startswith("budget_three_public:budget:") and p.address.rsplit(":", 1)[1] in THREE_PUBLIC_PRIOR:
            budget.setdefault(p.address.rsplit(":", 1)[1], value)
    tp = {k: budget.pop(k) for k in THREE_PUBLIC_PRIOR if k in budget}
    three_public = ThreePublicAmounts(**tp) if len(tp) == len(THREE_PUBLIC_PRIOR) else None
    return PriorBudget(**budget, three_public=three_public), execution


# ---- the narrative's inputs, as far as the text states them ---------------------------------------
# What the preparer typed and the narrative prints back: reasons and usages, procurement, 绩效目标,
# assets, the units 机关运行经费 covers, the 项目经费情况说明 texts. Only what a sentence states plainly is
# taken; the rest stays blank for the preparer (the build marks it 【待补充】, never invents it).

_NUM = r"\d[\d,]*(?:\.\d+)?"
_REASON = r"主要原因是[:：]?(?P<why>[^。；]*)"
_THREE_PUBLIC = {"因公出国（境）费": "abroad", "公务用车购置及运行费": "vehicle_total", "公务用车购置费": "vehicle_purchase",
                 "公务用车运行费": "vehicle_running", "公务接待费": "reception"}
_TP_REASON = re.compile(rf"(?P<label>{'|'.join(sorted(map(re.escape, _THREE_PUBLIC), key=len, reverse=True))}){_NUM}万元[^。；]*?"
                        rf"(?:持平|增加{_NUM}万元|减少{_NUM}万元)[，。]\s*{_REASON}")
_FISCAL_REASON = re.compile(rf"财政拨款收入支出(?:增加|减少)的{_REASON}")
_USAGE = re.compile(r"主要用于(?P<usage>[^。]*)。")
_ITEM_REASON = re.compile(rf"执行数(?:增加|减少|持平)[^。]*。{_REASON}")
_WAN_AMOUNT = {"goods": r"政府采购货物预算", "works": r"政府采购工程预算", "services": r"政府采购服务预算",
               "sme_reserved": r"面向中小企业预留政府采购项目预算金额", "micro_reserved": r"预留给小型和微型企业的政府采购项目预算为"}
_QUARTER = re.compile(rf"第[一二三四]季度用款计划\s*(?P<amount>{_NUM})\s*万元")


def _money(text: str, unit: str) -> Decimal:
    return from_wan(Decimal(text.replace(",", "")), unit)


def narrative_inputs(d: Disclosure) -> dict:
    """``BudgetNarrativeInput`` fields (except the priors) from ``d``'s narrative, amounts in ``d``'s unit."""
    from .budget_priors import _ITEM, _item_code
    from .tables import VEHICLE_WORDS

    unit = d.meta.unit
    sections = {s.key: s.paragraphs for s in d.narrative}
    reasons: dict[str, str] = {}
    for p in sections.get("explanation", []):
        if m := _FISCAL_REASON.search(p):
            reasons.setdefault("fiscal_change", m.group("why"))
        item = _ITEM.search(p)
        code = _item_code(d, item.group("path"), Decimal(item.group("amount").replace(",", ""))) if item else None
        if code is None:
            continue
        if m := _USAGE.search(p, item.end()):
            reasons.setdefault(f"item.{code}.usage", m.group("usage"))
        if m := _ITEM_REASON.search(p, item.end()):
            reasons.setdefault(f"item.{code}.change", m.group("why"))
    for p in sections.get("three_public", []):
        for m in _TP_REASON.finditer(p):
            if m.group("why"):
                reasons.setdefault(f"three_public.{_THREE_PUBLIC[m.group('label')]}", m.group("why"))
    out: dict = {"reasons": reasons}
    text = "".join(sections.get("running", []))
    if m := re.search(r"下属(\d+)家机关和(\d+)家参公", text):
        out["running_units"] = {"admin": int(m.group(1)), "civil": int(m.group(2))}
    text = "".join(sections.get("procurement", []))
    procurement = {k: _money(m.group(1), unit) for k, words in _WAN_AMOUNT.items() if (m := re.search(rf"{words}\s*({_NUM})\s*万元", text))}
    if procurement:
        out["procurement"] = procurement
    text = "".join(sections.get("performance", []))
    performance = {}
    if m := re.search(r"(\d+)个预算单位", text):
        performance["units"] = int(m.group(1))
    if m := re.search(r"编报绩效目标的项目共?(\d+)个", text):
        performance["projects"] = int(m.group(1))
    if m := re.search(rf"涉及项目预算资金\s*({_NUM})\s*万元", text):
        performance["amount"] = _money(m.group(1), unit)
    if performance:
        out["performance"] = performance
    paragraphs = sections.get("assets", [])
    assets: dict = {}
    for i, p in enumerate(paragraphs[:2]):
        counts = {k: int(m.group(1)) for k, w in VEHICLE_WORDS.items() if (m := re.search(rf"{w}(\d+)辆", p))}
        equipment = re.search(r"设备（不含车辆）(\d+)台", p)
        if i == 0:
            if m := re.match(r"截至([^，,]+)[，,]", p):
                assets["as_of"] = m.group(1)
            assets["vehicles"] = {k: v for k, v in counts.items() if v}
            assets["equipment"] = int(equipment.group(1)) if equipment else 0
        else:
            assets["planned_vehicles"] = {k: v for k, v in counts.items() if v}
            assets["planned_equipment"] = int(equipment.group(1)) if equipment else 0
    if assets:
        out["assets"] = assets
    projects = _project_texts(sections, unit)
    if projects:
        out["projects"] = projects
    return out


def _project_texts(sections: dict[str, list[str]], unit: str) -> list[dict]:
    """项目经费情况说明 as one project: each part's paragraphs, the quarters from 年度预算安排."""
    project: dict = {}
    for part in ("overview", "basis", "subject", "plan", "period", "goals"):
        if sections.get(f"project.{part}"):
            project[part] = list(sections[f"project.{part}"])
    quarters = [m.group("amount") for p in sections.get("project.budget", []) for m in _QUARTER.finditer(p)]
    if quarters:
        project["quarters"] = [_money(q, unit) for q in quarters]
    return [project] if project else []
