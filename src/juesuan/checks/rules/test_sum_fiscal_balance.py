from rule_testing import set_value, triggers


def test_begin_balance_lines():
    found = triggers("built", lambda d: set_value(d, "fiscal_summary", "in.begin_general", "amount", "5"), "SUM-006")
    assert {f.location.row for f in found} >= {"in.begin_balance"}
