"""The reviewer's checklist (公开情况检查表): items as data per family, findings placed by rule and
location, verdicts, and the workbook ``juesuan audit … --format checklist`` writes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import corpus_file
from juesuan.checks.checklist import evaluate
from juesuan.checks.engine import run_rules
from rule_testing import BASES, built, replace_in_narrative


def _rows(d, p):
    sheet = evaluate(d, p, run_rules(d, p))
    return sheet, {r.item: r for r in sheet.rows}


def test_a_clean_budget_meets_every_item_but_timeliness_which_the_tool_cannot_see():
    d, p = BASES["budget-text"]()
    sheet, rows = _rows(d, p)
    assert sheet.title == "上海市普陀区某某街道办事处2025年部门预算公开情况检查表"
    assert [r.item for r in sheet.rows[:7]] == ["及时性", "封面", "目录", "主要职能", "机构设置", "名词解释", "编制说明"]
    assert rows["及时性"].verdict == "—" and "人工核对" in rows["及时性"].text
    assert "部门“三公”经费和机关运行经费预算表" in rows  # one row per table of the template
    failed = {r.item: r.verdict for r in sheet.rows if r.verdict == "否"}
    # the sample has no 其他相关说明, 项目经费情况说明 or 绩效 sections: those items are missing
    assert failed == {"其他相关说明": "否", "项目经费情况说明": "否", "绩效": "否"}
    assert rows["绩效"].text == "未找到该部分的内容。"


def test_findings_go_to_their_item_with_their_place():
    d, p = BASES["budget-text"]()
    replace_in_narrative(d, "主要原因是项目调整。", "主要原因是。。")
    d.glossary = []
    d.tables["budget_fund"].statement = None
    _, rows = _rows(d, p)
    explanation = rows["编制说明"]
    assert explanation.verdict == "否" and {f.rule for f in explanation.findings} == {"TEXT-001", "TEXT-004"}
    assert "第6页第4行" in explanation.text and explanation.text.startswith("1. 【警告】")
    assert rows["名词解释"].verdict == "否" and rows["名词解释"].text == "未找到名词解释。"
    fund = rows["部门政府性基金预算支出功能分类预算表"]
    assert fund.verdict == "否" and [f.rule for f in fund.findings] == ["TEXT-006"]
    assert rows["主要职能"].verdict == "是"


def test_final_accounts_checklist_and_hints_do_not_fail_an_item():
    d, p = built("putuo-finance-2024")
    sheet, rows = _rows(d, p)
    assert sheet.title == "上海市普陀区财政局2024年度部门决算公开情况检查表"
    assert "情况说明" in rows and "项目经费情况说明" not in rows and len([r for r in sheet.rows if "决算" in r.item]) == 9
    # the example's own two warnings (a copied 主要用于, a 基本支出 wording) belong to the 情况说明
    assert [r.item for r in sheet.rows if r.verdict == "否"] == ["情况说明"]
    assert {f.rule for f in rows["情况说明"].findings} == {"NARR-013", "NARR-014"}
    other = next(s for s in d.narrative if s.key == "other")
    other.paragraphs[0] = other.paragraphs[0].rstrip("。") + "，合计"
    _, rows = _rows(d, p)
    assert rows["其他相关说明"].verdict == "是" and rows["其他相关说明"].text.startswith("【提示】")  # TEXT-002 is a hint


def test_a_unit_budget_has_no_project_item():
    from juesuan import profiles

    d, _ = BASES["budget-text"]()
    d.meta.level = "单位"
    sheet = evaluate(d, profiles.load("shanghai-budget-unit"), [])
    assert "项目经费情况说明" not in [r.item for r in sheet.rows]
    assert sheet.title.endswith("2025年单位预算公开情况检查表")


ROOT = Path(__file__).resolve().parents[1]


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_audit_writes_the_checklist_workbook(tmp_path):
    import openpyxl

    pdf = corpus_file("budgets/putuo-welfare-home-unit-budget-2024.pdf")
    out = tmp_path / "检查表.xlsx"
    done = _cli("audit", str(pdf), "--format", "checklist", "-o", str(out))
    assert done.returncode == 1, done.stderr  # its 编制说明 states 738.66万元 for 2081005 (NARR-021): an error
    assert "已写出公开情况检查表" in done.stderr
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "上海市普陀区社会福利院2024年单位预算公开情况检查表"
    assert rows[2] == ("序号", "检查项目", "检查内容", "符合要求（是/否）", "发现的问题及位置")
    other = next(r for r in rows if r[1] == "其他相关说明")
    assert other[3] == "否" and "主要原因是。" in other[4] and "第16页第5行" in other[4]


def test_checklist_needs_an_output_file():
    pdf = corpus_file("budgets/putuo-welfare-home-unit-budget-2024.pdf")
    done = _cli("audit", str(pdf), "--format", "checklist")
    assert done.returncode == 2 and "-o 检查表.xlsx" in done.stderr


def test_check_writes_the_checklist_of_a_built_example(tmp_path):
    import openpyxl

    out = tmp_path / "检查表.xlsx"
    done = _cli("check", "examples/putuo-finance-2024", "--format", "checklist", "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "上海市普陀区财政局2024年度部门决算公开情况检查表"
    assert [r[1] for r in rows[3:] if r[3] == "否"] == ["情况说明"]
