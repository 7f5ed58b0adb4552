from decimal import Decimal

from rule_testing import triggers


def test_total_row_not_sum_of_sources():
    def mutate(d):
        d.performance[1].funding[1].annual_budget = Decimal("10.256")

    found = triggers("built", mutate, "PERF-007", allowed=["PERF-001", "PERF-002", "PERF-003"])
    assert found[0].location.field == "funding[0].annual_budget"
