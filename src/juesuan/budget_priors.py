"""A budget's figures of last year (``Disclosure.priors``): read from what the document states, or
given by the preparer.

The Shanghai budgets print no 上年 column; their 上年 figures are stated in the text — a change
against last year's budget (“财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元”: the 上年预算 is
18,976.76 − 3,355.65), and each 编制说明 item's 上年执行数 (“2023年当年预算执行数为54.60万元”). Which
statements map to which cell is data (``checks/crossdoc.yaml``: ``budget_changes``). A built budget
records its inputs exactly (``narrative.yaml`` prior_budget, prior_execution), placed at the sentence
that states them.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .model import Disclosure, PriorFigure
from .money import ZERO, round2, to_wan

NUMBER = r"\d[\d,]*(?:\.\d+)?"
CROSSDOC = Path(__file__).parent / "checks" / "crossdoc.yaml"


@lru_cache(maxsize=1)
def crossdoc_pairs() -> dict:
    """``checks/crossdoc.yaml``: which statements and cells one document states about another."""
    from .yamlio import load_package_yaml

    return load_package_yaml(CROSSDOC)


@lru_cache(maxsize=1)
def _change_pattern() -> tuple[re.Pattern, dict[str, str]]:
    entries = {e["label"]: e["address"] for e in crossdoc_pairs()["budget_changes"]}
    labels = "|".join(re.escape(x) for x in sorted(entries, key=len, reverse=True))
    pattern = re.compile(
        rf"(?P<label>{labels})(?:预算)?(?:数)?(?:为|是)?\s*(?P<amount>{NUMBER})\s*万元\s*[，,。]?\s*"
        rf"(?:比|较|与)\s*(?P<year>\d{{4}})\s*年度?(?:预算)?(?:数)?(?:相比)?\s*[，,]?\s*"
        rf"(?P<dir>增加|减少|增长|下降|持平)(?:了)?\s*(?:(?P<change>{NUMBER})\s*(?P<unit>万元|%|％))?")
    return pattern, entries


_ITEM = re.compile(rf"“(?P<path>[^“”]*?)（项）”(?:科目)?\s*(?P<amount>{NUMBER})\s*万元")
_EXECUTED = re.compile(rf"(?P<year>\d{{4}})年(?:当年)?预算执行数为\s*(?P<prior>{NUMBER})\s*万元")


def half(number: str) -> Decimal:
    """Half a unit of the last printed place: 37.91 → 0.005. An amount printed without decimals
    (10万元) is exact as typed, as the claims parser reads it."""
    if "." not in number:
        return ZERO
    return Decimal(5) / Decimal(10) ** (len(number.split(".")[1]) + 1)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


# Columns a profile's layout may give a budget table for last year's figures (the Shanghai budgets
# print none): column key -> basis. Each states the row's 合计 (``total``, or ``amount`` in a 收支总表).
PRIOR_COLUMNS = {"prior": "budget", "prior_executed": "execution"}


def column_priors(d: Disclosure) -> list[PriorFigure]:
    """The 上年预算数 / 上年执行数 columns of ``d``'s tables, in 万元."""
    out: list[PriorFigure] = []
    for tid, table in d.tables.items():
        # half a unit of the printed place (places None: a built table, exact)
        error = Decimal(5) / Decimal(10) ** (table.places + 1) if table.places is not None else ZERO
        in_wan = d.meta.unit == "万元" or table.printed_unit == "万元"
        for row in table.rows:
            for column, basis in PRIOR_COLUMNS.items():
                value = row.values.get(column)
                if value is None:
                    continue
                target = "amount" if "amount" in row.values and "total" not in row.values else "total"
                out.append(PriorFigure(address=f"{tid}:{row.key}:{target}", basis=basis, value=to_wan(value, d.meta.unit),
                                       error=error if in_wan else to_wan(error, d.meta.unit), label=row.name, column=column))
    return out


def stated_priors(d: Disclosure) -> list[PriorFigure]:
    """Every 上年 figure ``d`` states: its 上年 columns (``column_priors``), then in its narrative the
    changes against last year's budget and each item's 上年执行数. Changes against another year, or
    stated only as a rate, imply no figure."""
    pattern, addresses = _change_pattern()
    year = d.meta.year - 1
    out: list[PriorFigure] = column_priors(d)
    for s in d.narrative:
        for i, p in enumerate(s.paragraphs):
            for m in pattern.finditer(p):
                if int(m.group("year")) != year or (m.group("unit") or "万元") != "万元":
                    continue  # another year is TEXT-007's; a rate leaves the amount imprecise
                amount, error = _decimal(m.group("amount")), half(m.group("amount"))
                if m.group("dir") == "持平":
                    prior = amount
                elif m.group("change") is None:
                    continue
                else:
                    change = _decimal(m.group("change"))
                    error += half(m.group("change"))
                    prior = amount - change if m.group("dir") in ("增加", "增长") else amount + change
                out.append(PriorFigure(address=addresses[m.group("label")], value=prior, error=error, label=m.group("label"),
                                       section=s.key, paragraph=i, text=m.group(0)))
            item = _ITEM.search(p)
            executed = _EXECUTED.search(p, item.end()) if item else None
            if executed and int(executed.group("year")) == year:
                code = _item_code(d, item.group("path"), _decimal(item.group("amount")))
                if code is not None:
                    out.append(PriorFigure(address=f"budget_general:{code}:total", basis="execution", value=_decimal(executed.group("prior")),
                                           error=half(executed.group("prior")), label=f"“{item.group('path')}（项）”",
                                           section=s.key, paragraph=i, text=executed.group(0)))
    return out


def _item_code(d: Disclosure, path: str, amount: Decimal) -> str | None:
    """The 项 an item names (“社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休”), among the
    一般公共预算 table's rows of that 款 and 项 name; by its amount when the names leave several."""
    names = re.split(r"（类）|（款）", path)
    table = d.tables.get("budget_general")
    if table is None or not names:
        return None
    by_key = {r.key: r for r in table.rows}
    found = [r for r in table.rows if len(r.key) == 7 and r.name == names[-1]
             and (len(names) < 2 or by_key.get(r.key[:5]) is None or by_key[r.key[:5]].name == names[-2])]
    if len(found) > 1:
        found = [r for r in found if abs(round2(to_wan(r.exact_value("total") or ZERO, d.meta.unit)) - amount) <= Decimal("0.01")]
    return found[0].key if len(found) == 1 else None


def input_priors(d: Disclosure, data) -> list[PriorFigure]:
    """A built budget's priors: the preparer's 上年预算数 and 上年执行数 (``BudgetNarrativeInput``), exact,
    in 万元, each placed at the first sentence of ``d``'s narrative that states it."""
    n = data.narrative
    unit = data.meta.input_unit

    def wan(v):
        return None if v is None else to_wan(v, unit)

    given: list[tuple[str, str, Decimal | None]] = []
    pb = n.prior_budget
    for address in ("budget_summary:in.fiscal:amount", "budget_fiscal_summary:ex.grand_total:total"):
        given.append((address, "budget", wan(pb.fiscal)))
    for key in ("general", "fund", "capital"):
        given.append((f"budget_fiscal_summary:ex.grand_total:{key}", "budget", wan(getattr(pb, key))))
    tp = pb.three_public
    if tp is not None:
        parts = {k: getattr(tp, k) for k in ("abroad", "reception", "vehicle_purchase", "vehicle_running")}
        parts["vehicle_total"] = tp.vehicle_purchase + tp.vehicle_running
        parts["total"] = tp.abroad + tp.reception + parts["vehicle_total"]
        given += [(f"budget_three_public:budget:{k}", "budget", wan(v)) for k, v in parts.items()]
    given += [(f"budget_general:{code}:total", "execution", wan(v)) for code, v in n.prior_execution.items()]
    stated = {}
    for f in stated_priors(d):
        stated.setdefault((f.address, f.basis), f)
    out = []
    for address, basis, value in given:
        if value is None:
            continue
        where = stated.get((address, basis))
        out.append(PriorFigure(address=address, basis=basis, value=value, label=where.label if where else "",
                               section=where.section if where else None, paragraph=where.paragraph if where else None,
                               text=where.text if where else ""))
    return out
