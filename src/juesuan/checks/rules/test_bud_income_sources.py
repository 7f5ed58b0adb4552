from rule_testing import set_value, triggers


def test_grand_total_is_the_sum_of_sources():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_summary", "in.business", "amount", "250000"), "BUD-002",
                    allowed=("BUD-007",))
    assert f.location.row == "in.grand_total" and f.expected == 2050000


def test_fiscal_income_is_the_sum_of_its_funds():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_summary", "in.fiscal_fund", "amount", "5000"), "BUD-002",
                    allowed=("BUD-008",))
    assert f.location.row == "in.fiscal"
