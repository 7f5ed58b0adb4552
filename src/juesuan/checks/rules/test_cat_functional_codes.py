from juesuan.checks.testing import triggers


def test_code_not_in_catalogue():
    def mutate(d):
        d.tables["general_budget"].row("2120199").key = "2120198"

    (f,) = triggers("built", mutate, "CAT-001", allowed=["XTAB-010"])
    assert f.found == "2120198"
