from rule_testing import set_value, triggers


def test_row_total_not_basic_plus_project():
    found = triggers("built", lambda d: set_value(d, "general_budget", "2120102", "total", "956.40"), "SUM-003", allowed=["SUM-002"])
    assert [(f.location.table, f.location.row) for f in found] == [("general_budget", "2120102")]


def test_income_sources():
    found = triggers("built", lambda d: set_value(d, "income", "2120101", "other", "1.10"), "SUM-003", allowed=["SUM-002"])
    assert found[0].location.table == "income" and "小数点错位" in (found[0].suggestion or "")
