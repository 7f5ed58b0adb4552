from rule_testing import triggers


def test_capital_table_note_copied_from_the_fund_table():
    def mutate(d):
        d.tables["budget_capital"].statement = "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"
    (f,) = triggers("budget", mutate, "BUD-014", severity="warning")
    assert f.location.table == "budget_capital"
