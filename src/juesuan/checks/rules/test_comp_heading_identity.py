from rule_testing import printed_putuo, replace_in_narrative, run, triggers

HEADINGS = ["第一部分 上海市普陀区财政局概况", "第二部分 上海市普陀区财政局2024年度部门决算表",
            "第三部分 上海市普陀区财政局2024年度部门决算情况说明", "第四部分 名词解释"]


def _headings(*replace):
    def mutate(d):
        d.meta.headings = list(HEADINGS)
        for i, text in replace:
            d.meta.headings[i] = text
    return mutate


def test_part_heading_names_another_department():
    (f,) = triggers("putuo", _headings((1, "第二部分 上海市普陀区教育局2024年度部门决算表")), "COMP-008")
    assert f.found == "上海市普陀区教育局"


def test_part_heading_of_another_year():
    (f,) = triggers("putuo", _headings((2, "第三部分 上海市普陀区财政局2023年度部门决算情况说明")), "COMP-008")
    assert f.found == "2023年"


def test_year_end_date_of_another_year():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "截至2024年12月31日", "截至2023年12月31日"), "COMP-008")
    assert f.expected == "截至2024年12月31日"


def test_consistent_headings_are_quiet():
    d, p = printed_putuo()
    _headings()(d)
    d.meta.headings.append("第一部分概况")  # shanxi: no name in the heading
    assert not run(d, p, only=["COMP-008"])


def test_silent_when_the_year_is_a_guess():
    """A document that never states its year (COMP-007 says so) has no year to hold its headings to."""
    from juesuan.model import Reading

    d, p = printed_putuo()
    _headings((2, "第三部分 上海市普陀区财政局2023年度部门决算情况说明"))(d)
    d.reading = (d.reading or Reading(path="generic")).model_copy(update={"year_stated": False})
    assert not [f for f in run(d, p, only=["COMP-008"]) if "2023" in f.message]
