"""YAML in and out without floats, keeping line numbers for error messages."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import re

import yaml

from .errors import InputError


class LocDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    lines: dict[Any, int]


class LocList(list):
    lines: list[int]


# libyaml's C parser when present (several times faster); construction stays in Python so
# floats still become Decimal and mappings still remember their lines.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


# YAML 1.1 reads yes/no/on/off as booleans, so a key `no:` (序号) would become False.
# Preparers write Chinese data, not YAML booleans: only true/false are booleans here.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    # Keep the digits the user typed: 5.994 stays 5.994, never 5.99399999.
    return Decimal(loader.construct_scalar(node).replace("_", ""))


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LocDict:
    loader.flatten_mapping(node)
    out = LocDict()
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = value_node.start_mark.line + 1
    return out


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LocList:
    out = LocList(loader.construct_object(child, deep=True) for child in node.value)
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(str(path), "", "文件不存在") from None
    except UnicodeDecodeError:
        raise InputError.single(str(path), "", "文件不是 UTF-8 编码的文本") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise InputError.single(str(path), where, f"YAML 格式错误：{getattr(exc, 'problem', exc)}") from None


def load_package_yaml(path: Path) -> Any:
    """A YAML file shipped as data (a profile, a catalogue): libyaml's C loader, plain types, the
    result kept in the user cache by content (every command reads them; audit reads every profile
    to detect one). A file with a YAML error is read by ``load_yaml`` for the located message."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return load_yaml(path)
    from .cache import memo

    try:
        content = path.read_bytes()
        return memo("yaml", content, lambda: yaml.load(content.decode("utf-8"), Loader=loader), salt=f"CSafeLoader {yaml.__version__}")
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return load_yaml(path)


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


class _Dumper(yaml.SafeDumper):
    pass


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    if "." not in text:
        return dumper.represent_scalar("tag:yaml.org,2002:int", text)
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(LocDict, _Dumper.represent_dict)
_Dumper.add_representer(LocList, _Dumper.represent_list)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
