from rule_testing import set_value, triggers


def test_fractional_vehicle():
    def mutate(d):
        set_value(d, "statistics", "vehicles.other", "amount", "0.5")
        set_value(d, "statistics", "vehicles.total", "amount", "2.5")

    found = triggers("built", mutate, "PLAUS-004", allowed=["NARR-007"])
    assert {f.location.row for f in found} == {"vehicles.other", "vehicles.total"}
