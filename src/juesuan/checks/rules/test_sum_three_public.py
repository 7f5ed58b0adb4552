from rule_testing import set_value, triggers


def test_budget_row():
    (f,) = triggers("built", lambda d: set_value(d, "three_public", "budget", "abroad", "1"), "SUM-007")
    assert f.location.row == "budget" and f.location.column == "total"
