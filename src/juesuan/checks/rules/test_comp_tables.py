from juesuan.checks.testing import triggers


def test_missing_table():
    (f,) = triggers("built", lambda d: d.tables.pop("capital"), "COMP-001")
    assert "国有资本经营预算财政拨款支出决算表" in f.message and f.location.table == "capital"


def test_absent_table_as_read():
    def absent(d):
        d.tables["three_public"].present = False

    triggers("printed", absent, "COMP-001")
