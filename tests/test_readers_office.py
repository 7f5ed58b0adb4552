"""Older office formats (.doc, .wps, .rtf, .odt) read through LibreOffice, and a spreadsheet saved
as .ods read directly; without LibreOffice a .doc is a clear message, never a traceback."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from juesuan.errors import InputError
from juesuan.readers import office
from juesuan.readers.published import read_published


def _convert(source, fmt, out):
    soffice = office.soffice()
    if soffice is None:
        pytest.skip("LibreOffice not installed")
    subprocess.run([soffice, f"-env:UserInstallation={(out / 'lo-profile').as_uri()}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=600)
    return out / f"{source.stem}.{fmt}"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    from juesuan.pipeline import write_outputs
    from rule_testing import built

    disclosure, profile = built("datong-housing-2024")
    out = tmp_path_factory.mktemp("office 文档")
    files, skipped = write_outputs(disclosure, profile, out, "大同住建", ["docx", "xlsx"])
    assert not skipped
    return {p.suffix: p for p in files}, disclosure


def _same_tables(read, disclosure):
    for tid, table in disclosure.tables.items():
        if not table.present:
            continue
        got = read.table(tid)
        assert got is not None and got.present, tid
        for row in table.rows:
            wanted = {k: v for k, v in row.values.items() if v is not None}
            if not wanted:
                continue  # a row the table does not print
            assert got.row(row.key) is not None, (tid, row.key)
            assert {k: v for k, v in got.row(row.key).values.items() if v is not None} == wanted, (tid, row.key)


def test_a_doc_reads_like_the_docx_it_was_saved_from(written, tmp_path):
    files, disclosure = written
    doc = _convert(files[".docx"], "doc", tmp_path)
    result = read_published(doc)
    assert result.profile.id == "shanxi"
    _same_tables(result.disclosure, disclosure)
    assert [s.key for s in result.disclosure.narrative] == [s.key for s in disclosure.narrative]
    # locations name the file the user gave, not LibreOffice's temporary copy
    t = result.disclosure.table("income")
    assert all(loc.file == doc.name for r in t.rows for loc in r.cell_locs.values() if loc is not None)


def test_an_ods_reads_like_the_xlsx(written, tmp_path):
    files, disclosure = written
    ods = _convert(files[".xlsx"], "ods", tmp_path)
    _same_tables(read_published(ods).disclosure, disclosure)


def test_without_libreoffice_a_doc_is_a_clear_message(written, tmp_path, monkeypatch):
    doc = tmp_path / "某局2024年度部门决算.doc"
    shutil.copyfile(written[0][".docx"], doc)  # the bytes do not matter: nothing converts them
    monkeypatch.setattr(office, "soffice", lambda: None)
    with pytest.raises(InputError) as caught:
        read_published(doc)
    text = str(caught.value)
    assert "某局2024年度部门决算.doc" in text and "另存为” .docx" in text and "LibreOffice" in text
