"""The methods ``@dataclass`` writes, compiled once per machine instead of once per process.

``dataclasses`` writes each class's ``__init__``, ``__repr__`` and ``__eq__`` (a frozen class
also ``__setattr__``, ``__delattr__`` and ``__hash__``) as Python source and compiles it with
``exec``: compiling is ~0.35 ms a class, ~33 ms of a cold one-document audit, which makes ~90
classes (measured on Python 3.11). While :func:`install` is in force, that ``exec`` compiles
through the per-user cache (``juesuan.cache``): the source text is the key, its code object the
value, in one file per Python version and bytecode magic number. A kept code object is what
``exec`` would have compiled from the same text — no future flags inherited, file name
``<string>`` — so each class gets the methods it always got; anything but a source string goes
to ``exec`` unchanged.

Installed only by a plain one-document ``juesuan audit`` (``juesuan.entry``), a short process
of its own; code that imports juesuan as a library keeps ``dataclasses`` as it is. The cache
folder is the user's own, as trusted as the bytecode Python keeps beside an installed package.
"""
from __future__ import annotations

import builtins
import sys

from .cache import KeptTable


def _tag() -> str:
    from importlib.util import MAGIC_NUMBER

    return f"{sys.implementation.cache_tag} {sys.version} {MAGIC_NUMBER.hex()}"


_KEPT = KeptTable("classcode", _tag)  # source text -> code object


def install() -> None:
    """Route ``dataclasses``' ``exec`` through the cache, from now on in this process."""
    import dataclasses

    vars(dataclasses).setdefault("exec", _exec)  # a module global shadows the builtin it calls


def _exec(source, globals=None, locals=None, /):  # noqa: A002 - exec's own parameters
    if type(source) is not str:
        return builtins.exec(source, globals, locals)
    if globals is None:  # exec's default: the caller's namespace, not this module's
        caller = sys._getframe(1)  # noqa: SLF001
        globals = caller.f_globals
        if locals is None:
            locals = caller.f_locals
    code = _KEPT.get(source)
    if code is None:
        code = builtins.compile(source, "<string>", "exec", dont_inherit=True)
        _KEPT.add(source, code)
    return builtins.exec(code, globals, locals)
