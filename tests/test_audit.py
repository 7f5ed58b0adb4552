"""``juesuan audit`` end to end: reports, exports, many documents, bad input."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import corpus_file
from juesuan.cli import app

runner = CliRunner()


def _flat(text: str) -> str:
    return text.replace("\n", "")  # rich wraps long lines to the terminal width


def test_audit_seed_json_report_and_export(tmp_path):
    seed = corpus_file("datong-housing-2024.txt")
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["audit", str(seed), "--format", "json", "-o", str(report), "--export", str(tmp_path / "out")])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert "findings" in data
    # the reader itself raises nothing on the seed: every table is present and every row placed
    assert not [f for f in data["findings"] if f["rule"].startswith("read.")]
    model = json.loads((tmp_path / "out" / "datong-housing-2024.json").read_text(encoding="utf-8"))
    assert model["origin"] == "printed"
    assert model["tables"]["summary"]["rows"][0]["values"]["amount"] == "96908.75"
    assert (tmp_path / "out" / "datong-housing-2024.xlsx").stat().st_size > 5000


def test_audit_many_documents_writes_one_report_each(tmp_path):
    seed = corpus_file("datong-housing-2024.txt")
    pdf = corpus_file("putuo-finance-2024.pdf")
    result = runner.invoke(app, ["audit", str(seed), str(pdf), "--format", "json", "-o", str(tmp_path)])
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "datong-housing-2024.json").exists() and (tmp_path / "putuo-finance-2024.json").exists()
    assert "核查汇总" in result.output
    # the profiles as detected, from the reports (the console table wraps at narrow terminals)
    profiles = {json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))["document"]["profile"]
                for stem in ("datong-housing-2024", "putuo-finance-2024")}
    assert profiles == {"shanxi", "shanghai"}


def test_absent_table_is_a_finding_not_a_crash(tmp_path):
    seed = corpus_file("datong-housing-2024.txt")
    text = seed.read_text(encoding="utf-8")
    start = text.index("三公”经费支出决算表\n\n公开09表")
    end = text.index("部门决算公开相关信息统计表\n\n公开10表")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[:start] + text[end:], encoding="utf-8")
    report = tmp_path / "r.json"
    result = runner.invoke(app, ["audit", str(cut), "--format", "json", "-o", str(report)])
    assert result.exit_code == 1, result.output
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    absent = [f for f in findings if "公开09表" in f["message"] and f["severity"] == "error"]
    assert [f["rule"] for f in absent] == ["COMP-001"]  # one finding, the rule's, not the reader's too
    assert absent[0]["location"]["table"] == "three_public"
    assert absent[0]["location"]["source"] == {"file": "cut.txt"}


def test_profile_override_and_bad_input(tmp_path):
    seed = corpus_file("datong-housing-2024.txt")
    result = runner.invoke(app, ["audit", str(seed), "--profile", "nosuch"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["audit", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 2 and "文件不存在" in _flat(result.output)
    odd = tmp_path / "notes.pages"
    odd.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(odd)])
    assert result.exit_code == 2 and "不支持的文件类型" in _flat(result.output)
    blank = tmp_path / "blank.txt"
    blank.write_text("会议纪要\n\n今天天气很好。\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(blank)])
    assert result.exit_code == 2 and "无法识别文档所用的模板" in _flat(result.output)


def test_audit_putuo_pdf_reader_is_silent_and_findings_point_into_pages(tmp_path):
    pdf = corpus_file("putuo-finance-2024.pdf")
    report = tmp_path / "p.json"
    result = runner.invoke(app, ["audit", str(pdf), "--format", "json", "-o", str(report)])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert not [f for f in findings if f["rule"].startswith("read.")]
    located = [f for f in findings if f["location"].get("table")]
    assert located and all(f["location"].get("source", {}).get("page") for f in located)
