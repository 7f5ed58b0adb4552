from rule_testing import triggers


def test_name_differs():
    def mutate(d):
        d.tables["general_budget"].row("2120101").name = "行政管理"

    (f,) = triggers("built", mutate, "CAT-002", severity="warning")
    assert f.expected == "行政运行"


def test_summary_class_line_with_enumerator_is_fine():
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    assert not run(d, p, only=["CAT-002"])
