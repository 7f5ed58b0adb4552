from rule_testing import set_value, triggers


def test_unbalanced_summary():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_summary", "ex.grand_total", "amount", "1999000"), "BUD-001",
                    allowed=("BUD-003", "BUD-007"))
    assert f.location.table == "budget_summary" and f.location.row == "in.grand_total"
    assert "收入总计" in f.message and "支出总计" in f.message


def test_a_whole_yuan_difference_within_rounding_is_a_hint():
    from rule_testing import budget_sample, run

    d, p = budget_sample()
    set_value(d, "budget_fiscal_summary", "in.grand_total", "amount", "1800001")
    found = [f for f in run(d, p) if f.rule == "BUD-001"]
    assert [f.severity for f in found] == ["info"]
