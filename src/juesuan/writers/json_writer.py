"""The model as JSON: the exchange format every other tool can read back."""
from __future__ import annotations

from pathlib import Path

from ..model import Disclosure


def dumps(disclosure: Disclosure) -> str:
    return disclosure.model_dump_json(indent=1, exclude_none=False)


def write(disclosure: Disclosure, profile, path: Path) -> None:
    path.write_text(dumps(disclosure), encoding="utf-8")
