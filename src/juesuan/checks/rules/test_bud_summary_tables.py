from rule_testing import set_value, triggers


def test_a_class_differs_from_the_expenditure_table():
    (f,) = triggers("budget", lambda d: set_value(d, "budget_summary", "ex.221", "amount", "300500"), "BUD-007",
                    allowed=("BUD-003",))
    assert f.location.row == "ex.221" and f.expected == 300000


def test_a_class_missing_from_the_summary():
    def mutate(d):
        t = d.tables["budget_summary"]
        t.rows = [r for r in t.rows if r.key != "ex.221"]
    found = triggers("budget", mutate, "BUD-007", allowed=("BUD-003",))
    assert any(f.location.table == "budget_expenditure" and f.location.row == "221" for f in found)
