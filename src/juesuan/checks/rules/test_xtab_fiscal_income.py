from rule_testing import set_value, triggers


def test_fiscal_income_differs():
    def mutate(d):
        set_value(d, "fiscal_summary", "in.fiscal_general", "amount", "96980.73")

    found = triggers("built", mutate, "XTAB-003", allowed=["SUM-006"])
    assert any("颠倒" in (f.suggestion or "") for f in found)
