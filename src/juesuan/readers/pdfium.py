"""The pdfium functions the PDF reader calls, bound from the library pypdfium2 ships.

pypdfium2 ships pdfium (its package ``pypdfium2_raw``) with ctypes bindings of the whole API —
~1,000 functions declared at import — and helper classes above them: importing the two is
~25 ms of a cold one-document audit, while declaring the ~25 functions :mod:`juesuan.readers.pdf`
calls is ~1 ms. So :func:`library` loads ``pypdfium2_raw``'s own library file and declares those
functions with pdfium's C prototypes (its stable public API, as pypdfium2's bindings declare
them). Where that file is not (another packaging of pypdfium2, a system pdfium), the bindings of
``pypdfium2_raw`` are the library: the same names, the same prototypes. Either way pdfium is
initialised once a process, as pypdfium2 initialises it; pdfium ignores a second initialisation,
so the two live side by side in one process (the web views render pages with pypdfium2).

Documents open as pypdfium2 opens a path, and fail as it fails (:class:`PdfiumError`, with
pypdfium2's wording), so ``guard.describe`` says the same Chinese sentence for either.
"""
from __future__ import annotations

import ctypes
import sys
from ctypes import POINTER, c_char_p, c_float, c_int, c_uint, c_ulong, c_ushort, c_void_p

FPDF_PAGEOBJ_PATH = 2
FPDF_PAGEOBJ_FORM = 5

# pypdfium2's words for FPDF_GetLastError's codes (guard.describe reads them)
_ERRORS = {0: "Success", 1: "Unknown error", 2: "File access error", 3: "Data format error", 4: "Incorrect password error",
           5: "Unsupported security scheme error", 6: "Page not found or content error"}


class PdfiumError(RuntimeError):
    """pdfium refused a document or a page (pypdfium2's exception of the same name)."""


class FS_RECTF(ctypes.Structure):  # noqa: N801 - pdfium's name
    _fields_ = (("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float))


class _Config(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG; version 2 reads the first four fields, the rest are zero."""

    _fields_ = (("version", c_int), ("m_pUserFontPaths", c_void_p), ("m_pIsolate", c_void_p), ("m_v8EmbedderSlot", c_uint),
                ("m_pPlatform", c_void_p), ("m_RendererType", c_int), ("m_FontLibraryType", c_int), ("m_BrotliEnabled", c_int),
                ("m_IsolatePerDocument", c_int))


class _Handle(c_void_p):
    """A pdfium handle as a function returns it: kept a ctypes pointer (a subclass is not turned
    into an int), so it is passed back without conversion."""


# name: (restype, argtypes). The functions called per character or per path object (~30k calls
# a document) are declared without argtypes: ctypes then converts nothing (~0.3 of ~0.8 µs a
# call), and the reader passes what the C prototype takes — handles as returned, indices as
# int, boxes by reference. The rest keep their prototypes.
_FLOAT_P = POINTER(c_float)
_PROTOTYPES = {
    "FPDF_InitLibraryWithConfig": (None, (POINTER(_Config),)),
    "FPDF_LoadDocument": (_Handle, (c_char_p, c_char_p)),
    "FPDF_GetLastError": (c_ulong, ()),
    "FPDF_GetPageCount": (c_int, (_Handle,)),
    "FPDF_CloseDocument": (None, (_Handle,)),
    "FPDF_LoadPage": (_Handle, (_Handle, c_int)),
    "FPDF_ClosePage": (None, (_Handle,)),
    "FPDFPage_GetRotation": (c_int, (_Handle,)),
    "FPDF_GetPageWidthF": (c_float, (_Handle,)),
    "FPDF_GetPageHeightF": (c_float, (_Handle,)),
    "FPDFPage_GetCropBox": (c_int, (_Handle, _FLOAT_P, _FLOAT_P, _FLOAT_P, _FLOAT_P)),
    "FPDFPage_GetMediaBox": (c_int, (_Handle, _FLOAT_P, _FLOAT_P, _FLOAT_P, _FLOAT_P)),
    "FPDFText_LoadPage": (_Handle, (_Handle,)),
    "FPDFText_ClosePage": (None, (_Handle,)),
    "FPDFText_CountChars": (c_int, (_Handle,)),
    "FPDFText_GetText": (c_int, (_Handle, c_int, c_int, POINTER(c_ushort))),
    "FPDFFormObj_CountObjects": (c_int, (_Handle,)),
    "FPDFFormObj_GetObject": (_Handle, (_Handle, c_ulong)),
    # per character: (text page, index[, FS_RECTF*])
    "FPDFText_GetUnicode": (c_uint, None),
    "FPDFText_IsGenerated": (c_int, None),
    "FPDFText_GetLooseCharBox": (c_int, None),
    # per path object: (page, index), (object), (object, float* ×4)
    "FPDFPage_CountObjects": (c_int, None),
    "FPDFPage_GetObject": (_Handle, None),
    "FPDFPageObj_GetType": (c_int, None),
    "FPDFPageObj_GetBounds": (c_int, None),
}


class _Library:
    """pdfium's functions as attributes (as on ``pypdfium2_raw``), plus FS_RECTF and the constants."""

    FS_RECTF = FS_RECTF
    FPDF_PAGEOBJ_PATH = FPDF_PAGEOBJ_PATH
    FPDF_PAGEOBJ_FORM = FPDF_PAGEOBJ_FORM

    def __init__(self, dll):
        for name, (restype, argtypes) in _PROTOTYPES.items():
            function = dll[name]
            function.restype = restype
            if argtypes is not None:
                function.argtypes = argtypes
            setattr(self, name, function)


_library = None


def library():
    """pdfium, initialised: this module's declarations over pypdfium2's library file, or else
    ``pypdfium2_raw`` itself (importing pypdfium2 initialises it)."""
    global _library
    if _library is None:
        path = _library_file()
        if path is not None:
            lib = _Library(ctypes.CDLL(path))
            lib.FPDF_InitLibraryWithConfig(ctypes.byref(_Config(version=2)))
        else:
            import pypdfium2  # noqa: F401 - initialises pdfium
            import pypdfium2.raw as lib
        _library = lib
    return _library


def _library_file() -> str | None:
    """Where pypdfium2_raw keeps pdfium (as its bindings look for it), found without importing it."""
    import os
    from importlib.util import find_spec

    try:
        spec = find_spec("pypdfium2_raw")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def open_document(lib, path) -> tuple:
    """(document handle, page count) of the PDF at ``path``, as pypdfium2 opens a path: resolved,
    a missing file FileNotFoundError, its UTF-8 name to pdfium, no password; a document without
    pages is pdfium's failure to load it."""
    from pathlib import Path

    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise FileNotFoundError(path)
    errors = "strict" if sys.platform.startswith("win32") else "surrogateescape"  # as pypdfium2 encodes a path
    doc = lib.FPDF_LoadDocument((str(path) + "\x00").encode("utf-8", errors=errors), None)
    count = lib.FPDF_GetPageCount(doc) if doc else 0
    if count < 1:
        code = lib.FPDF_GetLastError()
        if doc:
            lib.FPDF_CloseDocument(doc)
        raise PdfiumError(f"Failed to load document (PDFium: {_ERRORS.get(code, f'Error {code}')}).")
    return doc, count


def load_page(lib, doc, index: int):
    page = lib.FPDF_LoadPage(doc, index)
    if not page:
        raise PdfiumError("Failed to load page.")
    return page


def rotation(lib, page) -> int:
    """The page's clockwise rotation in degrees (0, 90, 180, 270)."""
    raw = lib.FPDFPage_GetRotation(page)
    if raw not in (0, 1, 2, 3):
        raise PdfiumError("Failed to get page rotation.")
    return raw * 90


def cropbox(lib, page) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the crop box; else the media box; else US Letter (pypdfium2's fallbacks)."""
    box = c_float(), c_float(), c_float(), c_float()
    if lib.FPDFPage_GetCropBox(page, *box) or lib.FPDFPage_GetMediaBox(page, *box):
        return tuple(v.value for v in box)
    return (0, 0, 612, 792)


def text_page(lib, page):
    handle = lib.FPDFText_LoadPage(page)
    if not handle:
        raise PdfiumError("Failed to load text page.")
    return handle
