"""Writers survive any valid model: very long names, titles and paragraphs are wrapped, and
what a PDF page cannot hold is cut with "……" and said (a 警告 naming the place), never a
crash and never a silently skipped file. Word wraps everything: nothing is cut there.
"""
from __future__ import annotations

import zipfile

import pytest

from juesuan.pipeline import write_outputs


def _pdf_ready():
    pytest.importorskip("reportlab")
    from juesuan.writers.pdf import register_font

    try:
        register_font()
    except Exception:  # noqa: BLE001 - no CJK font on this machine: the PDF writer is skipped anyway
        pytest.skip("no CJK font")


def _pdf_text(path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        # justified and wrapped lines read back with spaces: compare without any; each page but
        # the cover begins with its number (drawn first)
        pages = ["".join(page.get_textpage().get_text_range().split()) for page in doc]
        return "".join(t[len(str(i + 1)):] if i and t.startswith(str(i + 1)) else t for i, t in enumerate(pages))
    finally:
        doc.close()


def _docx_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def _write(disclosure, profile, out):
    notes: list[tuple[str, str]] = []
    written, skipped = write_outputs(disclosure, profile, out, "long", ["docx", "pdf"], notes=notes)
    assert not skipped, skipped
    assert sorted(p.suffix for p in written) == [".docx", ".pdf"]
    return {p.suffix[1:]: p for p in written}, notes


def test_a_two_thousand_character_label(datong, tmp_path):
    _pdf_ready()
    disclosure, profile = datong
    label = "城乡社区管理事务" * 250
    row = next(r for r in disclosure.tables["income"].rows if r.key.isdigit())
    row.name = label
    files, notes = _write(disclosure, profile, tmp_path)
    # PDF: wrapped over most of a page, the rest cut, and said where
    assert [fmt for fmt, _ in notes] == ["pdf"], notes
    said = notes[0][1]
    assert "表“收入决算表”第" in said and "2,000 字" in said and "……" in said, said
    text = _pdf_text(files["pdf"])
    assert label[:400] in text and label not in text
    # Word: the whole label, in a row allowed to break across pages (Word cuts a taller row)
    xml = _docx_xml(files["docx"])
    assert label in xml
    row_xml = xml[xml.rfind("<w:tr>", 0, xml.index(label)):xml.index(label)]
    assert "<w:cantSplit/>" not in row_xml


def test_a_very_long_department_name(datong, tmp_path):
    _pdf_ready()
    disclosure, profile = datong
    name = "大同市住房和城乡建设局" * 200
    disclosure.meta.department = name
    files, notes = _write(disclosure, profile, tmp_path)
    messages = " ".join(m for _, m in notes)
    assert "名称、年度或单位行" in messages and f"{len('部门名称：' + name):,} 字" in messages, messages
    assert len(notes) <= 3  # one per distinct text, with how many places: not one per table
    xml = _docx_xml(files["docx"])
    assert name in xml
    # in Word the tables' title rows carrying it may break across pages (else Word clips them)
    import re

    starts = [m.start() for m in re.finditer(re.escape(name), xml)]
    rows = [xml[xml.rfind("<w:tr>", 0, i):i] for i in starts]
    rows = [r for r in rows if r.startswith("<w:tr>") and "</w:tr>" not in r]  # occurrences inside a table row
    assert rows and all("<w:cantSplit/>" not in r for r in rows)


def test_a_long_unit_name_stays_on_one_line_and_reads_back(datong, tmp_path):
    """A 35-character unit name (real ones are as long) is not wrapped in the tables' 部门名称
    line: a wrapped name reads back cut at the wrap and each table disagrees with the cover."""
    _pdf_ready()
    from juesuan import sources

    disclosure, profile = datong
    name = "大同市云冈区住房和城乡建设局城市建设综合服务保障与数据管理中心"
    disclosure.meta.department = name
    files, _ = _write(disclosure, profile, tmp_path)
    read, _ = sources.load(files["pdf"], published=True)
    said = {tid: text for tid, t in read.tables.items() if t.present for key, text in (t.heading or {}).items() if "名称" in key}
    assert len(said) >= 9 and set(said.values()) == {name}, said


def test_a_long_narrative_paragraph_without_breaks_wraps_whole(datong, tmp_path):
    _pdf_ready()
    disclosure, profile = datong
    cjk = "本年度收入支出总体情况说明" * 300  # 3,900 characters, no punctuation
    latin = "A" * 3000 + "1234567890" * 100  # no place a Latin word may break
    disclosure.narrative[0].paragraphs[:1] = [cjk, latin]
    files, notes = _write(disclosure, profile, tmp_path)
    assert notes == []  # a paragraph splits across pages: nothing cut
    text = _pdf_text(files["pdf"])
    assert cjk in text and latin in text


def test_a_very_long_section_title(datong, tmp_path):
    _pdf_ready()
    disclosure, profile = datong
    title = "一、" + "收入支出决算总体情况说明" * 100
    disclosure.narrative[0].title = title
    files, notes = _write(disclosure, profile, tmp_path)
    # the body prints it whole; its 目录 line is cut to one line and says so
    assert [(fmt, "目录" in m and "完整标题见正文" in m) for fmt, m in notes] == [("pdf", True)], notes
    assert title in _pdf_text(files["pdf"])


def test_build_says_what_pdf_cut(tmp_path):
    """On the command line the cut is a 警告 after the files written; every format is written."""
    import shutil
    from pathlib import Path

    from typer.testing import CliRunner

    from juesuan.cli import app

    _pdf_ready()
    folder = tmp_path / "dept"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "datong-housing-2024-wan", folder)
    path = folder / "department.yaml"
    text = path.read_text(encoding="utf-8")
    assert "department: 大同市住房和城乡建设局" in text
    path.write_text(text.replace("department: 大同市住房和城乡建设局", "department: " + "大同市住房和城乡建设局" * 200, 1), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(folder), "-o", str(out), "-f", "docx,pdf", "--force"])
    assert result.exit_code in (0, 1), result.output
    assert (out / "dept.docx").exists() and (out / "dept.pdf").exists()
    said = result.output.replace("\n", "")
    assert "警告 pdf：" in said and "只印出前" in said and "跳过" not in said


def test_excel_cell_limit(datong, tmp_path):
    """A cell holds 32,767 characters and a row 409 points: a longer label is cut with "……" and
    said (xlsxwriter would cut it silently), its row no taller than Excel allows."""
    import openpyxl

    disclosure, profile = datong
    label = "城乡社区管理事务" * 5000  # 40,000 characters
    next(r for r in disclosure.tables["income"].rows if r.key.isdigit()).name = label
    notes: list[tuple[str, str]] = []
    written, skipped = write_outputs(disclosure, profile, tmp_path, "long", ["xlsx", "html"], notes=notes)
    assert not skipped and len(written) == 2
    assert [fmt for fmt, _ in notes] == ["xlsx"] and "40,000 字" in notes[0][1] and "32,767" in notes[0][1], notes
    ws = openpyxl.load_workbook(tmp_path / "long.xlsx")[notes[0][1].split("”")[0].split("“")[1]]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("城乡社区管理事务城乡"))
    assert cell.value.endswith("……") and len(cell.value) <= 32_767
    assert ws.row_dimensions[cell.row].height <= 409
    assert label in (tmp_path / "long.html").read_text(encoding="utf-8")
