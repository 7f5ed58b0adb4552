"""Uploads are checked by what they contain, not by their name: size, type by signature, the
inflated size and entry count of an xlsx/docx (a zip bomb is refused before anything reads it),
the page count of a PDF. Each check that fails gives a Chinese sentence naming the file."""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass

from django.conf import settings

MAX_INFLATED = 300 * 1024 * 1024  # all entries of an xlsx/docx together, uncompressed
MAX_RATIO = 200  # uncompressed / compressed of any one entry
MAX_ENTRIES = 5000


class UploadRejected(Exception):
    pass


@dataclass
class Checked:
    kind: str  # Version.KINDS key
    suffix: str


def check_upload(uploaded, declared_kind: str) -> Checked:
    name = uploaded.name
    if uploaded.size > settings.MAX_UPLOAD_BYTES:
        raise UploadRejected(f"{name}：文件过大（{uploaded.size / 1048576:.1f} MB），上限为 {settings.MAX_UPLOAD_BYTES // 1048576} MB")
    if uploaded.size == 0:
        raise UploadRejected(f"{name}：文件为空")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"PK\x03\x04"):
        inner = _check_zip(uploaded, name)
        uploaded.seek(0)
        if inner == "xlsx":
            return Checked(declared_kind if declared_kind in ("workbook", "document") else "workbook", ".xlsx")
        return Checked("document", ".docx")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: the official software's .xls export
        return Checked("workbook", ".xls")
    if head.startswith(b"%PDF-"):
        _check_pdf(uploaded, name)
        uploaded.seek(0)
        return Checked("document", ".pdf")
    if head.lstrip()[:1] in (b"{", b"["):
        try:
            json.loads(uploaded.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise UploadRejected(f"{name}：不是有效的 JSON 文件")
        finally:
            uploaded.seek(0)
        return Checked("model", ".json")
    raise UploadRejected(f"{name}：无法识别的文件类型（应为 Excel 工作簿 .xlsx/.xls、Word 文档 .docx、PDF 或模型 JSON）")


def _check_zip(fileobj, name: str) -> str:
    try:
        with zipfile.ZipFile(fileobj) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise UploadRejected(f"{name}：压缩包内文件过多（{len(infos)} 个），疑似恶意文件")
            total = 0
            for info in infos:
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 10 * 1024 * 1024:
                    raise UploadRejected(f"{name}：{info.filename} 的压缩比异常（{info.file_size // info.compress_size} 倍），疑似压缩炸弹，已拒收")
            if total > MAX_INFLATED:
                raise UploadRejected(f"{name}：解压后共 {total // 1048576} MB，超过上限 {MAX_INFLATED // 1048576} MB，疑似压缩炸弹，已拒收")
            names = {i.filename for i in infos}
    except zipfile.BadZipFile:
        raise UploadRejected(f"{name}：文件损坏，不是有效的 Excel 或 Word 文件")
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return "docx"
    raise UploadRejected(f"{name}：压缩文件不是 Excel 工作簿或 Word 文档")


def _check_pdf(fileobj, name: str) -> None:
    import pypdfium2

    data = fileobj.read()
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise UploadRejected(f"{name}：PDF 文件损坏或已加密，无法打开")
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages > settings.MAX_PDF_PAGES:
        raise UploadRejected(f"{name}：PDF 共 {pages} 页，超过上限 {settings.MAX_PDF_PAGES} 页")
