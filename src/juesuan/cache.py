"""A per-user cache folder for what is costly to derive and cheap to re-derive (compiled templates).

``JUESUAN_CACHE_DIR`` names the folder (empty: no cache); otherwise the platform's user cache
folder. Nothing here is ever needed: an unwritable or damaged cache only costs time.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir(kind: str) -> Path | None:
    """The folder for one kind of cached file, created; None when there is no usable one."""
    base = _base()
    if base is None:
        return None
    folder = base / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def _base() -> Path | None:
    chosen = os.environ.get("JUESUAN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if sys.platform == "win32":
        root = os.environ.get("LOCALAPPDATA")
        return Path(root) / "juesuan" / "Cache" if root else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder known
        home = None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "juesuan" if home else None
    root = os.environ.get("XDG_CACHE_HOME") or (str(home / ".cache") if home else None)
    return Path(root) / "juesuan" if root else None
