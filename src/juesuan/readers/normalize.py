"""Text normalisation shared by every document reader.

PDFs and Word files print the same words with different code points: full-width digits and
punctuation, compatibility ideographs, and characters from the CJK radicals block that NFKC
leaves alone (some PDF producers emit ⻔ for 门). Everything read from a document passes
through ``clean`` before any comparison.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from .. import patterns
from ..money import NotANumber, parse_decimal

# CJK Radicals Supplement (U+2E80–U+2EFF) forms that PDF fonts map simplified characters to.
# NFKC does not fold these; the map is small because only a few radicals double as characters.
RADICALS = {
    "⺁": "厂", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺋": "卩", "⺌": "小", "⺍": "小", "⺎": "兀",
    "⺏": "尢", "⺐": "尢", "⺑": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彐", "⺕": "彐", "⺖": "忄",
    "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母",
    "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺥": "爫", "⺦": "丬", "⺧": "牛",
    "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸",
    "⺰": "纟", "⺱": "网", "⺲": "网", "⺳": "网", "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊",
    "⺸": "羊", "⺹": "老", "⺺": "聿", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艹", "⺿": "艹",
    "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "襾", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角",
    "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝",
    "⻐": "金", "⻑": "长", "⻒": "长", "⻓": "长", "⻔": "门", "⻕": "门", "⻖": "阝", "⻗": "雨",
    "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "食", "⻟": "食",
    "⻠": "饣", "⻡": "飠", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤",
    "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐", "⻭": "齿", "⻮": "齿", "⻯": "龙",
    "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
}
_RADICAL_TABLE = str.maketrans(RADICALS)
_SPACE = patterns.compile(r"\s+")
# A space between two CJK characters is layout (justified or letter-spaced text), not content.
_CJK_CHARS = r"\u3000-\u9fff\uff00-\uffef()《》“”、:;,。，；：（）"
_CJK_GAP = patterns.compile(rf"(?<=[{_CJK_CHARS}])\s+(?=[{_CJK_CHARS}])")
_DASHES = patterns.compile(r"^[-—–―─]+$")


# Kangxi radicals, CJK compatibility ideographs and full-width ASCII: folded everywhere, since
# they are the same characters printed through another code point.
_COMPAT = patterns.compile(r"[\u2f00-\u2fdf\uf900-\ufaff\uff01-\uff5e\u3000]")
_KEEP_FULLWIDTH = set("，；：（）！？")  # Chinese punctuation stays as printed


def _fold(m: re.Match) -> str:
    ch = m.group(0)
    return ch if ch in _KEEP_FULLWIDTH else unicodedata.normalize("NFKC", ch)


def clean(text: str | None, *, join_cjk: bool = False) -> str:
    """Text as printed, with code-point noise removed: radicals and compatibility forms folded,
    full-width letters and digits made ASCII (Chinese punctuation kept), whitespace collapsed.

    ``join_cjk`` also removes spaces between CJK characters: a PDF's justified or letter-spaced
    text (因 公 出 国) has them from layout, while a Word or text file's spaces are content.
    """
    if not text:
        return ""
    if text.isascii() and text.isprintable() and "  " not in text:
        text = text.strip()  # most cells (amounts, codes): nothing to fold, no whitespace but single spaces
    else:
        text = _COMPAT.sub(_fold, text.translate(_RADICAL_TABLE))
        text = _SPACE.sub(" ", text).strip()
    return _CJK_GAP.sub("", text) if join_cjk else text


@lru_cache(maxsize=8192)
def compact(text: str | None) -> str:
    """The form used to compare labels: NFKC of ``clean``, every space and markup mark removed.

    Memoised: reading one document compares the same few hundred labels thousands of times."""
    t = unicodedata.normalize("NFKC", clean(text))
    t = t.replace("*", "").replace("#", "")
    return re.sub(r"\s+", "", t)


def is_dash(text: str) -> bool:
    """``———`` printed for a cell that does not apply."""
    return bool(_DASHES.match(text.strip()))


_AMOUNT = patterns.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_amount(text: str | None) -> Decimal | None:
    """A printed amount as an exact Decimal, or None for a blank or dash cell.

    Raises NotANumber for text that is neither (a label).
    """
    t = compact(text)
    if not t or is_dash(t):
        return None
    if not _AMOUNT.match(t):
        raise NotANumber(t)
    return parse_decimal(t)


def is_number(text: str | None) -> bool:
    t = compact(text)
    if not t or not _AMOUNT.match(t):
        return False
    if len(t) <= 15:  # short enough to be an amount whatever its digits
        return True
    try:  # a number too long for an amount (40 digits) is text, as parse_amount says
        parse_decimal(t)
    except NotANumber:
        return False
    return True


_ENUM = patterns.compile(r"^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|\d+[.、．]\s*|[(（]\d+[)）])")


def strip_enumerator(text: str) -> str:
    """``一、收入…`` → ``收入…``; ``(二)…`` → ``…``; ``1. …`` → ``…``."""
    return _ENUM.sub("", unicodedata.normalize("NFKC", clean(text)), count=1)
