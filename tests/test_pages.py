"""Page records of a read document (Reading.pages): a PDF's pages as printed, a Word file's pages as Word last
laid it out (its w:lastRenderedPageBreak marks); a blank page after the 目录 is found with its number (TEXT-006)."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from conftest import EXAMPLES, corpus_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def budget_docx(tmp_path_factory):
    from juesuan.pipeline import compile_source, write_outputs

    d, p = compile_source(EXAMPLES / "putuo-wanli-budget-2025")
    (written,), skipped = write_outputs(d, p, tmp_path_factory.mktemp("docx"), "budget", ["docx"])
    return written


def _mark(element) -> None:
    """Word's mark that a page began here: a run holding w:lastRenderedPageBreak, first in the paragraph."""
    p = element if element.tag == _w("p") else next(element.iter(_w("p")))
    run = etree.SubElement(p, _w("r"))
    run.append(etree.Element(_w("lastRenderedPageBreak")))
    p.remove(run)
    ppr = p.find(_w("pPr"))
    p.insert(0 if ppr is None else 1, run)


def _breaks(p) -> bool:
    return any(br.get(_w("type")) == "page" for br in p.iter(_w("br"))) or p.find(f"{_w('pPr')}/{_w('sectPr')}") is not None


def _laid_out(src, dst, blank_after_contents: bool) -> None:
    """``src`` as Word would save it after laying it out (a mark where each hard page or section break
    starts a page), optionally with one more page break after the 目录's: a blank page."""
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(_w("body"))
    children = list(body)
    breaking = [i for i, el in enumerate(children) if el.tag == _w("p") and _breaks(el)]
    for i in breaking:
        if i + 1 < len(children) and children[i + 1].tag in (_w("p"), _w("tbl")):
            _mark(children[i + 1])
    if blank_after_contents:
        contents_end = breaking[1]  # the cover's break, then the 目录's
        blank = etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:lastRenderedPageBreak/><w:br w:type="page"/></w:r></w:p>')
        children[contents_end].addnext(blank)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_word_pages_as_laid_out_and_a_blank_one(budget_docx, tmp_path):
    from juesuan.audit import audit_file
    from juesuan.readers.published import read_published

    assert read_published(budget_docx).disclosure.reading.pages == []  # never laid out: no pages known
    laid = tmp_path / "laid-out.docx"
    _laid_out(budget_docx, laid, blank_after_contents=False)
    pages = read_published(laid).disclosure.reading.pages
    assert "上海市普陀区" in pages[0].first and pages[1].contents and pages[1].first.replace(" ", "") == "目录"
    assert [p.number for p in pages if "budget_summary" in p.tables] and all(p.lines for p in pages)
    assert audit_file(laid).findings == []
    blank = tmp_path / "blank-page.docx"
    _laid_out(budget_docx, blank, blank_after_contents=True)
    (f,) = audit_file(blank).findings
    assert (f.rule, f.location.source.page, f.found) == ("TEXT-006", 3, "空白页")


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


def test_pdf_pages_of_a_published_budget():
    from juesuan.readers.published import read_published

    pages = read_published(corpus_file("budgets/putuo-finance-budget-2025.pdf")).disclosure.reading.pages
    assert len(pages) == 24 and pages[1].contents
    assert pages[6].sections == ["explanation"] and pages[8].tables == ["budget_summary"]
    assert pages[16].says_empty  # the 政府性基金 table: “本表为空表”
    # page 8 prints items 7–11 of the 编制说明 again (its PDF also holds the whole 编制说明 off the page)
    assert pages[7].first.startswith("7.“社会保障和就业支出")
