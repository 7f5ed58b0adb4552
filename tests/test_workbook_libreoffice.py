"""The workbook in a real spreadsheet application (LibreOffice, headless): it opens, converts and
saves again without complaint (tests/test_workbook_vs_build.py recalculates its formulas)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from juesuan.pipeline import compile_source
from juesuan.readers.source import read_folder
from juesuan.writers.workbook import write_workbook
from libreoffice import SOFFICE, soffice

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def complaints(stderr: str) -> list[str]:
    # The Java launcher warning is about LibreOffice's own set-up, not the file.
    return [line for line in stderr.splitlines() if line.strip() and "javaldx" not in line]


@pytest.fixture(scope="module")
def datong(tmp_path_factory):
    folder = ROOT / "examples" / "datong-housing-2024"
    data, _ = read_folder(folder)
    model, profile = compile_source(folder)
    path = tmp_path_factory.mktemp("lo") / "datong.xlsx"
    write_workbook(data, profile, path)
    return path, model, profile


def test_converts_to_pdf_without_complaint(datong, tmp_path):
    path, _, _ = datong
    result = soffice(["--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], tmp_path / "lo")
    assert result.returncode == 0, result.stderr
    assert complaints(result.stderr) == []
    pdf = tmp_path / "datong.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000


def test_rendered_sheet_has_the_numbers(datong, tmp_path):
    """The rendered 公开05表 prints the 合计 the build computes (the PNG is in tmp_path for a look)."""
    path, model, _ = datong
    result = soffice(["--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], tmp_path / "lo")
    assert result.returncode == 0
    pdf = tmp_path / "datong.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "一般公共预算财政拨款支出决算表" in text
    total = model.tables["general_budget"].row("total").exact_value("total") * 10000  # the workbook shows 元
    assert f"{total:,.2f}" in text


def test_saved_again_by_the_spreadsheet_app_reads_the_same(datong, tmp_path):
    """A preparer's app rewrites the whole file on save (shared strings, styles, dimensions,
    cached results): the workbook must read back to the same input."""
    from juesuan.readers.workbook import read_workbook

    path, _, _ = datong
    out = tmp_path / "saved"
    result = soffice(["--convert-to", "xlsx", "--outdir", str(out), str(path)], tmp_path / "lo")
    assert result.returncode == 0, result.stderr
    original, _ = read_folder(ROOT / "examples" / "datong-housing-2024")
    assert read_workbook(out / "datong.xlsx")[0] == original
