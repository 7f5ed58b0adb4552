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
    assert later.year == 2024 and later.requested_year == 2026
