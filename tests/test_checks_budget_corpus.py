"""The budget rules (BUD-xxx) on the four real budgets: only their real problems, each checked by
hand in the PDF (see docs/reading.md); and never a budget rule on a final-accounts document."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pytest

from conftest import corpus_file
from juesuan.audit import audit_file

EXPECTED = {
    # 30102/30107 printed as “2”/“7” in the 款 column (page 29); the 三公 table prints figures above “故本表为空表”
    # item 31 住房公积金: “2024年预算安排352.67万元” where the item and the table say 350.35 (and its 0.53% follows
    # from 350.35, not 352.67)
    "putuo-wanli-budget-2024.pdf": {("read.unrecognised", "warning"): 2, ("BUD-013", "error"): 1, ("NARR-021", "error"): 1,
                                    ("NARR-022", "error"): 1},
    # whole 元: 21201 合计 94,995,790 against 94,995,789 (基本+项目, and its 项), 212 154,369,326 against
    # 154,369,327 (its 款): a 元 apart, within 分 rounding
    # … and 二、机关运行经费预算 ends “…预算为464.64万元” without a full stop (page 30)
    "putuo-wanli-budget-2025.pdf": {("BUD-004", "info"): 2, ("BUD-005", "info"): 8, ("TEXT-002", "info"): 1},
    # the 国有资本经营 table's 注 says “无政府性基金预算”; item 7 says 887.36万元 where 2080506 prints 873,617 元; items
    # 7–11 printed again at the top of page 8; items 5, 9, 10, 11 cut off (87.708 → 87.70) rather than rounded
    "putuo-finance-budget-2025.pdf": {("BUD-014", "warning"): 1, ("NARR-021", "error"): 1, ("TEXT-009", "warning"): 1,
                                      ("NARR-021", "info"): 4},
    # 类 printed “7” for 210 (2101102, pages 9 and 11); 医疗卫生与计划生育支出 (the pre-2018 name of 210) in both
    # 收支总表; the economic table numbers 302's 款 01, 02, 03 … in print order (02 咨询费, 03 水费 … where the
    # catalogue has 02 印刷费, 03 咨询费, 05 水费), prints 303 as 离退休人员经费, 30301 as 退休费 (30302), and
    # 30108 as …养老保险费 (…缴费): 13 names, said in one finding for the table, and the code 30210; “公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。” (page 16)
    "putuo-welfare-home-unit-budget-2024.pdf": {("read.unrecognised", "warning"): 2, ("CAT-002", "warning"): 2,
                                                ("CAT-003", "warning"): 2, ("TEXT-004", "warning"): 1,
                                                # item 4 社会福利事业单位 738.66万元 where 2081005 prints 6,964,796 元
                                                ("NARR-021", "error"): 1},
}


@lru_cache(maxsize=None)
def _audited(name: str):
    return audit_file(corpus_file(f"budgets/{name}"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_budget_audits_with_only_its_real_problems(name):
    audited = _audited(name)
    assert Counter((f.rule, f.severity) for f in audited.findings) == EXPECTED[name]


def test_budget_rules_are_silent_on_final_accounts():
    audited = audit_file(corpus_file("putuo-finance-2024.pdf"))
    assert audited.disclosure.meta.family == "final"
    assert not [f for f in audited.findings if f.rule.startswith("BUD")]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_rule_that_declares_its_messages_reports_only_those(name):
    """Each finding of a rule with message templates is one of them, at that message's severity."""
    from juesuan.checks.engine import REGISTRY, all_rules

    all_rules()
    checked = 0
    for f in _audited(name).findings:
        spec = REGISTRY.get(f.rule)
        if spec is None or not spec.messages:
            continue
        fits = [m for m in spec.messages if (m.severity or spec.severity) == f.severity
                and re.fullmatch(".*".join(re.escape(part) for part in re.split(r"\{[a-z_]+\}", m.template)), f.message, re.S)]
        assert fits, (f.rule, f.severity, f.message)
        checked += 1
    assert checked == sum(n for (rule, _), n in EXPECTED[name].items() if rule in REGISTRY and REGISTRY[rule].messages)
