from decimal import Decimal

from rule_testing import replace_in_narrative, triggers


def test_budget_differs_from_data():
    def mutate(d):
        d.context.budget["general_budget:208:total"] = Decimal("300.00")

    (f,) = triggers("built", mutate, "NARR-006")
    assert f.expected == Decimal("300.00") and f.found == Decimal("373.25")


def test_three_public_budget_differs_from_table():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "全年预算1.25万元", "全年预算2.15万元"), "NARR-006",
                    allowed=["NARR-005"])
    assert "公开09表" in f.message
