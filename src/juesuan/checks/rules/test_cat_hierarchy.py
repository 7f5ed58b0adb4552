from rule_testing import triggers


def test_missing_kuan():
    def mutate(d):
        t = d.tables["general_budget"]
        t.rows = [r for r in t.rows if r.key != "21201"]

    found = triggers("built", mutate, "CAT-004", allowed=["SUM-002"])
    assert {f.location.row for f in found} == {"2120101", "2120102", "2120199"}


def test_duplicate_code():
    def mutate(d):
        t = d.tables["general_budget"]
        t.rows.append(t.row("2120101").model_copy())

    triggers("built", mutate, "CAT-004", allowed=["SUM-002"])
