from decimal import Decimal

from rule_testing import triggers


def test_basic_differs_from_detail():
    def mutate(d):
        for key in ("30101", "301", "personnel_total"):
            d.tables["general_basic"].row(key).values["amount"] += Decimal("1")

    (f,) = triggers("built", mutate, "XTAB-005", allowed=["NARR-001"])
    assert f.difference == Decimal("-0.99")  # built: 1,535.40 vs 1,536.39 (the built example itself differs by 0.01)


def test_seed_rounding_is_info():
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    (f,) = run(d, p, only=["XTAB-005"])  # 公开05 1,535.41 vs 公开06 1,422.96 + 112.44
    assert f.severity == "info" and f.difference == Decimal("0.01")
