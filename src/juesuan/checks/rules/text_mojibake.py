from __future__ import annotations

import unicodedata

from ... import patterns
from ..engine import Message, rule
from ..text import pieces

# Private-use (U+E000–F8FF: a font's own glyphs with no character behind them), the replacement
# character (bytes that could not be decoded) and control characters: none prints as text.
UNPRINTABLE = patterns.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Decoding gone wrong: GBK's rendering of undecodable bytes (锟斤拷, 烫烫, 屯屯), and UTF-8 read as Latin-1 (å¹´ for 年).
GARBLED = patterns.compile(r"锟斤拷|烫烫烫|屯屯屯|[ÃÂâåæçèé][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
# UTF-8 read as GBK: characters a government text never uses but that this slip produces at every
# line (锛 from “，”, 銆 from “。、”, 鈥 from quotes, 鐨 from 的, 鏄 from 是, …). Two or more are garbage.
UTF8_AS_GBK = set("锛銆鈥鐨鏄鍙鎴閲瀹缁寮鑰涔鍚浣绗")


def garbled(text: str) -> list[str]:
    found = [m.group(0) for m in UNPRINTABLE.finditer(text)] + [m.group(0) for m in GARBLED.finditer(text)]
    suspicious = [ch for ch in text if ch in UTF8_AS_GBK]
    if len(suspicious) >= 2:
        found += suspicious
    return list(dict.fromkeys(found))


def shown(chars: list[str]) -> str:
    return "、".join(f"U+{ord(ch):04X}" if len(ch) == 1 and (unicodedata.category(ch) in ("Co", "Cc") or ch == "\ufffd")
                    else f"“{ch}”" for ch in chars[:6])


GARBLED_TEXT = Message("garbled", None, "{where}中有乱码或无法显示的字符：{found}。", "文字中有私用区字符、替换符等乱码")


@rule("TEXT-005", "乱码或无法显示的字符", "warning", documents=("final", "budget"), messages=(GARBLED_TEXT,))
def check(c):
    """The text holds characters that print as garbage: private-use characters (U+E000–F8FF), the
    replacement character U+FFFD, control characters, or the traces of a wrong decoding (锟斤拷, 烫烫烫,
    å¹´ for 年, 鏄惁 for 是否).

    Example: 主要职能 “负责辖区内\\ue000社区管理” or “主要职能锛氳礋璐ｅ尯鍩熺鐞嗐€” → 警告.
    """
    for p in pieces(c):
        found = garbled(p.text)
        if found:
            yield c.report(GARBLED_TEXT, p.location, {"where": p.where, "found": shown(found)}, expected="可读文字",
                           found="".join(found[:6]), suggestion="从原始文件重新复制该段文字，检查字体与编码。")
