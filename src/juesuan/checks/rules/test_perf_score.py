from decimal import Decimal

from rule_testing import triggers


def test_execution_score():
    def mutate(d):
        d.performance[0].funding[0].score = Decimal("9.00")

    (f,) = triggers("built", mutate, "PERF-003", allowed=["PERF-005"])
    assert f.expected == Decimal("9.99")


def test_score_above_the_weight_is_an_error():
    """10 × a rate above 100% is capped at the weight: a printed 10.50 is wrong, not rounding."""

    def mutate(d):
        row = d.performance[0].funding[0]
        row.rate = Decimal("105.00")
        row.score = Decimal("10.50")

    findings = triggers("built", mutate, "PERF-003", allowed=["PERF-005", "PERF-004", "PERF-002", "PERF-006", "PERF-001", "PLAUS-002"])
    assert any(f.found == Decimal("10.50") and f.severity == "error" for f in findings)


def test_score_above_the_weight_on_a_zero_budget_is_an_error():
    """A zero budget skips the arithmetic (its convention is PLAUS-003's), never the weight's bound."""

    def mutate(d):
        form = next(f for f in d.performance if f.funding[0].annual_budget == 0)
        form.funding[0].score = Decimal("10.50")
        form.total = form.total + Decimal("10.50")

    findings = triggers("built", mutate, "PERF-003", allowed=["PERF-005", "PERF-006", "PERF-008"])
    assert [(f.found, f.severity, f.expected) for f in findings] == [(Decimal("10.50"), "error", "0～10")]
