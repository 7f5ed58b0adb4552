from rule_testing import set_value, triggers


def test_source_differs():
    (f,) = triggers("built", lambda d: set_value(d, "summary", "in.other", "amount", "1.10"), "XTAB-001", allowed=["SUM-005"])
    assert f.location.table == "income" and f.location.column == "other"
