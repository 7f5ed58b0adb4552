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
