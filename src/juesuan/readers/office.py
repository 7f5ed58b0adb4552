"""Older and other office formats (.doc, .wps, .rtf, .odt): converted to .docx by LibreOffice
when it is installed, then read as Word.

Many departments' pages still link a .doc. Reading the binary Word format is a job for an office
suite, not for a hand-written parser; without LibreOffice the user is told how to save the file
as .docx in Word or WPS. Locations name the original file.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from .grid import DocGrid

CONVERTED = {".doc": "旧版 Word 文档", ".wps": "WPS 文字文档", ".rtf": "RTF 文档", ".odt": "OpenDocument 文档"}
TIMEOUT = 120  # s: a 60-page .doc converts in a few seconds


def soffice() -> str | None:
    """LibreOffice's command, on PATH or where Windows installs it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if base:
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.exists():
                return str(candidate)
    return None


def read_office(path: Path) -> DocGrid:
    from .docx import read_docx

    what = CONVERTED.get(path.suffix.lower(), "文档")
    command = soffice()
    if command is None:
        raise InputError.single(str(path), "", f"这是{what}（{path.suffix}）：请用 Word 或 WPS 打开并“另存为” .docx 后再核查；"
                                                "或安装 LibreOffice（juesuan 会用它自动转换）")
    with tempfile.TemporaryDirectory(prefix="juesuan-office-") as tmp:
        work = Path(tmp)
        source = work / f"document{path.suffix.lower()}"  # a plain name: LibreOffice and any path
        shutil.copyfile(path, source)
        try:
            subprocess.run([command, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to", "docx",
                            "--outdir", str(work), str(source)], capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError.single(str(path), "", f"LibreOffice 转换{what}超时（超过 {TIMEOUT} 秒）：文件可能已损坏，请用 Word 或 WPS 另存为 .docx") from None
        except OSError as exc:
            raise InputError.single(str(path), "", f"无法运行 LibreOffice 转换{what}（{exc.strerror or exc}）：请用 Word 或 WPS 另存为 .docx") from None
        converted = work / "document.docx"
        if not converted.exists() or converted.stat().st_size == 0:
            raise InputError.single(str(path), "", f"LibreOffice 未能转换此{what}：文件可能已损坏或不是{what}，请用 Word 或 WPS 打开后另存为 .docx")
        grid = read_docx(converted)
    grid.source = str(path)
    renamed: dict[int, object] = {}  # a location shared by a row and its cells stays shared

    def original(loc):
        if loc is None or loc.file != converted.name:
            return loc
        if id(loc) not in renamed:
            renamed[id(loc)] = loc.model_copy(update={"file": path.name})
        return renamed[id(loc)]

    for line in grid.lines:
        line.loc = original(line.loc)
        for cell in line.cells:
            cell.loc = original(cell.loc)
    return grid
