from rule_testing import BASES, run, triggers


def _unit(d):
    d.meta.level = "单位"
    d.reading.level = "单位"


def test_a_unit_budget_that_calls_itself_a_department_budget():
    d, p = BASES["budget-text"]()
    _unit(d)
    found = run(d, p, only=["TEXT-008"])  # its title lines and 目录 say 部门预算
    assert [f.location.label[:2] for f in found] == ["标题", "标题", "目录"]
    assert found[0].found == "部门预算" and found[0].severity == "warning" and "第1页" in found[0].location.label


def test_a_department_budget_that_calls_itself_a_unit_budget():
    (f,) = triggers("budget-text", lambda d: setattr(d.reading.contents[0], "text", "四、单位预算编制说明"), "TEXT-008",
                    severity="warning")
    assert f.found == "单位预算" and f.location.label.startswith("目录")


def test_names_that_carry_the_word_by_definition():
    d, p = BASES["budget-text"]()
    for line in d.reading.headings:
        line.text = line.text.replace("部门预算", "单位预算")
    d.reading.contents[0].text = "四、单位预算编制说明"
    _unit(d)
    d.narrative[0].paragraphs.append("一般公共预算基本支出部门预算经济分类预算表反映本单位各预算单位的基本支出。")
    assert run(d, p, only=["TEXT-008"]) == []
    d.meta.level = d.reading.level = None
    d.narrative[0].paragraphs.append("本部门预算包括下属单位。")
    assert run(d, p, only=["TEXT-008"]) == []  # level unknown: nothing to compare with


def test_final_accounts_table_names_in_a_unit_document():
    from rule_testing import BASES, run

    d, p = BASES["printed"]()
    d.meta.level = "单位"
    d.narrative[0].paragraphs.append("详见部门决算相关信息统计表和第二部分2024年部门决算表。")
    assert run(d, p, only=["TEXT-008"]) == []
    d.narrative[0].paragraphs.append("本部门决算包括局本级。")
    (f,) = run(d, p, only=["TEXT-008"])
    assert f.found == "部门决算"
