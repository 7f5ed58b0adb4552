from juesuan.checks.testing import replace_in_narrative, triggers


def test_says_greater_but_smaller():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(
        d, "支出决算为135.25万元。决算数小于预算数", "支出决算为135.25万元。决算数大于预算数"), "NARR-008")
    assert f.expected == "小于"


def test_says_level_but_differs():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(
        d, "年初预算为 0.94 万元，支出决算为0.94万元。", "年初预算为 0.94 万元，支出决算为0.84万元。"), "NARR-008", allowed=["NARR-001", "NARR-011"])
    assert f.found == "基本持平"


def test_same_as_last_year_after_a_completion_rate_is_not_about_the_budget():
    """The generator's own sentence: 与上年相同 compares with last year, though 全年预算 precedes it."""
    from juesuan.checks.testing import built, run

    d, p = built()
    replace_in_narrative(d, "公务接待费支出0万元，与上年相同，主要原因是：本单位无公务接待费支出。",
                         "公务接待费支出2.00万元，完成全年预算的66.67%，与上年相同。")
    assert not [f for f in run(d, p, only=["NARR-008"])]
