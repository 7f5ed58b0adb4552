"""Amounts in 元 end to end: exact leaves, each printed cell rounded once, as the official software
prints its 万元 tables; the unit is a setting of the source, and a slip of 元 for 万元 is caught."""
from __future__ import annotations

import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from juesuan.cli import app
from juesuan.money import from_wan, round2, to_wan

YUAN = EXAMPLES / "datong-housing-2024"
runner = CliRunner()


def test_yuan_to_wan_is_exact_and_printing_rounds_half_up():
    assert to_wan(Decimal("969087456.60"), "元") == Decimal("96908.745660")
    assert from_wan(to_wan(Decimal("12.34"), "元"), "元") == Decimal("12.34")
    assert round2(to_wan(Decimal("50.00"), "元")) == Decimal("0.01")  # 0.005 万元 rounds up
    assert round2(to_wan(Decimal("49.99"), "元")) == Decimal("0.00")


def test_a_printed_total_is_rounded_from_the_exact_sum_not_summed_from_printed_rows(datong):
    d, _ = datong
    row = d.tables["general_budget"].row("21201")
    assert row.values["project"] == Decimal("7321.20")  # as the seed prints it
    leaves = [d.tables["general_budget"].row(c) for c in ("2120102", "2120199")]
    assert sum(r.values["project"] for r in leaves) == Decimal("7321.19")
    assert sum(r.exact_value("project") for r in leaves) == row.exact_value("project")


def _key(finding):
    return (finding.rule, finding.severity, finding.location.label.split("（")[0])


@pytest.fixture(scope="module")
def built_yuan(tmp_path_factory):
    """The 元 example as a preparer has it: a workbook in 元, built."""
    from juesuan import profiles
    from juesuan.pipeline import compile_source, run_checks
    from juesuan.readers.source import read_folder
    from juesuan.writers.workbook import write_workbook

    data, _ = read_folder(YUAN)
    path = tmp_path_factory.mktemp("rt") / "datong.xlsx"
    write_workbook(data, profiles.load("shanxi"), path)
    d, p = compile_source(path)
    assert d.meta.input_unit == "元" and d.rounded
    return d, p, run_checks(d, p)


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "pdf"])
def test_round_trip_through_every_format_gives_the_same_findings(built_yuan, fmt, tmp_path):
    """元 workbook → build → write → audit: the same findings, rounding 提示 included (the document
    built from 元 prints each cell rounded on its own, as the audited one does)."""
    from juesuan.pipeline import run_checks, write_outputs
    from juesuan.readers.published import read_published

    d, p, source_findings = built_yuan
    written, skipped = write_outputs(d, p, tmp_path, "rt", [fmt])
    if fmt in skipped:
        pytest.skip(skipped[fmt])
    read = read_published(written[0])
    audited = run_checks(read.disclosure, read.profile)
    source, found = Counter(map(_key, source_findings)), Counter(map(_key, audited))
    if fmt == "xlsx":  # the workbook prints the tables only: compare the table rules
        tables = ("SUM-", "XTAB-")
        source = Counter({k: n for k, n in source.items() if k[0].startswith(tables)})
        found = Counter({k: n for k, n in found.items() if k[0].startswith(tables)})
    assert sum(n for k, n in source.items() if k[1] == "info") >= 30  # the expected rounding 提示
    assert found == source


def _build(source: Path, out: Path):
    return runner.invoke(app, ["build", str(source), "-o", str(out), "-f", "json"])


def test_a_yuan_folder_declared_wan_is_stopped_at_the_unit_setting(tmp_path):
    folder = tmp_path / "slip"
    shutil.copytree(YUAN, folder)
    dept = folder / "department.yaml"
    text = dept.read_text(encoding="utf-8")
    dept.write_text(text.replace("  input_unit: 元", "  input_unit: 万元", 1), encoding="utf-8")
    result = _build(folder, tmp_path / "out")
    assert result.exit_code == 2
    assert "department.yaml：第8行" in result.output and "金额疑为元" in result.output
    assert not (tmp_path / "out").exists()


def test_prior_year_in_the_wrong_unit_is_reported(tmp_path):
    folder = tmp_path / "slip"
    shutil.copytree(YUAN, folder)
    narrative = folder / "narrative.yaml"
    lines = narrative.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("  total:"))
    lines[i] = "  total: 242839.54"  # last year's 万元 figure typed into a 元 folder
    narrative.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _build(folder, tmp_path / "out")
    assert result.exit_code == 2 and "上年决算数" in result.output and "10,000倍" in result.output


@pytest.fixture(scope="module")
def yuan_workbook(tmp_path_factory) -> Path:
    from juesuan import profiles
    from juesuan.readers.source import read_folder
    from juesuan.writers.workbook import write_workbook

    data, _ = read_folder(YUAN)
    data.performance = data.performance[:1]
    path = tmp_path_factory.mktemp("wb") / "datong.xlsx"
    write_workbook(data, profiles.load("shanxi"), path)
    return path


def _info_cell(ws, label: str):
    for row in ws.iter_rows():
        if row[0].value == label:
            return row[1]
    raise AssertionError(label)


def test_the_workbook_states_its_unit_on_every_amount_sheet(yuan_workbook):
    wb = openpyxl.load_workbook(yuan_workbook)
    assert _info_cell(wb["单位信息"], "填报金额单位").value == "元"
    headed = [ws.title for ws in wb.worksheets if any(
        isinstance(c.value, str) and "金额单位" in c.value and "j_input_unit" in c.value for r in ws.iter_rows(max_row=4) for c in r)]
    assert {"公开01表", "公开05表", "公开06表"} <= set(headed)


def test_a_yuan_workbook_declared_wan_is_stopped_at_its_cell(yuan_workbook, tmp_path):
    path = tmp_path / "slip.xlsx"
    wb = openpyxl.load_workbook(yuan_workbook)
    cell = _info_cell(wb["单位信息"], "填报金额单位")
    cell.value = "万元"
    wb.save(path)
    result = _build(path, tmp_path / "out")
    assert result.exit_code == 2
    assert f"单位信息!{cell.coordinate}" in result.output and "金额疑为元" in result.output
    assert not (tmp_path / "out").exists()


def test_text_in_a_yuan_amount_is_located(yuan_workbook, tmp_path):
    path = tmp_path / "text.xlsx"
    wb = openpyxl.load_workbook(yuan_workbook)
    ws = wb["公开06表"]
    target = next(c for r in ws.iter_rows() for c in r if isinstance(c.value, (int, float)) and c.value > 10000)
    target.value = "三百四十四万"
    wb.save(path)
    result = _build(path, tmp_path / "out")
    assert result.exit_code == 2
    assert f"公开06表!{target.coordinate}" in result.output and "单位：元" in result.output


def test_init_writes_the_chosen_unit(tmp_path):
    from juesuan.readers.workbook import read_workbook

    path = tmp_path / "wan.xlsx"
    result = runner.invoke(app, ["init", str(path), "--example", str(YUAN), "--unit", "万元"])
    assert result.exit_code == 0, result.output
    from juesuan.readers.source import read_folder

    data, _ = read_workbook(path)
    yuan, _ = read_folder(YUAN)
    assert data.meta.input_unit == "万元"
    assert data.general_basic["30101"] == yuan.general_basic["30101"] / 10000  # nothing lost
    assert data.general_basic["30101"] != round2(data.general_basic["30101"])
    bad = runner.invoke(app, ["init", str(tmp_path / "x.xlsx"), "--unit", "千元"])
    assert bad.exit_code == 2 and "填报金额单位" in bad.output
