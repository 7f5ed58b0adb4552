from rule_testing import set_value, triggers


def test_class_is_the_sum_of_its_kuan():
    def mutate(d):
        for col, v in (("total", "1201000"), ("basic", "601000")):
            set_value(d, "budget_expenditure", "201", col, v)
    found = triggers("budget", mutate, "BUD-005", allowed=("BUD-006", "BUD-007"))
    assert {(f.location.row, f.location.column) for f in found} == {("201", "total"), ("201", "basic")}
