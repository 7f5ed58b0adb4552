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


def memo(kind: str, content: bytes, build, salt: str = ""):
    """``build()`` — plain data (dicts, lists, str, numbers) derived only from ``content`` —
    kept in the cache folder ``kind`` under a hash of content, salt and Python version.

    For package data read by every command (profiles, catalogues): parsing their YAML costs
    5–7 ms a file, loading the kept result ~0.2 ms. A damaged entry is rebuilt.
    """
    import marshal

    return _kept(kind, content, build, salt, marshal.dumps, marshal.loads, (ValueError,))


def memo_object(kind: str, content: bytes, build, salt: str = ""):
    """``build()`` — an object derived only from ``content`` (a validated profile) — kept pickled
    in the cache folder ``kind`` under a hash of content, salt and Python version; the salt must
    name the code that defines the object's classes (a changed class is a new key).

    Reading back a pickled profile skips its validation, and so importing pydantic and building
    its classes' validators (~0.1 s of a cold audit); the cache folder is the user's own, like
    the bytecode Python writes beside a package.
    """
    import pickle

    return _kept(kind, content, build, salt, lambda v: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads,
                 (pickle.PicklingError, TypeError, AttributeError))


def _kept(kind: str, content: bytes, build, salt: str, dumps, loads, unkeepable: tuple):
    """The kept value of ``build()`` (written with ``dumps``, checksummed), or a fresh one."""
    import hashlib

    folder = cache_dir(kind)
    if folder is None:
        return build()
    key = hashlib.sha1(f"{salt}\0{sys.version_info[:2]}\0".encode() + content).hexdigest()
    path = folder / key
    payload = read_checked(path)
    if payload is not None:
        try:
            return loads(payload)
        except Exception:  # noqa: BLE001 - from other code: rebuilt below
            pass
    value = build()
    try:
        payload = dumps(value)
    except unkeepable:  # not plain data / not picklable: not kept
        return value
    write_checked(path, payload)
    return value


def read_checked(path: Path) -> bytes | None:
    """What ``write_checked`` kept at ``path``; None when missing or damaged."""
    import hashlib

    try:
        blob = path.read_bytes()
    except OSError:
        return None
    return blob[20:] if hashlib.sha1(blob[20:]).digest() == blob[:20] else None


def write_checked(path: Path, payload: bytes) -> None:
    """Keep ``payload`` at ``path`` with its checksum, atomically; silently nothing when unwritable."""
    import hashlib

    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(hashlib.sha1(payload).digest() + payload)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


class KeptTable:
    """A table (marshallable keys and values) kept in the cache folder ``kind``, in one file per
    ``tag()`` — what every value depends on, such as the Python version — read on first use;
    what this process adds is written at exit, merged with what other processes kept meanwhile.
    For derived code many processes need (compiled patterns, generated methods)."""

    def __init__(self, kind: str, tag):
        self.kind, self.tag = kind, tag
        self._kept: dict | None = None
        self._new: dict = {}

    def get(self, key):
        if self._kept is None:
            self._kept = self._read(self._path())
        return self._kept.get(key)

    def add(self, key, value) -> None:
        if not self._new:
            import atexit

            atexit.register(self._save)
        self._new[key] = value

    def _path(self) -> Path | None:
        import hashlib

        tag = self.tag()
        folder = cache_dir(self.kind) if tag is not None else None
        return None if folder is None else folder / hashlib.sha1(tag.encode()).hexdigest()

    @staticmethod
    def _read(path: Path | None) -> dict:
        import marshal

        payload = read_checked(path) if path is not None else None
        try:
            table = marshal.loads(payload) if payload is not None else None
        except Exception:  # noqa: BLE001 - damaged: nothing kept
            table = None
        return table if isinstance(table, dict) else {}

    def _save(self) -> None:
        import marshal

        path = self._path()
        if path is not None and self._new:
            try:
                payload = marshal.dumps({**self._read(path), **self._new})
            except ValueError:  # an unmarshallable value slipped in: nothing kept
                return
            write_checked(path, payload)
