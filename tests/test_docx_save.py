"""The DOCX writer splices each table's XML in as text when it saves: the same document as
parsing the tables into python-docx's tree, and still well-formed for any cell text."""
from __future__ import annotations

import zipfile

import docx

from juesuan.writers import docx_writer


def test_spliced_tables_make_the_same_document_as_parsed_ones(datong, tmp_path):
    disclosure, profile = datong
    written, parsed = tmp_path / "written.docx", tmp_path / "parsed.docx"
    docx_writer.write(disclosure, profile, written)
    docx_writer.build_docx(disclosure, profile).save(str(parsed))
    with zipfile.ZipFile(written) as a, zipfile.ZipFile(parsed) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
        assert b"juesuan-table" not in a.read("word/document.xml")  # every marker replaced


def test_cell_text_with_xml_characters_reads_back(datong, tmp_path):
    disclosure, profile = datong
    table = disclosure.tables["general_budget"]
    row = next(r for r in table.rows if r.key.isdigit() and len(r.key) == 7)
    row.name = 'R&D <一期> "甲" \'乙\''
    path = tmp_path / "x.docx"
    docx_writer.write(disclosure, profile, path)
    cells = [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]
    assert any(text.endswith(row.name) for text in cells)
