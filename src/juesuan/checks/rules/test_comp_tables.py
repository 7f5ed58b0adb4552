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


def test_no_table_read_at_all_is_a_warning_per_table():
    """Tables printed as images, or a layout the reader does not know, look like no tables at all."""
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    d.tables = {}
    found = run(d, p, only=["COMP-001"])
    assert found and {f.severity for f in found} == {"warning"} and "未读到任何决算表" in found[0].message


def test_table_whose_title_is_printed_but_not_read_is_a_warning_at_the_title():
    """pdftotext -layout text of a real PDF: titles on their lines, columns aligned by spaces the
    text reader does not split. The tables are printed, so they are not missing (no 错误)."""
    from juesuan.model import PrintedLine, Reading, SourceLoc

    def unread(d):
        d.tables["income"].present = False
        d.reading = Reading(path="generic", unread_titles=[
            PrintedLine(text="收入决算表", loc=SourceLoc(file="某局.txt", line=172), table="income")])

    (f,) = triggers("printed", unread, "COMP-001", severity="warning")
    assert "“收入决算表”" in f.message and "未能读出" in f.message
    assert f.location.source.line == 172 and f.location.table == "income"


def test_reader_records_printed_titles_of_tables_it_could_not_read(tmp_path):
    from juesuan.readers.published import read_published

    lines = ["上海市某某局2024年度部门决算", "目录", "一、收入决算表", "二、支出决算表", "",
             "第二部分 2024年度部门决算表", "收入决算表", "单位：万元",
             "        项目              本年收入合计     财政拨款收入",
             "201   一般公共服务支出      2,112.86      2,106.66", "支出决算表", "单位：万元", "（图片）"]
    path = tmp_path / "某局.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    d = read_published(path).disclosure
    titles = {p.table: p.loc.line for p in d.reading.unread_titles}
    assert titles.get("income") == 7 and titles.get("expenditure") == 11, titles
