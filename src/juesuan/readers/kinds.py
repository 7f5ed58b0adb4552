"""The standard table kinds, their title variants and the words of part headings, as data.

``data/reading.yaml`` lists every title a province or year prints for each table kind the
model has (``juesuan.tables.KINDS``) and for kinds it does not (kept as "other tables"); this
module only normalises a printed line and looks it up. A new title is a line in that file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import patterns
from .normalize import compact

DATA = Path(__file__).parent / "data" / "reading.yaml"
OTHER = "other"
IGNORE = "-"  # a line beside a title (its table number alone): neither title nor content

# 公开01表, 公开表1, 表一, 表1-2, 附表1, 附件2-1, 附件2：
_NUMBER = patterns.compile(r"^(?:公开\d+表|公开表\d+|附表[\d一二三四五六七八九十]+(?:-\d+)?|附件[\d一二三四五六七八九十]+(?:-\d+)?|表[\d一二三四五六七八九十]+(?:-\d+)?)[:：.、]?")
_NUMBER_ANYWHERE = patterns.compile(r"(?:公开\d+表|公开表\d+|附表\d+(?:-\d+)?)")
_ENUM = patterns.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
_QUOTES = patterns.compile(r"[“”\"'‘’「」『』]")
_PAGE_TAIL = patterns.compile(r"(?:PAGEREF\S*.*$|[.．·…—_\-]{2,}\s*\d*$|\s\d{1,3}$|(?<=[表明释件况])\d{1,3}$)")


@dataclass(frozen=True)
class Vocabulary:
    """The words that tell a document's parts apart: table titles by kind, part headings, page
    furniture, provinces."""

    titles: tuple[tuple[str, str], ...]  # (normalised title, kind), longest first
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    furniture: tuple[re.Pattern, ...]
    provinces: dict[str, tuple[str, ...]]  # province -> its prefecture-level cities


@lru_cache(maxsize=None)
def vocabulary() -> Vocabulary:
    from ..yamlio import load_package_yaml

    data = load_package_yaml(DATA) or {}
    titles = [(norm_title(t), kind) for kind, spec in (data.get("kinds") or {}).items() for t in spec.get("titles") or []]
    titles.sort(key=lambda tk: -len(tk[0]))
    parts = tuple((key, tuple(words)) for key, words in (data.get("parts") or {}).items())
    furniture = tuple(patterns.compile(p) for p in data.get("furniture") or [])
    provinces = {p: tuple(cities or []) for p, cities in (data.get("provinces") or {}).items()}
    return Vocabulary(tuple(titles), parts, furniture, provinces)


def norm_title(text: str) -> str:
    """A title as compared: compact, no quotes, no enumerator or table number, no page number."""
    c = _QUOTES.sub("", compact(text))
    c = _PAGE_TAIL.sub("", c)
    for _ in range(2):  # "一、公开01表 收入…" and "公开01表 一、…"
        c = _ENUM.sub("", c)
        c = _NUMBER.sub("", c)
    return _NUMBER_ANYWHERE.sub("", c)


def title_kind(text: str, *, prefix_allowed: bool = True) -> tuple[str, str] | None:
    """(kind, the variant matched) for a printed table title, or None.

    The printed title may carry the department and year before it (某某局2024年度收入决算表);
    ``prefix_allowed=False`` asks for the title alone.
    """
    c = norm_title(text)
    if not c or len(c) > 70 or not c.endswith(("表", "）", ")")):
        return None
    for variant, kind in vocabulary().titles:  # longest first
        if c == variant:
            return kind, variant
        if c.endswith(variant):
            # the longest title the line ends with decides: a shorter one inside it is no title
            return (kind, variant) if prefix_allowed and _plausible_prefix(c[: -len(variant)]) else None
    return None


def _plausible_prefix(prefix: str) -> bool:
    """What may stand before a title: a department name and/or a year, nothing of a sentence."""
    if any(ch in prefix for ch in "，。；：:,;、（(") or len(prefix) > 40:
        return False
    if prefix.startswith(("详见", "见", "附")):
        return False
    return bool(re.search(r"(?:20\d\d年度?|[局委办院所站队处厅中心馆会府室司部]|单位|部门)$", prefix))


def fuzzy_kind(text: str) -> str | None:
    """The kind of a damaged 目录 entry (a web page that dropped characters: “出决算表”): the
    closest variant when it is close enough."""
    from difflib import SequenceMatcher

    hit = title_kind(text)
    if hit:
        return hit[0]
    c = norm_title(text)
    if not c.endswith("表") or len(c) < 4:
        return None
    best, best_ratio = None, 0.0
    for variant, kind in vocabulary().titles:
        r = SequenceMatcher(None, c, variant).ratio()
        if r > best_ratio:
            best, best_ratio = kind, r
    return best if best_ratio >= 0.85 else None


_PART = patterns.compile(r"^第([一二三四五六七八九十])部分[:：]?")
_PART_NUMBERS = "一二三四五六七八九十"


def part_number(text: str) -> int | None:
    m = _PART.match(compact(text))
    return _PART_NUMBERS.index(m.group(1)) + 1 if m else None


def part_key(text: str) -> str | None:
    """Which part a heading is, by its words (第二部分 情况说明, 第五部分 附表 …)."""
    c = _PAGE_TAIL.sub("", compact(text))
    c = _PART.sub("", c)
    for key, words in vocabulary().parts:
        if any(w in c for w in words):
            return key
    return None


def is_furniture(text: str) -> bool:
    c = compact(text)
    return any(p.search(c) for p in vocabulary().furniture)


def province_of(text: str) -> tuple[str, str] | None:
    """(province, the words that name it) for a text naming a province or one of its cities."""
    c = compact(text)
    v = vocabulary()
    for p in v.provinces:
        for name in (f"{p}省", f"{p}市", f"{p}自治区", f"{p}壮族自治区", f"{p}回族自治区", f"{p}维吾尔自治区"):
            if name in c:
                return p, name
    for p, cities in v.provinces.items():
        for city in cities:
            name = city if city.endswith(("自治州", "盟", "地区")) else f"{city}市"
            if name in c:
                return p, name
    return None
