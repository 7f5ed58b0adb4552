from rule_testing import BASES, replace_in_narrative, run, triggers


def test_reason_announced_and_not_given():
    (f,) = triggers("budget-text", lambda d: replace_in_narrative(d, "主要原因是项目调整。", "主要原因是。"), "TEXT-004",
                    severity="warning")
    assert f.found == "主要原因是。"


def test_use_cut_off_in_final_accounts():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "主要原因是本年工程资金有所减少。", "主要用于；"), "TEXT-004",
                    severity="warning", allowed=("NARR-013",))
    assert f.found == "主要用于；"


def test_colon_at_the_end_of_a_section_and_not_before_a_list():
    d, p = BASES["budget-text"]()
    d.narrative[0].paragraphs[1] = "财政拨款收入支出增加的主要原因是："
    d.narrative[0].paragraphs.insert(2, "1.项目调整。")  # a list follows: complete
    assert run(d, p, only=["TEXT-004"]) == []
    d.narrative[0].paragraphs[-1] = "支出增加，主要原因是："  # the section ends there
    (f,) = run(d, p, only=["TEXT-004"])
    assert f.found == "主要原因是："
