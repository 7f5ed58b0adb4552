from rule_testing import set_value, triggers


def test_capital_spending_not_in_fiscal_summary():
    triggers("built", lambda d: set_value(d, "capital", "total", "total", "12"), "XTAB-007",
             allowed=["SUM-003", "SUM-004", "NARR-010"])
