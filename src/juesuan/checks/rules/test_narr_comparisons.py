from rule_testing import replace_in_narrative, triggers


def test_says_greater_but_smaller():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(
        d, "支出决算为135.25万元。决算数小于预算数", "支出决算为135.25万元。决算数大于预算数"), "NARR-008")
    assert f.expected == "小于"


def test_says_level_but_differs():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(
        d, "年初预算为 0.94 万元，支出决算为0.94万元。", "年初预算为 0.94 万元，支出决算为0.84万元。"), "NARR-008", allowed=["NARR-001", "NARR-011"])
    assert f.found == "基本持平"


def test_same_as_last_year_after_a_completion_rate_is_no_budget_comparison():
    # The generator's own sentence (shanxi): 与上年相同 compares with last year, not with the budget.
    from juesuan.checks.claims import parse_section
    from juesuan.model import Disclosure, Meta, NarrativeSection

    d = Disclosure(meta=Meta(department="某局", year=2024, profile="shanxi"))
    s = NarrativeSection(key="three_public", title="九、“三公”经费", paragraphs=[
        "公务接待费支出2.00万元，完成全年预算的66.67%，与上年相同。",
        "公务接待费年初预算为3.00万元，支出决算为3.00万元，决算数与预算数持平。",
        "2024年度“三公”经费支出决算数与预算数持平。",
        "2024年度“三公”经费财政拨款支出决算数与2023年度持平。",
    ])
    kinds = [(c.kind, c.paragraph) for c in parse_section(s, d).claims if c.kind in ("flat", "compare")]
    assert kinds == [("flat", 0), ("compare", 1), ("compare", 2), ("flat", 3)]
    # 一般公共预算 names a fund, not a budget
    s = NarrativeSection(key="general_budget", title="五", paragraphs=["与2023年度相比，一般公共预算财政拨款支出持平。"])
    assert [c.kind for c in parse_section(s, d).claims] == ["flat"]


def test_a_path_name_with_brackets_of_its_own_binds_its_item():
    from juesuan.checks.claims import PATH

    m = PATH.search("一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）事业运行（项）。")
    assert (m.group("c"), m.group("k"), m.group("x")) == ("一般公共服务支出", "党委办公厅（室）及相关机构事务", "事业运行")


def test_same_as_last_year_after_a_completion_rate_is_not_about_the_budget():
    """The generator's own sentence: 与上年相同 compares with last year, though 全年预算 precedes it."""
    from rule_testing import built, run

    d, p = built()
    replace_in_narrative(d, "公务接待费支出0万元，与上年相同，主要原因是：本单位无公务接待费支出。",
                         "公务接待费支出2.00万元，完成全年预算的66.67%，与上年相同。")
    assert not [f for f in run(d, p, only=["NARR-008"])]
