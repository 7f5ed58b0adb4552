from rule_testing import replace_in_narrative, triggers


def test_other_year_in_narrative():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "2024年度收入总计", "2022年度收入总计"), "COMP-006", severity="warning")
    assert f.found == "2022年度"


def test_other_department_in_narrative():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "上海市普陀区财政局2024年度收入支出总计", "上海市静安区财政局2024年度收入支出总计"),
                    "COMP-006", severity="warning")
    assert f.found == "上海市静安区财政局"


def test_own_name_and_self_reference_are_fine():
    from rule_testing import printed_putuo, run

    d, p = printed_putuo()
    assert not run(d, p, only=["COMP-006"])


def test_no_name_comparison_when_the_document_name_was_not_read():
    from juesuan.checks import run
    from rule_testing import BASES

    d, p = BASES["printed"]()
    d.meta.department = "（未识别）"
    assert not [f for f in run(d, p) if f.rule in ("COMP-006", "COMP-005") and "名称" in f.message]
