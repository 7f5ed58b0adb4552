"""Hostile input: each gets a clear Chinese message, exit 2, nothing written, no traceback.

Every file is generated here (small on disk); the reproducers the fuzzer found live in
tests/fixtures/hostile/. Times are not asserted (benchmarks measure them), but each case
finishes in well under a second or two because the limits are checked before any parsing.
"""
from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from juesuan.cli import app
from pdf_samples import encrypted_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "datong-housing-2024"
# The 万元 transcription: its amounts are the printed figures the tests below edit by text.
EXAMPLE_WAN = ROOT / "examples" / "datong-housing-2024-wan"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"
runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def refused(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    text = result.output.replace("\n", "")
    for needle in needles:
        assert needle in text, (needle, result.output)


def cli_subprocess(*args, timeout: float = 60, env: dict | None = None):
    """``python -m juesuan ARGS`` in its own process (for what may abort or must be timed)."""
    import subprocess
    import sys

    full = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **(env or {}))
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)], capture_output=True, text=True, env=full, timeout=timeout)


# ---- builders of hostile files ---------------------------------------------------------------

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="xml" ContentType="application/xml"/></Types>')
WORKBOOK = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = b"</sheetData></worksheet>"
BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
                  + b"]>")


def xlsx(path: Path, sheet_chunks, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal xlsx whose one sheet is written from ``sheet_chunks`` (streamed, compressed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for chunk in sheet_chunks:
                fh.write(chunk)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def zeros(total: int):
    chunk = b" " * (1 << 20)
    yield SHEET_HEAD
    for _ in range(total >> 20):
        yield chunk
    yield SHEET_TAIL


def rows(n: int):
    yield SHEET_HEAD
    batch = 20_000
    for start in range(1, n + 1, batch):
        yield b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(start, min(start + batch, n + 1)))
    yield SHEET_TAIL


def example(tmp_path: Path) -> Path:
    folder = tmp_path / "dept"
    shutil.copytree(EXAMPLE_WAN, folder)
    return folder


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- zip packages ----------------------------------------------------------------------------


def test_xlsx_zip_bomb(tmp_path):
    bomb = xlsx(tmp_path / "bomb.xlsx", zeros(40 << 20))  # as a 4 GiB one: unpacks far beyond its size
    assert bomb.stat().st_size < 1 << 20
    refused(run("audit", bomb), "bomb.xlsx", "解压后过大")


def test_workbook_zip_bomb_on_build(tmp_path):
    bomb = xlsx(tmp_path / "bomb.xlsx", zeros(40 << 20))
    out = tmp_path / "out"
    refused(run("build", bomb, "-o", out), "解压后过大")
    assert not out.exists()


def test_docx_zip_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(20):
                fh.write(b" " * (1 << 20))
    refused(run("audit", path), "bomb.docx", "解压后过大")


def test_million_row_sheet(tmp_path):
    path = xlsx(tmp_path / "rows.xlsx", rows(1_000_000))
    refused(run("audit", path), "工作表“Sheet1”", "工作表过大")


@pytest.mark.parametrize("row", ["999999999", "1048577"])
def test_huge_row_number(tmp_path, row):
    chunks = [SHEET_HEAD, f'<row r="{row}"><c r="A{row}"><v>1</v></c></row>'.encode(), SHEET_TAIL]
    refused(run("audit", xlsx(tmp_path / "far.xlsx", chunks)), "工作表过大")
    refused(run("build", xlsx(tmp_path / "far2.xlsx", chunks), "-o", tmp_path / "out"), "工作表过大")


@pytest.mark.parametrize("ref", ["H99999999999999999", "H" + "9" * 5000])
def test_far_cell_in_a_near_row(tmp_path, ref):
    """Fuzz reproducer (xlsx, seed 1 case 199): row 12 holding a cell whose reference has 17
    digits made python-calamine try to allocate 552 GB and abort the process natively. Run as a
    subprocess: were it to regress, that process dies, not the test run."""
    chunks = [SHEET_HEAD, f'<row r="12"><c r="A12"><v>1</v></c><c r="{ref}"><v>2</v></c></row>'.encode(), SHEET_TAIL]
    proc = cli_subprocess("audit", xlsx(tmp_path / "far.xlsx", chunks))
    assert proc.returncode == 2, proc.stderr
    assert "工作表过大" in proc.stderr.replace("\n", ""), proc.stderr


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "A1:I2000000"])
def test_huge_merged_range(tmp_path, ref):
    """Fuzz reproducer (workbook, seed 1 case 429): one ``<mergeCell ref="A1:XFD1048576"/>`` in a
    preparer's workbook made openpyxl create a cell object for each of 17 billion cells (a hang)."""
    chunks = [SHEET_HEAD, b'<row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="%s"/></mergeCells></worksheet>' % ref.encode()]
    for command in (["build", xlsx(tmp_path / "merged.xlsx", chunks), "-o", tmp_path / "out"], ["audit", xlsx(tmp_path / "merged2.xlsx", chunks)]):
        proc = cli_subprocess(*command)
        assert proc.returncode == 2, proc.stderr
        assert f"合并单元格 {ref} 范围过大" in proc.stderr.replace("\n", ""), proc.stderr


def test_xml_entity_expansion_in_xlsx(tmp_path):
    chunks = [BILLION_LAUGHS, SHEET_HEAD[SHEET_HEAD.index(b"?>") + 2:], b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', SHEET_TAIL]
    refused(run("audit", xlsx(tmp_path / "laughs.xlsx", chunks)), "laughs.xlsx", "XML 实体声明")
    refused(run("build", xlsx(tmp_path / "laughs2.xlsx", chunks), "-o", tmp_path / "out"), "XML 实体声明")


def test_xml_entity_expansion_in_docx(tmp_path):
    path = tmp_path / "laughs.docx"
    document = BILLION_LAUGHS + (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                 b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", document)
    path.write_bytes(source.getvalue())
    refused(run("audit", path), "laughs.docx", "XML 实体声明")


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    refused(run("audit", path), "不是有效的工作簿")


# ---- YAML ------------------------------------------------------------------------------------


def test_yaml_billion_laughs(tmp_path):
    folder = example(tmp_path)
    items = ['"lol"'] + [", ".join([f"*x{i - 1}"] * 9) for i in range(1, 10)]
    laughs = "".join(f"x{i}: &x{i} [{item}]\n" for i, item in enumerate(items))
    (folder / "narrative.yaml").write_text(laughs, encoding="utf-8")
    refused(run("build", folder, "-o", tmp_path / "out"), "narrative.yaml", "不支持 YAML 别名")
    assert not (tmp_path / "out").exists()


def test_yaml_python_object(tmp_path):
    folder = example(tmp_path)
    replace(folder / "department.yaml", "department: 大同市住房和城乡建设局", 'department: !!python/object/apply:os.system ["echo hacked"]')
    refused(run("build", folder, "-o", tmp_path / "out"), "department.yaml：第4行", "不允许的 YAML 标签")


@pytest.mark.parametrize("typed, said", [("1.0e+400", "数值过大"), (".inf", "无法识别的数字"), (".nan", "无法识别的数字"),
                                        ("1" * 40 + ".5", "数值过大"), ("-0.0", None)])
def test_impossible_numbers_refused_at_input(tmp_path, typed, said):
    folder = example(tmp_path)
    replace(folder / "accounts.yaml", '"30102": 229.24', f'"30102": {typed}')
    result = run("build", folder, "-o", tmp_path / "out", "-f", "json")
    if said is None:  # negative zero is zero
        assert result.exit_code in (0, 1), result.output
    else:
        refused(result, "accounts.yaml：第", said)


# ---- PDF -------------------------------------------------------------------------------------


def test_two_thousand_page_pdf(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument.new()
    for _ in range(2000):
        pdf.new_page(200, 200)
    path = tmp_path / "long.pdf"
    pdf.save(str(path))
    pdf.close()
    refused(run("audit", path), "long.pdf", "页数过多", "2,000 页")


def test_encrypted_pdf(tmp_path):
    path = encrypted_pdf(tmp_path / "locked.pdf")
    refused(run("audit", path), "locked.pdf", "已加密")


def test_scanned_pdf_needs_ocr(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(3):  # pages with drawing only, as a scanner's images have no text layer
        c.rect(50, 50, 400, 600, fill=1)
        c.showPage()
    c.save()
    refused(run("audit", path), "scan.pdf", "需要OCR")


def test_damaged_pdf_in_chinese(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    result = run("audit", path)
    refused(result, "broken.pdf", "PDF")
    assert "PDFium" not in result.output and "Failed" not in result.output


# ---- text and HTML ---------------------------------------------------------------------------


def test_gbk_text_is_read(tmp_path):
    from juesuan.readers.text import read_text

    path = tmp_path / "gbk.txt"
    path.write_bytes("大同市住房和城乡建设局2024年度单位决算公开\n公开01表\t收入支出决算总表\n".encode("gbk"))
    grid = read_text(path)
    assert "大同市住房和城乡建设局" in "".join(line.text for line in grid.lines)
    result = run("audit", path)
    assert result.exit_code in (0, 1, 2) and "编码" not in result.output


def test_gbk_html_page_is_read(tmp_path):
    from juesuan.readers.html import read_html

    path = tmp_path / "page.html"
    path.write_bytes('<html><head><meta charset="gbk"></head><body><p>收入支出决算总表</p></body></html>'.encode("gbk"))
    assert any("收入支出决算总表" in line.text for line in read_html(path).lines)


def test_huge_html_spans(tmp_path):
    path = tmp_path / "spans.html"
    row = '<tr><td colspan="4294967296" rowspan="999999">1</td><td colspan="abc">2</td></tr>'
    path.write_text(f"<html><body><p>收入支出决算总表</p><table>{row * 50}</table></body></html>", encoding="utf-8")
    result = run("audit", path)
    assert result.exit_code in (0, 1, 2)


def test_deeply_nested_html_tables(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<table><tr><td>" * 5000 + "x", encoding="utf-8")
    refused(run("audit", path), "嵌套过深")


# ---- outputs ---------------------------------------------------------------------------------


def test_read_only_output_folder(tmp_path):
    if os.geteuid() == 0:  # root writes anywhere a mode allows nothing; sysfs refuses everyone
        out = Path("/sys/juesuan-test-out")
    else:
        out = tmp_path / "ro"
        out.mkdir()
        out.chmod(0o555)
    refused(run("build", EXAMPLE, "-o", out, "-f", "json"), "输出位置有误", "无法写入", "权限")
    refused(run("check", EXAMPLE, "-o", out / "report.json", "--format", "json"), "无法写入")
    refused(run("init", (out if out.exists() else out.parent) / "填报.xlsx"), "无法写入")
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>2024年度部门决算公开</p></body></html>", encoding="utf-8")
    refused(run("audit", page, "-o", out / "report.json", "--format", "json"), "无法写入")
    refused(run("audit", page, "--export", out), "无法写入")
    refused(run("export", page, "--to", out), "无法写入")  # was a PermissionError (exit 3)


def test_output_at_existing_file_of_another_kind(tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("my notes", encoding="utf-8")
    refused(run("check", EXAMPLE, "--format", "xlsx", "-o", existing), "输出位置有误", "notes.txt", "为免覆盖")
    assert existing.read_text(encoding="utf-8") == "my notes"
    refused(run("build", EXAMPLE, "-o", existing, "-f", "json"), "已存在的文件")
    assert existing.read_text(encoding="utf-8") == "my notes"
    refused(run("init", existing.with_suffix(".xlsx").parent / "notes.txt"), "应以 .xlsx 结尾")
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>2024年度部门决算公开</p></body></html>", encoding="utf-8")
    refused(run("audit", page, "--export", existing), "已存在的文件")
    refused(run("export", page, "--to", existing), "已存在的文件")  # was a FileExistsError (exit 3)
    assert existing.read_text(encoding="utf-8") == "my notes"


def test_check_output_written_whole(tmp_path):
    target = tmp_path / "report.json"
    result = run("check", EXAMPLE, "--format", "json", "-o", target)
    assert result.exit_code in (0, 1)
    assert target.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


# ---- exit codes ------------------------------------------------------------------------------


def test_internal_failure_exits_3_without_traceback(monkeypatch):
    import juesuan.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(juesuan.pipeline, "compile_source", broken)
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", "/nonexistent-never-written"])
    assert result.exit_code == 3
    assert "内部错误" in result.output and "Traceback" not in result.output


def test_watchdog_turns_a_slow_read_into_a_message(monkeypatch, tmp_path):
    import time

    from juesuan import guard
    from juesuan.errors import InputError

    monkeypatch.setattr(guard, "LIMITS", guard.Limits(read_seconds=0.2))
    guard.use_process_limits(True)
    try:
        with pytest.raises(InputError) as info:
            with guard.reading(tmp_path / "slow.pdf", "PDF"):
                time.sleep(3)
    finally:
        guard.use_process_limits(False)
    assert "超时" in str(info.value)


# ---- reproducers kept from fuzzing -----------------------------------------------------------


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*")) if FIXTURES.exists() else [], ids=lambda p: p.name)
def test_fuzz_reproducer(path, tmp_path):
    if path.suffix == ".json":
        result = run("check", path, "--format", "json")
    elif path.suffix == ".yaml":
        folder = example(tmp_path)
        shutil.copyfile(path, folder / path.name.split("--", 1)[-1])
        result = run("build", folder, "-o", tmp_path / "out", "-f", "json")
    elif path.name.startswith("workbook"):
        result = run("build", path, "-o", tmp_path / "out", "-f", "json")
    else:
        result = run("audit", path, "--format", "json")
    assert result.exit_code in (0, 1, 2), result.output


# ---- numbers no amount can be, where they are typed or printed -------------------------------


@pytest.mark.parametrize("typed", ["1e400", "NaN", "Infinity", "9" * 40, "1" * 16 + ".5", "0." + "1" * 40])
def test_parse_decimal_refuses(typed):
    from juesuan.money import NotANumber, money

    with pytest.raises(NotANumber):
        money(typed)


def test_negative_zero_is_zero():
    from decimal import Decimal

    from juesuan.money import money

    assert str(money("-0.00")) == "0.00" and str(money(Decimal("-0"))) == "0.00"


@pytest.mark.parametrize("raw", [1e300, float("inf"), float("nan"), "1e400", "9" * 40])
def test_workbook_cell_refuses(raw):
    from juesuan.workbook import cells

    with pytest.raises(cells.CellError):
        cells.money(raw)


def test_printed_numbers_no_amount_can_be(tmp_path):
    """A published page whose tables, forms and narrative carry 40-digit, 25-decimal and
    16-digit figures (typos a real page could have): read and checked, never a crash."""
    import re

    out = tmp_path / "built"
    assert run("build", EXAMPLE, "-o", out, "-f", "html", "--force").exit_code in (0, 1)
    page = (out / "datong-housing-2024.html").read_text(encoding="utf-8")
    typos = ["9" * 40, "0." + "1" * 25, "1" * 16 + ".5"]
    count = iter(range(10**6))
    page = re.sub(r"(?<![\d.])\d{2,}\.\d{2}(?!\d)", lambda m: typos[n % 3] if (n := next(count)) % 7 == 0 else m.group(0), page)
    (tmp_path / "typos.html").write_text(page, encoding="utf-8")
    result = run("audit", tmp_path / "typos.html", "--format", "json")
    assert result.exit_code in (0, 1, 2), result.output


def test_claim_numbers_no_amount_can_be():
    from juesuan.checks.claims import parse_section
    from rule_testing import built

    disclosure, _ = built("datong-housing-2024")
    section = disclosure.narrative[0].model_copy(update={"paragraphs": [f"本年收入合计{'9' * 40}万元，比上年增长{'1' * 30}.5%，支出0.{'1' * 30}万元。"]})
    parse_section(section, disclosure)  # no exception: such figures are not claims


def test_interrupted_build_leaves_nothing(monkeypatch, tmp_path):
    import juesuan.writers.json_writer as json_writer

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(json_writer, "write", interrupted)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out), "-f", "xlsx,json"])
    assert result.exit_code == 130 and "已中断" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_debug_flag_is_accepted_anywhere(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7 broken")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for args in (["audit", str(path), "--debug"], ["--debug", "audit", str(path)]):
        proc = subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert "PDF 文件已损坏" in proc.stderr.replace("\n", "")


def test_writers_survive_the_largest_amounts(tmp_path):
    """Every table cell at 99,999,999,999,999.99 (the largest amount input accepts; a build
    from such input is refused as implausible, so the model is set directly): 16–17 digit
    figures are checked and written in every format."""
    from decimal import Decimal

    from juesuan.pipeline import compile_source, run_checks, write_outputs

    disclosure, profile = compile_source(EXAMPLE_WAN)
    huge = Decimal("99999999999999.99")
    for table in disclosure.tables.values():
        for row in table.rows:
            for column, value in row.values.items():
                if isinstance(value, Decimal):
                    row.values[column] = huge
    run_checks(disclosure, profile)
    out = tmp_path / "out"
    written, skipped = write_outputs(disclosure, profile, out, "huge", ["json", "xlsx", "docx", "html"])
    assert not skipped
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html", ".json", ".xlsx"]