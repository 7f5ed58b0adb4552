"""pdfium as the PDF reader binds it (``juesuan.readers.pdfium``): the same reading and the same
failures as through pypdfium2's own bindings, and the two side by side in one process."""
from __future__ import annotations

import pytest

from conftest import corpus_file
from pdf_samples import encrypted_pdf
from juesuan.readers import pdfium
from juesuan.readers.pdf import read_pdf

pypdfium2 = pytest.importorskip("pypdfium2")


def _grid(path):
    return [(ln.is_row, ln.block, [(c.text, c.span, c.loc) for c in ln.cells], ln.loc) for ln in read_pdf(path).lines]


def test_this_install_binds_the_library_file_itself():
    assert pdfium._library_file() is not None
    assert isinstance(pdfium.library(), pdfium._Library)


@pytest.mark.parametrize("name", ["putuo-finance-2024.pdf", "shanghai-template-2024.pdf", "budgets/putuo-wanli-budget-2025.pdf"])
def test_declared_functions_read_as_pypdfium2s_bindings(name, monkeypatch):
    path = corpus_file(name)
    monkeypatch.setattr(pdfium, "_library", None)
    ours = _grid(path)
    assert isinstance(pdfium._library, pdfium._Library)
    # the fallback: pypdfium2_raw's bindings as the library, as where no library file is found
    monkeypatch.setattr(pdfium, "_library", None)
    monkeypatch.setattr(pdfium, "_library_file", lambda: None)
    theirs = _grid(path)
    assert pdfium._library.__name__ == "pypdfium2.raw"
    assert ours == theirs and len(ours) > 100


def _pypdfium2_failure(path) -> str:
    with pytest.raises(pypdfium2.PdfiumError) as failed:
        pypdfium2.PdfDocument(str(path))
    return str(failed.value)


def test_failures_are_worded_as_pypdfium2_words_them(tmp_path):
    locked = encrypted_pdf(tmp_path / "加密 文件.pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 300)
    lib = pdfium.library()
    for path in (locked, broken):
        with pytest.raises(pdfium.PdfiumError) as failed:
            pdfium.open_document(lib, path)
        assert str(failed.value) == _pypdfium2_failure(path)
    assert "Incorrect password" in _pypdfium2_failure(locked)
    missing = tmp_path / "没有.pdf"
    for open_missing in (lambda: pdfium.open_document(lib, missing), lambda: pypdfium2.PdfDocument(str(missing))):
        with pytest.raises(FileNotFoundError):
            open_missing()


def test_page_boxes_and_rotation_as_pypdfium2_gives_them():
    path = corpus_file("putuo-finance-2024.pdf")
    lib = pdfium.library()
    doc, count = pdfium.open_document(lib, path)
    theirs = pypdfium2.PdfDocument(str(path))
    try:
        assert count == len(theirs)
        for index in (0, count - 1):
            page = pdfium.load_page(lib, doc, index)
            their = theirs[index]
            assert pdfium.cropbox(lib, page) == their.get_cropbox()
            assert pdfium.rotation(lib, page) == their.get_rotation()
            assert (lib.FPDF_GetPageWidthF(page), lib.FPDF_GetPageHeightF(page)) == (their.get_width(), their.get_height())
            lib.FPDF_ClosePage(page)
    finally:
        lib.FPDF_CloseDocument(doc)
        theirs.close()
