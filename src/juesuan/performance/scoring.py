"""Scoring of one 项目支出绩效自评表, as the seed's forms apply it.

Pure functions over the model: nothing here mutates a form, so the check engine can recompute
a printed form and compare. Weights and grade thresholds come from the profile
(``Profile.performance``), never from code.

The rules are data: identities.yaml's ``performance`` section states each computed field once, as
an expression (``juesuan.formulas``) that this module evaluates, the preparer's workbook writes as
its formula and the PERF rules recompute. What they say, each checked against the 26 forms of the
seed (tests/test_performance.py):

- 资金结(转)余 = 全年预算数 − 全年执行数.
- 执行率 = 全年执行数 / 全年预算数, as a percentage to 2 decimals, ROUND_HALF_UP.
- 得分 = execution_weight × 执行率, capped at execution_weight, to 2 decimals, computed from the
  UNROUNDED ratio. The seed decides it: 消防设计审查验收第三方服务费 prints 执行率 11.55 and
  得分 1.15; 10 × 11.55% = 1.155 would round to 1.16, while 10 × 52.03/450.6 = 1.1547 → 1.15.
- Each funding row (资金总额 and each source) gets its own 结余/执行率/得分; the form's execution
  score is the 资金总额 row's (the first row when none is named so).
- 全年预算数 0: the ratio is undefined. The seed's 太阳宫 forms (budget adjusted to 0 because
  another office paid) print 执行率 0 and 得分 0 and total 0 + Σ指标得分; juesuan does the same
  (status ``zero_budget``), so a built form prints what the template's system prints. The
  check engine reports it as a 提示, and as an error when money was spent on a zero budget.
- Over-execution (执行数 > 预算数): 执行率 is printed as computed (e.g. 105.00), 得分 is capped.
- Missing input (None): 结余/执行率/得分 stay None (blank); a form whose execution score or any
  indicator 得分 is missing has no 总分 and no 等级. Nothing is guessed.
- 总分 = execution score + Σ indicator 得分; 等级 is the first profile grade whose ``min`` the
  总分 reaches (shanxi: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 otherwise).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Mapping

from .. import identities
from ..model import FundingRow, PerformanceForm
from ..money import ZERO, parse_decimal

# Row status values (also used by the check engine's messages).
OK = "ok"
ZERO_BUDGET = "zero_budget"  # 全年预算数 = 0: 执行率 and 得分 printed 0 by convention
MISSING = "missing"  # 全年预算数 or 全年执行数 blank
NEGATIVE_BUDGET = "negative_budget"  # 全年预算数 < 0: not computable

TOTAL_ROW_NAME = "资金总额"


@dataclass(frozen=True)
class RowScore:
    """The computed fields of one funding row."""

    source: str
    balance: Decimal | None  # 资金结(转)余, exact (inputs keep their printed precision)
    rate: Decimal | None  # 执行率, percent to 2 decimals
    score: Decimal | None  # 得分, to 2 decimals
    ratio: Decimal | None  # 执行数 / 预算数, unrounded; None when not computable
    status: str = OK


@dataclass(frozen=True)
class ScoredForm:
    """A form recomputed from its inputs."""

    rows: tuple[RowScore, ...]
    total_row: int | None  # index of the 资金总额 row in ``form.funding``; None when no funding rows
    execution_score: Decimal | None
    weight_sum: Decimal  # Σ 分值 of the indicators that have one
    indicator_score: Decimal | None  # Σ 得分; None when any indicator's 得分 is blank
    total: Decimal | None  # 总分
    grade: str | None  # 等级
    missing: tuple[str, ...] = ()  # Chinese names of blank inputs the score needs, e.g. "资金总额·全年执行数"


def _dec(value) -> Decimal:
    # Profile numbers arrive as int or Decimal (the YAML loader never makes floats).
    return parse_decimal(value)


def _row_values(fields: Mapping[str, Any], weight) -> dict[str, Decimal | None]:
    """结余, 执行率 and 得分 of a funding row from its typed ``fields`` (annual_budget, executed), by
    identities.yaml's ``performance.funding``."""
    perf = identities.performance()
    return perf.row_values({**{name: fields.get(attr) for name, attr in perf.inputs.items()}, "weight": _dec(weight)})


def execution_ratio(annual_budget: Decimal | None, executed: Decimal | None) -> Decimal | None:
    """执行数 / 预算数, unrounded; None when either is blank or the budget is not positive."""
    if annual_budget is None or executed is None or annual_budget <= 0:
        return None
    return executed / annual_budget


def execution_rate(annual_budget: Decimal | None, executed: Decimal | None) -> Decimal | None:
    """执行率 in percent, 2 decimals, ROUND_HALF_UP; 0.00 for a zero budget (the seed's convention)."""
    return _row_values({"annual_budget": annual_budget, "executed": executed}, 0)["rate"]


def execution_score(annual_budget: Decimal | None, executed: Decimal | None, weight) -> Decimal | None:
    """得分 = weight × min(ratio, 1) from the unrounded ratio, 2 decimals; 0.00 for a zero budget."""
    return _row_values({"annual_budget": annual_budget, "executed": executed}, weight)["score"]


def funding_field(row: Mapping[str, Any], key: str, weight) -> Decimal | None:
    """One computed field (balance, rate, score) of a funding row given as its typed fields
    (``annual_budget``, ``executed``: a workbook row)."""
    return _row_values(row, weight)[key]


def score_row(row: FundingRow, execution_weight) -> RowScore:
    budget, executed = row.annual_budget, row.executed
    if budget is None or executed is None:
        status = MISSING
    elif budget < 0:
        status = NEGATIVE_BUDGET
    elif budget == 0:
        status = ZERO_BUDGET
    else:
        status = OK
    values = _row_values({"annual_budget": budget, "executed": executed}, execution_weight)
    return RowScore(
        source=row.source,
        balance=values["balance"],
        rate=values["rate"],
        score=values["score"],
        ratio=execution_ratio(budget, executed),
        status=status,
    )


def total_row_index(form: PerformanceForm) -> int | None:
    """The 资金总额 row: the one named so, else the first (the template always prints it first)."""
    for i, row in enumerate(form.funding):
        if TOTAL_ROW_NAME in row.source:
            return i
    return 0 if form.funding else None


def grade_bands(spec) -> list[tuple[str, Decimal]]:
    """The profile's grades as (grade, min), highest ``min`` first."""
    return [(str(g["grade"]), _dec(g["min"])) for g in sorted(spec.grades, key=lambda g: _dec(g["min"]), reverse=True)]


def grade_for(total: Decimal | None, spec) -> str | None:
    """The first profile grade (highest ``min`` first) that ``total`` reaches."""
    return identities.performance().field("grade").formula.evaluate({"total": total}, grade_bands(spec))  # type: ignore[return-value]


def grade_names(spec) -> list[str]:
    """Grade names, best first, as the narrative lists them."""
    return [grade for grade, _ in grade_bands(spec)]


def form_total(execution: Decimal | None, indicator_scores: Iterable[Decimal | None]) -> Decimal | None:
    """总分 = 执行得分 + Σ指标得分; None when any part is blank."""
    return identities.performance().form_values(execution, list(indicator_scores), ())["total"]


def recompute(form: PerformanceForm, spec) -> ScoredForm:
    """Every computed field of ``form`` from its inputs (never from its printed computed fields)."""
    rows = tuple(score_row(r, spec.execution_weight) for r in form.funding)
    idx = total_row_index(form)
    head = rows[idx] if idx is not None else None
    missing: list[str] = []
    if head is None:
        missing.append("资金总额行")
    elif head.status == MISSING:
        row = form.funding[idx]
        if row.annual_budget is None:
            missing.append(f"{row.source}·全年预算数")
        if row.executed is None:
            missing.append(f"{row.source}·全年执行数")
    for ind in form.indicators:
        if ind.weight is None:
            missing.append(f"{ind.name or ind.level2}·分值")
        if ind.score is None:
            missing.append(f"{ind.name or ind.level2}·得分")
    execution = head.score if head else None
    scores = [i.score for i in form.indicators]
    outcome = identities.performance().form_values(execution, scores, grade_bands(spec))
    return ScoredForm(
        rows=rows,
        total_row=idx,
        execution_score=execution,
        weight_sum=sum((i.weight for i in form.indicators if i.weight is not None), ZERO),
        indicator_score=None if any(s is None for s in scores) else sum(scores, ZERO),
        total=outcome["total"],
        grade=outcome["grade"],
        missing=tuple(missing),
    )


def apply(form: PerformanceForm, scored: ScoredForm) -> None:
    """Write the computed fields into a built form (a printed form keeps what it prints)."""
    for row, s in zip(form.funding, scored.rows):
        row.balance, row.rate, row.score = s.balance, s.rate, s.score
    form.total, form.grade = scored.total, scored.grade


# --- tolerance: what a printed value may be, given that its inputs are printed rounded ---


def rate_range(annual_budget: Decimal | None, executed: Decimal | None, decimals: int = 3) -> tuple[Decimal, Decimal] | None:
    """The 执行率 (percent, 2 decimals) a form may print when its 万元 inputs are themselves rounded.

    The forms keep 万元 to ``decimals`` places (profile ``performance.amount_decimals``) and drop
    trailing zeros when printing: a printed 5.994 may stand for anything in [5.9935, 5.9945], and
    the system computed 执行率 from the unrounded amounts, so 99.91 is a fair print of 5.994/6
    (99.90). A printed rate inside this range is rounding (提示); outside it is an error.
    """
    bounds = _bounds(annual_budget, executed, decimals)
    if bounds is None:
        return None
    (low_b, high_b), (low_e, high_e) = bounds
    # 执行率 grows with the 执行数 and falls with the 预算数: its extremes are at the corners.
    return execution_rate(high_b, low_e), execution_rate(low_b, high_e)  # type: ignore[return-value]


def score_range(annual_budget: Decimal | None, executed: Decimal | None, weight, decimals: int = 3) -> tuple[Decimal, Decimal] | None:
    """The execution 得分 a form may print, given rounded inputs (see ``rate_range``)."""
    bounds = _bounds(annual_budget, executed, decimals)
    if bounds is None:
        return None
    (low_b, high_b), (low_e, high_e) = bounds
    return execution_score(high_b, low_e, weight), execution_score(low_b, high_e, weight)  # type: ignore[return-value]


def _bounds(annual_budget, executed, decimals):
    if annual_budget is None or executed is None or annual_budget <= 0:
        return None
    db, de = amount_slack(annual_budget, decimals), amount_slack(executed, decimals)
    if annual_budget - db <= 0:
        return None
    return (annual_budget - db, annual_budget + db), (max(executed - de, Decimal(0)), executed + de)


def amount_slack(value: Decimal | None, decimals: int) -> Decimal:
    """Half a unit of the last digit the amount is kept to (at least ``decimals`` places); 0 for a blank."""
    if value is None:
        return Decimal(0)
    exponent = int(value.normalize().as_tuple().exponent) if value else 0
    places = max(-exponent, decimals)
    return Decimal(5).scaleb(-places - 1)
