"""The Putuo PDF read cell by cell (pypdfium2 boxes + ruling lines), against hand-checked truth."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import corpus_file
from juesuan import profiles
from juesuan.readers.document import read_grid
from juesuan.readers.pdf import read_pdf


@pytest.fixture(scope="module")
def putuo_read():
    path = corpus_file("putuo-finance-2024.pdf")
    try:
        profile = profiles.load("shanghai")
    except Exception:  # the shanghai profile lands with the shanghai example
        pytest.skip("shanghai profile not available")
    return read_grid(read_pdf(path), profile)


def test_every_table_cell_matches_ground_truth(putuo_read):
    from putuo_truth import cells_checked

    assert cells_checked(putuo_read.disclosure) == 577
    assert putuo_read.problems == []


def test_putuo_locations_meta_and_text(putuo_read):
    d = putuo_read.disclosure
    assert (d.meta.department, d.meta.year, d.meta.unit) == ("上海市普陀区财政局", 2024, "万元")
    # every value points at its page
    row = d.table("income").row("2010601")
    assert row.values["total"] == Decimal("1511.90") and row.cell_locs["total"].page == 8
    assert d.table("general_basic").row("30108").name == "机关事业单位基本养老保险缴费"  # wrapped name re-joined
    assert d.table("fund").note == "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。"
    assert [u.name for u in d.overview.units][0] == "上海市普陀区财政局（本级）"
    sections = {s.key: s for s in d.narrative}
    assert list(sections) == [s["key"] for s in profiles.load("shanghai").narrative.sections]
    # a paragraph whose second line starts with a number ("603.14万元…") stays one paragraph
    assert sections["expenditure"].paragraphs == [
        "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%； 项目支出603.14万元，占20.51%；"  # the PDF prints a space here (pdftotext shows it too)
    ]
    assert all(loc.page for s in sections.values() for loc in s.locs)


def _sideways_pdf(path, rotate: bool):
    """A landscape table drawn on a portrait page and displayed upright with /Rotate 90, as
    some producers print landscape tables (and the same table on a plain page)."""
    import pypdfium2 as pdfium

    canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    if not __import__("os").path.exists(font):
        pytest.skip("WenQuanYi Micro Hei not installed")
    pdfmetrics.registerFont(TTFont("WQY", font))
    w, h = 595, 842
    c = canvas_mod.Canvas(str(path), pagesize=(w, h) if rotate else (h, w))
    c.setFont("WQY", 10)
    if rotate:
        c.translate(w, 0)
        c.rotate(90)
    c.drawString(300, 540, "一般公共预算财政拨款支出决算表")
    rows = [["项目", "", "小计", "基本支出", "项目支出"], ["合计", "", "12.50", "10.00", "2.50"], ["205", "教育支出", "12.50", "10.00", "2.50"]]
    xs = [100, 180, 400, 520, 640, 760]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 4, 500 - r * 20 - 14, text)
    for r in range(len(rows) + 1):
        c.line(xs[0], 500 - r * 20, xs[-1], 500 - r * 20)
    for x in xs:
        c.line(x, 500, x, 500 - 20 * len(rows))
    c.showPage()
    c.save()
    if rotate:
        doc = pdfium.PdfDocument(str(path))
        doc[0].set_rotation(90)
        rotated = path.with_name("rotated.pdf")
        doc.save(str(rotated))
        doc.close()
        return rotated
    return path


@pytest.mark.parametrize("rotate", [False, True])
def test_rotated_landscape_page_reads_upright(tmp_path, rotate):
    path = _sideways_pdf(tmp_path / "t.pdf", rotate)
    grid = read_pdf(path)
    assert [(ln.is_row, ln.text) for ln in grid.lines] == [
        (False, "一般公共预算财政拨款支出决算表"),
        (True, "项目 小计 基本支出 项目支出"),
        (True, "合计 12.50 10.00 2.50"),
        (True, "205 教育支出 12.50 10.00 2.50"),
    ]
    d = read_grid(grid, profiles.load("shanxi")).disclosure
    assert d.value("general_budget:205:project") == Decimal("2.50")
