from decimal import Decimal

from rule_testing import triggers


def test_all_funds_less_than_fiscal():
    def mutate(d):
        for col in ("total", "project"):
            d.tables["expenditure"].row("2120199").values[col] -= Decimal("0.01")

    found = triggers("built", mutate, "XTAB-010", allowed=["SUM-002"])
    assert {f.location.row for f in found} == {"2120199"}


def test_equal_or_larger_is_fine():
    from rule_testing import printed_seed, run

    d, p = printed_seed()  # 公开01 城乡社区支出 76,222.00 (all funds) vs 公开04 76,221.90
    assert not [f for f in run(d, p, only=["XTAB-010"]) if f.severity != "info"]
