"""Where CJK fonts live, and which ones a printed document uses.

Government documents are set in a serif (宋体 or 仿宋) with 黑体 headings. The PDF writer embeds
TrueType files (reportlab cannot embed CFF outlines such as Noto CJK); the DOCX writer names the
families and lets Word/WPS/LibreOffice find them. ``choose`` picks, once per process, the body and
heading faces from what is installed, in the order of ``FAMILIES``; ``--font`` (or the environment
variable ``JUESUAN_PDF_FONT``) names a family or a font file for the body.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Family → TrueType files that provide it, in order of preference (Windows, Debian/Ubuntu,
# Fedora/Arch, macOS). The family name is what the DOCX asks for: the name Word and WPS know.
FAMILIES: dict[str, list[str]] = {
    "宋体": [
        "C:/Windows/Fonts/simsun.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",  # Debian fonts-arphic-uming (AR PL UMing)
        "/usr/share/fonts/arphic-uming/uming.ttc",
        "/usr/share/fonts/TTF/uming.ttc",
        "/System/Library/Fonts/Supplemental/Songti.ttc",
    ],
    "仿宋": ["C:/Windows/Fonts/simfang.ttf", "C:/Windows/Fonts/STFANGSO.TTF"],
    "楷体": [
        "C:/Windows/Fonts/simkai.ttf",
        "/usr/share/fonts/truetype/arphic/ukai.ttc",  # Debian fonts-arphic-ukai
        "/usr/share/fonts/arphic-ukai/ukai.ttc",
    ],
    "黑体": [
        "C:/Windows/Fonts/simhei.ttf",
        "C:/Windows/Fonts/msyh.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian fonts-wqy-microhei
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
    ],
}
SERIF_FAMILIES = ["宋体", "仿宋"]  # the body, where one is installed
HEADING_FAMILY = "黑体"

# Every TrueType CJK file we know, for the chart writer (Pillow) and as a last resort.
TRUETYPE_CJK_FILES = [p for paths in FAMILIES.values() for p in paths]
# CFF outlines: Pillow (FreeType) draws them, reportlab cannot embed them.
CFF_CJK_FILES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
]
FONT_ENV = "JUESUAN_PDF_FONT"


@dataclass(frozen=True)
class Face:
    family: str  # the family a DOCX names (宋体, 黑体, or the file's own family name)
    path: str | None  # the TrueType file the PDF embeds; None when none is installed
    index: int = 0  # the face inside a .ttc
    name: str = ""  # the font's own name (AR PL UMing CN …), for the build summary

    def describe(self) -> str:
        if not self.path:
            return f"{self.family}（未安装，PDF 不可用）"
        own = f"{self.name}，" if self.name and self.name != self.family else ""
        return f"{self.family}（{own}{self.path}）"


@dataclass(frozen=True)
class FontChoice:
    body: Face
    heading: Face

    def describe(self) -> str:
        return f"正文 {self.body.describe()}；标题 {self.heading.describe()}"


_preferred: str | None = None


def prefer(spec: str | None) -> None:
    """The ``--font`` option: a family name (宋体, 仿宋, 楷体, 黑体) or a .ttf/.ttc file for the body."""
    global _preferred
    _preferred = spec or None
    choose.cache_clear()


def fontconfig_cjk_files() -> list[str]:
    """Font files fontconfig knows for Chinese (empty where fc-list is absent, e.g. Windows)."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]


def _face_names(path: str) -> list[str]:
    """The family names of the TrueType-outline faces in a font file or collection, in index
    order; empty for CFF outlines (reportlab cannot embed them) or an unreadable file. Reads
    only the headers and name tables (parsing the whole of a 20 MB collection takes ~0.2 s a face)."""
    import struct

    try:
        with open(path, "rb") as fh:
            def read(offset: int, size: int) -> bytes:
                fh.seek(offset)
                data = fh.read(size)
                if len(data) != size:
                    raise ValueError("truncated")
                return data

            head = read(0, 12)
            offsets = [0]
            if head[:4] == b"ttcf":
                count = min(struct.unpack(">I", head[8:12])[0], 64)
                offsets = list(struct.unpack(f">{count}I", read(12, 4 * count)))
            names = []
            for base in offsets:
                version, ntables = struct.unpack(">4sH", read(base, 6))
                if version not in (b"\x00\x01\x00\x00", b"true"):  # b"OTTO": CFF outlines
                    return []
                tables = {}
                for k in range(ntables):
                    tag, _, off, length = struct.unpack(">4sIII", read(base + 12 + 16 * k, 16))
                    tables[tag] = (off, length)
                off, length = tables[b"name"]
                table = read(off, length)
                count, strings = struct.unpack(">2xHH", table[:6])
                found = {}
                for k in range(count):
                    platform, encoding, language, name_id, size, at = struct.unpack(">6H", table[6 + 12 * k:18 + 12 * k])
                    if name_id == 1 and platform in (1, 3):
                        raw = table[strings + at:strings + at + size]
                        found[(platform, language == 0x409)] = raw.decode("utf-16-be" if platform == 3 else "latin-1", "replace")
                names.append(found.get((3, True)) or found.get((1, False)) or next(iter(found.values()), ""))
            return names
    except (OSError, ValueError, KeyError, struct.error):
        return []


def _face(family: str, path: str) -> Face | None:
    """The face to use from ``path`` (the simplified-Chinese one of a collection), or None when
    reportlab cannot read it (CFF outlines, a broken file)."""
    if not Path(path).exists():
        return None
    names = _face_names(path)
    if not names:
        return None
    index = next((i for i, n in enumerate(names) if n.endswith((" CN", " SC", "GB"))), 0)
    return Face(family, path, index, names[index])


def _first(family: str) -> Face | None:
    return next((f for f in (_face(family, p) for p in FAMILIES[family]) if f), None)


@lru_cache(maxsize=1)
def choose() -> FontChoice:
    """Body and heading faces. The body is the preferred font, else the first serif family
    installed, else 黑体; headings are 黑体 where it is installed, else the body font."""
    spec = _preferred or os.environ.get(FONT_ENV) or None
    body = None
    if spec and spec in FAMILIES:
        body = _first(spec) or Face(spec, None)
    elif spec:
        names = _face_names(spec) if Path(spec).exists() else []
        body = Face(names[0] if names else Path(spec).stem, spec if names else None, 0, names[0] if names else "")
    if body is None:
        body = next((f for f in map(_first, SERIF_FAMILIES) if f), None)
    heading = _first(HEADING_FAMILY)
    if body is None:  # no serif installed: a sans body, or any TrueType CJK font fontconfig knows
        body = heading or next((f for f in (_face("宋体", p) for p in fontconfig_cjk_files() if p.endswith((".ttf", ".ttc"))) if f),
                               Face(SERIF_FAMILIES[0], None))
    return FontChoice(body=body, heading=heading or body)


def document_families() -> tuple[str, str]:
    """The body and heading families a DOCX names: 宋体 and 黑体 (the reader's Word/WPS supplies
    them, whatever this machine has), or the family ``--font`` chose for the body."""
    if _preferred or os.environ.get(FONT_ENV):
        return choose().body.family, HEADING_FAMILY
    return SERIF_FAMILIES[0], HEADING_FAMILY


def summary(formats: list[str]) -> str | None:
    """The build summary's line on fonts, for the formats written (None when no font matters)."""
    parts = []
    if "pdf" in formats:
        parts.append(f"PDF {choose().describe()}")
    if "docx" in formats:
        body, heading = document_families()
        parts.append(f"Word 正文 {body}、标题 {heading}（由 Word/WPS 按名称取用）")
    return "字体：" + "；".join(parts) if parts else None
