"""stdout carries only the report: ``--format json`` output parses as JSON; status lines,
progress and "已写出…" go to stderr."""
from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from conftest import EXAMPLES, corpus_file
from juesuan.cli import app

runner = CliRunner()
DATONG = EXAMPLES / "datong-housing-2024"


def test_audit_json_on_stdout_is_the_whole_report():
    seed = corpus_file("datong-housing-2024.txt")
    result = runner.invoke(app, ["audit", str(seed), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert data["document"]["department"] == "大同市住房和城乡建设局"
    assert data["summary"]["total"] == len(data["findings"]) > 0


def test_audit_json_of_many_documents_is_one_json_value(tmp_path):
    seed = corpus_file("datong-housing-2024.txt")
    pdf = corpus_file("putuo-finance-2024.pdf")
    result = runner.invoke(app, ["audit", str(seed), str(pdf), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert [d["document"]["profile"] for d in data["documents"]] == ["shanxi", "shanghai"]
    assert data["documents"][1]["file"].endswith("putuo-finance-2024.pdf")
    assert "核查汇总" in result.stderr


def test_audit_json_with_export_keeps_stdout_json(tmp_path):
    seed = corpus_file("datong-housing-2024.txt")
    result = runner.invoke(app, ["audit", str(seed), "--format", "json", "--export", str(tmp_path)])
    assert result.exit_code in (0, 1), result.output
    json.loads(result.stdout)
    assert "已导出" in result.stderr


def test_check_json_on_stdout_is_the_whole_report():
    result = runner.invoke(app, ["check", str(DATONG), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["error"] == 0 and data["document"]["year"] == 2024


def test_build_says_what_it_wrote_on_stderr(tmp_path):
    result = runner.invoke(app, ["build", str(DATONG), "-o", str(tmp_path), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "已写出" not in result.stdout and "审核结果" in result.stdout  # the findings table
    assert f"已写出 {tmp_path / 'datong-housing-2024.json'}" in result.stderr.replace("\n", "")


def test_audit_json_pipes_into_a_json_tool():
    """As a user runs it: a real process, stdout a pipe."""
    seed = corpus_file("datong-housing-2024.txt")
    audit = subprocess.run([sys.executable, "-m", "juesuan", "audit", str(seed), "--format", "json"], capture_output=True)
    assert audit.returncode in (0, 1), audit.stderr.decode()
    tool = subprocess.run([sys.executable, "-m", "json.tool"], input=audit.stdout, capture_output=True)
    assert tool.returncode == 0, tool.stderr.decode()
