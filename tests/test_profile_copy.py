"""A profile copied to a new folder and edited by hand builds: decimal thresholds included."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from juesuan.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHANXI = ROOT / "src" / "juesuan" / "profiles" / "shanxi"


def test_copied_profile_with_decimal_grade_thresholds_builds(tmp_path):
    folder = tmp_path / "my-province"
    shutil.copytree(SHANXI, folder)
    profile = folder / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    old = "grades: [{grade: 优, min: 90}, {grade: 良, min: 80}, {grade: 中, min: 60}, {grade: 差, min: 0}]"
    assert old in text
    profile.write_text(text.replace(old, "grades: [{grade: 优, min: 90.5}, {grade: 良, min: 80.5}, {grade: 中, min: 59.5}, {grade: 差, min: 0}]"),
                       encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(ROOT / "examples" / "datong-housing-2024"), "--profile", str(folder),
                                      "-o", str(out), "--formats", "json,xlsx"])
    assert result.exit_code in (0, 1), result.output  # built (the example's own findings aside), no crash
    model = json.loads((out / "datong-housing-2024.json").read_text(encoding="utf-8"))
    grades = [(Decimal(f["total"]), f["grade"]) for f in model["performance"]]
    for total, grade in grades:
        expected = "优" if total >= Decimal("90.5") else "良" if total >= Decimal("80.5") else "中" if total >= Decimal("59.5") else "差"
        assert grade == expected, (total, grade)
    # The thresholds moved the forms at the old boundaries: 90.00 is now 良, 80.00 中.
    assert (Decimal("90.00"), "良") in grades and (Decimal("80.00"), "中") in grades
    assert (out / "datong-housing-2024.xlsx").exists()


def test_a_profile_without_the_statistics_layout_gets_a_clear_error_not_another_profiles(tmp_path):
    """The workbook asks for 政府采购 and 资产 although 上海's template prints no 公开10: the layout of
    that input sheet is the profile's own data (``input_tables``). A copy that drops it is told so,
    instead of borrowing a layout of another province."""
    folder = tmp_path / "my-province"
    shutil.copytree(SHANXI.parent / "shanghai", folder)
    profile = folder / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    start, end = text.index("input_tables:"), text.index("\nnarrative:\n") + 1
    profile.write_text(text[:start] + text[end:], encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "book.xlsx"), "--profile", str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "input_tables" in result.output and "部门决算公开相关信息统计表" in result.output
    assert not (tmp_path / "book.xlsx").exists()
    ok = CliRunner().invoke(app, ["init", str(tmp_path / "shanghai.xlsx"), "--profile", "shanghai"])
    assert ok.exit_code == 0 and (tmp_path / "shanghai.xlsx").exists()
