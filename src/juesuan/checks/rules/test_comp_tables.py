from juesuan.checks.testing import triggers


def test_missing_table():
    (f,) = triggers("built", lambda d: d.tables.pop("capital"), "COMP-001")
    assert "国有资本经营预算财政拨款支出决算表" in f.message and f.location.table == "capital"


def test_absent_table_as_read():
    def absent(d):
        d.tables["three_public"].present = False

    triggers("printed", absent, "COMP-001")


def test_absent_table_of_an_audited_document_points_at_the_file():
    def absent(d):
        d.source = "/some/where/大同住建2024.pdf"
        d.tables["three_public"].present = False

    (f,) = triggers("printed", absent, "COMP-001")
    assert f.location.table == "three_public" and f.location.source.file == "大同住建2024.pdf"
    assert "大同住建2024.pdf" in f.location.label and "模板要求公开此表" in f.message
