from decimal import Decimal

from rule_testing import triggers


def test_general_column_differs():
    def mutate(d):
        row = d.tables["fiscal_summary"].row("ex.210")
        row.values["general"] += Decimal("0.10")
        row.values["total"] += Decimal("0.10")

    (f,) = triggers("built", mutate, "XTAB-004", allowed=["SUM-006", "XTAB-010"])
    assert f.location.table == "general_budget" and f.location.row == "210"
