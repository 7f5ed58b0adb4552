"""What the budget NARR rules (NARR-021…023) read: each figure of a budget's narrative in the tables.

A budget's 编制说明 and 其他相关情况说明 restate its tables in 万元 (“财政拨款收入3,121.42万元”, “1.“…（项）”
887.36万元”, “‘三公’经费预算数为0.95万元”). ``juesuan.checks.claims`` reads them with the budget's words
(``budget_vocabulary``); this module says what each claimed figure is in the tables: the cells it may be
read from (its readings, another scope among them) and how sure that reading is.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .. import patterns
from ..money import ZERO
from .budget_vocabulary import data, quantity_key
from .claims import Claim, Quantity

FUND_TABLES = ("budget_general", "budget_fund", "budget_capital")
ITEM_KEY = patterns.compile(r"^(budget_general|budget_fund|budget_capital):(\d{3,7}):total$")
WAN = Decimal(10000)


@dataclass(frozen=True)
class Reading:
    """A figure as the tables print it: the addresses summed, and the scope in words when it is another one."""

    addresses: tuple[str, ...]
    scope: str | None = None  # None: the figure itself; else the other scope the sentence may have slipped into


@dataclass(frozen=True)
class BudgetQuantity:
    quantity: Quantity
    readings: tuple[Reading, ...]  # the figure's own readings, then the other scopes
    severity: str  # when no reading agrees
    parts: tuple[str, ...]  # keys of the quantities listed as its parts
    parts_severity: str = "error"  # when the listed parts do not add up to it


@lru_cache(maxsize=1)
def quantities() -> dict[str, BudgetQuantity]:
    """Every quantity of the vocabulary, by its key (``budget.<name>``)."""
    out = {}
    for name, spec in data()["quantities"].items():
        bases = tuple(tuple(b) for b in spec.get("bases", ()))
        readings = tuple(Reading(b) for b in bases)
        readings += tuple(Reading(tuple(v), scope) for scope, v in (spec.get("others") or {}).items())
        q = Quantity(quantity_key(name), spec["label"], bases)
        out[q.key] = BudgetQuantity(q, readings, spec.get("severity", "error"), tuple(quantity_key(p) for p in spec.get("parts", ())),
                                    spec.get("parts_severity", "error"))
    return out


# ---- what the rules read --------------------------------------------------------------------------

def item_readings(c, table_id: str, code: str) -> tuple[Reading, ...]:
    """A numbered item's 科目 (财政拨款支出主要内容): its rows in the fund tables the document prints, summed;
    else the all-funds 支出预算总表 row, a scope the item may have slipped into."""
    printing = [t for t in FUND_TABLES if c.table(t) is not None and c.table(t).row(code) is not None]
    fiscal = tuple(f"{t}:{code}:total" for t in printing or [t for t in FUND_TABLES[:1] if c.table(t) is not None])
    out = [Reading(fiscal)] if fiscal else []
    if c.table("budget_expenditure") is not None:
        out.append(Reading((f"budget_expenditure:{code}:total",), "全部资金的支出预算"))
    return tuple(out)


def spec_of(c, q: Quantity | None) -> tuple[tuple[Reading, ...], str] | None:
    """(readings, severity) of a claim's quantity; None when the tables print nothing for it."""
    if q is None:
        return None
    bq = quantities().get(q.key)
    if bq is not None:
        return (bq.readings, bq.severity) if bq.readings else None
    m = ITEM_KEY.match(q.key)
    if m is not None:
        readings = item_readings(c, m.group(1), m.group(2))
        return (readings, "error") if readings else None
    return None


def in_wan(c, address: str) -> tuple[Decimal, Decimal] | None:
    """A printed cell in 万元, and how far it may be from the exact amount (its table's half unit)."""
    from .budget import half_unit

    table_id, row, column = address.split(":")
    value = c.get(table_id, row, column)
    if value is None:
        return None
    unit = c.disclosure.meta.unit
    return (value / WAN, half_unit(c, table_id) / WAN) if unit == "元" else (value, half_unit(c, table_id))


def reading_value(c, reading: Reading) -> tuple[Decimal, Decimal] | None:
    """The reading's amount in 万元 and its rounding bound; None when a cell of it is not printed."""
    total, error = ZERO, ZERO
    for address in reading.addresses:
        got = in_wan(c, address)
        if got is None:
            return None
        total += got[0]
        error += got[1] if got[0] else ZERO  # a blank cell is an exact zero
    return total, error


def claim_wan(c, claim: Claim) -> tuple[Decimal, Decimal]:
    """A stated amount in 万元 and half a unit of its last printed place (a figure stated in 元 converted)."""
    if claim.unit == "元" and c.disclosure.meta.unit == "元":
        return claim.value / WAN, claim.error / WAN
    return claim.value, claim.error
