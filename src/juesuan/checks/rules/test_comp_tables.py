from rule_testing import triggers


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


def test_table_maybe_in_a_linked_attachment_is_a_warning():
    from juesuan.model import Reading

    def page(d):
        d.tables["statistics"].present = False
        d.reading = Reading(path="generic", attachments=["某某局2023年度决算报表.xls"])

    (f,) = triggers("printed", page, "COMP-001", severity="warning")
    assert "决算报表.xls" in f.message
