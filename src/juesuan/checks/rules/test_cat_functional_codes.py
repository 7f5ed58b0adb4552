from dataclasses import replace

import pytest

from juesuan import catalogues
from rule_testing import triggers


def test_code_unknown_to_an_incomplete_catalogue_is_a_warning_that_says_so():
    def mutate(d):
        d.tables["general_budget"].row("2120199").key = "2120198"

    (f,) = triggers("built", mutate, "CAT-001", severity="warning", allowed=["XTAB-010"])
    assert f.found == "2120198" and "不完整" in f.message


def test_code_unknown_to_a_complete_sourced_catalogue_is_an_error(monkeypatch):
    original = catalogues.load
    monkeypatch.setattr(catalogues, "load", lambda kind, year: replace(original(kind, year), complete=True)
                        if kind == "functional" else original(kind, year))

    def mutate(d):
        d.tables["general_budget"].row("2120199").key = "2120198"

    (f,) = triggers("built", mutate, "CAT-001", allowed=["XTAB-010"])
    assert "不完整" not in f.message


def test_wrong_length_is_an_error_whatever_the_catalogue():
    def mutate(d):
        d.tables["general_budget"].row("2120199").key = "21201990"

    triggers("built", mutate, "CAT-001", allowed=["XTAB-010", "CAT-004", "SUM-002"])


@pytest.mark.parametrize("code", ["20139", "2013901", "2013950", "2013999"])
def test_social_work_affairs_new_in_2024(code):
    # 款 20139 社会工作事务 was added in 2024: known to 2024 and later, not to 2023
    assert code in catalogues.load("functional", 2024)
    assert code in catalogues.load("functional", 2025)
    assert code not in catalogues.load("functional", 2023)
