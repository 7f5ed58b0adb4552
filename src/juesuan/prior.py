"""Last year's disclosure as this year's prior-year figures (``inputs.PriorYear``).

Any form of last year's disclosure will do (``juesuan.sources.load``): our workbook or example
folder (compiled), our model JSON, or a published document read as printed. The figures taken
are the ones the narrative compares against.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import catalogues
from .inputs import PriorYear
from .model import Disclosure
from .money import ZERO, to_wan


@dataclass
class PriorResult:
    prior: PriorYear
    figures: int  # how many figures were filled
    dropped: list[str] = field(default_factory=list)  # codes not in this year's catalogue


def prior_year_from(d: Disclosure, year: int) -> PriorResult:
    """The prior-year figures of ``d`` (last year's disclosure) for a disclosure of ``year``.
    A blank cell of a table the document has counts as zero; a table it lacks gives nothing."""

    def value(table: str, row: str, col: str) -> Decimal | None:
        if table not in d.tables or not d.tables[table].present:
            return None
        v = d.tables[table].value(row, col)
        return ZERO if v is None else to_wan(v, d.meta.unit)  # tables printed (exported) in 元 too

    def first(*candidates) -> Decimal | None:
        for c in candidates:
            v = value(*c)
            if v is not None:
                return v
        return None

    prior = PriorYear(
        total=first(("summary", "in.grand_total", "amount"), ("summary", "ex.grand_total", "amount")),
        income_total=first(("summary", "in.total", "amount")),
        expenditure_total=first(("summary", "ex.total", "amount")),
        fiscal_total=first(("fiscal_summary", "in.grand_total", "amount"), ("fiscal_summary", "ex.grand_total", "total")),
        general_budget=first(("general_budget", "total", "total"), ("fiscal_summary", "ex.total", "general")),
        government_fund=first(("fund", "total", "total"), ("fiscal_summary", "ex.total", "fund")),
        state_capital=first(("capital", "total", "total"), ("fiscal_summary", "ex.total", "capital")),
    )
    if "three_public" in d.tables and d.tables["three_public"].present:
        prior.three_public = {col: value("three_public", "actual", col) for col in
                              ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_running", "reception")}
    if "statistics" in d.tables and d.tables["statistics"].present:
        admin, civil = value("statistics", "running.admin", "amount"), value("statistics", "running.civil", "amount")
        prior.running_cost = civil if (civil and not admin) else admin
    functional = catalogues.load("functional", year)
    dropped = []
    table = d.tables.get("general_budget")
    for row in table.coded_rows() if table is not None else []:
        if row.key not in functional:
            dropped.append(row.key)
            continue
        prior.general_budget_by_code[row.key] = to_wan(row.get("total") or ZERO, d.meta.unit)
    figures = sum(1 for k in ("total", "income_total", "expenditure_total", "fiscal_total", "general_budget",
                              "government_fund", "state_capital", "running_cost") if getattr(prior, k) is not None)
    figures += len(prior.three_public) + len(prior.general_budget_by_code)
    return PriorResult(prior, figures, dropped)
