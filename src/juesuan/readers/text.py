"""Text extracted from a published PDF (the seed's form): tab-separated table rows,
Markdown-ish headings (``#``, ``**bold**``), blank lines between blocks, page-number lines."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..model import SourceLoc
from .grid import DocGrid, GridCell
from .normalize import clean

_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d+\s*[-—–]$")
_MARKUP = re.compile(r"^#+\s*|\*\*")


def read_text(path: Path) -> DocGrid:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.single(str(path), "", f"无法读取文件：{exc.strerror or exc}") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError.single(str(path), "", "文本文件既不是 UTF-8 也不是 GB18030 编码")
    grid = DocGrid(source=str(path), kind="text")
    name = path.name
    blank = True
    for n, line in enumerate(text.splitlines(), start=1):
        loc = SourceLoc(file=name, line=n)
        if not line.strip():
            blank = True
            continue
        if "\t" in line:
            cells = [GridCell(clean(c, join_cjk=True), loc) for c in line.split("\t")]
            grid.add_row(cells, loc, para_start=blank)
        elif _PAGE_NUMBER.match(line.strip()):
            continue  # page footer: says nothing about content and must not split paragraphs
        else:
            heading = line.lstrip().startswith("#") or line.strip().startswith("**")
            grid.add_text(clean(_MARKUP.sub("", line), join_cjk=True), loc, para_start=blank, heading=heading)
        blank = False
    return grid
