from rule_testing import BASES, add_section as add, run

PROCUREMENT = "2025年本部门政府采购预算100.00万元，其中：政府采购货物预算10.00万元、政府采购工程预算0万元、政府采购服务预算90.00万元。"


def _findings(key, title, text):
    d, p = BASES["budget-text"]()
    add(d, key, title, text)
    return run(d, p, only=["NARR-023"])


def test_procurement_parts():
    assert _findings("procurement", "三、政府采购预算情况", PROCUREMENT) == []
    (f,) = _findings("procurement", "三、政府采购预算情况", PROCUREMENT.replace("服务预算90.00", "服务预算91.00"))
    assert f.severity == "error" and "101.00" in f.message and "第20页第3行" in f.location.label


def test_three_public_with_the_vehicle_parts_listed_instead_of_their_sum():
    text = ("2025年“三公”经费预算数为20.00万元。其中：因公出国（境）费0万元；公务用车购置费0万元；公务用车运行费15.00万元；"
            "公务接待费5.00万元。")
    assert _findings("three_public", "一、“三公”经费预算情况说明", text) == []
    (f,) = _findings("three_public", "一、“三公”经费预算情况说明", text.replace("为20.00万元", "为21.00万元"))
    assert f.expected == 20


def test_income_parts_may_leave_one_out():
    d, p = BASES["budget-text"]()
    d.narrative[0].paragraphs[0] = d.narrative[0].paragraphs[0].replace("事业收入20.00万元。", "事业收入20.00万元；事业单位经营收入0万元；其他收入0万元。")
    assert run(d, p, only=["NARR-023"]) == []
    d.narrative[0].paragraphs[0] = d.narrative[0].paragraphs[0].replace("收入预算200.00万元", "收入预算210.00万元")
    (f,) = run(d, p, only=["NARR-023"])
    assert f.severity == "warning"
