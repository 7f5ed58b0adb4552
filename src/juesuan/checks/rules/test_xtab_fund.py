from rule_testing import set_value, triggers


def test_begin_balance_differs():
    found = triggers("built", lambda d: set_value(d, "fund", "total", "begin", "5"), "XTAB-006", allowed=["SUM-001", "SUM-004"])
    assert found[0].location.table == "fund"
