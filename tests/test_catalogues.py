from juesuan import catalogues


def test_lookup_by_code_and_year():
    functional = catalogues.load("functional", 2024)
    assert functional.year == 2024
    assert functional.name("2120101") == "行政运行"
    assert functional.name("212") == "城乡社区支出"
    assert functional.parents("2120101") == ["212", "21201"]
    assert catalogues.Catalogue.level("21201") == "款"


def test_every_class_of_the_year_is_listed():
    functional = catalogues.load("functional", 2024)
    classes = [c for c in functional.codes if len(c) == 3]
    for code in ("201", "205", "208", "210", "212", "214", "221", "229", "234"):
        assert code in classes
    for code, name in functional.codes.items():
        for parent in functional.parents(code):
            assert parent in functional.codes, (code, parent)


def test_name_mismatch_is_detectable():
    functional = catalogues.load("functional", 2024)
    assert functional.names_match("2080501", "行政单位离退休")
    assert not functional.names_match("2080501", "行政单位退休")
    # width of brackets and spaces do not make a mismatch
    economic = catalogues.load("economic", 2024)
    assert economic.names_match("30212", "因公出国(境)费用")
    # names printed by the official software's template are accepted aliases
    assert economic.names_match("31101", "资本金注入（基本建设）")


def test_economic_groups_split_personnel_and_public():
    economic = catalogues.load("economic", 2024)
    assert economic.group_of("30101") == "personnel"
    assert economic.group_of("30309") == "personnel"
    assert economic.group_of("30231") == "public"
    assert economic.group_of("31002") == "public"


def test_a_missing_year_falls_back_to_the_latest_earlier_one():
    later = catalogues.load("functional", 2026)
    assert later.year == 2025 and later.requested_year == 2026 and not later.authoritative


def test_every_year_2019_to_2025_names_its_source_and_completeness():
    for kind in ("functional", "economic", "government_economic"):
        for year in range(2019, 2026):
            cat = catalogues.load(kind, year)
            assert cat.year == year and cat.requested_year is None
            assert f"《{year}年政府收支分类科目》" in cat.source
            assert cat.complete is False  # none is yet checked entry by entry against its source
            for code in cat.codes:
                for parent in cat.parents(code):
                    assert parent in cat.codes, (kind, year, code)


def test_a_code_new_in_a_year_under_a_known_class_builds_with_a_warning(tmp_path):
    # 2024 added 款 20139 社会工作事务; a code the (incomplete) catalogue lacks under a known 类 is built
    # and reported as a 警告, never an 错误.
    from conftest import EXAMPLES
    from juesuan.checks import run
    from juesuan.compile import compile_disclosure
    from juesuan.pipeline import finish
    from juesuan.readers.source import read_source
    from juesuan import profiles

    data, _ = read_source(EXAMPLES / "putuo-finance-2024")
    leaf = data.functional[0].model_copy(update={"code": "2013998", "name": "某新设项目"})
    data.functional.append(leaf)
    profile = profiles.load("shanghai")
    d = compile_disclosure(data, profile=profile)
    finish(d, profile)
    cat = [f for f in run(d, profile) if f.rule == "CAT-001"]
    assert cat and {f.severity for f in cat} == {"warning"}
