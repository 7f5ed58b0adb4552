from juesuan.checks.testing import triggers


def test_an_old_class_name_in_the_summary():
    def mutate(d):
        d.tables["budget_summary"].row("ex.208").name = "社会保障和就业"
    (f,) = triggers("budget", mutate, "BUD-015", severity="warning")
    assert f.expected == "社会保障和就业支出" and f.location.row == "ex.208"
