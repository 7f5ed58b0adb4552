from rule_testing import set_value, triggers


def test_economic_total_differs_from_functional_basic():
    def mutate(d):
        for col, v in (("total", "1500000"), ("public", "700000")):
            set_value(d, "budget_general_basic", "total", col, v)
    (f,) = triggers("budget", mutate, "BUD-009", allowed=("BUD-006", "BUD-011"))
    assert f.expected == 1400000
