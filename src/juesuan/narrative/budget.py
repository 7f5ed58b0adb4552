"""The narrative of a budget disclosure: 编制说明, 其他相关情况说明, 项目经费情况说明.

As for the final accounts, the wording is profile data (``profiles/<id>/narrative.md.j2``, one
macro per section key of ``profile.narrative.sections``) and every figure is computed here from the
compiled tables (``BudgetFacts``); what no table holds (上年预算, reasons, procurement, assets,
project texts) comes from the preparer's narrative input. A reason the input lacks is written as
``【待补充：…】``, never invented.

Amounts are stated in 万元 whatever unit the tables print: each rounded once (四舍五入) from the
exact amount. A change against 上年预算 is the difference of the two stated 万元 figures, so the
sentence's own figures agree (18,976.76 − 15,621.11 = 3,355.65), as the published budgets print it.
"""
from __future__ import annotations

from decimal import Decimal

from .. import catalogues
from ..model import Disclosure, NarrativeGap, NarrativeSection
from ..money import ZERO, fmt_percent, percent, round2, to_wan
from ..tables import VEHICLE_WORDS
from . import _template, paragraphs
from .facts import marker, where

class BudgetFacts:
    """Every figure the budget narrative states, computed from the tables and the input."""

    def __init__(self, disclosure: Disclosure, data, wording=None):
        self.d = disclosure
        self.wording = wording or (lambda key, **values: "")
        self.data = data
        self.n = data.narrative
        self.unit = disclosure.meta.unit
        self.input_unit = disclosure.meta.input_unit
        self.year = disclosure.meta.year
        self.functional = catalogues.load("functional", self.year)
        self.missing: list[str] = []
        self.reasons_asked: list[tuple[str, str]] = []  # (reason key, label) of each reason not given

    # -- amounts ------------------------------------------------------------------------
    def exact(self, address: str) -> Decimal:
        """An exact table amount (document unit) at ``table:row:column``; 0 when blank."""
        return self.d.exact_value(address) or ZERO

    def wan(self, address: str) -> Decimal:
        """A table amount in 万元, rounded once."""
        return round2(to_wan(self.exact(address), self.unit))

    def given(self, amount: Decimal | None) -> Decimal:
        """An input amount (the source's unit) in 万元, rounded once."""
        return round2(to_wan(amount or ZERO, self.input_unit))

    @staticmethod
    def sep(value: Decimal) -> str:
        """18,976.76: two places, thousands separators (the 编制说明's totals)."""
        return f"{round2(value):,.2f}"

    @staticmethod
    def plain(value: Decimal) -> str:
        """4821.20: two places, no separators (items, procurement, performance)."""
        return f"{round2(value):.2f}"

    @staticmethod
    def trim(value: Decimal) -> str:
        """37.91, 15, 0: as the 三公 table prints 万元 (no trailing zeros)."""
        text = f"{round2(value):.2f}".rstrip("0").rstrip(".")
        return text or "0"

    def change(self, current: Decimal, prior: Decimal | None, fmt: str = "sep") -> str:
        """比2024年预算增加3,355.65万元 / 减少… / 持平 — from the two stated 万元 figures."""
        if prior is None:
            return marker(f"{self.year - 1}年预算数")
        diff = round2(current) - round2(prior)
        text = getattr(self, fmt)(abs(diff))
        word = f"比{self.year - 1}年预算"
        if diff > 0:
            return f"{word}增加{text}万元"
        if diff < 0:
            return f"{word}减少{text}万元"
        return self.wording("flat") or f"{word}持平"

    def direction(self, current: Decimal, prior: Decimal | None) -> str:
        if prior is None or round2(current) == round2(prior):
            return "持平"
        return "增加" if round2(current) > round2(prior) else "减少"

    def prior(self, name: str) -> Decimal | None:
        value = getattr(self.n.prior_budget, name)
        return None if value is None else self.given(value)

    def prior_three_public(self, column: str) -> Decimal | None:
        tp = self.n.prior_budget.three_public
        if tp is None:
            return None
        if column == "total":
            return self.given(tp.abroad + tp.reception + tp.vehicle_purchase + tp.vehicle_running)
        if column == "vehicle_total":
            return self.given(tp.vehicle_purchase + tp.vehicle_running)
        return self.given(getattr(tp, column))

    def reason(self, key: str, label: str) -> str:
        text = self.n.reasons.get(key)
        if text:
            return text.rstrip("。")
        self.missing.append(label)
        if key not in {k for k, _ in self.reasons_asked}:
            self.reasons_asked.append((key, label))
        cell = self.d.input_cell(("narrative", "reasons", key))  # a workbook's 原因和用途 row for the key
        return marker(label + (where("", f"编号 {key}", cell) if cell else ""))

    # -- tables -------------------------------------------------------------------------
    def items(self) -> list[dict]:
        """The 项 of 一般公共预算 spending, in code order: 类/款/项 names, 万元, usage."""
        out = []
        for row in self.d.tables["budget_general"].rows:
            if len(row.key) != 7:
                continue
            code = row.key
            names = [self.functional.name(code[:3]) or code[:3], self.functional.name(code[:5]) or code[:5], row.name]
            amount = round2(to_wan(row.exact_value("total") or ZERO, self.unit))
            item = {
                "code": code,
                "names": names,
                "amount": amount,
                "usage": self.reason(f"item.{code}.usage", f"“{row.name}”（{code}）的主要用途"),
                "prior": None,
            }
            executed = self.n.prior_execution.get(code)
            if executed is not None:
                prior = self.given(executed)
                item |= {"prior": prior, "rate": self.rate(amount, prior),
                         "why": self.reason(f"item.{code}.change", f"“{row.name}”（{code}）比上年预算执行数增减的主要原因")}
            out.append(item)
        return out

    @staticmethod
    def rate(current: Decimal, prior: Decimal) -> str:
        """增加8.57% / 减少1.39% / 持平, from the two stated 万元 figures (from nothing: 增加100.00%)."""
        if current == prior:
            return "持平"
        if not prior:
            return "增加100.00%"
        word = "增加" if current > prior else "减少"
        return f"{word}{fmt_percent(percent(abs(current - prior), prior))}"

    def vehicles(self, counts: dict[str, int]) -> tuple[int, str]:
        words = "、".join(f"{w}{counts.get(k, 0)}辆" for k, w in VEHICLE_WORDS.items())
        return sum(counts.values()), words


def generate_budget(disclosure: Disclosure, profile, data) -> list[NarrativeSection]:
    """Every narrative section the budget profile lists, in order."""
    template, _ = _template(profile)
    m = disclosure.meta
    level = m.level or profile.level or "部门"
    words = profile.narrative.wording

    def wording(key: str, **values) -> str:
        """The profile's words for ``key`` (``narrative.wording``), filled in; "" when it has none."""
        text = words.get(key)
        if text is None:
            return ""
        return text.format(year=m.year, prior_year=m.year - 1, department=m.department, level=level, **values)

    facts = BudgetFacts(disclosure, data, wording)
    module = template.make_module({
        "n": facts,
        "d": disclosure,
        "year": m.year,
        "prior_year": m.year - 1,
        "department": m.department,
        "level": level,
        "w": wording,
        "inputs": data.narrative,
    })
    sections = []
    for spec in profile.narrative.sections:
        key = spec["key"]
        macro = getattr(module, key.replace(".", "_"), None)
        if macro is None:
            from ..errors import InputError

            raise InputError.single(str(profile.folder), "", f"情况说明模板缺少章节“{key}”的宏 {key.replace('.', '_')}")
        title = str(spec.get("title", "")).format(year=m.year, prior_year=m.year - 1)
        asked = len(facts.reasons_asked)
        text = str(macro())
        gaps = [NarrativeGap(key=k, label=label) for k, label in facts.reasons_asked[asked:]]
        sections.append(NarrativeSection(key=key, title=title, paragraphs=paragraphs(text), gaps=gaps))
    return sections
