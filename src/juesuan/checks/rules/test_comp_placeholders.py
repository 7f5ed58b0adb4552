from rule_testing import replace_in_narrative, triggers


def test_template_wording_left_in():
    found = triggers("printed", lambda d: replace_in_narrative(d, "主要原因是本年工程资金有所减少。", "主要原因：XXXXXXXX。（如持平作持平表述）"),
                     "COMP-004")
    assert len(found) == 1  # one finding for the paragraph, naming each placeholder once
    assert found[0].found == "XXXXXXXX、（如持平作持平表述）"


def test_missing_marker_of_the_generator():
    found = triggers("printed", lambda d: replace_in_narrative(d, "主要原因是本年工程资金有所减少。", "主要原因：【待补充：原因】。"), "COMP-004")
    assert found[0].found == "【待补充：原因】"


def test_placeholder_in_a_part_heading():
    from juesuan.model import PrintedLine, Reading, SourceLoc

    def heading(d):
        d.reading = Reading(path="generic", headings=[PrintedLine(text="第一部分 XX部门(单位)概况", loc=SourceLoc(file="x.txt", line=3))])

    (f,) = triggers("printed", heading, "COMP-004")
    assert f.found == "XX" and "第3行" in f.location.label
