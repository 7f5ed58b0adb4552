from rule_testing import printed_putuo, replace_in_narrative, run, triggers


def test_item_named_otherwise_than_the_table():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "行政事业单位医疗（款）行政单位医疗（项）", "行政事业单位医疗（款）事业单位医疗（项）"),
                    "NARR-015", severity="warning", allowed=["NARR-001", "NARR-006", "NARR-011"])
    assert f.found == "事业单位医疗" and f.expected == "行政单位医疗"


def test_names_as_printed_are_quiet():
    d, p = printed_putuo()
    assert not run(d, p, only=["NARR-015"])
