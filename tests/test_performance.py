"""项目支出绩效自评: the scoring engine against the seed's 26 forms, edge cases, and the summary."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import EXAMPLES, ROOT, corpus_file
from juesuan import performance, profiles
from juesuan.model import Disclosure, FundingRow, Indicator, Meta, PerformanceForm, PerformanceSummary
from juesuan.profiles import PerformanceSpec
from juesuan.yamlio import load_yaml

D = Decimal
SHANXI = profiles.load("shanxi").performance
FIXTURE = ROOT / "tests" / "fixtures" / "datong-performance-printed.yaml"


def seed_forms() -> list[PerformanceForm]:
    data = load_yaml(EXAMPLES / "datong-housing-2024" / "performance.yaml")
    return [PerformanceForm.model_validate(f) for f in data["forms"]]


def printed_fixture() -> list[dict]:
    return load_yaml(FIXTURE)["forms"]


def recomputed_fields(form: PerformanceForm) -> dict:
    s = performance.recompute(form, SHANXI)
    head = s.rows[s.total_row]
    return {"balance": head.balance, "rate": head.rate, "execution_score": s.execution_score, "total": s.total, "grade": s.grade}


def same(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return a is not None and b is not None and D(a) == D(b)


# --- the seed ---------------------------------------------------------------------------


def test_all_26_forms_recomputed_match_the_print_except_where_the_fixture_explains():
    forms, fixture = seed_forms(), printed_fixture()
    assert [f.name for f in forms] == [f["name"] for f in fixture] and len(forms) == 26
    differences = set()
    for form, fx in zip(forms, fixture):
        mine = recomputed_fields(form)
        for field, printed in fx["printed"].items():
            if not same(mine[field], printed):
                differences.add((form.name, field, D(printed), mine[field]))
    explained = {
        (fx["name"], c["field"], D(c["printed"]), D(c["corrected"]))
        for fx in fixture
        for c in fx["corrections"]
        if c["kind"] != "input"
    }
    assert differences == explained
    # Every total and grade, explicitly: only 品质提升工程 prints a wrong 总分, no grade differs.
    totals = {(f.name, f2["printed"]["total"], recomputed_fields(f)["total"]) for f, f2 in zip(forms, fixture)}
    wrong = {(n, D(p), r) for n, p, r in totals if D(p) != r}
    assert wrong == {("大同市城市主要街道品质提升工程", D(97), D("94.00"))}
    assert [recomputed_fields(f)["grade"] for f in forms] == [fx["printed"]["grade"] for fx in fixture]


def test_rounding_differences_are_within_what_rounded_inputs_allow_and_the_slip_is_not():
    by_name = {f.name: f for f in seed_forms()}
    for fx in printed_fixture():
        form = by_name[fx["name"]]
        head = form.funding[0]
        if head.annual_budget == 0:  # 太阳宫: no range; the print follows the zero-budget convention
            assert D(fx["printed"]["rate"]) == 0 and D(fx["printed"]["execution_score"]) == 0
            continue
        lo, hi = performance.rate_range(head.annual_budget, head.executed, SHANXI.amount_decimals)
        for c in fx["corrections"]:
            if c["kind"] == "rounding":
                assert c["field"] == "rate" and lo <= D(c["printed"]) <= hi, fx["name"]
            if c["kind"] == "printed_arithmetic":
                assert c["field"] == "total"
        score = performance.score_range(head.annual_budget, head.executed, SHANXI.execution_weight, SHANXI.amount_decimals)
        assert score[0] <= D(fx["printed"]["execution_score"]) <= score[1], fx["name"]


def test_execution_score_comes_from_the_unrounded_rate():
    # 消防…服务费: 52.03 / 450.6 = 11.5468…%; from the rounded 11.55% the score would be 1.16.
    form = next(f for f in seed_forms() if f.name == "消防设计审查验收第三方服务费")
    s = performance.recompute(form, SHANXI)
    assert s.rows[0].rate == D("11.55")
    assert s.execution_score == D("1.15")
    assert (D("11.55") / 10).quantize(D("0.01"), "ROUND_HALF_UP") == D("1.16")  # the rejected rule


def test_indicator_weights_sum_to_the_profile_weight_on_every_seed_form():
    for form in seed_forms():
        assert performance.recompute(form, SHANXI).weight_sum == SHANXI.indicator_weight, form.name


def test_built_datong_fills_every_computed_field(datong):
    disclosure, _ = datong
    forms = disclosure.performance
    assert len(forms) == 26
    for form in forms:
        assert form.total is not None and form.grade in ("优", "良")
        for row in form.funding:
            assert None not in (row.balance, row.rate, row.score)
    first = forms[0]
    assert [(r.balance, r.rate, r.score) for r in first.funding] == [(D("0.006"), D("99.90"), D("9.99"))] * 2
    assert (first.total, first.grade) == (D("99.99"), "优")


def test_summary_of_the_built_example_matches_the_seed_narrative(datong):
    disclosure, _ = datong
    s = disclosure.context.performance
    assert (s.projects, s.amount, s.basis) == (26, D("5635.62"), "budgeted")
    assert s.grades == {"优": 24, "良": 2, "中": 0, "差": 0}
    assert list(s.grades) == ["优", "良", "中", "差"]
    assert s.average_score == D("96.50")


def test_summary_figures_are_the_ones_the_seed_prints():
    text = corpus_file("datong-housing-2024.txt").read_text(encoding="utf-8")
    m = re.search(r"绩效自评个数(\d+)个，涉及资金([\d.,]+)万元：(\d+)个项目自评等级为“优”，(\d+)个项目自评等级为“良”，(\d+)个项目自评等级为“中”，(\d+)个项目自评等级为“差”", text)
    assert m, "the seed's summary sentence"
    s = performance.summarize(seed_forms(), SHANXI)
    assert (s.projects, s.amount, s.grades["优"], s.grades["良"], s.grades["中"], s.grades["差"]) == (
        int(m[1]), D(m[2].replace(",", "")), int(m[3]), int(m[4]), int(m[5]), int(m[6])
    )


def test_summary_basis_is_the_budget_column_the_profile_names():
    forms = seed_forms()
    assert performance.summarize(forms, SHANXI).amount == D("5635.62")  # Σ 预算编制数 (5635.624)
    assert performance.summarize(forms, SHANXI.model_copy(update={"summary_basis": "annual_budget"})).amount == D("5625.05")
    assert performance.summarize(forms, SHANXI.model_copy(update={"summary_basis": "executed"})).amount == D("4845.73")


# --- printed disclosures keep what they print ----------------------------------------------


def _printed_copy(forms: list[PerformanceForm]) -> Disclosure:
    d = Disclosure(origin="printed", meta=Meta(department="大同市住房和城乡建设局", year=2024, profile="shanxi"))
    fixture = {f["name"]: f["printed"] for f in printed_fixture()}
    for form in forms:
        p = fixture[form.name]
        head = form.funding[0]
        head.balance, head.rate, head.score = D(p["balance"]), D(p["rate"]), D(p["execution_score"])
        form.total, form.grade = D(p["total"]), p["grade"]
    d.performance = forms
    return d


def test_printed_forms_keep_their_values_and_only_the_summary_is_computed():
    d = _printed_copy(seed_forms())
    performance.score_all(d, profiles.load("shanxi"))
    street = next(f for f in d.performance if f.name == "大同市城市主要街道品质提升工程")
    assert street.total == D(97)  # the print's slip is kept for the check engine
    first = d.performance[0]
    assert first.funding[0].rate == D("99.91") and first.funding[1].rate is None  # nothing filled in
    s = d.context.performance
    assert (s.projects, s.amount, s.grades) == (26, D("5635.62"), {"优": 24, "良": 2, "中": 0, "差": 0})
    assert s.average_score == D("96.62")  # from the printed totals (97, not 94)


def test_the_seed_read_as_printed_keeps_the_unit_slip_in_its_summary():
    from juesuan.readers.document import read_grid
    from juesuan.readers.text import read_text

    profile = profiles.load("shanxi")
    d = read_grid(read_text(corpus_file("datong-housing-2024.txt")), profile).disclosure
    performance.score_all(d, profile)
    s = d.context.performance
    # 2134 instead of 2.134 in the 遗属补助 form: Σ 预算编制数 = 5635.62 + 2131.866.
    assert (s.projects, s.amount) == (26, D("7767.49"))
    assert s.grades == {"优": 24, "良": 2, "中": 0, "差": 0}


def test_a_typed_summary_is_kept_when_there_are_no_forms():
    typed = PerformanceSummary(projects=3, amount=D("120.50"), basis="budgeted", grades={"优": 3}, systems=["预算绩效管理办法"])
    d = Disclosure(meta=Meta(department="某局", year=2024, profile="shanghai"))
    d.context.performance = typed.model_copy()
    performance.score_all(d, profiles.load("shanxi"))
    assert d.context.performance == typed


def test_computed_figures_replace_typed_ones_but_typed_extras_stay(datong):
    disclosure, profile = datong
    disclosure.context.performance = PerformanceSummary(projects=99, systems=["预算绩效管理办法"], tracked_projects=4)
    performance.score_all(disclosure, profile)
    s = disclosure.context.performance
    assert (s.projects, s.systems, s.tracked_projects) == (26, ["预算绩效管理办法"], 4)


# --- edge cases -------------------------------------------------------------------------


def form_with(annual_budget, executed, scores=(20, 10, 10, 10, 30, 10), weights=(20, 10, 10, 10, 30, 10)) -> PerformanceForm:
    return PerformanceForm(
        name="测试项目",
        funding=[FundingRow(source="资金总额", budgeted=annual_budget, annual_budget=annual_budget, executed=executed)],
        indicators=[Indicator(level1="产出指标", level2="数量指标", name=f"指标{i}", weight=w, score=s) for i, (w, s) in enumerate(zip(weights, scores))],
    )


def test_zero_budget_prints_rate_zero_and_score_zero_as_the_seed_does():
    s = performance.recompute(form_with(0, 0), SHANXI)
    row = s.rows[0]
    assert (row.balance, row.rate, row.score, row.ratio, row.status) == (D(0), D("0.00"), D("0.00"), None, performance.ZERO_BUDGET)
    assert (s.total, s.grade) == (D("90.00"), "优")


def test_over_execution_caps_the_score_and_prints_the_rate():
    s = performance.recompute(form_with(100, 120), SHANXI)
    row = s.rows[0]
    assert (row.balance, row.rate, row.score, row.status) == (D(-20), D("120.00"), D("10.00"), performance.OK)
    assert s.total == D("100.00")


@pytest.mark.parametrize("budget, executed", [(None, 5), (5, None), (None, None)])
def test_missing_inputs_leave_the_computed_fields_blank(budget, executed):
    s = performance.recompute(form_with(budget, executed), SHANXI)
    row = s.rows[0]
    assert (row.balance, row.rate, row.score, row.status) == (None, None, None, performance.MISSING)
    assert (s.total, s.grade) == (None, None)
    assert s.missing  # names what is blank
    assert all(m.startswith("资金总额·") for m in s.missing)


def test_a_blank_indicator_score_leaves_total_and_grade_blank():
    s = performance.recompute(form_with(10, 10, scores=(20, 10, None, 10, 30, 10)), SHANXI)
    assert (s.execution_score, s.indicator_score, s.total, s.grade) == (D("10.00"), None, None, None)
    assert s.missing == ("指标2·得分",)


def test_negative_budget_is_not_scored():
    row = performance.recompute(form_with(-5, 1), SHANXI).rows[0]
    assert (row.rate, row.score, row.status) == (None, None, performance.NEGATIVE_BUDGET)


@pytest.mark.parametrize(
    "total, grade",
    [(D(100), "优"), (D(90), "优"), (D("89.99"), "良"), (D(80), "良"), (D("79.99"), "中"), (D(60), "中"), (D("59.99"), "差"), (D(0), "差"), (None, None)],
)
def test_grade_boundaries(total, grade):
    assert performance.grade_for(total, SHANXI) == grade


def test_weights_and_grades_come_from_the_profile():
    spec = PerformanceSpec(execution_weight=20, indicator_weight=80, grades=[{"grade": "合格", "min": 60}, {"grade": "不合格", "min": 0}])
    form = form_with(200, 150, weights=(40, 40), scores=(30, 10))
    s = performance.recompute(form, spec)
    assert (s.rows[0].score, s.weight_sum, s.total, s.grade) == (D("15.00"), D(80), D("55.00"), "不合格")
    assert performance.grade_names(spec) == ["合格", "不合格"]


def test_every_funding_row_is_scored_and_the_form_uses_the_total_row():
    form = form_with(10, 5)
    form.funding = [
        FundingRow(source="市县区财政资金", annual_budget=D(6), executed=D(6)),
        FundingRow(source="资金总额", annual_budget=D(10), executed=D(5)),
        FundingRow(source="其他资金", annual_budget=D(4), executed=D(-1)),
    ]
    s = performance.recompute(form, SHANXI)
    assert s.total_row == 1
    assert [r.score for r in s.rows] == [D("10.00"), D("5.00"), D("0.00")]
    assert s.execution_score == D("5.00")


def test_no_float_reaches_the_scores():
    s = performance.recompute(seed_forms()[0], SHANXI)
    values = [s.execution_score, s.total, s.weight_sum, *(v for r in s.rows for v in (r.balance, r.rate, r.score, r.ratio))]
    assert all(isinstance(v, Decimal) for v in values)


def test_the_recorded_remarks_on_the_seed_forms_hold():
    remarks = load_yaml(ROOT / "tests" / "fixtures" / "datong-performance-remarks.yaml")["remarks"]
    by_name = {f.name: f for f in seed_forms()}
    assert {r["form"] for r in remarks} <= set(by_name)
    video = by_name["视频会议室网络安装及电路租用费"].indicators[0]
    assert (video.adjusted, video.actual, video.score) == ("-2条", "-1条", video.weight)
    check = by_name["城市体检服务费"].indicators[3]
    assert (check.name, check.actual, check.weight, check.score) == ("编制服务费", "", D(10), D(9))
    fire = by_name["消防设计审查验收第三方服务费"].indicators[5]
    assert (fire.actual, fire.score) == ("=52.03万元", fire.weight)
    declared = sum(f.funding[0].declared for f in by_name.values())
    assert declared == D("5573.017")
