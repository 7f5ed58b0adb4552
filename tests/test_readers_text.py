"""The seed (text extracted from a published PDF) read back into the model as printed."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import ROOT, corpus_file
from juesuan import profiles
from juesuan.readers.document import read_grid
from juesuan.readers.text import read_text


@pytest.fixture(scope="module")
def seed():
    path = corpus_file("datong-housing-2024.txt")
    return read_grid(read_text(path), profiles.load("shanxi"))


def test_seed_meta_and_tables(seed):
    d = seed.disclosure
    assert d.origin == "printed"
    assert (d.meta.department, d.meta.year, d.meta.unit) == ("大同市住房和城乡建设局", 2024, "万元")
    assert all(t.present for t in d.tables.values())
    counts = {tid: len(t.rows) for tid, t in d.tables.items()}
    # 公开02/03 keep only the page printed in the seed (rows from 214 on); 公开08 has its 合计 row.
    assert counts == {
        "summary": 42, "income": 12, "expenditure": 12, "fiscal_summary": 38, "general_budget": 37,
        "general_basic": 112, "fund": 4, "capital": 1, "three_public": 2, "statistics": 16,
    }
    assert seed.problems == []


def test_seed_values_as_printed(seed):
    d = seed.disclosure
    # The seed's own mistake is kept: 公开01 prints 76222.00 for 城乡社区支出, 公开04 prints 76221.90.
    assert d.value("summary:ex.212:amount") == Decimal("76222.00")
    assert d.value("fiscal_summary:ex.212:total") == Decimal("76221.90")
    assert d.value("summary:in.other:amount") == Decimal("0.11")
    assert d.value("summary:in.fiscal_capital:amount") is None  # blank stays blank
    assert d.value("income:2290402:fiscal") == Decimal("714846.01")
    assert d.value("expenditure:221:basic") == Decimal("115.64")
    assert d.value("general_budget:total:project") == Decimal("95373.34")
    assert d.value("general_basic:30231:amount") == Decimal("1.25")
    assert d.value("general_basic:31002:amount") == Decimal("6.87")
    assert d.value("general_basic:personnel_total:amount") == Decimal("1422.96")
    assert d.table("general_basic").row("30901").values["amount"] is None  # printed ———
    assert d.value("three_public:actual:vehicle_running") == Decimal("1.25")
    assert d.value("statistics:vehicles.confidential:amount") == Decimal("2")
    assert d.value("fund:total:income") == Decimal("714846.01")
    assert d.table("capital").statement == "说明：本表无数据"
    row = d.table("summary").row("ex.212")
    assert row.line_no == 42 and row.cell_locs["amount"].line == 106


def test_seed_every_cell_against_hand_checked_values(seed):
    """When the hand-checked transcription of the seed's tables is present, every cell agrees."""
    path = ROOT / "tests" / "fixtures" / "datong-seed-tables.json"
    if not path.exists():
        pytest.skip("datong-seed-tables.json not available")
    truth = json.loads(path.read_text(encoding="utf-8"))
    d = seed.disclosure
    n = 0
    for tid, t in truth["tables"].items():
        for row in t["rows"]:
            got = d.table(tid).row(row["key"])
            assert got is not None, (tid, row["key"])
            for col, v in row["values"].items():
                assert got.values.get(col) == (None if v is None else Decimal(v)), (tid, row["key"], col)
                n += 1
    assert n > 500


def test_seed_narrative_sections(seed):
    sections = {s.key: s for s in seed.disclosure.narrative}
    assert list(sections) == [s["key"] for s in profiles.load("shanxi").narrative.sections]
    total = sections["total"].paragraphs
    assert total == [
        "2024年度收入总计811,754.86万元，支出总计811,754.86万元。与上年相比，收入总计增加568,915.32万元，"
        "增长234.28%，支出总计增加568,915.32万元，增长234.28%。主要原因是本年新增了市级棚户区改造项目本金、贷款利息等支出。"
    ]
    gb = sections["general_budget"].paragraphs
    # a paragraph broken over a page ("…云冈职教城工程" / "建设资金。") is joined again
    assert any(p.endswith("新增大同市委党校及云冈职教城工程建设资金。") for p in gb)
    assert sections["capital"].paragraphs == ["本年度无此项支出。"]
    assert len(sections["other"].paragraphs) == 11
    assert all(loc is not None for s in sections.values() for loc in s.locs)


def test_seed_performance_forms_as_printed(seed):
    forms = seed.disclosure.performance
    assert len(forms) == 26
    import yaml

    printed = yaml.safe_load((ROOT / "tests" / "fixtures" / "datong-performance-printed.yaml").read_text(encoding="utf-8"))
    transcribed = yaml.safe_load((ROOT / "examples" / "datong-housing-2024" / "performance.yaml").read_text(encoding="utf-8"))
    for form, want, src in zip(forms, printed["forms"], transcribed["forms"]):
        assert form.name == want["name"] == src["name"]
        assert form.prefix == src["prefix"]
        p = want["printed"]
        total_row = form.funding[0]
        assert total_row.source == "资金总额"
        assert total_row.balance == Decimal(str(p["balance"]))
        assert total_row.score == Decimal(str(p["execution_score"]))
        assert form.total == Decimal(str(p["total"]))
        assert form.grade == p["grade"]
        assert len(form.indicators) == len(src["indicators"])
        assert sum(i.weight for i in form.indicators) == 90
    first = forms[0]
    assert first.funding[0].rate == Decimal("99.91") and first.funding[0].executed == Decimal("5.994")
    assert first.indicators[0].name == "印制租赁备案登记证书合同" and first.indicators[0].adjusted == "≤4000份"
    assert forms[12].funding[0].budgeted == Decimal("2134")  # the seed's 元/万元 slip, kept as printed


def test_seed_glossary_and_overview(seed):
    d = seed.disclosure
    assert len(d.glossary) == 12 and d.glossary[0].term == "财政拨款收入"
    assert len(d.overview.duties) == 15
    assert d.overview.organisation[0].startswith("我局目前内设科室18个")


def test_numbered_items_printed_run_together_are_split():
    from juesuan.readers.narrative import split_items

    assert split_items(["（七）负责会计管理。（八）负责非税收入；管理票据。", "（九）其他。"]) == [
        "（七）负责会计管理。", "（八）负责非税收入；管理票据。", "（九）其他。"]
    # only the next number cuts: a reference to another item, or an unnumbered text, stays whole
    assert split_items(["（二）按第（四）项执行。（四）另行规定。"]) == ["（二）按第（四）项执行。（四）另行规定。"]
    assert split_items(["第三条 职责是：（一）甲。（二）乙。"]) == ["第三条 职责是：（一）甲。（二）乙。"]
    assert split_items(["（十九）甲。（二十）乙。"]) == ["（十九）甲。", "（二十）乙。"]
