from rule_testing import triggers


def test_says_none_but_table_has_data():
    def mutate(d):
        s = [x for x in d.narrative if x.key == "fund"][0]
        s.paragraphs.append("本年度无此项支出。")

    (f,) = triggers("printed", mutate, "NARR-010")
    assert "714,846.01" in f.message or "有数据" in f.message
