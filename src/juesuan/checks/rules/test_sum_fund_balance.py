from rule_testing import set_value, triggers


def test_year_end_balance():
    found = triggers("built", lambda d: set_value(d, "fund", "total", "end", "100"), "SUM-004", allowed=["SUM-001", "XTAB-006"])
    assert found[0].location.row == "total" and found[0].expected == 0
