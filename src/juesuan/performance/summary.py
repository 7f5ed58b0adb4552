"""The narrative's summary of the forms: 项目个数, 涉及资金, count per grade, average score."""
from __future__ import annotations

from decimal import Decimal

from ..model import PerformanceForm, PerformanceSummary
from ..money import ZERO, round2
from .scoring import grade_names, recompute, total_row_index

# What a form's 资金总额 row contributes to 涉及资金, by ``PerformanceSpec.summary_basis``.
BASIS_FIELDS = {"budgeted": "budgeted", "annual_budget": "annual_budget", "executed": "executed"}
BASIS_ZH = {"budgeted": "预算编制数", "annual_budget": "全年预算数", "executed": "全年执行数"}


def basis_amount(form: PerformanceForm, basis: str) -> Decimal | None:
    """The amount one form contributes: its 资金总额 row's ``basis`` column (None when blank)."""
    idx = total_row_index(form)
    if idx is None:
        return None
    return getattr(form.funding[idx], BASIS_FIELDS[basis])


def form_outcome(form: PerformanceForm, spec, *, printed: bool) -> tuple[Decimal | None, str | None]:
    """(总分, 等级) the summary counts: a printed form's own where it prints them, else recomputed."""
    if printed and form.total is not None and form.grade:
        return form.total, form.grade
    scored = recompute(form, spec)
    if printed:
        return (form.total if form.total is not None else scored.total), (form.grade or scored.grade)
    return scored.total, scored.grade


def summarize(forms: list[PerformanceForm], spec, *, printed: bool = False) -> PerformanceSummary:
    """The summary the narrative states, computed from the forms.

    ``amount`` sums the 资金总额 row's column named by ``spec.summary_basis`` (shanxi: 预算编制数;
    the seed's 5,635.62万元 is Σ 预算编制数 of its 26 forms) and is rounded to 0.01 as the
    narrative prints it. ``grades`` lists every profile grade, zeros included, best first, since
    the narrative states "0个项目自评等级为“中”". For a printed disclosure the forms' printed
    总分/等级 are counted (what the document shows); the check engine compares them separately.
    """
    basis = spec.summary_basis
    amounts = [a for a in (basis_amount(f, basis) for f in forms) if a is not None]
    grades = {g: 0 for g in grade_names(spec)}
    totals: list[Decimal] = []
    for form in forms:
        total, grade = form_outcome(form, spec, printed=printed)
        if grade is not None:
            grades[grade] = grades.get(grade, 0) + 1
        if total is not None:
            totals.append(total)
    return PerformanceSummary(
        projects=len(forms),
        amount=round2(sum(amounts, ZERO)) if amounts else None,
        basis=basis,
        grades=grades,
        average_score=round2(sum(totals, ZERO) / len(totals)) if totals else None,
    )


SUMMARY_FIELDS = ("projects", "amount", "basis", "grades", "average_score")


def merged(typed: PerformanceSummary, computed: PerformanceSummary) -> PerformanceSummary:
    """The computed figures over a typed summary, keeping what only the preparer can type
    (制度, 工作机制, 绩效目标/跟踪 counts)."""
    return typed.model_copy(update={k: getattr(computed, k) for k in SUMMARY_FIELDS})
