from decimal import Decimal

from rule_testing import printed_putuo, replace_in_narrative, run, triggers


def test_growth_rate_over_nothing():
    triggers("printed", lambda d: replace_in_narrative(d, "较上年决算增加2,800.00万元", "较上年决算增加2,800.00万元，增长12.00%"),
             "PLAUS-003")


def test_zero_percent_of_zero_budget_is_a_warning():
    d, p = printed_putuo()
    found = run(d, p, only=["PLAUS-003"])
    assert found and {f.severity for f in found} == {"warning"}  # 因公出国（境）费 “完成预算的0%” with 预算数 0


def test_money_spent_on_a_zero_budget_form():
    def mutate(d):
        form = [f for f in d.performance if f.name == "太阳宫水电费"][0]
        form.funding[0].executed = Decimal("1.5")

    triggers("printed", mutate, "PLAUS-003", allowed=["PERF-001", "PERF-007", "PERF-008"])
