from rule_testing import set_value, triggers


def test_total_row_is_the_sum_of_classes():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_general_basic", "total", "personnel", "810000"), "BUD-006",
                    allowed=("BUD-004",))
    assert (f.location.table, f.location.row, f.location.column) == ("budget_general_basic", "total", "personnel")
