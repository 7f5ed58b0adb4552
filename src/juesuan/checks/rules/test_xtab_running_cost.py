from juesuan.checks.testing import set_value, triggers


def test_running_cost_differs():
    triggers("built", lambda d: set_value(d, "statistics", "running.admin", "amount", "121.44"), "XTAB-008",
             allowed=["NARR-001", "NARR-003", "NARR-004"])


def test_other_kind_of_unit_line_must_be_blank():
    (f,) = triggers("built", lambda d: set_value(d, "statistics", "running.civil", "amount", "5"), "XTAB-008")
    assert f.location.row == "running.civil"
