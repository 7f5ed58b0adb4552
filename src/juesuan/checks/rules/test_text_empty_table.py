from rule_testing import BASES, run, triggers


def _empty(d, tid):
    d.tables[tid].rows = []  # the title and header printed, no body


def test_an_empty_budget_table_without_a_note():
    (f,) = triggers("budget", lambda d: _empty(d, "budget_three_public"), "TEXT-006", severity="warning",
                    allowed=("BUD-008", "BUD-009", "BUD-010", "BUD-011", "BUD-012", "BUD-013"))
    assert "三公" in f.message


def test_a_note_saying_the_table_is_empty_and_fund_tables_of_final_accounts():
    d, p = BASES["budget"]()
    assert run(d, p, only=["TEXT-006"]) == []  # 政府性基金/国有资本经营 tables are empty with their 注
    d.tables["budget_fund"].statement = None
    (f,) = run(d, p, only=["TEXT-006"])
    assert f.location.table == "budget_fund"
    d, p = BASES["printed"]()
    _empty(d, "capital")
    d.tables["capital"].statement = None
    assert run(d, p, only=["TEXT-006"]) == []  # COMP-003 says it for 公开08


def test_rows_printed_with_blank_amounts_are_a_table_of_zeros():
    d, p = BASES["budget"]()
    for r in d.tables["budget_three_public"].rows:
        r.values = {k: None for k in r.values}
    assert run(d, p, only=["TEXT-006"]) == []


def _pages(d, *pages):
    from juesuan.model import PrintedPage

    d.reading.pages = [PrintedPage(number=n, **fields) for n, fields in enumerate(pages, 1)]


def test_pages_after_the_contents():
    d, p = BASES["budget-text"]()
    title = {"lines": 3, "row_lines": 2, "first": "2025年部门项目支出预算表"}
    _pages(d, {"lines": 0}, {"lines": 12, "text": 10, "contents": True}, {"lines": 0}, title, {**title, "rows": 4},
           {**title, "says_empty": True}, {"lines": 1, "first": "部门预算表"})
    found = run(d, p, only=["TEXT-006"])
    # page 1 (the cover's back, before the 目录) is not said; a table with rows, or saying it is empty, and a part's
    # title page are fine
    assert [(f.location.source.page, f.found) for f in found] == [(3, "空白页"), (4, "空表页")]
    assert found[1].location.label == "目录之后的第4页" and "2025年部门项目支出预算表" in found[1].message

