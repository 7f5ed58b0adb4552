from rule_testing import set_value, triggers


def test_reception_above_the_three_public_item():
    def mutate(d):
        for row, col, v in (("30217", "total", "80000"), ("30217", "public", "80000")):
            set_value(d, "budget_general_basic", row, col, v)
    (f,) = triggers("budget", mutate, "BUD-012", severity="warning", allowed=("BUD-005",))
    assert f.location.row == "30217"
