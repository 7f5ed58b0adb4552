"""Chart PNGs (DOCX, PDF): drawn with Pillow in the SVG's layout, Chinese labels as real glyphs."""
from __future__ import annotations

import io

import pytest

from juesuan.writers import charts


@pytest.fixture(scope="module")
def specs(datong_built):
    disclosure, _ = datong_built
    return {s.key: s for group in charts.charts_by_section(disclosure).values() for s in group}


@pytest.fixture(scope="module")
def font():
    found = charts.cjk_font()
    if found is None:
        pytest.skip("no CJK font installed")
    return found


def _image(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data)).convert("RGB")


def test_png_has_the_svg_layout_at_the_asked_resolution(specs, font):
    for key, spec in specs.items():
        data = charts.render_png(spec, dpi=150)
        assert data.startswith(b"\x89PNG"), key
        width, height, _ = charts.layout(spec)
        img = _image(data)
        assert img.size == (round(width * 150 / 96), round(height * 150 / 96)), key
        assert round(_image_dpi(data)) == 150


def _image_dpi(data: bytes) -> float:
    from PIL import Image

    return Image.open(io.BytesIO(data)).info["dpi"][0]


def test_every_label_character_is_a_real_glyph_not_a_box(specs, font):
    from PIL import ImageFont

    face = ImageFont.truetype(font.path, 24, index=font.index)
    notdef = bytes(face.getmask("\U000f0000"))  # a private-use code point no font draws: the box
    text = "".join(s.title + "".join(s.labels) + "".join(s.series) + s.unit for s in specs.values()) + "单位：（）%,.0123456789"
    missing = sorted({ch for ch in text if ch.strip() and bytes(face.getmask(ch)) == notdef})
    assert not missing, missing


def test_bars_are_drawn_to_scale(specs, font):
    """The longest bar of 类 structure (城乡社区支出 76,221.90) spans the plot width; 住房保障 is 15,847.12/76,221.90 of it."""
    spec = specs["structure_class"]
    img = _image(charts.render_png(spec, dpi=96))
    blue = tuple(int(charts.PALETTE[0][i:i + 2], 16) for i in (1, 3, 5))
    width, _, ops = charts.layout(spec)
    bars = [op for op in ops if op[0] == "rect" and op[5] == charts.PALETTE[0]]
    spans = []
    for op in bars:
        y = round(op[2] + op[4] / 2)
        xs = [x for x in range(img.width) if _near(img.getpixel((x, y)), blue)]
        spans.append(len(xs))
    longest = max(spans)
    i_city, i_housing = spec.labels.index("城乡社区支出"), spec.labels.index("住房保障支出")
    assert spans[i_city] == longest
    assert abs(spans[i_housing] / longest - 15847.11 / 76221.89) < 0.02


def _near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def test_donut_wedges_in_their_colours(specs, font):
    spec = specs["structure_type"]  # 基本支出 0.19 %, 项目支出 99.81 %
    img = _image(charts.render_png(spec, dpi=96))
    _, _, ops = charts.layout(spec)
    cx, cy, r, inner = next(op for op in ops if op[0] == "wedge")[1:5]
    ring = round((r + inner) / 2)
    orange = tuple(int(charts.PALETTE[1][i:i + 2], 16) for i in (1, 3, 5))
    assert _near(img.getpixel((round(cx), round(cy + ring))), orange)  # 6 o'clock: 项目支出
    assert img.getpixel((round(cx), round(cy))) == (255, 255, 255)  # the hole


def test_no_cjk_font_means_no_charts(monkeypatch):
    charts.cjk_font.cache_clear()
    monkeypatch.setattr(charts, "CJK_FONT_FILES", [])
    monkeypatch.setattr(charts, "fontconfig_cjk_files", lambda: [])
    monkeypatch.delenv("JUESUAN_CHART_FONT", raising=False)
    try:
        assert charts.cjk_font() is None
    finally:
        charts.cjk_font.cache_clear()


def test_font_named_by_environment_is_used(monkeypatch, font):
    charts.cjk_font.cache_clear()
    monkeypatch.setattr(charts, "CJK_FONT_FILES", [])
    monkeypatch.setattr(charts, "fontconfig_cjk_files", lambda: [])
    monkeypatch.setenv("JUESUAN_CHART_FONT", font.path)
    try:
        assert charts.cjk_font() == font
    finally:
        charts.cjk_font.cache_clear()


def test_charts_drawn_ahead_are_the_same_pictures(specs, font, monkeypatch):
    monkeypatch.setattr(charts, "_PNG_CACHE", {})
    direct = {key: charts._draw_png(spec, 150) for key, spec in specs.items()}
    charts.draw_ahead(list(specs.values()))
    assert {key: charts.render_png(spec) for key, spec in specs.items()} == direct


def test_a_failure_while_drawing_ahead_surfaces_where_the_chart_is_used(specs, font, monkeypatch):
    monkeypatch.setattr(charts, "_PNG_CACHE", {})

    def broken(spec, dpi):
        raise OSError("font file unreadable")

    monkeypatch.setattr(charts, "_draw_png", broken)
    spec = specs["structure_type"]
    charts.draw_ahead([spec])
    with pytest.raises(OSError, match="unreadable"):
        charts.render_png(spec)
