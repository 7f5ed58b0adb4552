from decimal import Decimal

from rule_testing import triggers


def test_weights_do_not_add_to_90():
    def mutate(d):
        d.performance[0].indicators[0].weight = Decimal("25")

    (f,) = triggers("built", mutate, "PERF-004")
    assert f.found == Decimal("95")


def test_score_above_weight():
    def mutate(d):
        ind = d.performance[0].indicators[1]
        ind.score = ind.weight + 1

    triggers("built", mutate, "PERF-004", allowed=["PERF-005", "PERF-006", "PERF-008"])
