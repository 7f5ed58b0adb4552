"""Build from the ten 公开表 as the official software exports them (.xls and .xlsx, 元 and 万元, one
sheet per table or one workbook per table), with the narrative inputs from the preparer's workbook.

The exports are made from the examples: our XLSX writer prints the official layout; a 元 export
prints each cell's exact amount in 元; LibreOffice converts to .xls (BIFF)."""
from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from juesuan.cli import app
from juesuan.money import round2

runner = CliRunner()


def printed_in_yuan(d):
    """The disclosure's tables as the official software exports them in 元 (exact to the cent)."""
    y = d.model_copy(deep=True)
    y.meta.unit = "元"
    for t in y.tables.values():
        for r in t.rows:
            for col, v in list(r.values.items()):
                if v is None or (t.id == "statistics" and (r.key.startswith("vehicles.") or r.key == "equipment")):
                    continue
                r.values[col] = round2(r.exact_value(col) * 10000)
            r.exact = {}
    return y


def export(example: str, unit: str, folder: Path) -> tuple[Path, object]:
    """(export.xlsx, the disclosure built from the example folder)."""
    from juesuan.pipeline import compile_source, write_outputs

    d, p = compile_source(EXAMPLES / example)
    written, _ = write_outputs(printed_in_yuan(d) if unit == "元" else d, p, folder, "export", ["xlsx"])
    return written[0], d


def to_xls(path: Path) -> Path:
    """.xls (BIFF), as LibreOffice writes it; a private user profile (a shared one clashes with other runs)."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    profile = path.parent / "lo-profile"
    result = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xls",
                             str(path), "--outdir", str(path.parent)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and path.with_suffix(".xls").exists(), result.stderr
    return path.with_suffix(".xls")


def split_per_table(path: Path, folder: Path) -> Path:
    """One workbook per table, as some exports come (公开01表.xlsx …)."""
    folder.mkdir()
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if not ws.title.startswith("公开"):
            continue
        one = openpyxl.Workbook()
        target = one.active
        target.title = "Sheet1"
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    target.cell(c.row, c.column, c.value)
        one.save(folder / f"{ws.title}.xlsx")
    return folder


@pytest.fixture(scope="module")
def yuan_export(tmp_path_factory):
    """The 元 example's export (xlsx), made once; a test copies it before changing it."""
    return export("datong-housing-2024", "元", tmp_path_factory.mktemp("export"))


@pytest.fixture(scope="module")
def yuan_xls(yuan_export):
    return to_xls(yuan_export[0])


def copy_of(yuan_export, tmp_path) -> tuple[Path, object]:
    path, expected = yuan_export
    target = tmp_path / "export.xlsx"
    shutil.copyfile(path, target)
    return target, expected


def same_tables(built, expected) -> list:
    out = []
    for tid, t in expected.tables.items():
        for r in t.rows:
            b = built.tables[tid].row(r.key)
            for col, v in r.values.items():
                got = b.values.get(col) if b is not None else None
                if got != v:
                    out.append((tid, r.key, col, v, got))
    return out


@pytest.mark.parametrize("example,unit", [("datong-housing-2024", "元"), ("datong-housing-2024-wan", "万元"), ("putuo-finance-2024", "元")])
def test_an_xlsx_export_builds_to_the_same_tables(example, unit, tmp_path):
    from juesuan.pipeline import compile_source

    path, expected = export(example, unit, tmp_path)
    built, _ = compile_source(path)
    assert built.meta.input_unit == unit
    tables = [t for t in expected.tables if t != "statistics" or expected.meta.profile == "shanxi"]
    assert [d for d in same_tables(built, expected) if d[0] in tables] == []


def test_an_xls_export_builds_to_the_same_tables(yuan_export, yuan_xls, tmp_path):
    from juesuan.pipeline import compile_source

    built, _ = compile_source(yuan_xls)
    assert built.meta.input_unit == "元"
    assert same_tables(built, yuan_export[1]) == []
    path, expected = export("datong-housing-2024-wan", "万元", tmp_path)
    built, _ = compile_source(to_xls(path))
    assert built.meta.input_unit == "万元"
    assert same_tables(built, expected) == []


def test_one_workbook_per_table_with_the_preparers_workbook_builds_the_whole_disclosure(yuan_export, tmp_path):
    from juesuan import profiles
    from juesuan.pipeline import compile_source
    from juesuan.readers.source import read_folder
    from juesuan.writers.workbook import write_workbook

    path, expected = copy_of(yuan_export, tmp_path)
    folder = split_per_table(path, tmp_path / "公开表")
    assert len(list(folder.iterdir())) == 10
    data, _ = read_folder(EXAMPLES / "datong-housing-2024")
    data.functional = []  # the workbook's tables are not needed: the export has them
    write_workbook(data, profiles.load("shanxi"), folder / "填报工作簿.xlsx")
    built, _ = compile_source(folder)
    assert same_tables(built, expected) == []
    assert [s.paragraphs for s in built.narrative] == [s.paragraphs for s in expected.narrative]
    assert len(built.performance) == len(expected.performance)


def test_build_takes_the_preparers_workbook_beside_a_single_export_file(yuan_export, tmp_path):
    from juesuan import profiles
    from juesuan.readers.source import read_folder
    from juesuan.writers.workbook import write_workbook

    path, expected = copy_of(yuan_export, tmp_path)
    data, _ = read_folder(EXAMPLES / "datong-housing-2024-wan")  # inputs in 万元: converted to the export's 元
    data.performance = []
    inputs = tmp_path / "inputs.xlsx"
    write_workbook(data, profiles.load("shanxi"), inputs)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "--inputs", str(inputs), "-o", str(out), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    from juesuan.readers.model_json import load_model as load

    built = load(out / "export.json")
    assert same_tables(built, expected) == []
    assert built.context.reasons == expected.context.reasons


def _edit(path: Path, sheet: str, find, value) -> str:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    cell = next(c for row in ws.iter_rows() for c in row if find(c))
    cell.value = value
    wb.save(path)
    return cell.coordinate


def test_a_total_that_disagrees_is_reported_at_its_sheet_and_cell(yuan_export, tmp_path):
    path, _ = copy_of(yuan_export, tmp_path)
    ref = _edit(path, "公开05表", lambda c: c.value == 969087456.6, 969087000.6)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert f"公开05表!{ref}" in result.output and "不符" in result.output
    assert not out.exists()


def test_text_in_an_amount_of_the_export_is_reported(yuan_export, tmp_path):
    path, _ = copy_of(yuan_export, tmp_path)
    ref = _edit(path, "公开06表", lambda c: isinstance(c.value, float) and 3_000_000 < c.value < 4_000_000, "三百四十四万")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert f"公开06表!{ref}：应为金额（数字），填写的是“三百四十四万”" in result.output
    assert not out.exists()


def test_init_from_last_years_export_fills_the_prior_year(yuan_export, yuan_xls, tmp_path):
    expected, xls = yuan_export[1], yuan_xls
    wb = tmp_path / "next.xlsx"
    result = runner.invoke(app, ["init", str(wb), "--from", str(xls), "--unit", "元"])
    assert result.exit_code == 0, result.output
    from juesuan.readers.workbook import read_workbook

    data, _ = read_workbook(wb)
    assert data.meta.year == 2025 and data.meta.input_unit == "元"
    assert data.narrative.prior_year.general_budget == expected.exact_value("general_budget:total:total") * 10000  # 元, exact


def test_an_export_with_this_years_tables_prefills_init(yuan_export, tmp_path):
    path, expected = yuan_export
    wb = tmp_path / "this.xlsx"
    result = runner.invoke(app, ["init", str(wb), "--example", str(path)])
    assert result.exit_code == 0, result.output
    from juesuan.readers.workbook import read_workbook

    data, _ = read_workbook(wb)
    assert data.meta.input_unit == "元"
    assert data.general_basic["30101"] == expected.tables["general_basic"].row("30101").exact_value("amount") * 10000
    assert Decimal(len(data.functional)) == len([r for r in expected.tables["income"].coded_rows() if len(r.key) == 7])
