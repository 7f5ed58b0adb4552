"""第三部分 情况说明, generated from the model.

The wording is profile data: ``profiles/<id>/narrative.md.j2`` holds one Jinja macro per
section (named by the section key of ``profile.narrative.sections``); this package computes
every figure (``facts.Facts``) and turns each macro's output into paragraphs. Blank lines
separate paragraphs; the lines of one paragraph are joined without spaces (Chinese text), so
a template can put each clause on its own line.

A figure or reason the model lacks is written as ``【待补充：…】`` — never invented — and
``missing(disclosure)`` lists them for the CLI (the check engine can find the same marker).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2

from ..errors import InputError
from ..model import Disclosure, NarrativeGap, NarrativeSection
from .facts import MISSING_MARK, Change, Facts, fmt_pct, fmt_wan, marker

__all__ = ["generate", "missing", "MISSING_MARK", "Change", "Facts", "marker", "CN_NUMERALS", "cn_numeral"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MARKER = re.compile(re.escape(MISSING_MARK) + r"(.*?)】")

CN_NUMERALS = "一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    """1 → 一, 11 → 十一, 23 → 二十三 (for headings like （十一）)."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMERALS[ones - 1] if ones else "")


# Environment options; they shape the compiled code, so they are part of its cache key too.
_OPTIONS = dict(trim_blocks=True, lstrip_blocks=True, autoescape=False, keep_trailing_newline=False)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs: compiling a profile's narrative template costs
    ~0.1–0.2 s a process, loading it ~1 ms. Keyed by the template source, the Jinja version and
    our options; a cache that cannot be read or written is skipped, never an error."""

    _salt = f"jinja2 {jinja2.__version__} {sorted(_OPTIONS.items())}\n"

    def get_source_checksum(self, source: str) -> str:
        return super().get_source_checksum(self._salt + source)

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # damaged or foreign file: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    from ..cache import cache_dir

    folder = cache_dir("templates")
    return _BytecodeCache(str(folder)) if folder is not None else None


@lru_cache(maxsize=None)
def _environment(folders: tuple[str, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_bytecode_cache(),
        **_OPTIONS,
    )
    env.filters["wan"] = fmt_wan
    env.filters["pct"] = fmt_pct
    env.filters["cn"] = cn_numeral
    return env


def _template(profile) -> tuple[jinja2.Template, Path]:
    """The profile's narrative template: in its own folder, else in the folder of the profile it
    ``extends`` (a 单位预算 shares the 部门预算's template and changes only its wording)."""
    folder = Path(profile.folder) if profile is not None and profile.folder else None
    name = profile.narrative.template if profile is not None else "narrative.md.j2"
    folders = [Path(f) for f in (getattr(profile, "template_folders", None) or ([folder] if folder else []))]
    found = next((f for f in folders if (f / name).exists()), None)
    if found is None:
        where = str(folder / name) if folder else name
        raise InputError.single(where, "", f"模板“{getattr(profile, 'id', '?')}”缺少情况说明模板文件 {name}")
    return _environment(tuple(str(f) for f in folders)).get_template(name), found / name


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; a paragraph's lines joined without spaces."""
    out = []
    for block in _PARAGRAPH_BREAK.split(text.strip()):
        joined = "".join(line.strip() for line in block.splitlines())
        if joined:
            out.append(joined)
    return out


def generate(disclosure: Disclosure, profile) -> list[NarrativeSection]:
    """Every section the profile lists, in order, with every figure computed from the model."""
    sections, _ = generate_with_gaps(disclosure, profile)
    return sections


def generate_with_gaps(disclosure: Disclosure, profile, *, reasons_asked: list | None = None) -> tuple[list[NarrativeSection], list[str]]:
    """The sections and the descriptions of what they lack; ``reasons_asked`` (when given) receives
    the (key, label) of every reason the narrative asked for and did not get."""
    template, path = _template(profile)
    facts = Facts(disclosure, profile)
    m = disclosure.meta
    module = template.make_module({
        "n": facts,
        "d": disclosure,
        "meta": m,
        "year": m.year,
        "prior_year": m.year - 1,
        "unit": m.unit,
        "department": m.department,
        "tp": disclosure.context.three_public,
        "procurement": disclosure.context.procurement,
        "performance": disclosure.context.performance,
    })
    specs = profile.narrative.sections
    problems = [s.get("key", "?") for s in specs if not callable(getattr(module, s.get("key", ""), None))]
    if problems:
        raise InputError.single(str(path), "", f"情况说明模板缺少这些章节的宏：{'、'.join(problems)}")
    sections = []
    for spec in specs:
        key = spec["key"]
        asked = len(facts.reasons_asked)
        text = str(getattr(module, key)())
        gaps = [NarrativeGap(key=k, label=label) for k, label in facts.reasons_asked[asked:]]
        sections.append(NarrativeSection(key=key, title=spec.get("title", ""), paragraphs=paragraphs(text), gaps=gaps))
    if reasons_asked is not None:
        reasons_asked.extend(facts.reasons_asked)
    return sections, facts.missing


def missing(disclosure: Disclosure) -> list[str]:
    """What the narrative could not state because the input lacks it (one line each, Chinese)."""
    out: list[str] = []
    for section in disclosure.narrative:
        for p in section.paragraphs:
            for m in _MARKER.finditer(p):
                text = f"{section.title}：缺少{m.group(1)}"
                if text not in out:
                    out.append(text)
    return out
