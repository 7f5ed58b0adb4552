"""Read a published disclosure (PDF, DOCX, XLSX, HTML or extracted text) into the model as printed."""
from __future__ import annotations

from pathlib import Path

from .. import profiles
from ..errors import InputError
from .document import ReadResult, read_grid
from .grid import DocGrid

SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xlsx", ".html": "html", ".htm": "html", ".txt": "text", ".md": "text",
            ".ods": "xlsx", ".doc": "office", ".wps": "office", ".rtf": "office", ".odt": "office"}


WHAT = {"pdf": "PDF", "docx": "Word 文档", "xlsx": "工作簿", "html": "网页", "text": "文本文件", "office": "Word 文档"}
READABLE = "PDF、Word（.docx；.doc、.wps、.rtf、.odt 经 LibreOffice 转换）、Excel（.xlsx、.xls、.ods）、HTML、TXT"


def read_grid_of(path: Path) -> DocGrid:
    """The document's grid, read by its format's reader behind the one boundary (``guard``):
    whatever the bytes, a grid or a located Chinese InputError."""
    from ..guard import reading

    kind = SUFFIXES.get(path.suffix.lower())
    try:
        exists = path.exists()
    except OSError:
        exists = False
    if not exists:
        raise InputError.single(str(path), "", "文件不存在")
    if path.is_dir():
        raise InputError.single(str(path), "", "这是一个文件夹：请给出其中的文档文件（PDF、DOCX、XLSX、HTML、TXT）")
    if kind is None:
        raise InputError.single(str(path), "", f"不支持的文件类型“{path.suffix[:20]}”；可读取：{READABLE}")
    with reading(path, WHAT[kind]):
        return _read_kind(path, kind)


def _read_kind(path: Path, kind: str) -> DocGrid:
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path)
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "office":
        from .office import read_office

        return read_office(path)
    if kind == "html":
        from .html import read_html

        return read_html(path)
    from .text import read_text

    return read_text(path)


def read_published(path: Path, profile: str | None = None) -> ReadResult:
    """The document as printed (``origin="printed"``): through the profile given, the built-in
    profile it matches, or else the generic path; ``disclosure.reading`` says which and why."""
    grid = read_grid_of(path)
    if profile:
        result = read_grid(grid, profiles.load(profile), reasons=[f"按命令行指定的模板 {profile} 读取"])
    else:
        from .detect import detect
        from .identity import read_identity

        ident = read_identity(grid.lines)
        found = detect(grid, ident)
        if found.profile is not None:
            result = read_grid(grid, found.profile, reasons=found.reasons)
        else:
            if found.titles == 0 and not any(e.table for e in ident.contents) and not _mentions_accounts(grid):
                raise InputError.single(
                    str(path), "", "无法识别文档所用的模板（未找到决算表或预算表标题）；请用 --profile 指定，或确认文件是部门决算或部门预算公开文档"
                )
            from .generic import read_generic

            result = read_generic(grid, ident, found.reasons, found.family)
    result.disclosure.source = str(path)
    if grid.pages and result.disclosure.reading is not None:
        from .pages import page_records

        result.disclosure.reading.pages = page_records(grid, result.disclosure)
    if result.disclosure.meta.family == "budget":
        from ..budget_priors import stated_priors

        result.disclosure.priors = stated_priors(result.disclosure)
    return result


def _mentions_accounts(grid: DocGrid) -> bool:
    return any("决算" in ln.text or "预算公开" in ln.text for ln in grid.lines[:200])
