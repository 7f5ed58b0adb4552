"""DOCX, HTML and PDF of the Datong example open, read cleanly and carry the whole document.

(Reading every value back into the model is tests/test_roundtrip.py; here: the files themselves.)
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from juesuan.money import round2
from juesuan.writers import WriterUnavailable

RADICALS = re.compile(r"[\u2e80-\u2fdf]")  # CJK radicals supplement / Kangxi radicals


@pytest.fixture(scope="module")
def written(tmp_path_factory, datong_built):
    from juesuan.pipeline import write_outputs

    disclosure, profile = datong_built
    out = tmp_path_factory.mktemp("writers")
    paths, skipped = write_outputs(disclosure, profile, out, "datong", ["docx", "html", "pdf"])
    return {p.suffix[1:]: p for p in paths}, skipped, disclosure, profile


def _narrative_paragraphs(disclosure) -> list[str]:
    return [p for s in disclosure.narrative for p in s.paragraphs]


# -- DOCX ----------------------------------------------------------------------------------------

def test_docx_opens_with_python_docx_and_has_the_whole_document(written):
    import docx
    from docx.oxml.ns import qn

    files, _, disclosure, _ = written
    d = docx.Document(str(files["docx"]))
    texts = [p.text for p in d.paragraphs]
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["第一部分 概况", "一、本部门（单位）职责", "二、机构设置情况"]
    for part in ("第二部分 2024年部门决算表", "第三部分 情况说明", "第四部分 名词解释", "第五部分 附件"):
        assert part in headings
    for p in _narrative_paragraphs(disclosure):
        assert p in texts, p
    assert "一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。" in texts
    # ten tables + 26 performance forms, one value per cell
    assert len(d.tables) == 10 + 26
    summary = d.tables[0]
    assert [c.text for c in summary.rows[4].cells[:3]] == ["一、一般公共预算财政拨款收入", "1", "96908.75"]
    # The title block is the first row, repeated on each page like the header rows: title (a
    # Heading, for the 目录), 表号, and the 部门名称/年度/单位 line.
    income = d.tables[1]
    title = income.rows[0].cells[0]
    assert all(c._tc is title._tc for c in income.rows[0].cells)
    assert income.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [p.text for p in title.paragraphs][:2] == ["收入决算表", "公开02表"]
    assert title.paragraphs[0].style.name == "Heading 2"
    assert title.paragraphs[2].text.startswith("部门名称：大同市住房和城乡建设局\t") and title.paragraphs[2].text.endswith("\t金额单位：万元")


def test_docx_structure_toc_headers_landscape_fonts_page_numbers(written):
    files, *_ = written
    with zipfile.ZipFile(files["docx"]) as z:
        body = z.read("word/document.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")]
    assert 'TOC \\o "1-2"' in body and '<w:updateFields w:val="true"/>' in settings
    assert body.count("<w:tblHeader/>") >= 20  # header rows repeat on each page
    assert "<w:gridSpan" in body and '<w:vMerge w:val="restart"/>' in body  # merged multi-level headers
    assert body.count('w:orient="landscape"') >= 3
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in styles
    assert any("PAGE" in f for f in footers)
    assert "<w:pgSz" in body and 'w:w="11906"' in body  # A4


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_docx_converts_with_libreoffice(written, tmp_path):
    files, *_ = written
    run = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path), str(files["docx"])],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / (files["docx"].stem + ".pdf")
    assert run.returncode == 0 and pdf.exists(), run.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "第三部分 情况说明" in text and "收入支出决算总表" in text


# -- PDF -----------------------------------------------------------------------------------------

def _pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_extracts_every_character(written):
    files, skipped, disclosure, _ = written
    if "pdf" in skipped:
        pytest.skip(skipped["pdf"])
    text = _pdftotext(files["pdf"])
    assert not RADICALS.search(text)
    # page-number lines and line breaks aside, every narrative paragraph reads back whole
    flat = re.sub(r"\s", "", "\n".join(line for line in text.splitlines() if not line.strip().isdigit()))
    for p in _narrative_paragraphs(disclosure):
        assert re.sub(r"\s", "", p) in flat, p
    for entry in disclosure.glossary:
        assert entry.term in flat


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdf_embeds_its_fonts_and_repeats_table_headers(written):
    files, skipped, *_ = written
    if "pdf" in skipped:
        pytest.skip(skipped["pdf"])
    fonts = subprocess.run(["pdffonts", str(files["pdf"])], capture_output=True, text=True).stdout.splitlines()[2:]
    used = [f for f in fonts if not f.startswith("Helvetica")]  # reportlab lists the standard-14 dict, unused
    assert used and all(" yes yes yes " in f for f in used)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "200", str(files["pdf"])], capture_output=True, text=True).stdout
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)
    assert any(float(w) > float(h) for w, h in sizes) and any(float(w) < float(h) for w, h in sizes)
    # 收入决算表 runs onto a second page: its title, 表号, 单位 line and header print there again
    pages = _pdftotext(files["pdf"], "-layout").split("\f")
    income = [i for i, p in enumerate(pages) if "收入决算表" in p and "公开02表" in p][0]
    again = pages[income + 1]
    assert "收入决算表" in again and "公开02表" in again and "金额单位" in again
    assert "本年收入合计" in again and "科目代码" in again
    toc = pages[1]
    assert re.search(r"第三部分 情况说明\s*\.+\s*\d+", toc)  # 目录 with page numbers


def test_pdf_without_a_cjk_font_says_how_to_get_one(monkeypatch):
    from juesuan.writers import pdf

    from juesuan.writers import fonts

    pdf.register_font.cache_clear()
    fonts.choose.cache_clear()
    monkeypatch.setattr(fonts, "FAMILIES", {name: [] for name in fonts.FAMILIES})
    monkeypatch.setattr(fonts, "fontconfig_cjk_files", lambda: [])
    monkeypatch.delenv("JUESUAN_PDF_FONT", raising=False)
    try:
        with pytest.raises(WriterUnavailable) as exc:
            pdf.register_font()
        assert 'pip install "juesuan[pdf]"' in str(exc.value) and "fonts-arphic-uming" in str(exc.value)
    finally:
        pdf.register_font.cache_clear()
        fonts.choose.cache_clear()


# -- HTML ----------------------------------------------------------------------------------------

VOID = {"meta", "link", "br", "col", "img", "hr", "input", "rect", "line", "path", "circle"}


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
        else:
            self.stack.pop()


def test_html_is_valid_self_contained_and_mobile_ready(written):
    files, _, disclosure, _ = written
    text = files["html"].read_text(encoding="utf-8")
    checker = Balance()
    checker.feed(text)
    assert not checker.errors and not checker.stack, (checker.errors[:5], checker.stack[-5:])
    lxml_html = pytest.importorskip("lxml.html")
    root = lxml_html.fromstring(text.encode("utf-8"))
    assert root.xpath("//meta[@name='viewport']")
    assert not root.xpath("//*[@src]") and not root.xpath("//link[@href]")  # nothing to fetch
    assert all(a.get("href").startswith("#") for a in root.xpath("//a[@href]"))
    ids = set(root.xpath("//@id"))
    assert all(a.get("href")[1:] in ids for a in root.xpath("//nav//a"))
    assert len(root.xpath("//main//table")) == 10 + 26
    assert len(root.xpath("//table/thead")) == 9  # every table with header rows (公开10 has none)
    assert len(root.xpath("//svg")) == 4
    body_text = root.text_content()
    for p in _narrative_paragraphs(disclosure):
        assert p in body_text
    assert "@media print" in text and "@page" in text


# -- charts --------------------------------------------------------------------------------------

def test_charts_follow_their_sections_with_the_model_figures(datong):
    from juesuan.writers import charts

    disclosure, _ = datong
    by_section = charts.charts_by_section(disclosure)
    assert {k: [c.key for c in v] for k, v in by_section.items()} == {
        "total": ["yoy_totals"], "expenditure": ["structure_type"], "general_budget": ["structure_class", "yoy_class"],
    }
    structure = by_section["general_budget"][0]
    assert structure.labels[3] == "城乡社区支出" and round2(structure.values[3]) == Decimal("76221.90")
    assert "城乡社区支出76,221.90万元（78.65%）" in structure.alt
    svg = charts.render_svg(structure)
    assert "<text" in svg and "城乡社区支出" in svg and "76,221.90（78.65%）" in svg


def test_without_a_cjk_font_docx_leaves_charts_out(datong, monkeypatch, tmp_path):
    import docx

    from juesuan.writers import charts, docx_writer

    disclosure, profile = datong
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    path = tmp_path / "x.docx"
    docx_writer.write(disclosure, profile, path)
    assert not docx.Document(str(path)).inline_shapes


def test_docx_charts_are_pictures_with_a_description(written):
    import docx

    from juesuan.writers import charts

    if charts.cjk_font() is None:
        pytest.skip("no CJK font to draw charts with")
    files, *_ = written
    shapes = docx.Document(str(files["docx"])).inline_shapes
    assert len(shapes) == 4
    assert "收入支出总计" in shapes[0]._inline.docPr.get("descr")
