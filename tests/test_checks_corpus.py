"""The real documents, read by juesuan's readers and checked: their real problems, no false errors."""
from __future__ import annotations

from decimal import Decimal

from conftest import corpus_file
from juesuan.checks import run


def _read(name):
    from juesuan.readers.published import read_published

    result = read_published(corpus_file(name))
    return result.disclosure, result.profile


def test_seed_text():
    d, p = _read("datong-housing-2024.txt")
    findings = run(d, p)
    errors = sorted((f.rule, f.location.section or f.location.form) for f in findings if f.severity == "error")
    assert errors == [("NARR-002", "income"), ("PERF-005", "大同市城市主要街道品质提升工程"), ("PERF-008", "other")]
    prior = [f for f in findings if f.rule == "NARR-009"]
    # last year's 类 short of 五（一）'s total; 财政拨款支出总计 over 一般公共预算 + 政府性基金 (only a 国有资本经营
    # amount or year-end balances, blank this year, explain the 5.59)
    assert [(f.severity, f.difference) for f in prior] == [("warning", Decimal("-11000.00")), ("warning", Decimal("-5.59"))]
    basic = [f for f in findings if f.rule == "NARR-001" and f.location.section == "general_basic"]
    assert [f.severity for f in basic] == ["info"]  # 1,535.40 vs 公开05 1,535.41


def test_putuo_pdf():
    d, p = _read("putuo-finance-2024.pdf")
    findings = run(d, p)
    errors = sorted((f.rule, f.location.section) for f in findings if f.severity == "error")
    assert errors == [("NARR-001", "fiscal"), ("NARR-002", "general_budget")]
    warnings = sorted((f.rule, f.found) for f in findings if f.severity == "warning" and f.rule != "PLAUS-003")
    # its real problems of wording: one usage text under two 项, a 项目支出 item called 基本支出, a list naming
    # a blank subsidy while leaving out 奖励金; page 14 prints nothing but the empty frame of one table row
    assert warnings == [("NARR-013", "退休人员经费支出"), ("NARR-014", "局财政业务指导与宣传等基本支出"),
                        ("NARR-017", "个人农业生产补贴"), ("TEXT-006", "空白页")]
