from rule_testing import replace_in_narrative


def _findings(mutate, base="budget-text"):
    from rule_testing import BASES, run

    d, p = BASES[base]()
    mutate(d)
    return [f for f in run(d, p, only=["TEXT-002"])]


def test_missing_full_stop_is_a_hint():
    (f,) = _findings(lambda d: replace_in_narrative(d, "主要原因是项目调整。", "主要原因是项目调整，人员增加"))
    assert f.severity == "info" and f.found == "加" and "第6页第4行" in f.location.label
    assert _findings(lambda d: replace_in_narrative(d, "主要原因是项目调整。", "主要原因是项目调整")) == []  # short: may be a label


def test_labels_lists_and_remarks_are_left_alone():
    def mutate(d):
        d.narrative[0].paragraphs += ["财政拨款支出主要内容如下：", "（一）项目支出", "收入支出决算总表单位：万元",
                                      "与上年相比，支出增加10.00万元。（如持平作持平表述）", "（二）负责辖区内社区管理；"]
    assert _findings(mutate) == []


def test_final_accounts_narrative():
    (f,) = _findings(lambda d: replace_in_narrative(d, "主要原因是本年工程资金有所减少。", "主要原因是本年工程资金有所减少"), base="printed")
    assert f.rule == "TEXT-002"
