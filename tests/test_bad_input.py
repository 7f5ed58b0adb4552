"""Bad input stops with a Chinese message naming the file and line, exit code 2, nothing written."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "datong-housing-2024-wan"  # its lines are edited below
runner = CliRunner()


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "dept"
    shutil.copytree(EXAMPLE, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(folder: Path, out: Path):
    out.mkdir(exist_ok=True)
    (out / "keep.txt").write_text("earlier output", encoding="utf-8")
    result = runner.invoke(app, ["build", str(folder), "-o", str(out), "-f", "json,xlsx"])
    # nothing half-written: the output folder holds only what was there before
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    return result


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_unknown_code(example, tmp_path):
    # under no 类 of the catalogue: certainly mistyped (a code under a known 类 may be new that year)
    edit(example / "accounts.yaml", '"2149999", name: 其他交通运输支出', '"2489998", name: 其他交通运输支出')
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    line = line_of(example / "accounts.yaml", "2489998")
    assert f"accounts.yaml：第{line}行" in result.output
    assert "功能分类科目编码“2489998”不在2024年支出功能分类科目中" in result.output


def test_code_name_mismatch(example, tmp_path):
    edit(example / "accounts.yaml", "name: 行政单位离退休", "name: 行政单位退休")
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "科目“2080501”的名称应为“行政单位离退休”，填写的是“行政单位退休”" in result.output
    assert f"第{line_of(example / 'accounts.yaml', '行政单位退休')}行" in result.output


def test_non_numeric_amount(example, tmp_path):
    edit(example / "accounts.yaml", "income: {fiscal_general: 1000.00}", "income: {fiscal_general: 一千}")
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "应为数字，填写的是“一千”" in result.output
    assert f"第{line_of(example / 'accounts.yaml', '一千')}行" in result.output
    assert "一般公共预算财政拨款收入" in result.output


def test_negative_amount(example, tmp_path):
    edit(example / "accounts.yaml", '"30102": 229.24', '"30102": -229.24')
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "金额不能为负数" in result.output
    assert f"第{line_of(example / 'accounts.yaml', '-229.24')}行" in result.output


def test_every_problem_reported_at_once(example, tmp_path):
    edit(example / "accounts.yaml", '"30102": 229.24', '"30102": -229.24')
    edit(example / "accounts.yaml", "name: 行政单位离退休", "name: 行政单位退休")
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "共2处" in result.output


def test_missing_required_file(example, tmp_path):
    (example / "accounts.yaml").unlink()
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "accounts.yaml：缺少必需的文件" in result.output


def test_missing_required_field(example, tmp_path):
    edit(example / "department.yaml", "  year: 2024\n", "")
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "department.yaml" in result.output and "年度" in result.output and "缺少必填项" in result.output


def test_yaml_syntax_error(example, tmp_path):
    edit(example / "narrative.yaml", "  total: 242839.54", "  total: [242839.54")
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "narrative.yaml" in result.output and "YAML 格式错误" in result.output


def test_unknown_field(example, tmp_path):
    edit(example / "accounts.yaml", "procurement: {goods: 32516.99", "procurement: {goods: 32516.99, gifts: 1")
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "无法识别的字段" in result.output


def test_unknown_profile(example, tmp_path):
    result = runner.invoke(app, ["build", str(example), "-o", str(tmp_path / "o"), "-f", "json", "--profile", "guangdong"])
    assert result.exit_code == 2
    assert "找不到模板（profile）“guangdong”" in result.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_clean_build_writes_json_and_xlsx(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(EXAMPLE.parent / "datong-housing-2024"), "-o", str(out), "-f", "json,xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["datong-housing-2024.json", "datong-housing-2024.xlsx"]


def test_a_folder_that_names_no_profile_is_told_so_not_taken_for_shanxi(example, tmp_path):
    edit(example / "department.yaml", "  profile: shanxi\n", "")
    result = build(example, tmp_path / "out")
    assert result.exit_code == 2
    assert "department.yaml：第" in result.output and "未写明公开模板" in result.output and "--profile" in result.output
    # --profile names it
    ok = runner.invoke(app, ["build", str(example), "-o", str(tmp_path / "out2"), "-f", "json", "--profile", "shanxi"])
    assert ok.exit_code in (0, 1), ok.output
    assert '"profile": "shanxi"' in next((tmp_path / "out2").glob("*.json")).read_text(encoding="utf-8")


def test_a_model_json_that_names_no_profile_is_read_by_its_tables_and_sections(tmp_path):
    import json

    for folder, expected in (("datong-housing-2024-wan", "shanxi"), ("putuo-finance-2024", "shanghai")):
        out = tmp_path / folder
        assert runner.invoke(app, ["build", str(EXAMPLE.parent / folder), "-o", str(out), "-f", "json", "--force"]).exit_code in (0, 1)
        path = next(out.glob("*.json"))
        model = json.loads(path.read_text(encoding="utf-8"))
        del model["meta"]["profile"]
        path.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
        from juesuan.readers.model_json import load_model

        assert load_model(path).meta.profile == expected
        model["narrative"], model["tables"] = [], {}
        path.write_text(json.dumps(model, ensure_ascii=False), encoding="utf-8")
        result = runner.invoke(app, ["check", str(path)])
        assert result.exit_code == 2 and "meta.profile" in result.output and "未写明公开模板" in result.output
