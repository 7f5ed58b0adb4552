from rule_testing import set_value, triggers


def test_total_row_off():
    def mutate(d):
        set_value(d, "general_budget", "total", "project", d.tables["general_budget"].value("total", "project") - 100)

    (f,) = triggers("built", mutate, "SUM-001", allowed=["SUM-003"])
    assert f.location.row == "total" and f.location.column == "project" and f.difference == -100


def test_rounding_in_a_printed_document_is_info():
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    found = run(d, p, only=["SUM-001"])
    assert found and {f.severity for f in found} == {"info"}  # 公开05 合计 1,535.41 vs Σ类 1,535.40
