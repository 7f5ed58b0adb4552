from rule_testing import replace_in_narrative, triggers


def test_completion_rate_differs():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "完成年初预算的126.90%", "完成年初预算的129.60%"), "NARR-005")
    assert str(f.expected) == "126.90"


def test_three_public_against_table_budget():
    from rule_testing import set_value

    def mutate(d):
        set_value(d, "three_public", "budget", "vehicle_running", "2.50")
        set_value(d, "three_public", "budget", "vehicle_total", "2.50")
        set_value(d, "three_public", "budget", "total", "2.50")

    found = triggers("printed", mutate, "NARR-005", allowed=["NARR-006"])
    # 公务用车运行维护费 “完成全年预算的100.00%” (no budget stated beside it: the table's 预算数 counts)
    assert len(found) == 1 and found[0].location.section == "three_public" and str(found[0].expected) == "50.00"


def test_three_public_rate_on_the_tables_basis_is_an_error():
    """The seed's 三公 table holds the 全年预算 (its note says so): a wrong “完成全年预算的” rate is certain."""
    found = triggers("printed", lambda d: replace_in_narrative(d, "公务用车运行维护费支出1.25万元，完成全年预算的100.00%",
                                                               "公务用车运行维护费支出1.25万元，完成全年预算的50.00%"), "NARR-005")
    assert len(found) == 1 and str(found[0].expected) == "100.00"


def test_three_public_rate_named_on_another_basis_is_a_warning():
    """“完成年初预算的” held against a table of 全年预算数: a budget adjusted in the year explains a difference."""
    found = triggers("printed", lambda d: replace_in_narrative(d, "公务用车运行维护费支出1.25万元，完成全年预算的100.00%",
                                                               "公务用车运行维护费支出1.25万元，完成年初预算的50.00%"),
                     "NARR-005", severity="warning")
    assert len(found) == 1 and "全年预算（调整后）" in found[0].message and "口径" in found[0].message


def test_three_public_rate_against_a_table_of_unknown_basis_is_a_warning():
    """Putuo's 三公 table says nothing of its 预算数's basis (Shanghai's note is silent): 警告."""
    found = triggers("putuo", lambda d: replace_in_narrative(d, "公务接待费支出决算为0.00万元，完成预算的0%",
                                                             "公务接待费支出决算为0.00万元，完成预算的50%"),
                     "NARR-005", severity="warning", allowed=["NARR-008"])
    assert len(found) == 1 and "未说明是年初预算还是全年预算" in found[0].message
