"""Other provinces' layouts (tests/layout_variants.py) print and read back without a profile.

The Datong example is printed by our writers in four layouts derived from the corpus variants
(renamed titles, reordered tables, other part numbering, 附表, tables in 元, stamps and web
headers on the cover) and read back with nothing told about the layout: the right identity,
every listed table found, every printed value back, and no finding the standard layout lacks.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS, EXAMPLES
from layout_variants import VARIANTS, write_variant

FORMATS = ["html", "docx", "pdf"]


@pytest.fixture(scope="module")
def built():
    from juesuan.pipeline import compile_source

    folder = EXAMPLES / "datong-housing-2024"
    if not (folder / "department.yaml").exists():
        pytest.skip("example not available")
    return compile_source(folder)


@pytest.fixture(scope="module")
def standard_rules(built, tmp_path_factory):
    """Rules fired on the example printed in its own layout and read back (the baseline)."""
    from juesuan.checks import run
    from juesuan.pipeline import write_outputs
    from juesuan.readers.published import read_published

    disclosure, profile = built
    written, _ = write_outputs(disclosure, profile, tmp_path_factory.mktemp("std"), "std", ["html"])
    r = read_published(written[0])
    return Counter(f.rule for f in run(r.disclosure, r.profile))


def _formats():
    # html for every layout; docx and pdf for two layouts each (CI time)
    out = [(name, "html") for name in VARIANTS]
    out += [("shaanxi-2020", "docx"), ("sichuan-2023", "docx"), ("yunnan-2024", "pdf"), ("guangdong-2021", "pdf")]
    return out


@pytest.mark.parametrize("name,fmt", _formats())
def test_layout_reads_back_without_a_profile(built, standard_rules, name, fmt, tmp_path):
    from juesuan.audit import reader_findings
    from juesuan.checks import run
    from juesuan.layout import render_all
    from juesuan.readers.published import read_published
    from juesuan.tables import KINDS

    disclosure, profile = built
    try:
        path = write_variant(disclosure, name, fmt, tmp_path)
    except RuntimeError as exc:  # the pdf writer without a CJK font
        pytest.skip(str(exc))
    from juesuan import profiles

    layout = profiles.load(str(tmp_path / f"layout-{name}"))
    result = read_published(path)
    read = result.disclosure
    assert read.reading.path == "generic", read.reading.reasons
    assert read.meta.department == disclosure.meta.department
    assert read.meta.year == disclosure.meta.year and read.reading.year_stated
    assert read.meta.unit == "万元"
    assert read.reading.level == ("单位" if "单位决算" in "".join(VARIANTS[name]["cover"] + list(VARIANTS[name]["parts"].values())) else "部门")
    # every table of the layout found, in the document's own 目录 when it has one
    for t in result.profile.tables:
        assert read.tables[t.id].present, t.id
    assert set(t.id for t in result.profile.tables) == set(t.id for t in layout.tables)
    # every printed value back, in 万元, whatever unit the table was printed in
    checked = 0
    for t in render_all(layout, disclosure):
        table = read.table(t.id)
        for row in t.body:
            for cell in row:
                if cell.ref and cell.ref[1] in KINDS[t.id].columns:  # columns the model holds
                    got = table.row(cell.ref[0])
                    assert got is not None, (t.id, cell.ref)
                    assert got.values.get(cell.ref[1]) == cell.value, (t.id, cell.ref)
                    checked += 1
    assert checked > 300
    assert [s.key for s in read.narrative] == [s.key for s in disclosure.narrative]
    assert reader_findings(read, result.profile, result.problems) == []
    rules = Counter(f.rule for f in run(read, result.profile))
    assert not (rules - standard_rules), rules - standard_rules


@pytest.mark.parametrize("name", sorted(p.name for p in (CORPUS / "variants").glob("*.txt")) if (CORPUS / "variants").exists() else [])
def test_corpus_variant_contents_and_identity(name):
    """The opening pages of real documents of other provinces: identity and the 目录's tables."""
    from juesuan.readers.identity import listed_tables, read_identity
    from juesuan.readers.text import read_text

    ident = read_identity(read_text(CORPUS / "variants" / name).lines)
    expected = {
        "zhashui_audit_2020-contents.txt": ("柞水县审计局", 2020, "部门", 9),
        "zhanjiang_service_2021-contents.txt": ("湛江市人民政府行政服务中心", 2021, "部门", 9),
        "xsbn_nongken_2024-contents.txt": ("西双版纳傣族自治州农垦局", 2024, "部门", 9),  # 11 listed: two 三公 tables, one 项目支出表 (other)
        "yueyang_kfq_placeholder-contents.txt": (None, None, "部门", 9),
        "luzhou_tcm_2023-contents.txt": ("泸州市中医医院", 2023, "单位", 5),  # the page lists 6, damaged; 明细表 is no model kind
    }[name]
    assert (ident.department, ident.year, ident.level, len(listed_tables(ident))) == expected
    assert not any("审查" in (h.text) or "来源" in h.text for h in ident.headings)
    if name.startswith("luzhou"):
        assert ident.attachments == ["泸州市中医医院2023年度决算报表.xls"]  # its tables: COMP-001 only warns


def test_unknown_layout_audit_says_generic_and_names_pages(built, tmp_path):
    """`juesuan audit` on a layout no profile has: the report says generic and why; a finding
    the document really has (a changed total) is reported with its place."""
    from typer.testing import CliRunner

    from juesuan.cli import app

    disclosure, profile = built
    d = disclosure.model_copy(deep=True)
    d.tables["income"].row("total").values["total"] += 1
    path = write_variant(d, "yunnan-2024", "html", tmp_path)
    result = CliRunner().invoke(app, ["audit", str(path)])
    out = result.output
    assert "generic" in out and "通用" in out, out[:800]
    assert "SUM-" in out and "表格" in out


def test_batch_and_export_of_unknown_layouts(built, tmp_path):
    """A batch of documents read generically (no built-in profile matches): the summary, the
    per-document reports and the open-data export work from the kept results. A generic reading's
    profile has no name to load it by, so the result keeps the profile itself."""
    from typer.testing import CliRunner

    from juesuan.cli import app

    disclosure, _ = built
    folder = tmp_path / "docs"
    folder.mkdir()
    for fmt in ("html", "docx"):
        write_variant(disclosure, "yunnan-2024", fmt, folder)
    runner = CliRunner()
    result = runner.invoke(app, ["audit", str(folder), "--jobs", "1", "--no-cache", "-o", str(tmp_path / "reports")])
    assert result.exit_code in (0, 1), result.output
    # one report per document (the two share a stem); the table on stdout depends on the terminal's width
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["yunnan-2024.docx.txt", "yunnan-2024.html.txt"]
    result = runner.invoke(app, ["export", str(folder), "--to", str(tmp_path / "open"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "generic" in (tmp_path / "open" / "documents.csv").read_text(encoding="utf-8")


def test_listed_but_absent_table_is_an_error_and_placeholders_in_headings(tmp_path):
    """A 目录 that lists a table the document lacks → COMP-001 错误; `XX部门(单位)` in a part
    heading → COMP-004; no year anywhere → COMP-007."""
    from juesuan.checks import run
    from juesuan.readers.published import read_published

    text = (CORPUS / "variants" / "yueyang_kfq_placeholder-contents.txt")
    if not text.exists():
        pytest.skip("corpus variants not available")
    doc = tmp_path / "yueyang.txt"
    body = "\n\n第二部分 部门决算表\n\n收入决算表\n\n单位：万元\n\n项目\t本年收入合计\n\n合计\t10.00\n"
    doc.write_text(text.read_text(encoding="utf-8") + body, encoding="utf-8")
    r = read_published(doc)
    assert r.disclosure.reading.path == "generic"
    assert r.disclosure.tables["income"].present
    findings = run(r.disclosure, r.profile)
    absent = [f for f in findings if f.rule == "COMP-001"]
    assert len(absent) == 8 and all(f.severity == "error" for f in absent)
    assert any(f.rule == "COMP-004" and "XX" in f.message for f in findings)
    assert any(f.rule == "COMP-007" for f in findings)


def test_seed_with_other_titles_reads_generic_and_cell_exact(tmp_path):
    """The real seed (text) with another province's titles and no 公开NN表 numbers: read without a
    profile, every table cell equals the profile read; findings are the same rules' and name lines."""
    import re

    from conftest import corpus_file
    from juesuan import profiles
    from juesuan.checks import run
    from juesuan.readers.document import read_grid
    from juesuan.readers.published import read_published
    from juesuan.readers.text import read_text

    seed = corpus_file("datong-housing-2024.txt")
    text = seed.read_text(encoding="utf-8")
    renamed = text
    for old, new in [("一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算表"),
                     ("财政拨款“三公”经费支出决算表", "一般公共预算财政拨款“三公”经费支出决算表"),
                     ("部门决算公开相关信息统计表", "部门决算相关信息统计表"), ("收入支出决算总表", "收入支出决算表")]:
        renamed = renamed.replace(old, new)
    renamed = re.sub(r"(?m)^公开\d\d表\s*$", "", renamed)
    path = tmp_path / "renamed.txt"
    path.write_text(renamed, encoding="utf-8")
    generic = read_published(path)
    assert generic.disclosure.reading.path == "generic"
    standard = read_grid(read_text(seed), profiles.load("shanxi")).disclosure
    got = generic.disclosure
    assert got.meta.department == standard.meta.department and got.meta.year == 2024
    for tid, t in standard.tables.items():
        if not t.present:
            continue
        mine = got.tables[tid]
        assert mine.present, tid
        assert {(r.key, c, v) for r in t.rows for c, v in r.values.items()} == {(r.key, c, v) for r in mine.rows for c, v in r.values.items()}, tid
    rules = {f.rule for f in run(got, generic.profile)}
    assert rules - {f.rule for f in run(standard, profiles.load("shanxi"))} <= {"COMP-001"}
    located = [f for f in run(got, generic.profile) if f.location.table and f.location.source]
    assert located and all(f.location.source.line for f in located)


def test_document_with_no_recognisable_table_says_so(tmp_path):
    from juesuan.audit import reader_findings
    from juesuan.readers.published import read_published

    path = tmp_path / "plain.txt"
    path.write_text("某某局2024年度部门决算\n\n第一部分 概况\n\n一、主要职能\n\n负责某某工作。\n", encoding="utf-8")
    r = read_published(path)
    (f,) = reader_findings(r.disclosure, r.profile, r.problems)
    assert f.severity == "warning" and "无法识别的版式" in f.message
