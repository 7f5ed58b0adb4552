"""Visual regression: every page of the built PDF, and of the DOCX and XLSX as LibreOffice prints
them, against checked-in reference images; plus text checks a typesetter would make.

References are small on purpose: each page is rendered grayscale with its longer side 96 px and
the pages of one document are tiled into one PNG (tests/fixtures/visual/). Pixels depend on the
fonts and the LibreOffice version, so the comparison runs only where they are the references'
(``visual.json``) and skips cleanly otherwise; the text checks run wherever pdftotext does.

After an intended change of the layout, regenerate the references and look at them:
``JUESUAN_UPDATE_VISUAL=1 python -m pytest tests/test_visual.py``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rule_testing import EXAMPLES

REFS = Path(__file__).parent / "fixtures" / "visual"
META = REFS / "visual.json"
TILE = 96  # px, the longer side of a page
COLUMNS = 10  # pages per row of a reference image
MEAN_TOLERANCE = 4.0  # mean absolute difference per page (0–255)
PIXEL_TOLERANCE = 0.03  # share of a page's pixels that may differ by more than 64
UPDATE = bool(os.environ.get("JUESUAN_UPDATE_VISUAL"))
EXAMPLE_NAMES = ["datong-housing-2024", "putuo-finance-2024"]
NOTE = re.compile(r"^\s*注[:：]")
CANNOT_START = "，。、；：？！）》」』】”"

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                                 reason="poppler-utils (pdftoppm, pdftotext) not installed")


def _soffice_version() -> str | None:
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=120).stdout
    m = re.search(r"(\d+\.\d+)", out)
    return m.group(1) if m else None


def _fonts() -> str | None:
    from juesuan.writers import WriterUnavailable, fonts, pdf

    fonts.prefer(None)
    try:
        choice = pdf.register_font()
    except WriterUnavailable:
        return None
    return f"{choice.body.name} / {choice.heading.name}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """{(example, format): pdf path}: the built PDF and LibreOffice's print of the DOCX and XLSX."""
    from juesuan.pipeline import compile_source, write_outputs

    if _fonts() is None:
        pytest.skip("no embeddable CJK font: the PDF writer is off")
    out = tmp_path_factory.mktemp("visual")
    soffice = shutil.which("soffice")
    paths = {}
    for name in EXAMPLE_NAMES:
        folder = EXAMPLES / name
        if not (folder / "department.yaml").exists():
            continue
        disclosure, profile = compile_source(folder)
        written, skipped = write_outputs(disclosure, profile, out / name, name, ["pdf", "docx", "xlsx"])
        assert not skipped, skipped
        paths[(name, "pdf")] = out / name / f"{name}.pdf"
        if soffice:
            # A profile of its own: other LibreOffice processes on the machine do not lock it.
            profile_dir = (out / "lo-profile").as_uri()
            for fmt in ("docx", "xlsx"):
                subprocess.run([soffice, f"-env:UserInstallation={profile_dir}", "--headless", "--convert-to", "pdf",
                                "--outdir", str(out / name / fmt), str(out / name / f"{name}.{fmt}")],
                               check=True, capture_output=True, timeout=600)
                paths[(name, fmt)] = out / name / fmt / f"{name}.pdf"
    if not paths:
        pytest.skip("examples not available")
    return paths


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _tiles(pdf: Path, tmp: Path):
    """One grayscale image per page, longer side TILE px, on a TILE × TILE white square."""
    from PIL import Image

    tmp.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-gray", "-png", "-scale-to", str(TILE), str(pdf), str(tmp / "p")], check=True, timeout=600)
    tiles = []
    for png in sorted(tmp.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
        page = Image.open(png).convert("L")
        tile = Image.new("L", (TILE, TILE), 255)
        tile.paste(page, ((TILE - page.width) // 2, (TILE - page.height) // 2))
        tiles.append(tile)
    return tiles


def _sheet(tiles):
    from PIL import Image

    rows = -(-len(tiles) // COLUMNS)
    sheet = Image.new("L", (COLUMNS * TILE, rows * TILE), 128)
    for i, tile in enumerate(tiles):
        sheet.paste(tile, ((i % COLUMNS) * TILE, (i // COLUMNS) * TILE))
    return sheet


def _unsheet(sheet, count: int):
    return [sheet.crop(((i % COLUMNS) * TILE, (i // COLUMNS) * TILE, (i % COLUMNS + 1) * TILE, (i // COLUMNS + 1) * TILE))
            for i in range(count)]


def _difference(a, b) -> tuple[float, float]:
    """(mean absolute difference, share of pixels differing by more than 64)."""
    from PIL import ImageChops

    diff = ImageChops.difference(a, b)
    hist = diff.histogram()
    total = sum(hist)
    mean = sum(i * n for i, n in enumerate(hist)) / total
    return mean, sum(hist[65:]) / total


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_pages_look_like_the_references(rendered, name, fmt, tmp_path):
    from PIL import Image

    if (name, fmt) not in rendered:
        pytest.skip(f"{fmt}: LibreOffice not installed" if fmt != "pdf" else f"{name} not available")
    meta = json.loads(META.read_text(encoding="utf-8")) if META.exists() else {}
    here = {"fonts": _fonts(), "libreoffice": _soffice_version() if fmt != "pdf" else None}
    tiles = _tiles(rendered[(name, fmt)], tmp_path / "tiles")
    key = f"{name}.{fmt}"
    ref_path = REFS / f"{key}.png"
    if UPDATE:
        REFS.mkdir(parents=True, exist_ok=True)
        _sheet(tiles).save(ref_path, optimize=True)
        meta[key] = {"pages": len(tiles), **here}
        META.write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    if key not in meta or not ref_path.exists():
        pytest.skip(f"no reference for {key}")
    expected = meta[key]
    for what in ("fonts", "libreoffice"):
        if expected.get(what) != here[what]:
            pytest.skip(f"references drawn with {what} {expected.get(what)}, here {here[what]}")
    assert len(tiles) == expected["pages"], f"{key}: {len(tiles)} pages, the reference has {expected['pages']}"
    reference = _unsheet(Image.open(ref_path).convert("L"), expected["pages"])
    bad = []
    for i, (got, ref) in enumerate(zip(tiles, reference), 1):
        mean, share = _difference(got, ref)
        if mean > MEAN_TOLERANCE or share > PIXEL_TOLERANCE:
            bad.append(f"第{i}页（平均差 {mean:.1f}，差异像素 {share:.1%}）")
    assert not bad, f"{key}: " + "；".join(bad)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_note_alone_and_no_line_starting_with_closing_punctuation(rendered, name, fmt):
    if (name, fmt) not in rendered:
        pytest.skip(f"{fmt}: LibreOffice not installed")
    pages = _page_texts(rendered[(name, fmt)])
    previous: list[str] = []
    for number, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip() and not line.strip().isdigit()]
        for k, line in enumerate(lines):
            # A table's note keeps with the table. Alone means: on a page that continues the
            # previous page's table (its title is repeated) with no body row (an amount) above it.
            if NOTE.match(line):
                above = lines[:k]
                continued = bool(above) and above[0].strip() in {p.strip() for p in previous}
                has_rows = any(re.search(r"\d+\.\d{2}", a) for a in above)
                assert above and (not continued or has_rows), f"{name}.{fmt} 第{number}页：表注“{line.strip()[:20]}…”与表格分在两页"
            first = line.strip()[0]
            assert first not in CANNOT_START, f"{name}.{fmt} 第{number}页：行首是“{first}”：{line.strip()[:30]}"
        previous = lines


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_page_but_the_cover_is_numbered_and_headings_are_not_at_a_page_foot(rendered, name):
    """A heading (一、… / （一）… on a line of its own) is never the last line of a page."""
    if (name, "pdf") not in rendered:
        pytest.skip(f"{name} not available")
    pages = _page_texts(rendered[(name, "pdf")])
    heading = re.compile(r"^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。；，]{0,30}$")
    for number, page in enumerate(pages[2:], 3):
        lines = [line for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.strip().isdigit()]
        assert lines and lines[-1].strip() == str(number), f"{name} 第{number}页没有页码"
        assert not heading.match(body[-1]), f"{name} 第{number}页：标题“{body[-1].strip()}”在页脚"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_page_of_a_table_repeats_its_title_block(rendered, name, fmt):
    """Each page of 第二部分 (a table, or a table continued) starts with the table's title, and its
    单位 line is printed above the header rows, in the PDF and in the DOCX as LibreOffice prints it."""
    if (name, fmt) not in rendered:
        pytest.skip(f"{fmt}: LibreOffice not installed")
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in _page_texts(rendered[(name, fmt)])]
    start = next(i for i, lines in enumerate(pages) if i > 1 and lines and lines[0].startswith("第二部分"))
    end = next(i for i, lines in enumerate(pages) if i > start and lines and lines[0].startswith("第三部分"))
    tables = [(number, lines) for number, lines in enumerate(pages[start + 1:end], start + 2)]
    assert tables
    for number, lines in tables:
        assert re.search(r"表$", lines[0]), f"{name}.{fmt} 第{number}页：首行不是表题：{lines[0][:30]}"
        assert any("单位" in line for line in lines[1:4]), f"{name}.{fmt} 第{number}页：表头上方没有单位行"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_gap_inside_chinese_text(rendered, name):
    """A paragraph split across pages keeps its characters together: reportlab joins the halves'
    lines with a space, which in Chinese printed a gap after the first character of each
    continuation line ("产业 政策") and read back into the text."""
    if (name, "pdf") not in rendered:
        pytest.skip(f"{name} not available")
    text = subprocess.run(["pdftotext", str(rendered[(name, "pdf")]), "-"], capture_output=True, text=True, check=True).stdout
    label = re.compile(r"^\s*第[一二三四五六七八九十百]+[部分条章节]")  # "第一部分 概况": a space by design
    gaps = [line.strip()[:40] for line in text.splitlines()
            if len(line.strip()) >= 20 and not label.match(line) and re.search(r"[\u4e00-\u9fff，。；、] [\u4e00-\u9fff]", line)]
    assert not gaps, f"{name}.pdf: 汉字之间多出空格：{gaps[:5]}"
