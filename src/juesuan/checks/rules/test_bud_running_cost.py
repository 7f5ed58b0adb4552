from rule_testing import budget_sample, run, set_value, triggers


def test_running_cost_above_public_expenditure():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_three_public", "budget", "running", "700000"), "BUD-011")
    assert f.difference == 100000


def test_wan_rounding_up_is_not_an_error():
    d, p = budget_sample()
    set_value(d, "budget_general_basic", "total", "public", "549965")  # 54.9965 万元 prints 55.00
    assert not [f for f in run(d, p) if f.rule == "BUD-011"]
