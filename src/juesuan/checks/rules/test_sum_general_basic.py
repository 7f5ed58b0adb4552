from rule_testing import set_value, triggers


def test_class_not_sum_of_items():
    (f,) = triggers("built", lambda d: set_value(d, "general_basic", "30201", "amount", "5.47"), "SUM-008")
    assert f.location.row == "302"


def test_personnel_total():
    found = triggers("built", lambda d: set_value(d, "general_basic", "personnel_total", "amount", "1522.95"), "SUM-008",
                     allowed=["XTAB-005", "NARR-001"])
    assert found[0].location.row == "personnel_total"
