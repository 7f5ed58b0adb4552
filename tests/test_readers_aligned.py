"""Tables set by alignment alone (``pdftotext -layout``): read cell for cell like the ruled PDF."""
from __future__ import annotations

import importlib
import shutil
import subprocess

import pytest

from conftest import corpus_file
from juesuan import profiles
from juesuan.readers.document import read_grid
from juesuan.readers.text import parse_text


@pytest.fixture(scope="module")
def putuo_layout_text(tmp_path_factory):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    pdf = corpus_file("putuo-finance-2024.pdf")
    out = tmp_path_factory.mktemp("layout") / "putuo.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, capture_output=True)
    return out.read_text(encoding="utf-8")


def test_layout_text_reads_every_cell_of_the_truth(putuo_layout_text):
    r = read_grid(parse_text(putuo_layout_text, "putuo.txt"), profiles.load("shanghai"))
    from putuo_truth import cells_checked

    d = r.disclosure
    assert cells_checked(d) == 577
    assert r.problems == []
    # a wrapped name is joined, and each value points at its line
    assert d.table("general_basic").row("30108").name == "机关事业单位基本养老保险缴费"
    assert d.table("income").row("2010601").cell_locs["total"].line


SMALL = """\
                    支出决算表
                                                  单位：万元
              项目                    本年支出合       基本支出        项目支出
  科目编码         科目名称                   计
                                     1,200.00
                   合计                            1,000.00      200.00
201            一般公共服务支出              1,200.00    1,000.00      200.00
                                                               200.00
20106          财政事务                  1,200.00    1,000.00
2010601        机关事业单位基本养老保险          1,000.00    1,000.00
               缴费支出
2010602        一般行政管理事务                200.00                  200.00

  一、收入支出决算总体情况说明
"""


def test_tall_rows_wrapped_names_and_a_header_wrapped_over_lines():
    grid = parse_text(SMALL, "small.txt")
    rows = [[c.text for c in ln.cells] for ln in grid.lines if ln.is_row]
    assert ["201", "一般公共服务支出", "1,200.00", "1,000.00", "200.00"] in rows
    assert ["20106", "财政事务", "1,200.00", "1,000.00", "200.00"] in rows  # 200.00 set above the row
    assert ["2010601", "机关事业单位基本养老保险缴费支出", "1,000.00", "1,000.00", ""] in rows
    assert any("本年支出合计" in r for r in rows)  # a header cell wrapped over two lines
    assert not any(ln.is_row and "情况说明" in ln.text for ln in grid.lines)


PROSE = """\
                    收入决算表
                                                     单位：万元
  本部门  2024  年度   收入  合计  2,946.25  万元，其中：  财政拨款  收入
  2,940.05  万元，占  99.79%；  其他  收入  6.20  万元，占  0.21%；  主要  原因
  是  本年度  人员  变动，  支出  相应  减少。
"""


def test_justified_prose_after_a_title_stays_text():
    grid = parse_text(PROSE, "prose.txt")
    assert not any(ln.is_row for ln in grid.lines)


def _findings(path):
    from juesuan.audit import audit_file

    return {(f.rule, f.severity, f.message) for f in audit_file(path).findings if f.severity in ("error", "warning")}


@pytest.fixture(scope="module")
def putuo_pdfs(tmp_path_factory):
    """The Putuo example printed to PDF twice: as usual, and with its tables borderless (no grid,
    no shading), as some producers print them; plus ``pdftotext -layout`` of the borderless one."""
    from conftest import EXAMPLES
    from juesuan.pipeline import compile_source, write_outputs
    pdf_writer = importlib.import_module("juesuan.writers.pdf")  # the module, not a name the package exports

    folder = EXAMPLES / "putuo-finance-2024"
    if not (folder / "department.yaml").exists():
        pytest.skip("putuo example not available")
    disclosure, profile = compile_source(folder)
    out = tmp_path_factory.mktemp("borderless")
    ruled, skipped = write_outputs(disclosure, profile, out / "ruled", "putuo", ["pdf"])
    if skipped:
        pytest.skip(f"pdf writer unavailable: {skipped}")
    pdf_writer.RULED_TABLES = False
    pdf_writer._last.clear()  # the last layout is kept for the DOCX 目录: lay out afresh
    try:
        borderless, _ = write_outputs(disclosure, profile, out / "borderless", "putuo", ["pdf"])
    finally:
        pdf_writer.RULED_TABLES = True
        pdf_writer._last.clear()
    return ruled[0], borderless[0]


def test_borderless_pdf_audits_like_the_ruled_one(putuo_pdfs):
    ruled, borderless = putuo_pdfs
    from juesuan.readers.pdf import read_pdf

    # the financial tables have no ruling lines: their rows come from alignment (no ruled block)
    rows = [ln for ln in read_pdf(borderless).lines if ln.is_row and ln.text.startswith("201 06 01 行政运行")]
    assert len(rows) >= 3 and sum(ln.block is None for ln in rows) >= 2
    assert _findings(borderless) <= _findings(ruled)


def test_layout_text_of_the_borderless_pdf_audits_like_the_ruled_one(putuo_pdfs, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    ruled, borderless = putuo_pdfs
    text = tmp_path / "putuo.txt"
    subprocess.run(["pdftotext", "-layout", str(borderless), str(text)], check=True, capture_output=True)
    assert _findings(text) <= _findings(ruled)


def test_a_paragraph_line_pdftotext_printed_first_is_put_back():
    text = (
        "\f说明\n\n"
        "6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老\n\n"
        "161.62万元，支出决算为160.75万元。决算数小于预算数的主要原因：预算按充分保\n"
        "保险缴费支出（项）。主要用于：在职人员的基本养老保险支出。年初预算为\n\n"
        "障预估，实际执行基本贴合预期。\n\n"
        "2024年度本部门面向中小企业预留政府采购项目预算金额246.47万元，面向小微企\n"
        "业预留政府采购项目预算金额0万元\n"
    )
    lines = [ln.text for ln in parse_text(text, "t.txt").lines]
    i = next(k for k, t in enumerate(lines) if t.startswith("保险缴费"))
    assert lines[i + 1].startswith("161.62万元") and lines[i + 2].startswith("障预估")
    # a year opening a paragraph is no figure set out of place
    assert lines[-2].startswith("2024年度") and lines[-1].startswith("业预留")


def test_layout_text_audits_like_the_pdf(putuo_layout_text, tmp_path):
    text = tmp_path / "putuo.txt"
    text.write_text(putuo_layout_text, encoding="utf-8")
    got = _findings(text)
    want = _findings(corpus_file("putuo-finance-2024.pdf"))
    # the text keeps no pages, so the PDF's blank page after the 目录 (TEXT-006) is not seen
    assert got == {f for f in want if f[0] != "TEXT-006"}
