from juesuan.checks.rules.text_repeated_paragraphs import repeats
from rule_testing import BASES, run, triggers


def test_a_run_of_items_printed_again():
    items = [f"{n}.“科目{n}”{n}.00万元，主要用于第{n}项工作的支出。" for n in range(1, 12)]
    assert repeats(items + items[6:]) == [(11, 5, 6)]
    assert repeats(items) == []
    assert repeats(["详见附件。", "详见附件。"]) == []  # short lines may stand twice

    def mutate(d):
        s = d.narrative[0]
        s.paragraphs += [s.paragraphs[2]]
        s.locs += [s.locs[2].model_copy(update={"page": 7, "line": 1})]

    (f,) = triggers("budget-text", mutate, "TEXT-009", severity="warning")
    assert "第1项" in f.message and "第6页第5行" in f.message and "第7页第1行" in f.location.label


def test_final_accounts_too():
    d, p = BASES["printed"]()
    s = next(s for s in d.narrative if s.paragraphs and len(s.paragraphs[0]) > 80)
    s.paragraphs.append(s.paragraphs[0])
    (f,) = run(d, p, only=["TEXT-009"])
    assert f.location.section == s.key


def test_a_short_statement_under_two_headings_is_fine():
    d, p = BASES["budget-text"]()
    said = "某某街道办事处2025年度无政府性基金预算财政拨款支出。"
    d.narrative[0].paragraphs += ["（一）结构情况", said, "（二）具体情况", said]
    assert run(d, p, only=["TEXT-009"]) == []
