"""The workbook in a real spreadsheet application (LibreOffice, headless): it opens and converts
without complaint, and its formulas, recalculated there, give the totals the build computes."""
from __future__ import annotations

import shutil
import subprocess
import warnings
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from juesuan.pipeline import compile_source
from juesuan.readers.source import read_folder
from juesuan.workbook import plan
from juesuan.writers.workbook import write_workbook

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

# Recalculate formulas when loading xlsx (LibreOffice's default keeps the saved results).
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice(args: list[str], profile: Path, recalc: bool = False) -> subprocess.CompletedProcess:
    """Run LibreOffice with a private user profile (a shared one would clash with other runs)."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    if recalc:
        (user / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    return subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
                          capture_output=True, text=True, timeout=300)


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


def _decimal(value) -> Decimal:
    if value in (None, ""):
        return Decimal("0.00")
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _in_workbook_unit(model, table_id: str, key: str, col: str) -> Decimal:
    """What a formula shows: the exact amount in the workbook's 填报金额单位 (元 here), to the cent."""
    row = model.tables[table_id].row(key)
    v = (row.exact_value(col) if row is not None else None) or Decimal("0.00")
    count = table_id == "statistics" and (key.startswith("vehicles.") or key == "equipment")
    if model.meta.input_unit == "元" and not count:
        v = v * 10000
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_formulas_recalculated_agree_with_the_build(datong, tmp_path):
    path, model, profile = datong
    # openpyxl keeps the formulas and drops their saved results: what LibreOffice shows is its own.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    bare = tmp_path / "datong.xlsx"
    wb.save(bare)
    out = tmp_path / "recalc"
    result = soffice(["--convert-to", "xlsx", "--outdir", str(out), str(bare)], tmp_path / "lo", recalc=True)
    assert result.returncode == 0, result.stderr
    wb = openpyxl.load_workbook(out / "datong.xlsx", data_only=True, read_only=True)
    checked = 0
    model_columns = {"income": {"total", "fiscal", "superior", "business", "operation", "affiliated", "other"}}
    for table_id in plan.CODED_TABLES:
        sheet = plan.coded_sheet(profile, table_id)
        ws = wb[sheet.name]
        table = model.tables[table_id]
        for row in ws.iter_rows():
            key = row[0].value
            if key == plan.TOTAL_LABEL:
                key = "total"
            elif not (isinstance(key, str) and key.isdigit()):
                continue
            for i, col in enumerate(sheet.columns):
                if col.key not in model_columns.get(table_id, {col.key}):
                    continue
                expected = _in_workbook_unit(model, table_id, key, col.key)
                assert _decimal(row[2 + i].value) == expected, (sheet.name, row[0].value, col.key)
                checked += 1
    for table_id in ("summary", "fiscal_summary", "general_basic", "three_public", "statistics"):
        name = plan.table_sheet_name(profile, table_id)
        grid = plan.grid_sheet(profile, plan.layout_for(profile, table_id), name, model.meta.year)
        values = {(c.row, c.column): c.value for r in wb[name].iter_rows() for c in r if hasattr(c, "column")}
        for p in grid.places:
            if p.kind != "formula":
                continue
            expected = _in_workbook_unit(model, table_id, p.ref[0], p.ref[1])
            assert _decimal(values.get((p.row + 1, p.col + 1))) == expected, (name, p.ref)
            checked += 1
    assert checked > 400
    wb.close()


def test_rendered_sheet_has_the_numbers(datong, tmp_path):
    """The rendered 公开05表 prints the 合计 the build computes (the PNG is in tmp_path for a look)."""
    path, model, _ = datong
    result = soffice(["--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], tmp_path / "lo")
    assert result.returncode == 0
    pdf = tmp_path / "datong.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "一般公共预算财政拨款支出决算表" in text
    total = _in_workbook_unit(model, "general_budget", "total", "total")  # the workbook shows 元
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
