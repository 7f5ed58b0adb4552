from rule_testing import set_value, triggers


def test_negative_amount():
    (f,) = triggers("built", lambda d: set_value(d, "general_budget", "2080799", "project", "-0.71"), "PLAUS-001",
                    allowed=["SUM-002", "SUM-003"])
    assert f.location.row == "2080799"
