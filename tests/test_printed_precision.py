"""#11: a finding shows every figure at the precision the document prints it. A disclosure built
from 元 keeps each amount exact (six places of 万元) behind its printed cell; its findings — the
message and the expected/found/difference figures — show the printed two places (forms: up to
four), rounded half up in the one place (money.as_printed, engine.fmt)."""
from __future__ import annotations

import re
from decimal import Decimal

from juesuan.checks.engine import FORM_PLACES, fmt, fmt_form
from juesuan.money import as_printed
from rule_testing import EXAMPLES, run

FINE = re.compile(r"(?<![±\d.,])\d[\d,]*\.\d{3,}")  # a figure with three or more places (bounds ±0.015 aside)


def test_fmt_shows_printed_places():
    assert fmt(Decimal("12.345678")) == "12.35"
    assert fmt(Decimal("12.3456")) == "12.35"  # 123,456 元: whole 元 are four places of 万元
    assert fmt(Decimal("0.005")) == "0.01"  # 四舍五入
    assert fmt(Decimal("-11000.000336"), sign=True) == "−11,000.00"
    assert fmt_form(Decimal("5.994")) == "5.994"  # a form prints what was typed, to four places
    assert fmt_form(Decimal("5.994321")) == "5.9943"
    assert as_printed(Decimal("7.5")) == Decimal("7.5") and as_printed(Decimal("1.005")) == Decimal("1.01")
    assert FORM_PLACES == 4


def test_findings_of_a_yuan_build_show_figures_as_printed():
    from juesuan.pipeline import compile_source

    disclosure, profile = compile_source(EXAMPLES / "datong-housing-2024")  # amounts in 元
    assert disclosure.rounded
    prior = disclosure.context.prior
    # Last year's 三公 typed in 元 to the cent: six places of 万元, and items that do not add up.
    prior["three_public:actual:abroad"] = Decimal("1.234567")
    prior["three_public:actual:reception"] = Decimal("0.3456")
    findings = [f for f in run(disclosure, profile) if f.rule == "NARR-009"]
    assert any("三公" in f.message for f in findings)
    for f in findings:
        assert not FINE.search(f"{f.location} {f.message} {f.suggestion or ''}"), f.message
        for value in (f.expected, f.found, f.difference):
            if isinstance(value, Decimal):
                assert value.as_tuple().exponent >= -2, (f.rule, value)
            elif isinstance(value, str):
                assert not FINE.search(value), (f.rule, value)
