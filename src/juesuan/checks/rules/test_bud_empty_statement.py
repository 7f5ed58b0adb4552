from rule_testing import triggers


def test_a_note_saying_empty_above_figures():
    def mutate(d):
        d.tables["budget_three_public"].statement = "注:本部门2025年无“三公”经费和机关运行经费预算，故本表为空表。"
    (f,) = triggers("budget", mutate, "BUD-013")
    assert f.location.table == "budget_three_public" and f.found == 5
