"""Helpers of the narrative rules: claims by kind, their locations, and the figures they restate."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..money import ZERO
from .claims import Claim, Quantity, all_claims
from ..model import SourceLoc
from .engine import HALF_CENT, Checker, Location, fmt
from .values import Value, model_value, perf_value, prior_value


def claims(c: Checker, *kinds: str) -> Iterator[Claim]:
    for claim in all_claims(c.claims):
        if not kinds or claim.kind in kinds:
            yield claim


def loc(c: Checker, claim: Claim) -> Location:
    return c.section_loc(claim.section, claim.title, claim.sentence, claim.source or claim_input(c, claim))


def claim_input(c: Checker, claim: Claim) -> SourceLoc | None:
    """Built from a workbook: the cell where the preparer typed what the claim rests on — last year's
    figure of a change, the 年初预算数 of a completion, a typed fact or count, a table figure's input
    cell; else the text the sentence quotes (a reason). None for a read document."""
    if not c.disclosure.context.sources:
        return None
    q = claim.quantity
    if q is not None:
        if claim.kind in ("change", "change_pct", "flat"):
            found = quantity_input(c, "prior", q.key)
        elif claim.kind in ("budget", "completion", "compare"):
            found = quantity_input(c, "budget", q.key)
        else:
            found = c.input_source(q.key) or table_input(c, q)
        if found is not None:
            return found
    return c.typed_source(claim.sentence)


def quantity_input(c: Checker, kind: str, key: str) -> SourceLoc | None:
    """The cell of last year's figure (``prior``) or the 年初预算数 (``budget``) of the quantity ``key``:
    its own, else the first of the finer codes it is the sum of, else the first typed in that sheet."""
    found = c.input_source(f"{kind}:{key}")
    table, _, rest = key.partition(":")
    row = rest.split(":")[0]
    if found is None and row.isdigit():
        found = c.input_source(f"{kind}:{table}:{row}", prefix=True)
    if found is None and row == "total":
        found = c.input_source(f"{kind}:{table}:", prefix=True)
    return found


def table_input(c: Checker, q: Quantity) -> SourceLoc | None:
    """The sheet cell that holds the figure of ``q`` as a table prints it (its first term)."""
    for terms in q.terms:
        if all(c.address(t) is not None for t in terms):
            return c.cell(*terms[0].split(":")).source
    return None


def stated_amount(c: Checker, q: Quantity, before: Claim | None = None) -> Value | None:
    """What the narrative itself states for ``q`` (an ``amount`` claim), preferring the same paragraph."""
    best = None
    for claim in claims(c, "amount", "count"):
        if claim.quantity is None or claim.quantity.key != q.key:
            continue
        if before is not None and claim.section == before.section and claim.paragraph == before.paragraph:
            if claim.span[0] <= before.span[0]:
                best = claim
        elif best is None:
            best = claim
    return None if best is None else Value(best.value, best.error)


def current(c: Checker, q: Quantity, claim: Claim | None = None) -> Value | None:
    """The figure now: from the tables (or a built disclosure's data), else as the narrative states it."""
    return model_value(c, q) or stated_amount(c, q, claim)


def exact_current(c: Checker, q: Quantity) -> Decimal | None:
    """The exact amount behind a printed figure of a disclosure built from 元 (None otherwise):
    its narrative computed each difference and rate from these, then rounded once."""
    if c.disclosure.origin != "built" or not c.disclosure.rounded:
        return None
    for terms in q.terms:
        if all(c.address(t) is not None for t in terms):
            return sum((c.disclosure.exact_value(t) or ZERO for t in terms), ZERO)
    return None


def source_of(c: Checker, q: Quantity) -> str:
    """Where the model figure of ``q`` comes from, in words."""
    if q.key.endswith(":*"):
        return c.table_label(q.key.split(":")[0])
    for terms in q.terms:
        if all(c.address(t) is not None for t in terms):
            words = [c.where(*t.split(":")) for t in terms]
            return words[0] if len(words) == 1 else "、".join(words) + "之和"
    if q.key.startswith("perf:"):
        return "绩效自评表"
    return "编制数据"


def signed(claim: Claim) -> Decimal:
    return (claim.direction or 0) * (claim.value or ZERO)


def implied_priors(c: Checker) -> dict[str, tuple[Value, Claim | None]]:
    """Prior-year figures: the context's, else current − the change the narrative states."""
    out: dict[str, tuple[Value, Claim | None]] = {}
    for key, v in c.disclosure.context.prior.items():
        if v is not None:
            # Last year's figures were printed last year, each rounded on its own (typed or imported
            # by ``init --from``): their parts may miss their totals by rounding, built or not.
            out[key] = (Value(v, HALF_CENT), None)
    for claim in claims(c, "change", "flat"):
        q = claim.quantity
        if q is None or q.key in out:
            continue
        prior = implied_prior(c, claim)
        if prior is not None:
            out[q.key] = (prior, claim)
    return out


def item_nature(c: Checker, item) -> str | None:
    """What an item's 科目 is in its table: ``basic`` (基本支出 only), ``project`` (项目支出 only),
    ``mixed``, or None when the table does not say."""
    t = c.table(item.quantity.table)
    row = t.row(item.code) if t is not None else None
    if row is None:
        return None
    basic, project = row.values.get("basic") or ZERO, row.values.get("project") or ZERO
    if basic > 0 and project > 0:
        return "mixed"
    if basic > 0:
        return "basic"
    if project > 0:
        return "project"
    return None


def item_loc(c: Checker, item) -> Location:
    source = item.section.locs[item.paragraph] if item.paragraph < len(item.section.locs) else None
    if source is None and item.usage:
        # Built from a workbook: the 主要用于 text typed for this very 科目 (two 科目 may share a text).
        ctx = c.disclosure.context
        own = [k for k in sorted(ctx.reasons) if k.split(".")[1:2] == [item.code] and k.endswith(".usage")]
        source = next((c.input_source(f"reasons:{k}") for k in own if c.input_source(f"reasons:{k}")), None)
    return c.section_loc(item.section.key, item.section.title, item.text, source)


def implied_prior(c: Checker, claim: Claim) -> Value | None:
    """The prior-year figure a change statement implies: the figure now − the stated change."""
    now = current(c, claim.quantity, claim)
    if now is None:
        return None
    return Value(now.value - signed(claim), now.error + claim.error)


def describe_pct(v: Decimal | None) -> str:
    return "无法计算" if v is None else f"{v:.2f}%"


__all__ = ["claims", "loc", "item_nature", "item_loc", "stated_amount", "current", "source_of", "signed", "implied_priors",
           "implied_prior", "fmt", "perf_value", "prior_value"]
