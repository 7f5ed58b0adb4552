from rule_testing import set_value, triggers


def test_grand_total_is_the_sum_of_classes():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_fiscal_summary", "ex.208", "general", "500100"), "BUD-003",
                    allowed=("BUD-004", "BUD-008"))
    assert f.location.table == "budget_fiscal_summary" and f.location.column == "general"
