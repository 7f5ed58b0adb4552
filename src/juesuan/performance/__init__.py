"""项目支出绩效自评: scoring, the narrative's summary, and the forms as printed grids.

- ``scoring``: pure functions (``recompute(form, spec) -> ScoredForm``) that the build fills
  forms with and the check engine compares printed forms against.
- ``summary``: 项目个数 / 涉及资金 / count per grade / average score for the narrative.
- ``render``: each form as a ``layout.RenderedTable`` in the seed's layout, drawn by every writer.
- ``xlsx_sheets``: one workbook sheet per form.
"""
from __future__ import annotations

from ..model import Disclosure
from .scoring import (
    MISSING,
    NEGATIVE_BUDGET,
    OK,
    ZERO_BUDGET,
    RowScore,
    ScoredForm,
    apply,
    execution_rate,
    execution_ratio,
    execution_score,
    form_total,
    grade_for,
    grade_names,
    rate_range,
    recompute,
    score_range,
    score_row,
    total_row_index,
)
from .summary import BASIS_ZH, basis_amount, merged, summarize


# The forms as printed grids are the writers' (``render`` builds ``layout`` tables): imported when
# first asked for, so the check engine, which only scores, does not load them.
_RENDER = ("form_title", "render_form", "render_forms")


def __getattr__(name: str):
    if name in _RENDER:
        from . import render

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def score_all(disclosure: Disclosure, profile) -> None:
    """Fill what the forms compute, then the narrative's summary of them.

    Built disclosure: every form's 结余/执行率/得分 (each funding row), 总分 and 等级 are
    recomputed from its inputs. Printed disclosure (``origin == "printed"``): the forms keep what
    they print, wrong values included, for the check engine to compare; only the summary is
    computed (from the printed 总分/等级). With no forms, a typed summary is kept as typed.
    """
    spec = profile.performance
    forms = disclosure.performance
    if disclosure.origin == "built":
        for form in forms:
            apply(form, recompute(form, spec))
    if forms:
        computed = summarize(forms, spec, printed=disclosure.origin == "printed")
        disclosure.context.performance = merged(disclosure.context.performance, computed)


__all__ = [
    "BASIS_ZH",
    "MISSING",
    "NEGATIVE_BUDGET",
    "OK",
    "ZERO_BUDGET",
    "RowScore",
    "ScoredForm",
    "apply",
    "basis_amount",
    "execution_rate",
    "execution_ratio",
    "execution_score",
    "form_title",
    "form_total",
    "grade_for",
    "grade_names",
    "merged",
    "rate_range",
    "recompute",
    "render_form",
    "render_forms",
    "score_all",
    "score_range",
    "score_row",
    "summarize",
    "total_row_index",
]
