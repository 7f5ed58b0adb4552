"""Outputs of the check engine: JSON, HTML, the annotated workbook, and the commands' exit codes."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
from rich.console import Console
from typer.testing import CliRunner

from rule_testing import built, printed_seed, run, set_value
from juesuan.cli import app
from juesuan.report import annotate_workbook, emit, to_html, to_json

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _mutated():
    d, p = built()
    set_value(d, "general_budget", "2120102", "total", "956.40")
    set_value(d, "general_budget", "2120102", "project", "956.40")
    return d, p


def test_json_shape():
    d, p = printed_seed()
    data = json.loads(to_json(run(d, p), d))
    assert data["summary"]["error"] == 3 and data["summary"]["total"] == len(data["findings"])
    for f in data["findings"]:
        assert {"rule", "severity", "message", "location", "expected", "found"} <= set(f)
        assert f["severity"] in ("error", "warning", "info") and f["location"]["text"]
    perf = [f for f in data["findings"] if f["rule"] == "PERF-008"][0]
    assert "2.134" in perf["suggestion"] and Decimal(perf["expected"]) - Decimal(perf["found"]) > 2131
    located = [f for f in data["findings"] if f["rule"] == "NARR-002"][0]["location"]
    assert located["section"] == "income" and located["source"]["line"] == 412


def test_html_is_self_contained():
    d, p = printed_seed()
    text = to_html(run(d, p), d)
    assert text.startswith("<!DOCTYPE html>") and "<style>" in text and "src=" not in text and "href=" not in text
    assert "大同市住房和城乡建设局" in text and "PERF-005" in text and "错误 3" in text


def test_annotated_workbook_highlights_and_comments_the_cells(tmp_path):
    d, p = _mutated()
    findings = run(d, p)
    path = tmp_path / "annotated.xlsx"
    annotate_workbook(d, p, findings, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["公开05表"]
    flagged = [c for row in ws.iter_rows() for c in row if c.comment is not None and "SUM-002" in c.comment.text]
    assert len(flagged) == 2  # 21201 小计 and 项目支出
    for cell in flagged:
        assert cell.fill.fgColor.rgb.endswith("F8B4B4")
        code = ws.cell(row=cell.row, column=1).value
        assert code == "21201"  # the 款 whose total no longer equals its 项 (the mutated leaf is 2120102)
    assert "审核结果" in wb.sheetnames and wb["审核结果"].max_row == len(findings) + 1


def test_emit_exit_codes(tmp_path):
    console = Console(file=open(tmp_path / "out.txt", "w", encoding="utf-8"))
    d, p = built()
    assert emit(console, run(d, p), "table", None) == 0
    d, p = _mutated()
    assert emit(console, run(d, p), "json", tmp_path / "r.json") == 1
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]["error"] == 2


def test_check_command(tmp_path):
    result = runner.invoke(app, ["check", str(ROOT / "examples" / "datong-housing-2024"), "--format", "json", "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]["error"] == 0
    d, _ = _mutated()
    model = tmp_path / "model.json"
    model.write_text(d.model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["check", str(model), "--format", "html", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and (tmp_path / "r.html").exists()
    result = runner.invoke(app, ["check", str(model), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 1 and (tmp_path / "r.xlsx").exists()


def test_unusable_input_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta": {"year": "二〇二四"}}', encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2 and "不是有效的决算模型" in result.output
    result = runner.invoke(app, ["check", str(ROOT / "examples" / "datong-housing-2024"), "--format", "pdf"])
    assert result.exit_code == 2


def test_rules_command():
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0 and "SUM-001" in result.output and "NARR-002" in result.output


def test_build_holds_back_publishable_formats_on_errors(tmp_path):
    folder = tmp_path / "example"
    shutil.copytree(ROOT / "examples" / "datong-housing-2024", folder)
    perf = folder / "performance.yaml"
    text = perf.read_text(encoding="utf-8")
    perf.write_text(text.replace("weight: 20", "weight: 25", 1), encoding="utf-8")  # 分值 no longer add up to 90
    result = runner.invoke(app, ["build", str(folder), "-o", str(tmp_path / "out"), "-f", "json,html"])
    assert result.exit_code == 1, result.output
    assert "PERF-004" in result.output
    assert (tmp_path / "out" / "example.json").exists() and not (tmp_path / "out" / "example.html").exists()


def test_findings_are_a_listing_in_a_file_and_a_table_at_a_terminal():
    import io

    from juesuan.report import print_findings

    d, p = _mutated()
    findings = run(d, p)
    plain = io.StringIO()
    print_findings(Console(file=plain), findings)  # a file, a pipe: not a terminal
    text = plain.getvalue()
    assert text.startswith("审核结果\n") and "┃" not in text and "│" not in text
    for f in findings:  # each whole on its lines, never folded inside a figure
        assert f"\n{f.rule}　{ {'error': '错误', 'warning': '警告', 'info': '提示'}[f.severity]}　{f.location}\n  {f.message}\n" in text
        if f.suggestion:
            assert f"  建议：{f.suggestion}\n" in text
    tty = io.StringIO()
    print_findings(Console(file=tty, force_terminal=True, width=120), findings)
    assert "┃" in tty.getvalue() and "审核结果" in tty.getvalue()


def test_plain_lines_print_as_rich_prints_them(monkeypatch):
    """LazyConsole writes plain strings itself where there is no terminal; the bytes are rich's."""
    import io

    from juesuan.ui import LazyConsole, _make

    said = ["putuo.pdf：上海市普陀区财政局　2024年度　模板 shanghai", "  依据：9/9张表", "x\x07y\rz\x0b", "emoji :smile: kept", "two\nlines  ",
            "tab\there", "[red]markup[/]", "方括号 [1]"]
    for text in said:
        for markup in (None, False):
            ours, theirs = io.StringIO(), io.StringIO()
            monkeypatch.setattr("sys.stdout", ours)
            LazyConsole().print(text, highlight=False, markup=markup)
            monkeypatch.setattr("sys.stdout", theirs)
            _make(stderr=False).print(text, highlight=False, markup=markup)
            assert ours.getvalue() == theirs.getvalue(), text
