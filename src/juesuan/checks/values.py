"""What the model says about a narrative quantity: its value, prior-year and budget figures.

Each value carries its uncertainty: 0 for a built disclosure (its figures are exact), 0.005 per
printed term for a read document. Facts only the narrative states (三公 counts, SME contract
amounts, the performance-management figures of Shanghai's section 十) are known only for a built
disclosure, whose context holds them; a read document's context is empty, so they go unchecked.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO
from .claims import Claim, Quantity
from .engine import HALF_CENT, Checker

FORM_PRECISION = Decimal("0.0005")  # performance forms print 万元 to three decimals


@dataclass(frozen=True)
class Value:
    """A quantity's value with the rounding error its printed inputs carry."""

    value: Decimal
    error: Decimal = ZERO


def _terms_value(c: Checker, q: Quantity) -> Value | None:
    for terms in q.terms:
        values = [c.address(t) for t in terms]
        if any(v is None for v in values):
            continue
        err = ZERO if c.exact else HALF_CENT * len(terms)
        return Value(sum(values, ZERO), err)
    return None


def model_value(c: Checker, q: Quantity) -> Value | None:
    """The quantity as the document's tables (or, for a built disclosure, its context) give it."""
    if q.key.endswith(":*"):
        t = c.table(q.key.split(":")[0])
        if t is None:
            return None
        return Value(sum((abs(v) for r in t.rows for v in r.values.values() if v is not None), ZERO))
    if q.terms:
        return _terms_value(c, q)
    kind, _, name = q.key.partition(":")
    if kind == "perf":
        return perf_value(c, name)
    if c.disclosure.origin != "built":  # a read document's context is empty
        return None
    ctx = c.disclosure.context
    if kind == "facts":
        group, _, attr = name.partition(".")
        obj = ctx.three_public if group == "three_public" else ctx.procurement
        v = getattr(obj, attr, None)
        return None if v is None else Value(Decimal(v))
    if kind == "derived":
        tp = ctx.three_public
        if name == "reception_domestic":
            r = c.get("three_public", "actual", "reception")
            return None if r is None else Value(r - (tp.abroad_reception or ZERO))
        if name == "reception_domestic_batches":
            return Value(Decimal(tp.reception_batches - tp.abroad_reception_batches))
        if name == "reception_domestic_persons":
            return Value(Decimal(tp.reception_persons - tp.abroad_reception_persons))
    return None


def perf_value(c: Checker, name: str) -> Value | None:
    forms = c.disclosure.performance
    summary = c.disclosure.context.performance
    if forms:
        if name == "projects":
            return Value(Decimal(len(forms)))
        if name == "amount":
            basis = summary.basis or "budgeted"
            amounts = [getattr(f.funding[0], basis, None) if f.funding else None for f in forms]
            if any(a is None for a in amounts):
                return None
            err = ZERO if c.exact else FORM_PRECISION * len(amounts)
            return Value(sum(amounts, ZERO), err)
        if name.startswith("grade."):
            grades = [f.grade for f in forms]
            if any(g is None for g in grades):
                return None
            return Value(Decimal(sum(1 for g in grades if g == name[6:])))
        if name == "average_score":
            totals = [f.total for f in forms]
            if any(t is None for t in totals):
                return None
            return Value(sum(totals, ZERO) / len(totals), HALF_CENT)
    if c.disclosure.origin != "built":  # a read document's context is empty
        return None
    if name.startswith("grade."):
        if summary.projects is None and not summary.grades:
            return None
        return Value(Decimal(summary.grades.get(name[6:], 0)))
    v = getattr(summary, name, None)
    return None if v is None else Value(Decimal(v))


def prior_value(c: Checker, q: Quantity) -> Value | None:
    v = c.disclosure.context.prior.get(q.key)
    if v is None:
        return None
    return Value(v, HALF_CENT)  # printed last year (typed or imported): exact only to rounding, even in a build


def budget_value(c: Checker, q: Quantity) -> Value | None:
    """年初（全年）预算数: the 三公 table's 预算数 row, else the context's budget figures."""
    if q.key.startswith("three_public:actual:"):
        v = c.get("three_public", "budget", q.key.rsplit(":", 1)[1])
        return None if v is None else Value(v, ZERO if c.exact else HALF_CENT)
    v = c.disclosure.context.budget.get(q.key)
    if v is None:
        return None
    return Value(v, ZERO if c.exact else HALF_CENT)


def stated(claim: Claim) -> Value | None:
    if claim is None or claim.value is None:
        return None
    return Value(claim.value, claim.error)


def same_when_printed(model: Decimal, claim: Claim) -> bool:
    """The model value, rounded as the text prints it, is what the text says."""
    from ..money import rounded

    return rounded(model, claim.decimals) == claim.value or model == claim.value
