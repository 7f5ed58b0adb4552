from rule_testing import printed_putuo, replace_in_narrative, run, triggers


def test_sme_parts_exceed_procurement():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "由中小企业供应商中标或成交的，采购金额4.79万元", "由中小企业供应商中标或成交的，采购金额40.79万元"),
                    "NARR-016")
    assert f.difference > 0


def test_micro_exceeds_sme():
    (f,) = triggers("built", lambda d: replace_in_narrative(d, "授予小微企业合同金额1,220.66万元", "授予小微企业合同金额33,220.66万元"),
                    "NARR-016", allowed=["NARR-001", "NARR-002"])
    assert "小微" in f.message


def test_putuo_as_printed_is_within_rounding():
    d, p = printed_putuo()  # 246.47 + 4.79 = 251.26 against 251.25: rounding
    assert not run(d, p, only=["NARR-016"])
