from rule_testing import triggers


def test_empty_table_without_statement():
    def strip(d):
        d.tables["capital"].statement = None

    (f,) = triggers("printed", strip, "COMP-003", severity="warning")
    assert f.location.table == "capital" and "本表无数据" in f.suggestion


def test_shanghai_note_counts_as_statement():
    from rule_testing import printed_putuo, run

    d, p = printed_putuo()
    assert not [f for f in run(d, p, only=["COMP-003"])]
