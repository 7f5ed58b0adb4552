"""Mappings and lists that remember the line of each entry: what the YAML loader builds
(:mod:`juesuan.yamlsyntax`) and what :func:`juesuan.yamlio.line_of` reads, in a module of their
own so that neither imports the other's dependencies."""
from __future__ import annotations

from typing import Any


class LocDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    lines: dict[Any, int]


class LocList(list):
    lines: list[int]
