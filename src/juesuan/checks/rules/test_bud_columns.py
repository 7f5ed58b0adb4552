from rule_testing import budget_sample, run, set_value, triggers


def test_total_column_is_basic_plus_project():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_expenditure", "2210201", "basic", "300100"), "BUD-004",
                    allowed=("BUD-005",))
    assert (f.location.row, f.location.column) == ("2210201", "total")


def test_in_yuan_to_the_fen_the_total_is_exact():
    d, p = budget_sample()
    d.tables["budget_expenditure"].places = 2
    set_value(d, "budget_expenditure", "total", "basic", "1399999.99")
    found = [f for f in run(d, p) if f.rule == "BUD-004"]
    assert [f.severity for f in found] == ["error"]


def test_whole_yuan_may_hide_fen():
    d, p = budget_sample()
    set_value(d, "budget_expenditure", "total", "basic", "1399999")
    found = [f for f in run(d, p) if f.rule == "BUD-004"]
    assert [f.severity for f in found] == ["info"]
