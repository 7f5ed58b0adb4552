"""YAML in and out without floats, keeping line numbers for error messages.

The parsing itself is :mod:`juesuan.yamlsyntax` (PyYAML), imported only when a file is parsed:
package data (profiles, catalogues) is read back from the per-user cache by content.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from .yamlnodes import LocDict, LocList  # noqa: F401 - read data carries them; line_of reads their lines


def parse_yaml(text: str, name: str = "") -> Any:
    """YAML text as data (see :func:`juesuan.yamlsyntax.parse_yaml`)."""
    from .yamlsyntax import parse_yaml as parse

    return parse(text, name)


def load_yaml(path: Path) -> Any:
    """A YAML file as data, or InputError naming the file and line (see :mod:`juesuan.yamlsyntax`)."""
    from .yamlsyntax import load_yaml as load

    return load(path)


def dump_yaml(data: Any) -> str:
    from .yamlsyntax import dump_yaml as dump

    return dump(data)


def _plain(data: Any, path: tuple = (), decimals: list | None = None) -> Any:
    """Plain dicts and lists (what the cache keeps, marshal: plain types only); a Decimal
    becomes its text and its place is listed in ``decimals``."""
    if isinstance(data, dict):
        return {k: _plain(v, path + (k,), decimals) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v, path + (i,), decimals) for i, v in enumerate(data)]
    if isinstance(data, Decimal) and decimals is not None:
        decimals.append(path)
        return str(data)
    return data


def _cached_form(data: Any) -> dict:
    decimals: list = []
    return {"data": _plain(data, (), decimals), "decimals": decimals}


def _from_cached(kept: dict) -> Any:
    data = kept["data"]
    for path in kept["decimals"]:  # a few widths: cheaper than walking the whole document
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = Decimal(node[path[-1]])
    return data


def _loader_salt() -> str:
    """What the cached parse depends on besides the file: this loader's own code and PyYAML's
    version (a cache written by another juesuan version must never be read back), found
    without importing PyYAML."""
    import hashlib
    import importlib.util
    import re

    code = b""
    for name in ("yamlio.py", "yamlsyntax.py"):
        try:
            code += (Path(__file__).parent / name).read_bytes()
        except OSError:
            pass
    version = ""
    try:
        spec = importlib.util.find_spec("yaml")
        if spec is not None and spec.origin:
            found = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", Path(spec.origin).read_text(encoding="utf-8", errors="replace"))
            version = found.group(1) if found else ""
    except (OSError, ImportError, ValueError):
        pass
    return f"{hashlib.sha1(code).hexdigest()} {version}"


_LOADER_SALT: str | None = None


def load_package_yaml(path: Path) -> Any:
    """A YAML file shipped as data (a profile, a catalogue) or given as one (a profile folder):
    the same loader, the result kept in the user cache by content (every command reads them;
    audit reads every profile to detect one). A file with a YAML error gets the located message."""
    global _LOADER_SALT
    from .cache import memo

    if _LOADER_SALT is None:
        _LOADER_SALT = _loader_salt()
    try:
        content = path.read_bytes()
        text = content.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return load_yaml(path)
    try:
        return _from_cached(memo("yaml", content, lambda: _cached_form(parse_yaml(text)), salt=_LOADER_SALT))
    except Exception as exc:  # noqa: BLE001 - a YAML error (PyYAML is imported only to parse)
        from .yamlsyntax import yaml

        if isinstance(exc, yaml.YAMLError):
            return load_yaml(path)
        raise


def line_of(data: Any, loc: tuple) -> int | None:
    """The line of the deepest element of ``loc`` that the loaded data knows."""
    line = None
    node = data
    for part in loc:
        if isinstance(node, LocDict) and part in node:
            line = node.lines.get(part, line)
            node = node[part]
        elif isinstance(node, LocList) and isinstance(part, int) and part < len(node):
            line = node.lines[part]
            node = node[part]
        else:
            break
    return line
