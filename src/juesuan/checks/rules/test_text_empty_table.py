from rule_testing import BASES, run, triggers


def _empty(d, tid):
    d.tables[tid].rows = []  # the title and header printed, no body


def test_an_empty_budget_table_without_a_note():
    (f,) = triggers("budget", lambda d: _empty(d, "budget_three_public"), "TEXT-006", severity="warning",
                    allowed=("BUD-008", "BUD-009", "BUD-010", "BUD-011", "BUD-012", "BUD-013"))
    assert "三公" in f.message


def test_a_note_saying_the_table_is_empty_and_fund_tables_of_final_accounts():
    d, p = BASES["budget"]()
    assert run(d, p, only=["TEXT-006"]) == []  # 政府性基金/国有资本经营 tables are empty with their 注
    d.tables["budget_fund"].statement = None
    (f,) = run(d, p, only=["TEXT-006"])
    assert f.location.table == "budget_fund"
    d, p = BASES["printed"]()
    _empty(d, "capital")
    d.tables["capital"].statement = None
    assert run(d, p, only=["TEXT-006"]) == []  # COMP-003 says it for 公开08


def test_rows_printed_with_blank_amounts_are_a_table_of_zeros():
    d, p = BASES["budget"]()
    for r in d.tables["budget_three_public"].rows:
        r.values = {k: None for k in r.values}
    assert run(d, p, only=["TEXT-006"]) == []


def _pages(d, *pages):
    from juesuan.model import PrintedPage

    d.reading.pages = [PrintedPage(number=n, **fields) for n, fields in enumerate(pages, 1)]


def test_pages_after_the_contents():
    d, p = BASES["budget-text"]()
    title = {"lines": 3, "row_lines": 2, "first": "2025年部门项目支出预算表"}
    _pages(d, {"lines": 0}, {"lines": 12, "text": 10, "contents": True}, {"lines": 0}, title, {**title, "rows": 4},
           {**title, "says_empty": True}, {"lines": 1, "first": "部门预算表"})
    found = run(d, p, only=["TEXT-006"])
    # page 1 (the cover's back, before the 目录) is not said; a table with rows, or saying it is empty, and a part's
    # title page are fine
    assert [(f.location.source.page, f.found) for f in found] == [(3, "空白页"), (4, "空表页")]
    assert found[1].location.label == "目录之后的第4页" and "2025年部门项目支出预算表" in found[1].message


def test_a_generated_pdf_with_a_blank_page_and_a_header_only_page(tmp_path):
    """The budget example printed to PDF, with a blank page inserted after the 目录 (page 3) and a page of a
    table's title and header alone before the 其他相关情况说明 — each reported with its page number."""
    import io

    import pytest

    pdfium = pytest.importorskip("pypdfium2")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from juesuan.audit import audit_file
    from juesuan.pipeline import compile_source, write_outputs
    from juesuan.writers import WriterUnavailable
    from juesuan.writers.pdf import FONT, register_font
    from rule_testing import EXAMPLES

    try:
        register_font()
    except WriterUnavailable as exc:
        pytest.skip(str(exc))
    d, p = compile_source(EXAMPLES / "putuo-wanli-budget-2025")
    (written,), _ = write_outputs(d, p, tmp_path, "budget", ["pdf"])
    buf = io.BytesIO()
    w, h = landscape(A4)
    page = canvas.Canvas(buf, pagesize=(w, h))
    page.setFont(FONT, 16)
    page.drawCentredString(w / 2, h - 60, "2025年部门项目支出预算表")
    page.setFont(FONT, 10)
    xs, top = [60, 300, 500, w - 60], h - 100
    for y in (top, top - 24, top - 48):
        page.line(xs[0], y, xs[-1], y)
    for x in xs:
        page.line(x, top, x, top - 48)
    for row, texts in enumerate((["项目", "预算数", "备注"], ["功能分类科目名称", "合计", ""])):
        for x0, x1, text in zip(xs, xs[1:], texts):
            page.drawCentredString((x0 + x1) / 2, top - 16 - 24 * row, text)
    page.showPage()
    page.save()
    pdf = pdfium.PdfDocument(str(written))
    tables_end = len(pdf) - 4  # the 三公 table's page, before 其他相关情况说明 (two pages) and 项目经费情况说明 (two)
    pdf.import_pages(pdfium.PdfDocument(buf.getvalue()), index=tables_end)
    pdf.new_page(*pdf[0].get_size(), index=2)
    out = tmp_path / "with-blank-pages.pdf"
    pdf.save(str(out))
    pdf.close()
    audited = audit_file(out)
    assert [(f.rule, f.location.source.page, f.found) for f in audited.findings] == [
        ("TEXT-006", 3, "空白页"), ("TEXT-006", tables_end + 2, "空表页")]
