"""Build → write → audit: every format we write reads back to the model we built."""
from __future__ import annotations

import importlib

import pytest

from conftest import EXAMPLES
from juesuan.layout import render_all

FORMATS = ["xlsx", "docx", "html", "pdf"]
PRINTS_NARRATIVE = {"docx", "html", "pdf"}


def _built(example: str):
    from juesuan.pipeline import compile_source

    folder = EXAMPLES / example
    if not (folder / "department.yaml").exists():
        pytest.skip(f"example {example} not available")
    return compile_source(folder)


@pytest.fixture(scope="module", params=["datong-housing-2024", "putuo-finance-2024"])
def built(request):
    return _built(request.param)


def _write(disclosure, profile, fmt, tmp_path):
    from juesuan.pipeline import write_outputs
    from juesuan.writers import WRITERS

    if fmt not in WRITERS:
        pytest.skip(f"no {fmt} writer")
    try:
        importlib.import_module(f"juesuan.writers.{WRITERS[fmt].module}")
    except ModuleNotFoundError:
        pytest.skip(f"{fmt} writer not written yet")
    written, skipped = write_outputs(disclosure, profile, tmp_path, "roundtrip", [fmt])
    if fmt in skipped:
        pytest.skip(f"{fmt} writer unavailable here: {skipped[fmt]}")
    return written[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_written_document_reads_back_to_the_built_model(built, fmt, tmp_path):
    from juesuan.audit import reader_findings
    from juesuan.readers.published import read_published

    disclosure, profile = built
    path = _write(disclosure, profile, fmt, tmp_path)
    result = read_published(path)  # the profile is detected from the document itself
    read = result.disclosure
    assert result.profile.id == profile.id
    assert read.origin == "printed"
    # tables: every printed value cell, by (table, row key, column)
    checked = 0
    for t in render_all(profile, disclosure):
        table = read.table(t.id)
        assert table is not None and table.present, t.id
        for key in t.row_keys:
            if key:
                assert table.row(key) is not None, (t.id, key)
        for row in t.body:
            for cell in row:
                if cell.ref:
                    key, col = cell.ref
                    got = table.row(key)
                    assert got is not None, (t.id, key)
                    assert got.values.get(col) == cell.value, (t.id, key, col)
                    checked += 1
    assert checked > 100
    # performance forms, every field (source locations aside)
    assert len(read.performance) == len(disclosure.performance)
    for a, b in zip(read.performance, disclosure.performance):
        assert a.model_copy(update={"loc": None}) == b, b.name
    if fmt in PRINTS_NARRATIVE:
        assert [(s.key, s.paragraphs) for s in read.narrative] == [(s.key, s.paragraphs) for s in disclosure.narrative]
    # reading adds no finding of its own
    assert reader_findings(read, result.profile, result.problems) == []


def test_word_output_printed_to_pdf_reads_back(built, tmp_path):
    """Our DOCX printed to PDF by LibreOffice (another producer than ours) reads back exactly:
    the PDF reader rebuilds cells from the ruling lines whoever drew them."""
    import shutil
    import subprocess

    from juesuan.readers.published import read_published

    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    disclosure, profile = built
    docx = _write(disclosure, profile, "docx", tmp_path)
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", str(docx), "--outdir", str(tmp_path)], check=True, capture_output=True, timeout=300)
    result = read_published(docx.with_suffix(".pdf"))
    read = result.disclosure
    for t in render_all(profile, disclosure):
        for row in t.body:
            for cell in row:
                if cell.ref:
                    got = read.table(t.id).row(cell.ref[0])
                    assert got is not None and got.values.get(cell.ref[1]) == cell.value, (t.id, cell.ref)
    assert [(s.key, s.paragraphs) for s in read.narrative] == [(s.key, s.paragraphs) for s in disclosure.narrative]
    # A PDF printer draws a space as an advance, not a glyph: text read back may lose a space
    # beside a figure ("= 277345个" → "=277345个"). That, and nothing else, is tolerated.
    assert [_spaceless(f.model_copy(update={"loc": None})) for f in read.performance] == [_spaceless(f) for f in disclosure.performance]
    assert result.problems == []


def _spaceless(value):
    """A model (or any dumped value) with whitespace removed from its strings; numbers compare as numbers."""
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, dict):
        return {k: _spaceless(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_spaceless(v) for v in value]
    if isinstance(value, str):
        from decimal import Decimal, InvalidOperation

        try:
            return Decimal(value)  # the model dumps amounts as text: "0" and "0.000" are one number
        except InvalidOperation:
            return "".join(value.split())
    return value
