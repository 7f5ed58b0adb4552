"""The preparer's workbook: example → workbook → build gives the same model and the same
outputs; init pre-fills from an example or last year's disclosure; a blank workbook filled
in by hand builds."""
from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from juesuan import profiles
from juesuan.cli import app
from juesuan.errors import InputError
from juesuan.pipeline import compile_source, write_outputs
from juesuan.readers.source import read_folder
from juesuan.readers.workbook import read_workbook
from juesuan.workbook import plan
from juesuan.writers.workbook import write_workbook
from juesuan.init import init_workbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ["datong-housing-2024", "putuo-finance-2024"]


def example(name: str) -> Path:
    folder = ROOT / "examples" / name
    if not (folder / "department.yaml").exists():
        pytest.skip(f"example {name} not available")
    return folder


@pytest.fixture(scope="module", params=EXAMPLES)
def exported(request, tmp_path_factory):
    """(example folder, its workbook)."""
    folder = example(request.param)
    data, _ = read_folder(folder)
    path = tmp_path_factory.mktemp("wb") / f"{request.param}.xlsx"
    write_workbook(data, profiles.load(data.meta.profile), path)
    return folder, path


def test_example_to_workbook_and_back_is_lossless(exported):
    folder, path = exported
    original, _ = read_folder(folder)
    back, _ = read_workbook(path)
    assert back == original
    assert back.performance == original.performance  # the forms too (already in ==; named for the reader)


def test_built_from_workbook_equals_built_from_folder(exported, tmp_path):
    folder, path = exported
    from_folder, profile = compile_source(folder)
    from_workbook, _ = compile_source(path)
    # The same document; only where it came from differs (the file, and each narrative input's cell).
    assert from_workbook.context.sources and not from_folder.context.sources
    assert from_workbook.context.sources["reasons:total_change"].sheet == "原因说明"
    unlocated = from_workbook.context.model_copy(update={"sources": {}})
    assert from_workbook.model_copy(update={"source": None, "context": unlocated}) == from_folder.model_copy(update={"source": None})
    assert from_workbook.performance == from_folder.performance
    assert [s.paragraphs for s in from_workbook.narrative] == [s.paragraphs for s in from_folder.narrative]
    written_a, _ = write_outputs(from_folder, profile, tmp_path / "a", "out", ["json", "xlsx"])
    written_b, _ = write_outputs(from_workbook, profile, tmp_path / "b", "out", ["json", "xlsx"])
    a, b = (json.loads((tmp_path / d / "out.json").read_text(encoding="utf-8")) for d in "ab")
    a.pop("source"), b.pop("source")
    assert b["context"].pop("sources") and not a["context"].pop("sources", None)  # where each input was typed
    assert a == b
    assert _cells(tmp_path / "a" / "out.xlsx") == _cells(tmp_path / "b" / "out.xlsx")


def _cells(path: Path) -> dict:
    wb = openpyxl.load_workbook(path, read_only=True)
    out = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}
    wb.close()
    return out


def test_workbook_is_also_an_example_source(exported, tmp_path):
    """init --example takes a workbook too: a preparer refreshes the reasons list from their own data."""
    _, path = exported
    again = tmp_path / "again.xlsx"
    init_workbook(again, example=path)
    assert read_workbook(again)[0] == read_workbook(path)[0]


def test_formula_cells_show_the_compiled_values(tmp_path):
    """Viewers that do not recalculate on open (LibreOffice's default for xlsx) show each formula's
    saved result: it must be the value the build computes."""
    folder = example("datong-housing-2024")
    data, _ = read_folder(folder)
    model, profile = compile_source(folder)
    path = tmp_path / "d.xlsx"
    write_workbook(data, profile, path)
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    rows = {ws.title: {r[0].value: r for r in ws.iter_rows() if r and r[0].value} for ws in wb.worksheets}
    assert data.meta.input_unit == "元"  # the workbook shows exact 元, each table prints it rounded to 万元

    def yuan(address):
        return model.exact_value(address) * 10000

    g05 = rows["公开05表"]
    assert Decimal(str(g05["合计"][2].value)) == yuan("general_budget:total:total")
    assert Decimal(str(g05["212"][3].value)) == yuan("general_budget:212:basic")
    summary = rows["公开01表"]
    assert Decimal(str(summary["总计"][2].value)) == yuan("summary:in.grand_total:amount")
    wb.close()


def test_reasons_are_listed_from_what_the_narrative_explains(tmp_path):
    data, _ = read_folder(example("datong-housing-2024"))
    data.narrative.reasons = {}
    path = tmp_path / "d.xlsx"
    write_workbook(data, profiles.load("shanxi"), path)
    ws = openpyxl.load_workbook(path, read_only=True)[plan.REASONS_SHEET]
    keys = {row[0].value: row[1].value for row in ws.iter_rows(min_row=4) if row[0].value}
    # One usage per 类 of 一般公共预算 spending, as 五（三） explains them.
    for code in ("205", "208", "210", "212", "214", "221"):
        assert f"class.{code}.usage" in keys
    assert "（212）" in keys["class.212.usage"] and "主要用途" in keys["class.212.usage"]
    assert "total_change" in keys


def test_init_from_last_years_disclosure(tmp_path):
    folder = example("datong-housing-2024")
    last, profile = compile_source(folder)
    json_path = tmp_path / "last.json"
    write_outputs(last, profile, tmp_path, "last", ["json", "xlsx"])
    for source in (folder, json_path, tmp_path / "last.xlsx"):
        target = tmp_path / f"from-{source.suffix.lstrip('.') or 'folder'}.xlsx"
        filled = init_workbook(target, from_path=source)
        data, _ = read_workbook_lenient(target)
        prior = data["narrative"]["prior_year"]
        assert prior["total"] == last.value("summary:in.grand_total:amount"), source
        assert prior["general_budget"] == last.value("general_budget:total:total")
        assert prior["general_budget_by_code"]["212"] == last.value("general_budget:212:total")
        assert prior["three_public"]["vehicle_running"] == Decimal("1.25")
        assert prior["running_cost"] == last.value("statistics:running.admin:amount")
        assert data["meta"]["year"] == 2025 and data["meta"]["department"] == last.meta.department
        assert filled["figures"] > 10


def read_workbook_lenient(path: Path):
    """A pre-filled blank workbook does not build yet (no leaves); read its raw fields."""
    from juesuan.readers import workbook as reader

    sheets = reader._open(path)
    ctx = reader.Context(str(path), reader.WorkbookLocator(str(path)))
    raw: dict = {}
    info = reader.SheetReader(ctx, sheets[plan.INFO_SHEET])
    p = plan.info_sheet()
    reader.read_items(info, p, p.items, raw)
    sr = reader.SheetReader(ctx, sheets[plan.PRIOR_SHEET])
    p = plan.prior_sheet()
    reader.read_items(sr, p, p.items, raw)
    rows = raw.pop("_blocks")[p.items[-1].title]
    raw["narrative"]["prior_year"]["general_budget_by_code"] = reader._code_rows(ctx, rows, ("x",), "")
    return raw, ctx


def test_init_refuses_to_overwrite_and_needs_xlsx(tmp_path):
    existing = tmp_path / "mine.xlsx"
    existing.write_bytes(b"filled by hand")
    runner = CliRunner()
    result = runner.invoke(app, ["init", str(existing)])
    assert result.exit_code == 2 and "文件已存在" in result.output.replace("\n", "")
    assert existing.read_bytes() == b"filled by hand"
    result = runner.invoke(app, ["init", str(tmp_path / "x.xls")])
    assert result.exit_code == 2 and ".xlsx" in result.output


def test_init_cli_example_builds(tmp_path):
    runner = CliRunner()
    path = tmp_path / "datong.xlsx"
    result = runner.invoke(app, ["init", "--example", str(example("datong-housing-2024")), str(path)])
    assert result.exit_code == 0, result.output
    assert "已生成填报工作簿" in result.output and "山西" in result.output
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out"), "-f", "json"])
    assert result.exit_code in (0, 1), result.output  # 1: the checks' findings on the seed's own figures
    assert (tmp_path / "out" / "datong.json").exists()


def test_init_profile_shanghai_blank(tmp_path):
    path = tmp_path / "sh.xlsx"
    init_workbook(path, profile="shanghai")
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    shanghai = profiles.load("shanghai")
    for t in shanghai.tables:
        assert t.title[:31] in names  # shanghai prints no 表号: sheets are named by title
    assert "政府采购和资产" in names  # its facts move to the narrative; the input is still asked for


def test_blank_workbook_filled_by_hand_builds(tmp_path):
    """What a preparer does: init, type leaves into the spare rows, build."""
    path = tmp_path / "blank.xlsx"
    init_workbook(path, profile="shanxi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)

    def row_of(ws, text):
        return next(r[0].row for r in ws.iter_rows(max_col=1) if r[0].value == text)

    info = wb[plan.INFO_SHEET]
    info.cell(row_of(info, "部门（单位）名称"), 2).value = "某某局"
    info.cell(row_of(info, "年度"), 2).value = 2024
    # 收入决算表: A code, B name, E 一般公共预算; 支出决算表: D 基本支出; 公开05: D 基本支出
    for sheet, col in (("公开02表", 5), ("公开03表", 4), ("公开05表", 4)):
        ws = wb[sheet]
        r = row_of(ws, plan.TOTAL_LABEL) + 1
        ws.cell(r, 1).value = "2010101"  # name left blank: filled from the catalogue
        ws.cell(r, col).value = 100.5
    ws = wb["公开06表"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "30101":
                ws.cell(cell.row, cell.column + 2).value = 100.5
    wb.save(path)
    data, _ = read_workbook(path)
    assert data.meta.department == "某某局"
    assert [(l.code, l.name) for l in data.functional] == [("2010101", "行政运行")]
    model, _ = compile_source(path)
    assert model.value("summary:ex.201:amount") == Decimal("100.50")
    assert model.value("general_basic:personnel_total:amount") == Decimal("100.50")


def test_blank_workbook_reports_what_is_missing(tmp_path):
    path = tmp_path / "blank.xlsx"
    init_workbook(path, profile="shanxi")
    with pytest.raises(InputError) as info:
        read_workbook(path)
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 1 and "单位信息!B" in messages[0] and "部门（单位）名称" in messages[0]


def test_amounts_are_written_as_numbers(exported):
    """Typed amounts are numbers in the sheet (text would not add up in the preparer's own sums)."""
    _, path = exported
    wb = openpyxl.load_workbook(path, read_only=True)
    cells = []
    for name in wb.sheetnames:
        rows = [list(r) for r in wb[name].iter_rows()]
        if name.startswith("绩效") and name != plan.PERF_SUMMARY_SHEET:
            start = next(i for i, r in enumerate(rows) if r[0].value == "资金来源") + 1
            cells += [c.value for r in rows[start:start + 2] for c in r[1:5] if c.value is not None]
        elif name in ("公开05表", "一般公共预算财政拨款支出决算表"):
            start = next(i for i, r in enumerate(rows) if r[0].value == plan.TOTAL_LABEL) + 1
            cells += [c.value for r in rows[start:] if str(r[0].value or "").isdigit() and len(str(r[0].value)) == 7
                      for c in r[3:5] if c.value is not None]
    wb.close()
    assert len(cells) > 10
    assert all(isinstance(v, (int, float)) for v in cells), [v for v in cells if not isinstance(v, (int, float))][:5]


def test_init_from_a_published_pdf(tmp_path):
    """Last year's disclosure as published: read by the audit readers, figures as printed."""
    from conftest import corpus_file

    pdf = corpus_file("putuo-finance-2024.pdf")
    path = tmp_path / "putuo-2025.xlsx"
    filled = init_workbook(path, from_path=pdf)
    raw, _ = read_workbook_lenient(path)
    assert raw["meta"]["profile"] == "shanghai" and raw["meta"]["year"] == 2025
    prior = raw["narrative"]["prior_year"]
    # 收入支出决算总表 总计 and 一般公共预算财政拨款支出 合计 as the PDF prints them.
    assert prior["total"] == Decimal("2995.39")
    assert prior["general_budget"] == Decimal("2940.05")
    assert prior["general_budget_by_code"]["2010601"] > 0
    # 机关运行经费 is stated only in the narrative (no 公开10 in shanghai): taken from there.
    assert prior["running_cost"] == Decimal("184.65")
    assert filled["figures"] > 20
    # The PDF prints “…财务规则。（八）负责…” on one line: two duties, as the items are numbered.
    duties = _duties(path)
    seventh = next(d for d in duties if d.startswith("（七）"))
    assert seventh.endswith("财务规则。") and any(d.startswith("（八）负责本区暂未划转") for d in duties)
    assert [d[:3] for d in duties if d.startswith("（")] == [f"（{n}）" for n in "一二三四五六七八九"] + ["（十）", "（十一", "（十二"]


def test_init_from_a_built_pdf(tmp_path):
    """Last year's disclosure as juesuan printed it (shanxi): 机关运行经费 from 公开10, duties one each."""
    from juesuan.pipeline import compile_source, write_outputs
    from juesuan.writers import WriterUnavailable, pdf

    try:
        pdf.register_font()
    except WriterUnavailable:
        pytest.skip("no embeddable CJK font: the PDF writer is off")
    disclosure, profile = compile_source(example("datong-housing-2024"))
    written, skipped = write_outputs(disclosure, profile, tmp_path / "out", "datong", ["pdf"])
    assert not skipped
    path = tmp_path / "next.xlsx"
    init_workbook(path, from_path=tmp_path / "out" / "datong.pdf")
    raw, _ = read_workbook_lenient(path)
    assert raw["narrative"]["prior_year"]["running_cost"] == Decimal("112.44")
    assert [d[:3] for d in _duties(path)] == [str(p)[:3] for p in disclosure.overview.duties]


def _duties(path: Path) -> list[str]:
    """The 职责 paragraphs of the 单位信息 sheet (column B from the block's header to its end mark)."""
    rows = list(openpyxl.load_workbook(path, read_only=True)[plan.INFO_SHEET].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "序号") + 1
    end = next(i for i in range(start, len(rows)) if str(rows[i][0] or "").startswith("▲"))
    return [r[1] for r in rows[start:end] if r[1]]


@pytest.mark.parametrize("profile_id", ["shanxi", "shanghai"])
def test_blank_workbook_lists_the_templates_reasons(tmp_path, profile_id):
    """Before any figure is typed, the reasons the profile's narrative names are listed."""
    path = tmp_path / "blank.xlsx"
    init_workbook(path, profile=profile_id)
    ws = openpyxl.load_workbook(path, read_only=True)[plan.REASONS_SHEET]
    keys = {row[0].value: row[1].value for row in ws.iter_rows(min_row=4) if row[0].value}
    assert keys["total_change"] == "收入支出总计增减变化的主要原因"
    assert "running_cost_change" in keys
    assert all(label.endswith(("原因", "用途", "内容", "事项", "情况")) for key, label in keys.items() if key != "编号" and label)
    classes = {key.split(".")[1] for key in keys if key.startswith("class.")}
    if profile_id == "shanxi":  # its narrative explains each 类: a row for every 类 of the catalogue, to fill those spent on
        from juesuan import catalogues

        year = openpyxl.load_workbook(path, read_only=True)[plan.INFO_SHEET]
        year = next(r[1] for r in year.iter_rows(values_only=True) if r[0] == "年度")
        assert classes == {c for c in catalogues.load("functional", int(year)).codes if len(c) == 3}
        assert keys["class.212.usage"] == "城乡社区支出（212）的主要用途"
        assert keys["class.212.reason"] == "城乡社区支出（212）较上年增减变化的主要原因"
    else:  # it explains each 项: too many to list; the build names the free row and 编号 of each one needed
        assert not classes


def test_init_from_last_year_lists_a_reason_row_per_class(tmp_path):
    """A fresh 原因说明 sheet lists the 类 rows (usage and reason, with their labels) of the classes
    last year's data has, besides the template's own items."""
    path = tmp_path / "next.xlsx"
    init_workbook(path, from_path=example("datong-housing-2024"))
    ws = openpyxl.load_workbook(path, read_only=True)[plan.REASONS_SHEET]
    keys = {row[0].value: row[1].value for row in ws.iter_rows(min_row=4) if row[0].value}
    for code in ("205", "208", "210", "212", "214", "221"):
        assert f"class.{code}.usage" in keys and f"class.{code}.reason" in keys
    assert keys["class.212.usage"] == "城乡社区支出（212）的主要用途"
    assert "total_change" in keys and "state_capital_change" in keys  # the template's items stay
