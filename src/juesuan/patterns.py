"""Regular expressions compiled once per machine instead of once per process.

Python compiles a pattern in Python code: a character class over CJK ranges or with several
CJK characters costs 0.1–1.5 ms (``re``'s charset optimisation walks every code point of a
range), and the checks compile ~80 such patterns at every start, ~18 ms of a cold audit.
:func:`compile` keeps what ``re``'s compiler derives from a pattern — its SRE code, flags and
groups — in the per-user cache (``juesuan.cache``), keyed by the pattern's text and flags, in
one file per Python version and SRE engine; a kept pattern is handed to the same engine call
that ``re.compile`` ends in, so the compiled pattern is the one ``re.compile`` makes. Anything
unusual (a bytes pattern, another engine, a damaged or unwritable cache) is ``re.compile``.
"""
from __future__ import annotations

import re
import sys

from .cache import KeptTable

_compiled: dict[tuple[str, int], re.Pattern] = {}  # this process's, as re's own cache (a pattern made in a loop)


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's name, on purpose
    """``re.compile(pattern, flags)``, from the kept compilation when there is one."""
    if not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = _compile(pattern, key)
    return compiled


def _compile(pattern: str, key: tuple[str, int]) -> re.Pattern:
    entry = _KEPT.get(key)
    if entry is not None:
        try:
            import _sre

            return _sre.compile(pattern, *entry)
        except Exception:  # noqa: BLE001 - a kept entry this engine refuses: compiled afresh
            pass
    try:
        compiled, entry = _derive(pattern, key[1])
    except Exception:  # noqa: BLE001 - re's internals differ (another Python): the ordinary way
        return re.compile(pattern, key[1])
    _KEPT.add(key, entry)
    return compiled


def _derive(pattern: str, flags: int) -> tuple[re.Pattern, tuple]:
    """What ``re._compiler.compile`` does, keeping the arguments of its final engine call."""
    import _sre
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _sre.compile(pattern, *entry), entry


def _tag() -> str | None:
    """What a kept compilation depends on: this Python and its SRE engine (None: no engine known)."""
    try:
        import _sre

        magic = _sre.MAGIC
    except (ImportError, AttributeError):
        return None
    return f"{sys.implementation.cache_tag} {sys.version} {magic} {sys.maxunicode}"


_KEPT = KeptTable("patterns", _tag)  # (pattern, flags) -> (flags, code, groups, groupindex, indexgroup)
