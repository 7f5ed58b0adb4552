from decimal import Decimal

from rule_testing import set_value, triggers


def test_kuan_not_sum_of_xiang():
    def mutate(d):
        set_value(d, "general_budget", "2120102", "total", "956.40")
        set_value(d, "general_budget", "2120102", "project", "956.40")

    found = triggers("built", mutate, "SUM-002")
    assert {(f.location.row, f.location.column) for f in found} == {("21201", "total"), ("21201", "project")}
    assert all(f.difference == Decimal("0.01") for f in found)  # exact in a built disclosure: an error


def test_transposed_digits_are_suggested():
    def mutate(d):
        set_value(d, "general_budget", "21203", "total", "62342.81")  # 62324.81 with two digits swapped
        set_value(d, "general_budget", "21203", "project", "62342.81")
        set_value(d, "general_budget", "2120399", "total", "62342.81")
        set_value(d, "general_budget", "2120399", "project", "62342.81")

    found = triggers("built", mutate, "SUM-002", allowed=["XTAB-010"])
    assert any("颠倒" in (f.suggestion or "") for f in found)
