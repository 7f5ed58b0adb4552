from rule_testing import replace_in_narrative, triggers


def test_a_stray_closing_quote():
    (f,) = triggers("budget-text", lambda d: replace_in_narrative(d, "主要用于行政运行。", "主要用于行政运行”。"), "TEXT-003",
                    severity="warning")
    assert f.found == "多出1个右引号“””" and "第6页第5行" in f.location.label


def test_an_unclosed_bracket_in_a_final_accounts_narrative():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "主要原因是本年工程资金有所减少。", "主要原因是本年工程资金（含配套资金有所减少。"),
                    "TEXT-003", severity="warning")
    assert "缺少1个右括号" in f.message


def test_a_bracket_closed_in_the_next_paragraph_and_mixed_widths_balance():
    from rule_testing import BASES, run

    d, p = BASES["budget-text"]()
    d.narrative[0].paragraphs[1:2] = ["平均得分90分（其中，评级为“优”的项目2个；", "评级为“良”的项目1个）。", "主要用于(机关运行）。"]
    assert run(d, p, only=["TEXT-003"]) == []


def test_a_title_line_with_a_lone_book_mark():
    (f,) = triggers("budget-text", lambda d: setattr(d.reading.headings[1], "text", "《2025年部门预算编制说明"), "TEXT-003",
                    severity="warning", allowed=())
    assert "书名号" in f.message and f.location.label.startswith("标题")
