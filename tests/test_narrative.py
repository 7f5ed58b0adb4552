"""Narrative behaviour beyond the seed: changes from nothing, flat years, gaps, empty funds."""
from __future__ import annotations

from decimal import Decimal

from juesuan import narrative
from juesuan.model import Row
from juesuan.narrative import MISSING_MARK, cn_numeral
from juesuan.narrative.facts import Change


def text(disclosure, profile, key: str) -> str:
    sections = {s.key: s for s in narrative.generate(disclosure, profile)}
    return "".join(sections[key].paragraphs)


def test_change_from_a_zero_prior_year_states_no_rate():
    c = Change(Decimal("2800.00"), Decimal("0.00"))
    assert c.up and c.diff == Decimal("2800.00") and c.pct is None
    assert Change(Decimal("5"), Decimal("5")).flat
    down = Change(Decimal("1500.00"), Decimal("2000.00"))
    assert down.down and down.pct == Decimal("25.00")


def test_zero_prior_year_in_text_never_says_growth_from_nothing(datong):
    disclosure, profile = datong
    out = text(disclosure, profile, "general_budget")
    assert "较上年决算增加2,800.00万元，主要原因是" in out
    assert "增长100" not in out


def test_flat_year_is_stated_as_flat_and_needs_no_reason(datong):
    disclosure, profile = datong
    ctx = disclosure.context
    ctx.prior["summary:in.grand_total:amount"] = disclosure.value("summary:in.grand_total:amount")
    ctx.prior["summary:ex.grand_total:amount"] = disclosure.value("summary:ex.grand_total:amount")
    del ctx.reasons["total_change"]
    out = text(disclosure, profile, "total")
    assert "与上年相比，收入总计持平，支出总计持平。" in out
    assert MISSING_MARK not in out


def test_missing_reason_is_marked_and_reported_never_invented(datong):
    disclosure, profile = datong
    del disclosure.context.reasons["class.212.reason"]
    disclosure.narrative = narrative.generate(disclosure, profile)
    out = "".join(p for s in disclosure.narrative for p in s.paragraphs)
    assert "主要原因是【待补充：城乡社区支出（212）较上年增减变化的主要原因（填在“原因说明”表：编号 class.212.reason）】" in out
    gaps = narrative.missing(disclosure)
    assert gaps == ["五、一般公共预算财政拨款支出决算情况说明：缺少城乡社区支出（212）较上年增减变化的主要原因（填在“原因说明”表：编号 class.212.reason）"]


def test_a_missing_reason_is_a_structured_gap_of_its_section(datong):
    """The section records the reason it lacks as (key, label), so the web form and the workbook
    need not read it back out of the marker's wording; a complete section's JSON has no gaps."""
    from juesuan.model import Disclosure

    disclosure, profile = datong
    assert '"gaps"' not in disclosure.model_dump_json()
    del disclosure.context.reasons["class.212.reason"]
    del disclosure.context.reasons["three_public.abroad.usage"]
    disclosure.narrative = narrative.generate(disclosure, profile)
    gaps = {s.key: [(g.key, g.label) for g in s.gaps] for s in disclosure.narrative if s.gaps}
    assert gaps == {"general_budget": [("class.212.reason", "城乡社区支出（212）较上年增减变化的主要原因")],
                    "three_public": [("three_public.abroad.usage", "因公出国（境）费的主要用途")]}
    again = Disclosure.model_validate_json(disclosure.model_dump_json())
    assert [s.gaps for s in again.narrative] == [s.gaps for s in disclosure.narrative]


def test_missing_prior_year_is_marked(datong):
    disclosure, profile = datong
    del disclosure.context.prior["fund:total:income"]
    out = text(disclosure, profile, "fund")
    assert "收入总计【待补充：政府性基金预算财政拨款收入总计的上年决算数（填在“上年决算数”表：政府性基金预算财政拨款收入总计）】" in out


def test_no_budget_at_all_is_marked_and_no_rate_is_stated(datong):
    disclosure, profile = datong
    disclosure.context.budget.clear()
    out = text(disclosure, profile, "general_budget")
    assert "完成年初预算" not in out
    assert "【待补充：一般公共预算财政拨款支出的年初预算数" in out


def test_zero_budget_states_zero_and_no_rate(datong):
    disclosure, profile = datong
    out = text(disclosure, profile, "general_budget")
    assert "交通运输支出年初预算0万元，支出决算1,500.00万元，用于" in out


def test_budget_given_by_item_rolls_up_to_its_class(datong):
    disclosure, profile = datong
    budget = disclosure.context.budget
    del budget["general_budget:212:total"]
    budget["general_budget:2120101:total"] = Decimal("880.00")
    budget["general_budget:2120399:total"] = Decimal("5546.51")
    out = text(disclosure, profile, "general_budget")
    assert "城乡社区支出年初预算6,426.51万元" in out


def test_empty_fund_tables_say_no_such_expenditure(datong):
    disclosure, profile = datong
    disclosure.tables["fund"].rows = [Row(key="total", name="合计", values={})]
    assert text(disclosure, profile, "fund") == "本年度无此项支出。"
    assert text(disclosure, profile, "capital") == "本年度无此项支出。"


def test_only_non_zero_economic_items_are_listed(datong):
    disclosure, profile = datong
    out = text(disclosure, profile, "general_basic")
    assert "基本工资、津贴补贴、奖金" in out
    assert "绩效工资" not in out and "伙食补助费" not in out  # zero in 公开06
    assert "公用经费112.44万元，主要包括办公费、印刷费、手续费、邮电费" in out


def test_shares_are_of_the_base_the_sentence_names(datong):
    disclosure, profile = datong
    out = text(disclosure, profile, "general_budget")
    # 占本年支出合计 (all funds, 811,754.86) and each 类 of 一般公共预算 (96,908.75), from exact 元
    assert "占本年支出合计的11.94%" in out
    assert "城乡社区支出(类)76,221.90万元，占比78.65%" in out


def test_three_public_counts_come_from_the_context(datong):
    disclosure, profile = datong
    tp = disclosure.context.three_public
    tp.abroad_groups, tp.abroad_persons, tp.reception_batches, tp.reception_persons = 2, 7, 3, 30
    tp.abroad_reception, tp.abroad_reception_batches, tp.abroad_reception_persons = Decimal("0.50"), 1, 4
    disclosure.tables["three_public"].row("actual").values["reception"] = Decimal("2.00")
    out = text(disclosure, profile, "three_public")
    assert "出国（境）团组共2个，7人次" in out
    assert "4、公务接待费支出2.00万元，共接待4批次，34人次。国内接待费1.50万元，共接待3批次，30人次" in out
    assert "国（境）外接待费0.50万元，共接待国（境）外1批次，4人次" in out


def test_procurement_without_sme_figures_is_marked(datong):
    disclosure, profile = datong
    disclosure.context.procurement.sme = None
    out = text(disclosure, profile, "other")
    assert "【待补充：授予中小企业合同金额" in out
    assert "占政府采购支出总额的3.71%" in out


def test_chinese_numerals():
    assert [cn_numeral(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]


def test_reason_labels_are_profile_data(datong, tmp_path):
    """The label of a reason the template asks for is the profile's (narrative.reasons): the 待补充
    marker, the section's gap and the workbook's list of reasons all read it; a key the template asks
    with no label anywhere is a message naming the profile."""
    import shutil

    import pytest

    from juesuan import profiles
    from juesuan.errors import InputError
    from juesuan.profiles import builtin_dir
    from juesuan.writers.workbook_reasons import per_class_literals, template_literals

    disclosure, _ = datong
    folder = tmp_path / "p"
    shutil.copytree(builtin_dir() / "shanxi", folder)
    yaml_path = folder / "profile.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    yaml_path.write_text(text.replace("    total_change: 收入支出总计增减变化的主要原因\n", "    total_change: 收支总计增减的原因\n")
                         .replace('    class.{code}.usage: "{name}（{code}）的主要用途"\n', '    class.{code}.usage: "{code} {name}的用途"\n'),
                         encoding="utf-8")
    profile = profiles.load(str(folder))
    del disclosure.context.reasons["total_change"]
    del disclosure.context.reasons["class.212.usage"]
    sections = narrative.generate(disclosure, profile)
    out = "".join(p for s in sections for p in s.paragraphs)
    assert "【待补充：收支总计增减的原因（填在“原因说明”表：编号 total_change）】" in out
    assert ("class.212.usage", "212 城乡社区支出的用途") in [(g.key, g.label) for s in sections for g in s.gaps]
    assert ("total_change", "收支总计增减的原因") in template_literals(profile)
    assert ("class.212.usage", "212 城乡社区支出的用途") in per_class_literals(profile, 2024)
    yaml_path.write_text(text.replace("    total_change: 收入支出总计增减变化的主要原因\n", ""), encoding="utf-8")
    profiles.load.cache_clear()
    with pytest.raises(InputError) as err:
        narrative.generate(disclosure, profiles.load(str(folder)))
    assert "total_change" in str(err.value.problems[0])
