"""The DOCX title block (title, 表号, 部门名称/单位 line) set as each table's repeated first row:
our writer marks it with a hidden bookmark and our reader takes a row so marked as text above the
table, whatever its shape; a document by others, without the mark, is read by the row's shape."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import EXAMPLES
from juesuan.layout import DOCX_TITLE_BOOKMARK
from juesuan.readers.docx import _is_title_row
from juesuan.readers.published import read_published


@pytest.fixture(scope="module")
def built_docx(tmp_path_factory) -> tuple[Path, object]:
    from juesuan.pipeline import compile_source, write_outputs

    disclosure, profile = compile_source(EXAMPLES / "putuo-finance-2024")
    out = tmp_path_factory.mktemp("docx")
    written, _ = write_outputs(disclosure, profile, out, "putuo", ["docx"])
    return written[0], disclosure


def _rewrite(src: Path, dst: Path, change) -> Path:
    """A copy of the DOCX with ``change`` applied to its document.xml text."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return dst


def _marked(row) -> bool:
    return any((b.get(qn("w:name")) or "").startswith(DOCX_TITLE_BOOKMARK) for b in row._tr.iter(qn("w:bookmarkStart")))


def _cells(disclosure) -> dict:
    return {(tid, r.key): r.values for tid, t in disclosure.tables.items() if t.present for r in t.rows}


def test_writer_marks_every_title_row_and_nothing_else(built_docx):
    path, _ = built_docx
    doc = Document(str(path))
    titled = [t for t in doc.tables if _marked(t.rows[0])]
    assert len(titled) == 9  # Shanghai's nine tables; the 单位构成 table in 概况 has no title block
    for table in doc.tables:
        assert _is_title_row(table.rows[0]) == _marked(table.rows[0])
        assert not any(_marked(row) for row in table.rows[1:])
    names = [b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))]
    assert len(names) == len(set(names)) == len(titled)  # one, unique, per titled table


def test_reader_prefers_the_mark_over_the_shape(built_docx, tmp_path):
    """Our title row stripped of what the shape test needs (no tblHeader, as a title too tall to
    repeat is written) still reads as the title: the tables read back the same."""
    path, _ = built_docx
    plain = _rewrite(path, tmp_path / "no-header.docx", lambda xml: xml.replace("<w:cantSplit/><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW",
                                                                                  "</w:trPr><w:tc><w:tcPr><w:tcW"))
    doc = Document(str(plain))
    first = doc.tables[1].rows[0]  # 收入支出决算总表 (tables[0] is 概况's 单位构成)
    assert _marked(first) and first._tr.trPr.find(qn("w:tblHeader")) is None
    assert _is_title_row(first)
    assert _cells(read_published(plain).disclosure) == _cells(read_published(path).disclosure)
    # Without the mark, the shape alone would not take that row for a title (it does not repeat).
    import re

    bare = _rewrite(plain, tmp_path / "bare.docx", lambda xml: re.sub(r"<w:bookmark(?:Start|End) [^>]*/>", "", xml))
    assert not _is_title_row(Document(str(bare)).tables[1].rows[0])


def test_a_document_without_the_mark_is_read_by_shape(built_docx, tmp_path):
    """A DOCX by others (another producer, no bookmark) falls back to the shape: the first repeating
    full-width row with two or more paragraphs."""
    import re

    path, built = built_docx
    others = _rewrite(path, tmp_path / "others.docx", lambda xml: re.sub(r"<w:bookmark(?:Start|End) [^>]*/>", "", xml))
    doc = Document(str(others))
    assert not any(_marked(t.rows[0]) for t in doc.tables)
    assert all(_is_title_row(t.rows[0]) for t in doc.tables[1:])  # the nine tables; [0] is 单位构成
    read = read_published(others).disclosure
    assert _cells(read) == _cells(read_published(path).disclosure)
    assert read.table("general_budget").value("total", "total") == built.table("general_budget").value("total", "total")
