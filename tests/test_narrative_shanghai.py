"""The shanghai profile's 情况说明 follows the Shanghai template (附件2：部门决算模板).

The Datong data rendered with the shanghai profile exercises every section now; the Putuo example
(examples/putuo-finance-2024, transcribed from the filled document) is compared with the figures
the published document states once that example exists.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan import narrative, profiles

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def datong_as_shanghai(datong):
    disclosure, _ = datong
    try:
        profile = profiles.load("shanghai")
    except Exception:  # the profile is written in parallel; absent in old checkouts
        pytest.skip("shanghai profile not available")
    disclosure.meta.profile = "shanghai"
    disclosure.narrative = narrative.generate(disclosure, profile)
    return disclosure, profile


def sections(disclosure) -> dict[str, str]:
    return {s.key: "".join(s.paragraphs) for s in disclosure.narrative}


def test_every_section_of_the_template_is_written(datong_as_shanghai):
    disclosure, profile = datong_as_shanghai
    assert [s.title for s in disclosure.narrative] == [
        "一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明",
        "四、财政拨款收入支出决算总体情况说明", "五、一般公共预算财政拨款支出决算情况说明",
        "六、一般公共预算财政拨款基本支出决算情况说明", "七、财政拨款“三公”经费支出决算情况说明",
        "八、政府性基金预算财政拨款收入支出决算情况说明", "九、国有资本经营预算财政拨款收入支出决算情况说明",
        "十、预算绩效管理情况", "十一、其他重要事项的情况说明",
    ]
    assert all(s.paragraphs for s in disclosure.narrative)


def test_sentences_follow_the_template_wording(datong_as_shanghai):
    disclosure, _ = datong_as_shanghai
    s = sections(disclosure)
    assert s["total"].startswith("大同市住房和城乡建设局2024年度收入支出总计811,754.86万元。与2023年度相比，收入支出总计增加568,915.32万元，增长234.28%。主要原因：")
    assert s["income"] == "本年收入合计811,754.86万元，其中：财政拨款收入811,754.75万元，占100.00%；其他收入0.11万元，占0.00%。"
    assert "一般公共预算财政拨款支出96,908.75万元，主要用于以下方面：教育支出（类）2,800.00万元，占2.89%；" in s["general_budget"]
    assert "一般公共预算财政拨款支出年初预算为6,973.15万元，支出决算为96,908.75万元，完成年初预算的1389.74%。决算数大于预算数的主要原因：" in s["general_budget"]
    assert "1、教育支出（类）进修及培训（款）干部教育（项）。主要用于：" in s["general_budget"]
    assert s["general_basic"].startswith("一般公共预算财政拨款基本支出1,535.41万元。其中：人员经费1,422.96万元，主要包括：基本工资、")
    assert "2024年度“三公”经费财政拨款支出决算数比2023年度减少1.08万元，下降46.35%。" in s["three_public"]
    assert "其中：因公出国（境）费支出决算持平；公务用车购置及运行维护费支出决算减少1.08万元，下降46.35%；公务接待费支出决算持平。" in s["three_public"]
    assert s["capital"] == "大同市住房和城乡建设局2024年度无国有资本经营预算财政拨款收入和支出。"
    assert "绩效自评的2024年度项目26个，涉及预算金额5,635.62万元，平均得分" in s["performance"]
    assert "绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。" in s["performance"]
    assert "机关运行经费支出112.44万元，比2023年度减少4.00万元，下降3.44%。主要原因是" in s["other"]
    assert "其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车2辆、" in s["other"]


def test_a_class_budget_does_not_pretend_to_know_each_item_budget(datong_as_shanghai):
    """Datong budgets by 类; the Shanghai template states budgets by 项, so they are asked for."""
    disclosure, _ = datong_as_shanghai
    text = sections(disclosure)["general_budget"]
    assert "干部教育（项）。主要用于：【待补充：" in text
    gaps = narrative.missing(disclosure)
    assert any("item.2120101.usage" in g for g in gaps)
    assert any("2120101" in g or "行政运行（项）的年初预算数" in g for g in gaps)


def test_flat_three_public_uses_the_flat_wording(datong_as_shanghai):
    disclosure, profile = datong_as_shanghai
    for key in ("total", "vehicle_total", "vehicle_running"):
        disclosure.context.prior[f"three_public:actual:{key}"] = Decimal("1.25")
    disclosure.narrative = narrative.generate(disclosure, profile)
    text = sections(disclosure)["three_public"]
    assert "2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；公务用车购置及运行维护费支出决算持平；公务接待费支出决算持平。" in text
    assert "主要原因是" not in text.split("（二）")[0]


# -- the Putuo example (examples/putuo-finance-2024), against the published document ------------

PUTUO_TITLE = re.compile(r"^\s*([一二三四五六七八九十]+)、(.+?(情况说明|管理情况))\s*$")


def putuo_sections() -> dict[str, str]:
    """The published 第三部分 (pdftotext reading order), section numeral -> text without line breaks."""
    import subprocess

    from conftest import corpus_file

    pdf = corpus_file("putuo-finance-2024.pdf")
    text = subprocess.run(["pdftotext", "-f", "19", "-l", "25", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = text[text.index("一、收入支出决算总体情况说明"): text.index("第四部分")]
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = PUTUO_TITLE.match(line)
        if m and m.group(1) not in out:
            current = m.group(1)
            out[current] = []
        elif current:
            out[current].append(line.strip())
    return {k: "".join(v) for k, v in out.items()}


def test_putuo_narrative_states_the_published_figures(putuo):
    """Every figure of the published narrative, in order, or its difference explained in
    tests/fixtures/putuo-narrative-differences.yaml (complete and current, as for Datong)."""
    import yaml
    from collections import Counter

    from test_narrative_datong import differences

    disclosure, _ = putuo
    assert narrative.missing(disclosure) == []
    published = putuo_sections()
    ours = {s.title.split("、", 1)[0]: "".join(s.paragraphs) for s in disclosure.narrative}
    assert list(ours) == list(published)
    listed = yaml.safe_load((Path(__file__).parent / "fixtures" / "putuo-narrative-differences.yaml").read_text(encoding="utf-8"))["differences"]
    expected = Counter({(d["section"], d["seed"], d["ours"]): d.get("count", 1) for d in listed})
    found: Counter = Counter()
    for key, text in published.items():
        found.update((key, a, b) for a, b in differences(text, ours[key]))
    unexplained = {k: n for k, n in found.items() if expected.get(k) != n}
    assert not unexplained, f"differences not listed (or listed with another count): {unexplained}"
    assert not set(expected) - set(found), sorted(set(expected) - set(found), key=str)


def test_putuo_wording_follows_the_published_document(putuo):
    import difflib

    from test_narrative_datong import NUMBER as FIGURE

    disclosure, _ = putuo
    published = putuo_sections()
    ours = {s.title.split("、", 1)[0]: "".join(s.paragraphs) for s in disclosure.narrative}

    def words(text: str) -> str:
        return FIGURE.sub("#", re.sub(r"\s", "", text))

    for key, text in published.items():
        ratio = difflib.SequenceMatcher(a=words(text), b=words(ours[key]), autojunk=False).ratio()
        assert ratio >= 0.93, (key, round(ratio, 3))
