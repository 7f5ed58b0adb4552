from decimal import Decimal

from rule_testing import triggers


def test_change_disagrees_with_prior_year():
    def mutate(d):
        d.context.prior["general_budget:208:total"] += Decimal("10")

    (f,) = triggers("built", mutate, "NARR-003", allowed=["NARR-004", "NARR-009"])
    assert f.location.section == "general_budget" and f.difference == Decimal("10.00")


def test_direction_disagrees():
    def mutate(d):
        d.context.prior["three_public:actual:total"] = Decimal("1.00")  # stated 减少1.08, actually 增加0.25

    found = triggers("built", mutate, "NARR-003", allowed=["NARR-004", "NARR-009"])
    assert "增加" in found[0].message
