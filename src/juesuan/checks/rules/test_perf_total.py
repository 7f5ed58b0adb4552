from decimal import Decimal

from rule_testing import printed_seed, run, triggers


def test_total():
    def mutate(d):
        d.performance[0].total = Decimal("97")

    triggers("built", mutate, "PERF-005")


def test_seed_quality_project_total():
    d, p = printed_seed()
    (f,) = run(d, p, only=["PERF-005"])
    assert f.location.form == "大同市城市主要街道品质提升工程" and f.expected == Decimal("94.00") and f.found == Decimal("97")


def test_total_above_full_marks_is_an_error_even_when_it_adds_up():
    """执行得分 10.50 + 指标 90 = 100.50: the sum holds, the full marks (10 + 90) do not."""

    def mutate(d):
        form = next(f for f in d.performance if f.total == Decimal("100.00"))
        form.funding[0].score = Decimal("10.50")
        form.total = Decimal("100.50")

    findings = triggers("built", mutate, "PERF-005", allowed=["PERF-003", "PERF-008"])
    assert [(f.found, f.severity) for f in findings] == [(Decimal("100.50"), "error")]
    assert "满分100" in findings[0].message
