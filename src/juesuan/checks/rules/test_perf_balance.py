from decimal import Decimal

from rule_testing import triggers


def test_balance():
    def mutate(d):
        d.performance[0].funding[0].balance = Decimal("0.06")

    (f,) = triggers("built", mutate, "PERF-001")
    assert f.location.form == "办理房屋租赁登记备案工作经费" and f.expected == Decimal("0.006")
