from rule_testing import printed_seed, replace_in_narrative, run, triggers


def test_project_count():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "绩效自评个数26个", "绩效自评个数27个"), "PERF-008",
                    allowed=["NARR-011"])
    assert f.expected == 26


def test_seed_amount_explained_by_one_form():
    d, p = printed_seed()
    (f,) = run(d, p, only=["PERF-008"])
    assert "行政事业单位遗属补助经费" in f.suggestion and "2134" in f.suggestion and "2.134" in f.suggestion


def test_a_sum_of_another_column_is_a_convention_not_an_error():
    """The seed's forms' 全年执行数 add up to 6,977.596: a narrative stating that sum uses another basis."""
    from rule_testing import printed_seed, replace_in_narrative, run

    d, p = printed_seed()
    replace_in_narrative(d, "涉及资金5635.62万元", "涉及资金6977.60万元")
    assert not [f for f in run(d, p, only=["PERF-008"]) if "涉及资金" in f.message and f.severity != "info"]
