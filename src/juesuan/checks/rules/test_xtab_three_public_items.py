from rule_testing import set_value, triggers


def test_vehicle_running_item_exceeds_three_public():
    (f,) = triggers("built", lambda d: set_value(d, "general_basic", "30231", "amount", "2.00"), "XTAB-009", allowed=["SUM-008"])
    assert f.location.column == "vehicle_running"
