from rule_testing import set_value, triggers


def test_procurement_total():
    triggers("built", lambda d: set_value(d, "statistics", "procurement.goods", "amount", "32517.99"), "SUM-009", allowed=["NARR-001"])


def test_vehicle_count():
    (f,) = triggers("built", lambda d: set_value(d, "statistics", "vehicles.total", "amount", "3"), "SUM-009", allowed=["NARR-007", "NARR-011"])
    assert f.location.row == "vehicles.total"
