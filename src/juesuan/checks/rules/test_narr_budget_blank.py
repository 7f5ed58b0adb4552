from rule_testing import run, set_value, triggers


def test_budget_row_left_blank():
    def blank(d):
        for col in ("total", "reception"):
            set_value(d, "three_public", "budget", col, None)

    found = triggers("putuo", blank, "NARR-012", allowed=["SUM-007", "NARR-006"])
    assert {f.location.section for f in found} == {"three_public"}


def test_filled_budget_is_quiet():
    from rule_testing import printed_putuo

    d, p = printed_putuo()
    assert not run(d, p, only=["NARR-012"])


def test_budget_row_not_printed_is_a_warning():
    def drop(d):
        t = d.tables["three_public"]
        t.rows = [r for r in t.rows if r.key != "budget"]

    found = triggers("putuo", drop, "NARR-012", severity="warning", allowed=["SUM-007", "NARR-006"])
    assert found
