from decimal import Decimal

from rule_testing import printed_seed, run, triggers


def test_rate():
    def mutate(d):
        d.performance[0].funding[0].rate = Decimal("9.99")

    (f,) = triggers("built", mutate, "PERF-002")
    assert f.expected == Decimal("99.90")


def test_seed_rate_rounding_is_info():
    d, p = printed_seed()
    found = [f for f in run(d, p, only=["PERF-002"]) if f.location.form == "办理房屋租赁登记备案工作经费"]
    assert found and {f.severity for f in found} == {"info"}  # printed 99.91 for 5.994 / 6 = 99.90
