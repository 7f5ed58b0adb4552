from rule_testing import triggers


def test_wrong_year_and_unit_in_heading():
    def heading(d):
        d.tables["general_budget"].heading = {"部门名称": "大同市住房和城乡建设局", "年度": "2023年度", "金额单位": "元"}

    found = triggers("printed", heading, "COMP-005")
    assert {f.expected for f in found} == {"2024年度", "万元"}


def test_other_department_in_heading():
    def heading(d):
        d.tables["income"].heading = {"部门名称": "部门名称：大同市规划和自然资源局"}

    (f,) = triggers("printed", heading, "COMP-005")
    assert f.found == "大同市规划和自然资源局"
