from rule_testing import triggers


def test_blank_executed_amount():
    (f,) = triggers("built", lambda d: setattr(d.performance[2].funding[0], "executed", None), "PERF-010", severity="warning")
    assert f.found == ["资金总额·全年执行数"] and f.location.form == "基础性支出（大同市建设工程交易中心）"


def test_blank_indicator_score():
    (f,) = triggers("printed", lambda d: setattr(d.performance[0].indicators[3], "score", None), "PERF-010", severity="warning")
    assert f.found == ["租赁备案登记证书合同单位·得分"]
