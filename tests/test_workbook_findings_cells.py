"""#13: every finding on a disclosure built from the preparer's workbook names the sheet and cell
the preparer typed it in, never a key of the example-folder format. Each example is written to a
workbook, one fault of every kind a preparer can type is planted in it, and every finding of the
build — narrative-level ones included (NARR-009's 上年决算数, a copied 主要用于, a text's
punctuation, year or bracket, the SME amounts, a 三公 item of the basic-expenditure table) — must
carry ``sheet!cell``."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import openpyxl
import pytest

from juesuan import profiles
from juesuan.pipeline import compile_source, run_checks
from juesuan.readers.source import read_folder
from juesuan.workbook import plan
from juesuan.writers.workbook import write_workbook

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r"[^\s!（）“”：]+![A-Z]{1,3}\d+")
YAML_KEY = re.compile(r"\.yaml|\b[a-z_]+:[a-z0-9_.]+:[a-z_]+\b|\bclass\.\d{3}\b|\bitem\.\d+\b|\b[a-z_]+:\s"
                      r"|\b(?:procurement|balances|prior_year|general_budget|narrative|reasons)\.[a-z_]+")


def _rows(ws, column: int = 1) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in ws.iter_rows(min_col=column, max_col=column):
        text = str(row[0].value or "").strip()
        if text:
            out.setdefault(text, row[0].row)
    return out


def plant(wb) -> set[str]:
    """One fault of each kind into the workbook; the rules each must raise."""
    expected = set()
    reasons = wb[plan.REASONS_SHEET]
    keys = _rows(reasons)
    usages = [k for k in keys if k.endswith(".usage") and (k.startswith("class.") or k.startswith("item.")) and reasons.cell(keys[k], 3).value]
    # A 主要用于 copied from another 科目 (NARR-013).
    reasons.cell(keys[usages[1]], 3).value = reasons.cell(keys[usages[0]], 3).value
    expected.add("NARR-013")
    # Typed texts: doubled punctuation (TEXT-001), a template placeholder (COMP-004), another year (TEXT-007).
    texts = [k for k in keys if k.endswith(("_change", ".reason")) and reasons.cell(keys[k], 3).value]
    reasons.cell(keys[texts[0]], 3).value = str(reasons.cell(keys[texts[0]], 3).value).rstrip("。") + "，，及其他原因。"
    reasons.cell(keys[texts[1]], 3).value = "XXX原因"
    reasons.cell(keys[texts[2]], 3).value = "比2019年增加了新项目"
    expected |= {"TEXT-001", "COMP-004", "TEXT-007"}
    # An unbalanced bracket in a 职责 paragraph (TEXT-003).
    info = wb[plan.INFO_SHEET]
    amount = 1 if _rows(info).get("填报金额单位") and info.cell(_rows(info)["填报金额单位"], 2).value == "万元" else 10000
    title = _rows(info)["二、部门职责"]
    info.cell(title + 2, 2).value = str(info.cell(title + 2, 2).value) + "（含下属单位"
    expected.add("TEXT-003")
    # Last year's 三公 items adding up to more than last year's 三公 total (NARR-009).
    prior = wb[plan.PRIOR_SHEET]
    at = _rows(prior)["因公出国（境）费"]
    prior.cell(at, 2).value = float(prior.cell(at, 2).value or 0) + 100 * amount
    expected.add("NARR-009")
    # 其中小微企业 more than the SME amount (NARR-016).
    for ws in wb.worksheets:
        labels = _rows(ws)
        if "授予中小企业合同金额" in labels:
            ws.cell(labels["授予中小企业合同金额"], 2).value = amount
            ws.cell(labels["其中：授予小微企业合同金额"], 2).value = 2 * amount
            expected.add("NARR-016")
            break
    return expected


@pytest.fixture(scope="module", params=["datong-housing-2024", "putuo-finance-2024"])
def planted(request, tmp_path_factory):
    data, _ = read_folder(ROOT / "examples" / request.param)
    data.performance = data.performance[:1]  # one form keeps openpyxl's edit quick
    path = tmp_path_factory.mktemp("planted") / f"{request.param}.xlsx"
    write_workbook(data, profiles.load(data.meta.profile), path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    expected = plant(wb)
    wb.save(path)
    disclosure, profile = compile_source(path)
    return expected, run_checks(disclosure, profile)


def test_every_planted_fault_is_found(planted):
    expected, findings = planted
    assert expected <= {f.rule for f in findings}, expected - {f.rule for f in findings}


def test_every_finding_names_its_sheet_and_cell(planted):
    _, findings = planted
    assert findings
    for f in findings:
        shown = f"{f.location}：{f.message}"
        assert CELL.search(shown), (f.rule, shown)
        assert f.location.source is not None and f.location.source.sheet and f.location.source.cell, (f.rule, shown)
        # Figures at the precision the document prints them (the 元 example's exact amounts too).
        assert not re.search(r"(?<![±\d.,])\d[\d,]*\.\d{3,}", shown if f.location.form is None else ""), (f.rule, shown)
        # A 待补充 marker quotes the 原因说明 sheet's own 编号 column (its text, not a YAML key).
        assert not YAML_KEY.search(re.sub(r"编号 [\w.]+", "", shown)), (f.rule, shown)
