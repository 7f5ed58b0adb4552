"""The claim parser over real sentences: the Shanxi seed, the Shanghai template and the Putuo
document, and juesuan's own generated narrative."""
from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.checks.claims import parse_section
from rule_testing import built, printed_putuo
from juesuan.model import NarrativeSection


@pytest.fixture(scope="module")
def datong():
    return built("datong-housing-2024")[0]


@pytest.fixture(scope="module")
def putuo():
    return printed_putuo()[0]


def claims(text: str, key: str, disclosure, title: str = ""):
    section = NarrativeSection(key=key, title=title or key, paragraphs=[text])
    parsed = parse_section(section, disclosure)
    return [(c.kind, c.quantity.key if c.quantity else None, c.value, c.direction, c.base.key if c.base else None)
            for c in parsed.claims], parsed.unplaced


D = Decimal


def test_seed_totals_with_changes(datong):
    got, unplaced = claims("2024年度收入总计811,754.86万元，支出总计811,754.86万元。与上年相比，收入总计增加568,915.32万元，"
                           "增长234.28%，支出总计增加568,915.32万元，增长234.28%。主要原因是本年新增了市级棚户区改造项目本金、贷款利息等支出。",
                           "total", datong)
    assert got == [
        ("amount", "summary:in.grand_total:amount", D("811754.86"), None, None),
        ("amount", "summary:ex.grand_total:amount", D("811754.86"), None, None),
        ("change", "summary:in.grand_total:amount", D("568915.32"), 1, None),
        ("change_pct", "summary:in.grand_total:amount", D("234.28"), 1, None),
        ("change", "summary:ex.grand_total:amount", D("568915.32"), 1, None),
        ("change_pct", "summary:ex.grand_total:amount", D("234.28"), 1, None),
    ] and unplaced == []


def test_seed_income_shares(datong):
    got, _ = claims("2024年度收入合计811,754.86万元，其中：  财政拨款收入811,754.75万元，占比0%；  其他收入0.11万元，占比0%。", "income", datong)
    assert ("share", "income:total:fiscal", D("0"), None, "summary:in.total:amount") in got
    assert ("amount", "income:total:other", D("0.11"), None, None) in got


def test_seed_general_budget_share_of_named_base(datong):
    got, _ = claims("2024年一般公共预算财政拨款决算支出96,908.75万元，占本年支出合计的11.94%。与上年相比，一般公共预算财政拨款支出"
                    "减少116,693.02万元，下降54.63%。主要原因是本年工程资金有所减少。", "general_budget", datong)
    assert got == [
        ("amount", "general_budget:total:total", D("96908.75"), None, None),
        ("share", "general_budget:total:total", D("11.94"), None, "summary:ex.total:amount"),
        ("change", "general_budget:total:total", D("116693.02"), -1, None),
        ("change_pct", "general_budget:total:total", D("54.63"), -1, None),
    ]


def test_seed_class_item_with_budget_and_usage(datong):
    got, _ = claims("社会保障和就业支出年初预算373.25万元，支出决算473.65万元，完成年初预算的126.90%，用于在职及离退休人员的养老支出、"
                    "实习人员的就业补助支出。较上年决算减少39.98万元，下降7.78%，主要原因是本年度我单位离休人员经费及去世人员抚恤金发放减少。",
                    "general_budget", datong)
    assert [g[0] for g in got] == ["budget", "amount", "completion", "change", "change_pct"]
    assert {g[1] for g in got} == {"general_budget:208:total"}


def test_seed_class_list_with_level_marks(datong):
    got, _ = claims("2024年度一般公共预算财政拨款支出96,908.75万元，主要用于以下方面：教育支出(类)2,800.00万元，占比2.89%；"
                    "社会保障和就业支出(类)473.65万元，占比0.49%；", "general_budget", datong)
    assert ("share", "general_budget:205:total", D("2.89"), None, "general_budget:total:total") in got
    assert ("amount", "general_budget:208:total", D("473.65"), None, None) in got


def test_seed_three_public_same_as_last_year_and_masked_reason(datong):
    got, _ = claims("因公出国（境）费支出0万元，与上年相同，主要原因是：本单位无因公出国（境）支出；", "three_public", datong)
    assert got == [("amount", "three_public:actual:abroad", D("0"), None, None),
                   ("flat", "three_public:actual:abroad", D("0"), 0, None)]  # the reason's 无…支出 is not a claim


def test_seed_reception_counts(datong):
    got, unplaced = claims("4、公务接待费支出0万元，共接待0批次，0人次。国内接待费0万元，共接待0批次，0人次，其中外事接待费0万元，共接待0批次，"
                           "0人次，主要是我单位无国内公务接待活动；国（境）外接待费0万元，共接待国（境）外0批次，0人次，主要是我单位无国（境）外接待活动。",
                           "three_public", datong)
    keys = [g[1] for g in got if g[0] == "count"]
    assert keys == ["facts:three_public.reception_batches", "facts:three_public.reception_persons",
                    "derived:reception_domestic_batches", "derived:reception_domestic_persons",
                    "facts:three_public.foreign_reception_batches", "facts:three_public.foreign_reception_persons",
                    "facts:three_public.abroad_reception_batches", "facts:three_public.abroad_reception_persons"]
    assert unplaced == []


def test_seed_procurement_and_assets(datong):
    got, _ = claims("政府采购授予中小企业合同金额32,890.23万元，占政府采购支出总额的99.99%。", "other", datong)
    assert got[1] == ("share", "facts:procurement.sme", D("99.99"), None, "statistics:procurement.total:amount")
    got, unplaced = claims("单价100万元（含）以上设备（不含车辆）0台（套）。", "other", datong)
    assert got == [("count", "statistics:equipment:amount", D("0"), None, None)] and unplaced == []
    got, unplaced = claims("截至2024年12月31日，共有车辆2辆，100万元以上设备0台（套）。", "other", datong)
    assert [g[1] for g in got] == ["statistics:vehicles.total:amount", "statistics:equipment:amount"] and unplaced == []


def test_seed_performance_summary(datong):
    got, _ = claims("2024年我单位二级项目绩效自评个数26个，涉及资金5635.62万元：24个项目自评等级为“优”，2个项目自评等级为“良”，"
                    "0个项目自评等级为“中”，0个项目自评等级为“差”。无“中”和“差”的项目。", "other", datong)
    assert [g[1] for g in got] == ["perf:projects", "perf:amount", "perf:grade.优", "perf:grade.良", "perf:grade.中", "perf:grade.差"]


def test_putuo_fiscal_total_flat(putuo):
    got, _ = claims("上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。", "fiscal", putuo)
    assert got == [("amount", "fiscal_summary:in.grand_total:amount", D("0.3"), None, None),
                   ("flat", "fiscal_summary:in.grand_total:amount", D("0"), 0, None)]


def test_putuo_item_path_and_comparison_words(putuo):
    got, _ = claims("6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于：在职人员的基本养老保险支出。"
                    "年初预算为161.62万元，支出决算为160.75万元。 决算数小于预算数的主要原因：预算按充分保障预估，实际执行基本贴合预期。",
                    "general_budget", putuo)
    assert got == [("budget", "general_budget:2080505:total", D("161.62"), None, None),
                   ("amount", "general_budget:2080505:total", D("160.75"), None, None),
                   ("compare", "general_budget:2080505:total", None, -1, None)]
    got, _ = claims("2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初预算为 10.00 万元，"
                    "支出决算为10.00万元。决算数与预算数基本持平。", "general_budget", putuo)
    assert got[-1] == ("compare", "general_budget:2010602:total", None, 0, None)


def test_putuo_three_public_completion_of_each_item(putuo):
    got, _ = claims("“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元，"
                    "完成预算的0%；公务接待费支出决算为0.00万元，完成预算的0%。", "three_public", putuo)
    assert [(g[0], g[1]) for g in got] == [
        ("budget", "three_public:actual:total"), ("amount", "three_public:actual:total"), ("completion", "three_public:actual:total"),
        ("amount", "three_public:actual:abroad"), ("completion", "three_public:actual:abroad"),
        ("amount", "three_public:actual:reception"), ("completion", "three_public:actual:reception"),
    ]


def test_putuo_none_statements(putuo):
    got, _ = claims("上海市普陀区财政局2024年度无政府性基金预算财政拨款收入和支出。", "fund", putuo)
    assert got == [("none", "fund:*", D("0"), None, None)]
    got, _ = claims("上海市普陀区财政局2024年度无“三公”经费财政拨款支出。", "three_public", putuo)
    assert got == [("none", "three_public:actual:total", D("0"), None, None)]


def test_putuo_performance_management(putuo):
    got, _ = claims("编报绩效目标的2024年度项目4个，涉及预算金额598.42万元；绩效自评的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分"
                    "（其中，绩效评级为“优”的项目4个；绩效评级为“不合格”的项目0个。绩效自评中共发现问题0个，已经完成整改的0个，正在整改的0个）。",
                    "performance", putuo)
    assert [g[1] for g in got] == ["perf:target_projects", "perf:target_amount", "perf:projects", "perf:amount", "perf:average_score",
                                   "perf:grade.优", "perf:grade.不合格", "perf:issues_found", "perf:issues_fixed", "perf:issues_fixing"]


def test_putuo_sme_reserved(putuo):
    got, _ = claims("在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元；在其他政府采购项目中，由中小企业供应商"
                    "中标或成交的，采购金额4.79万元。", "other", putuo)
    assert [g[1] for g in got] == ["facts:procurement.sme_reserved_awarded", "facts:procurement.sme_other_awarded"]


def test_template_placeholders_are_not_claims(putuo):
    got, unplaced = claims("上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。", "total", putuo)
    assert got == [] and unplaced == []


def test_template_wording_filled_with_spaces(putuo):
    got, _ = claims("一般公共预算财政拨款支出年初预算为 100.00 万元，支出决算为 90.00 万元，完成年初预算的 90.00%。决算数小于预算数的主要原因：调减。",
                    "general_budget", putuo)
    assert [g[0] for g in got] == ["budget", "amount", "completion", "compare"]


def test_numbers_in_reasons_are_not_claims(datong):
    got, unplaced = claims("机关运行经费支出112.44万元，比2023年减少4.00万元，下降3.44%，主要原因是压减了3个项目的办公支出10.00万元。", "other", datong)
    assert len(got) == 3 and unplaced == []


def test_generated_narrative_reads_back_into_the_same_figures():
    """Every figure juesuan writes, the parser attributes to the quantity it came from."""
    from juesuan.checks.claims import parse_disclosure
    from juesuan.checks.values import model_value
    from juesuan.checks.engine import Checker

    d, p = built("datong-housing-2024")
    c = Checker(d, p)
    amounts = [x for s in parse_disclosure(d, p) for x in s.claims if x.kind == "amount" and not x.quantity.key.startswith("perf:")]
    assert len(amounts) > 40
    for claim in amounts:
        v = model_value(c, claim.quantity)
        if v is None and claim.quantity.key.startswith(("facts:", "derived:")):
            continue  # a fact the preparer did not give (e.g. 外事接待费): printed as 0, nothing to compare
        assert v is not None and v.value.quantize(D("0.01")) == claim.value.quantize(D("0.01")), claim.text


def test_a_new_provinces_phrasing_is_a_vocabulary_file_in_its_profile_folder(datong, tmp_path):
    """The phrases and section kinds are profile data (profiles/vocabulary.yaml, and a folder's own
    vocabulary.yaml in front of it): a province that says 公车运维费 and titles its section
    “公车情况” is a file, not code."""
    import copy
    import shutil

    from juesuan.checks import claims as claims_module
    from juesuan.profiles import builtin_dir

    text, title = "2024年度公车运维费3.00万元。", "九、公车情况说明"
    plain, own = tmp_path / "copy", tmp_path / "new-province"
    for folder in (plain, own):
        shutil.copytree(builtin_dir() / "shanxi", folder)
    (own / "vocabulary.yaml").write_text(
        "terms:\n  - [公车运维费, three_public.vehicle_running]\nsection_titles:\n  - [公车, three_public]\n", encoding="utf-8")
    doc = copy.deepcopy(datong)
    doc.meta.profile = str(plain)
    assert claims(text, "x", doc, title) == ([], [("3.00万元", text)])  # the base knows neither
    doc.meta.profile = str(own)
    got, unplaced = claims(text, "x", doc, title)
    assert got == [("amount", "three_public:actual:vehicle_running", D("3.00"), None, None)] and not unplaced
    assert claims_module.parse_section(NarrativeSection(key="x", title=title, paragraphs=[text]), doc).kind == "three_public"


def test_role_words_and_named_quantities_are_vocabulary_data(datong, tmp_path):
    """The change words and their direction, the openers of free text (主要原因是…) and the named
    quantities are vocabulary data too: a province that writes 增幅/降幅, opens its reasons with
    “究其原因，” and names its own quantity needs a vocabulary.yaml, not code."""
    import copy
    import shutil

    from juesuan.profiles import builtin_dir

    text = "2024年度公车运维费3.00万元，比上年降幅1.00万元，究其原因，新购2辆车花了9.00万元。"
    plain, own = tmp_path / "copy", tmp_path / "new-province"
    for folder in (plain, own):
        shutil.copytree(builtin_dir() / "shanxi", folder)
    (own / "vocabulary.yaml").write_text(
        "terms:\n  - [公车运维费, car_upkeep]\n"
        "quantities:\n  car_upkeep: {key: \"three_public:actual:vehicle_running\", label: 公车运维费}\n"
        "free_text: ['究其原因[，,]']\ndirections: {降幅: -1}\n", encoding="utf-8")
    doc = copy.deepcopy(datong)
    doc.meta.profile = str(plain)
    _, unplaced = claims(text, "three_public", doc)
    assert ("9.00万元", text) in unplaced  # the base neither masks the reason nor knows 公车运维费
    doc.meta.profile = str(own)
    got, unplaced = claims(text, "three_public", doc)
    assert got == [("amount", "three_public:actual:vehicle_running", D("3.00"), None, None),
                   ("change", "three_public:actual:vehicle_running", D("1.00"), -1, None)] and not unplaced


def test_a_vocabulary_with_a_broken_pattern_is_a_located_message(tmp_path):
    import shutil

    from juesuan import profiles
    from juesuan.errors import InputError
    from juesuan.profiles import builtin_dir

    shutil.copytree(builtin_dir() / "shanxi", tmp_path / "p")
    (tmp_path / "p" / "vocabulary.yaml").write_text("free_text: ['主要(原因']\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        profiles.load(str(tmp_path / "p"))
    assert "vocabulary.yaml" in str(err.value.problems[0].file) and "free_text" in err.value.problems[0].where
