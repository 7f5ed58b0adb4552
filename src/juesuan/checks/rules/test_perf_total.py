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
