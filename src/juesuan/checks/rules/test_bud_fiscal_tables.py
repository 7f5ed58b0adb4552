from rule_testing import set_value, triggers


def test_a_class_of_the_general_budget_differs():
    def mutate(d):
        set_value(d, "budget_fiscal_summary", "ex.208", "general", "500900")
        set_value(d, "budget_fiscal_summary", "ex.208", "total", "500900")
    found = triggers("budget", mutate, "BUD-008", allowed=("BUD-003",))
    assert any(f.location.row == "ex.208" and f.location.column == "general" and f.expected == 500000 for f in found)


def test_fund_income_is_its_expenditure():
    found = triggers("budget", lambda d: set_value(d, "budget_fiscal_summary", "in.fiscal_general", "amount", "1700000"),
                     "BUD-008", allowed=("BUD-002",))
    assert {f.location.row for f in found} == {"in.fiscal_general"}
