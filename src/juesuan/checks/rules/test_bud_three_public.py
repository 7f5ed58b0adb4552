from rule_testing import set_value, triggers


def test_total_of_the_three():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_three_public", "budget", "abroad", "10000"), "BUD-010")
    assert (f.location.column, f.expected) == ("total", 210000)
