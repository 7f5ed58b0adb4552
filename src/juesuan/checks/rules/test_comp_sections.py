from rule_testing import triggers


def test_missing_section():
    (f,) = triggers("built", lambda d: d.narrative.pop(6), "COMP-002")
    assert "七、政府性基金预算财政拨款收支决算情况说明" in f.message


def test_no_narrative_at_all_is_one_finding():
    # NARR-009 moves: it is located at the sentence stating the change, which is gone.
    found = triggers("built", lambda d: d.narrative.clear(), "COMP-002", allowed=["NARR-009"])
    assert len(found) == 1 and "第三部分" in found[0].message


def test_shanghai_performance_section():
    def drop(d):
        d.narrative[:] = [s for s in d.narrative if s.key != "performance"]

    (f,) = triggers("putuo", drop, "COMP-002")
    assert "十、预算绩效管理情况" in f.message


def test_a_spreadsheet_of_the_tables_is_a_note_not_a_missing_narrative():
    """A web page's 决算报表.xls holds the tables only: its narrative is on the page."""
    def workbook(d):
        d.source = "/下载/某局2024年度决算报表.xls"
        d.narrative.clear()

    from rule_testing import printed_seed, run

    d, profile = printed_seed()
    workbook(d)
    found = [f for f in run(d, profile) if f.rule == "COMP-002"]
    assert [f.severity for f in found] == ["info"] and "某局2024年度决算报表.xls只含公开表" in found[0].message


def test_a_page_of_tables_alone_is_a_note_but_a_page_whose_contents_list_the_narrative_is_an_error():
    from rule_testing import printed_seed, run

    d, profile = printed_seed()
    d.source = "/下载/决算公开.html"
    d.narrative.clear()
    d.glossary.clear()
    d.overview.duties.clear()
    d.overview.organisation.clear()
    d.meta.headings = []
    d.reading = None
    found = [f for f in run(d, profile) if f.rule == "COMP-002"]
    assert [f.severity for f in found] == ["info"]
    d.meta.headings = ["第三部分 2024年度单位决算情况说明"]
    found = [f for f in run(d, profile) if f.rule == "COMP-002"]
    assert [f.severity for f in found] == ["error"]
