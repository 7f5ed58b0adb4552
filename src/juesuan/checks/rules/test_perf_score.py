from decimal import Decimal

from juesuan.checks.testing import triggers


def test_execution_score():
    def mutate(d):
        d.performance[0].funding[0].score = Decimal("9.00")

    (f,) = triggers("built", mutate, "PERF-003", allowed=["PERF-005"])
    assert f.expected == Decimal("9.99")
