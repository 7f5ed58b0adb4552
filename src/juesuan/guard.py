"""The one boundary between a file from outside and the libraries that read it.

Whatever the bytes, a read ends in the model or in an ``InputError`` that names the file, says
in Chinese what looks wrong and what to do, and never quotes a library's English. Before any
library parses a file the cheap facts are checked against ``LIMITS`` (its size; for a zip
package the members' count and unpacked size, each sheet's rows and columns; for a PDF its page
count), so a zip bomb, a million-row sheet or a 2,000-page PDF is refused in milliseconds
instead of exhausting memory. While the library reads, a watchdog bounds the time and, in the
command line, an address-space cap bounds the memory: what gets past the checks still ends in a
message, not a hung or killed process.
"""
from __future__ import annotations

import os
import re
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Far above any real disclosure (a 25-page PDF is ~1 MB, a sheet ~60 rows × 20 columns)."""

    pdf_bytes: int = 200 * MB
    package_bytes: int = 100 * MB  # xlsx, docx as stored
    text_bytes: int = 20 * MB  # txt, html, json, yaml
    pdf_pages: int = 1000
    zip_members: int = 5000
    zip_unpacked: int = 300 * MB  # all members together
    zip_member: int = 100 * MB  # one member
    docx_xml: int = 40 * MB  # word/document.xml: python-docx holds it as an lxml tree (~10× its size)
    zip_ratio: int = 200  # unpacked/packed of a member above 1 MB: beyond this, a bomb
    sheet_rows: int = 100_000
    sheet_columns: int = 1_000
    sheet_area: int = 2_000_000  # rows × columns: readers hold a sheet as a dense rectangle
    read_seconds: float = float(os.environ.get("JUESUAN_READ_TIMEOUT", "60") or 60)
    read_memory: int = int(os.environ.get("JUESUAN_READ_MEMORY_MB", "1536") or 1536) * MB


LIMITS = Limits()

# Set by the command line: the process is ours, so a signal-based timer and an address-space
# cap may be used. A library caller (the web platform, a test) gets the checks and the
# thread watchdog only.
_process_limits = False
_watching = False  # a watchdog is running (main thread): reads inside it share its deadline


def use_process_limits(on: bool = True) -> None:
    global _process_limits
    _process_limits = on


def _size_text(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def check_size(path: Path, limit: int, what: str) -> int:
    """The file exists, is a file, and is not larger than ``limit``; returns its size."""
    try:
        if path.is_dir():
            raise InputError.single(str(path), "", f"应是{what}文件，却是一个文件夹")
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError.single(str(path), "", "文件不存在") from None
    except OSError as exc:
        raise InputError.single(str(path), "", f"无法读取文件（{os_reason(exc)}）") from None
    if size > limit:
        raise InputError.single(str(path), "", f"文件过大（{_size_text(size)}，上限 {_size_text(limit)}）：决算文档不会这么大，请确认选对了文件")
    if size == 0:
        raise InputError.single(str(path), "", f"文件是空的（0 字节）：请确认{what}已完整保存或下载")
    return size


def os_reason(exc: OSError) -> str:
    import errno

    return {
        errno.EACCES: "没有读取权限",
        errno.EPERM: "没有权限",
        errno.ENOENT: "文件不存在",
        errno.EISDIR: "这是一个文件夹",
        errno.ENAMETOOLONG: "文件名过长",
        errno.EROFS: "所在位置只读",
        errno.ENOSPC: "磁盘空间不足",
        errno.EEXIST: "已存在同名文件",
        errno.ENOTDIR: "路径中有一段不是文件夹",
    }.get(exc.errno or 0, "系统错误")


# ---- zip packages (xlsx, docx) ---------------------------------------------------------------


def check_package(path: Path, what: str, *, xml_limits: dict[str, int] | None = None) -> zipfile.ZipFile:
    """An Office package that is a readable zip of sane size; returns it open (the caller closes).

    ``xml_limits`` caps named members more tightly (e.g. ``word/document.xml``)."""
    check_size(path, LIMITS.package_bytes, what)
    try:
        z = zipfile.ZipFile(path)
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError):
        raise InputError.single(str(path), "", f"不是有效的{what}（文件已损坏，或只是改了扩展名）：请用原软件打开后另存一份再试") from None
    fixed = xml_limits or {}
    if len(infos) > LIMITS.zip_members:
        z.close()
        raise InputError.single(str(path), "", f"{what}内部的部件过多（{len(infos)} 个，上限 {LIMITS.zip_members}）：文件异常，请另存后再试")
    total = 0
    for info in infos:
        total += info.file_size
        limit = fixed.get(info.filename, LIMITS.zip_member)
        bomb = info.file_size > MB and info.file_size > LIMITS.zip_ratio * max(info.compress_size, 1)
        if info.file_size > limit or bomb or total > LIMITS.zip_unpacked:
            z.close()
            raise InputError.single(
                str(path), "", f"{what}解压后过大（部件 {info.filename[:60]} 为 {_size_text(info.file_size)}）：可能是损坏或恶意构造的文件，未读取"
            )
    # Office never writes a DTD; one in a part is an entity-expansion attack (billion laughs)
    # or an external-entity probe, whatever each library's parser would make of it.
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")) and info.file_size:
            try:
                with z.open(info) as fh:
                    head = fh.read(2048)
            except Exception:  # noqa: BLE001 - a damaged member: the reader says so
                continue
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                z.close()
                raise InputError.single(str(path), "", f"{what}的部件 {info.filename[:60]} 含有 XML 实体声明（正常的 Office 文件不会有）：可能是恶意构造的文件，未读取")
    return z


# Any count of digits: a reference like H99999999999999999 is what makes a reader allocate.
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Za-z]{1,8})(\d+)\"")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
# A merged range: readers (openpyxl) make a cell object for every cell it covers.
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,8})(\d+):([A-Za-z]{1,8})(\d+)\"")


def _row_number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 12 else 10**12  # int() refuses beyond 4,300 digits


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def check_sheets(path: Path, z: zipfile.ZipFile, what: str = "工作簿") -> None:
    """Each worksheet's rows and columns within ``LIMITS``, found by scanning its XML in chunks
    before any reader builds it (a cell at row 999,999,999 makes readers allocate or iterate
    every row above it)."""
    names = {}
    try:
        import xml.etree.ElementTree as ET

        book = ET.fromstring(z.read("xl/workbook.xml")) if "xl/workbook.xml" in z.namelist() else None
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels")) if "xl/_rels/workbook.xml.rels" in z.namelist() else None
        if book is not None and rels is not None:
            targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter() if r.get("Id")}
            for sheet in book.iter():
                if sheet.tag.endswith("}sheet"):
                    rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
                    target = targets.get(rid, "")
                    names[target.lstrip("/") if target.startswith("/") else "xl/" + target] = sheet.get("name") or ""
    except Exception:  # noqa: BLE001 - names only make the message nicer; the reader reports damage
        names = {}
    for info in z.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        sheet = names.get(info.filename) or info.filename.rsplit("/", 1)[-1]
        max_row = max_col = rows = 0
        merged = 0  # cells covered by merged ranges
        widest = b""  # the largest merged range, for the message
        tail = b""
        try:
            with z.open(info) as fh:
                while True:
                    chunk = fh.read(MB)
                    if not chunk:
                        break
                    data = tail + chunk
                    for m in _ROW.finditer(data):
                        max_row = max(max_row, _row_number(m.group(1)))
                    for m in _CELL.finditer(data):
                        max_row = max(max_row, _row_number(m.group(2)))
                        max_col = max(max_col, _column_number(m.group(1)))
                    rows += len(_ROW_TAG.findall(chunk))
                    for m in _MERGE.finditer(chunk):
                        top, bottom = sorted((_row_number(m.group(2)), _row_number(m.group(4))))
                        left, right = sorted((_column_number(m.group(1)), _column_number(m.group(3))))
                        area = (bottom - top + 1) * (right - left + 1)
                        if area > LIMITS.sheet_area or bottom > LIMITS.sheet_rows or right > LIMITS.sheet_columns:
                            widest = m.group(0)[m.group(0).index(b'ref="') + 5:-1]
                        merged += area
                    tail = data[-256:]  # a tag cut by the chunk boundary is matched next time
                    if max(max_row, rows) > LIMITS.sheet_rows or max_col > LIMITS.sheet_columns or max(max_row, rows) * max(max_col, 1) > LIMITS.sheet_area:
                        break
                    if widest or merged > LIMITS.sheet_area:
                        break
        except Exception:  # noqa: BLE001 - a damaged member: the reader says so
            continue
        if widest or merged > LIMITS.sheet_area:
            what = f"合并单元格 {widest.decode('ascii', 'replace')[:40]} 范围过大" if widest else f"合并单元格共覆盖 {merged:,} 格，过多"
            raise InputError.single(str(path), f"工作表“{sheet}”", f"{what}（上限 {LIMITS.sheet_rows:,} 行、{LIMITS.sheet_columns:,} 列）：请取消该合并后另存")
        height = max(max_row, rows)
        if height > LIMITS.sheet_rows or max_col > LIMITS.sheet_columns or height * max(max_col, 1) > LIMITS.sheet_area:
            raise InputError.single(
                str(path), f"工作表“{sheet}”",
                f"工作表过大（至少 {height:,} 行、{max_col:,} 列；上限 {LIMITS.sheet_rows:,} 行、{LIMITS.sheet_columns:,} 列）：请删除表格下方和右侧多余的行列后另存",
            )


# ---- while a library reads -------------------------------------------------------------------


class ReadTimeout(Exception):
    """Raised in the reading thread when the watchdog's time is up."""


_PDFIUM = (
    ("password", "PDF 已加密（设有打开密码）：请提供未加密的文件，或用原软件取消密码后另存"),
    ("security", "PDF 的加密方式不受支持：请提供未加密的文件"),
    ("format", "PDF 文件已损坏或不是 PDF 格式：请重新下载，或用 PDF 阅读器打开后另存一份"),
    ("file", "无法打开该 PDF 文件：请确认文件完整且可读"),
    ("page", "PDF 的页面内容已损坏：请用 PDF 阅读器打开后另存一份"),
)


def describe(exc: BaseException, what: str) -> str:
    """What looks wrong, in Chinese, from a library's exception (never its English text)."""
    import zlib

    name = type(exc).__name__
    text = str(exc).lower()
    if name == "PdfiumError" or "pdfium" in text:
        for needle, said in _PDFIUM:
            if needle in text:
                return said
        return "PDF 文件已损坏：请重新下载，或用 PDF 阅读器打开后另存一份"
    if isinstance(exc, MemoryError):
        return f"{what}过大或结构异常，读取时内存不足：请确认文件完整，或分拆后再试"
    if isinstance(exc, ReadTimeout):
        return f"读取{what}超时（超过 {LIMITS.read_seconds:.0f} 秒）：文件可能已损坏或结构异常，请另存一份再试"
    if isinstance(exc, RecursionError):
        return f"{what}的结构嵌套过深：文件可能已损坏或是恶意构造的"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return f"{what}的压缩数据已损坏：请用原软件打开后另存一份再试"
    if isinstance(exc, UnicodeError):
        return f"{what}中有无法识别的文字编码：请另存为 UTF-8 后再试"
    if isinstance(exc, PermissionError):
        return "没有读取该文件的权限"
    if isinstance(exc, OSError):
        return f"无法读取文件（{os_reason(exc)}）"
    if "xml" in name.lower() or "xml" in text or "parse" in name.lower():
        return f"{what}内部的 XML 内容已损坏：请用原软件打开后另存一份再试"
    return f"{what}已损坏或格式不正确，无法读取：请用原软件打开后另存一份再试"


@contextmanager
def reading(path: Path | str, what: str, where: str = ""):
    """Run a library over ``path``: any failure becomes a located Chinese ``InputError``, the
    time is bounded by a watchdog and, in the command line, the memory by a cap."""
    with _watchdog(str(path)), _memory_cap():
        try:
            yield
        except InputError:
            raise
        except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - the boundary
            raise InputError.single(str(path), where, describe(exc, what)) from exc


@contextmanager
def _watchdog(path: str):
    """A soft limit (SIGALRM → ReadTimeout, main thread of the CLI) and a hard one: a library
    stuck in native code never returns to Python, so after a grace period the process ends
    with the message and exit code 2."""
    global _watching
    seconds = LIMITS.read_seconds
    main = threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not main or _watching:  # a read inside a read keeps the outer deadline
        yield
        return
    import signal
    import sys

    soft = _process_limits and hasattr(signal, "setitimer")
    previous = None
    if soft:
        def on_alarm(signum, frame):
            raise ReadTimeout()

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def hard_stop():
        sys.stderr.write(f"输入有误，未写出任何文件：\n  • {path}：读取超时（超过 {seconds:.0f} 秒），文件可能已损坏或结构异常\n")
        sys.stderr.flush()
        os._exit(2)

    timer = None
    if _process_limits:
        timer = threading.Timer(seconds + 10, hard_stop)
        timer.daemon = True
        timer.start()
    _watching = True
    try:
        yield
    finally:
        _watching = False
        if timer is not None:
            timer.cancel()
        if soft:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_cap():
    """Lower the address-space limit to what the process uses now plus ``read_memory`` while a
    library reads (Linux, command line only): past it allocation fails (MemoryError) instead of
    the machine swapping or the process being killed."""
    if not _process_limits or LIMITS.read_memory <= 0:
        yield
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        cap = used + LIMITS.read_memory
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if soft != resource.RLIM_INFINITY and soft < cap:
            cap = soft
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        except (OSError, ValueError):
            pass


# ---- text ------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)


def decode_text(raw: bytes, path: Path, what: str, *, html: bool = False) -> str:
    """Text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which includes GBK and
    GB2312, as Chinese Windows saves text); a page's declared charset first."""
    encodings = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings.append("utf-16")
    if html:
        m = _META_CHARSET.search(raw[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            encodings.append("gb18030" if declared in ("gbk", "gb2312", "gb18030", "x-gbk") else declared)
    encodings += ["utf-8-sig", "gb18030"]
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if text.count("\x00") * 20 > len(text):
            continue  # a binary file that happens to decode
        return text.replace("\x00", "")
    raise InputError.single(str(path), "", f"{what}的文字编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）：请另存为 UTF-8 后再试")


def read_text_file(path: Path, what: str, *, html: bool = False) -> str:
    check_size(path, LIMITS.text_bytes, what)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.single(str(path), "", f"无法读取文件（{os_reason(exc)}）") from None
    return decode_text(raw, path, what, html=html)
