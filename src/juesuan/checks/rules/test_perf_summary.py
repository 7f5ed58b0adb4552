from rule_testing import printed_seed, replace_in_narrative, run, triggers


def test_project_count():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "绩效自评个数26个", "绩效自评个数27个"), "PERF-008",
                    allowed=["NARR-011"])
    assert f.expected == 26


def test_seed_amount_explained_by_one_form():
    d, p = printed_seed()
    (f,) = run(d, p, only=["PERF-008"])
    assert "行政事业单位遗属补助经费" in f.suggestion and "2134" in f.suggestion and "2.134" in f.suggestion
