"""The disclosure as one self-contained HTML file: readable on a phone, printable on A4.

Drawn from the same outline as DOCX and PDF (``writers.document``); tables are the profile's
grids with their colspan/rowspan, one value per cell, so ``readers.html`` can read them back.
Styles are inlined and charts are inline SVG: the file needs nothing else.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..layout import Cell, RenderedTable
from ..model import Disclosure
from . import document as outline
from .document import Heading


def _templates_dir() -> str:
    return str(resources.files(__package__) / "templates")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_templates_dir()),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["cell"] = cell_html
    return env


def css() -> str:
    return (Path(_templates_dir()) / "document.css").read_text(encoding="utf-8")


def cell_html(c: Cell, in_header: bool) -> Markup:
    tag = "th" if in_header or c.kind == "header" else "td"
    attrs = []
    if c.colspan > 1:
        attrs.append(f' colspan="{c.colspan}"')
    if c.rowspan > 1:
        attrs.append(f' rowspan="{c.rowspan}"')
    classes = [] if tag == "th" else [c.kind]
    if c.indent:
        classes.append(f"indent-{min(c.indent, 2)}")
    align = c.align
    if align and not (tag == "th" and align == "center") and not (c.kind in outline.NUMERIC_KINDS and align == "right"):
        classes.append(align)
    if classes:
        attrs.append(f' class="{" ".join(classes)}"')
    return Markup(f"<{tag}{''.join(attrs)}>{escape(c.text)}</{tag}>")


def table_html(t: RenderedTable, heading: Heading | None = None) -> Markup:
    widths = None
    if t.widths and len(t.widths) >= t.ncols:
        total = sum(t.widths[: t.ncols])
        widths = [round(w * 100 / total, 2) for w in t.widths[: t.ncols]]
    aligns = list(getattr(t, "heading_align", None) or [])
    positional = ["left", "center", "right"] if len(t.heading) <= 3 else ["left"] * len(t.heading)
    aligns = [aligns[i] if i < len(aligns) else positional[i] for i in range(len(t.heading))]
    template = environment().get_template("table.html.j2")
    return Markup(template.render(t=t, h=heading, widths=widths, min_width=max(20, t.ncols * 5), aligns=aligns))


def render(disclosure: Disclosure, profile, *, charts: bool = True) -> str:
    from . import charts as charts_mod

    doc = outline.build(disclosure, profile, charts=charts)
    template = environment().get_template("document.html.j2")
    return template.render(doc=doc, css=Markup(css()), table=table_html, svg=lambda spec: Markup(charts_mod.render_svg(spec)))


def write(disclosure: Disclosure, profile, path: Path) -> None:
    path.write_text(render(disclosure, profile), encoding="utf-8")
