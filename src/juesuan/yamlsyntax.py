"""The YAML loader and dumper themselves (PyYAML): numbers with a fraction as Decimal, only
true/false as booleans, mappings that remember their lines, aliases and foreign tags refused.

Kept apart from :mod:`juesuan.yamlio` so that a command whose package data comes from the cache
(every profile and catalogue, on every run but the first) never imports PyYAML (~20 ms).
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .yamlnodes import LocDict, LocList

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


class Refused(yaml.YAMLError):
    """Something the loader will not build (an alias, a foreign tag, an impossible number),
    said in Chinese with the line it is on."""

    def __init__(self, message: str, mark=None):
        super().__init__(message)
        self.message = message
        self.problem_mark = mark


# Plain data only: a tag outside these (!!python/object, !!binary, !!set …) is refused before
# anything is built, and so is an alias (*name): "billion laughs" is a few aliases deep.
_ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")}
MAX_DEPTH = 60
MAX_NODES = 2_000_000


def _check_nodes(root) -> None:
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise Refused("不支持 YAML 别名（&锚点 / *引用）：请把内容直接写出", node.start_mark)
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise Refused("文件内容过多", node.start_mark)
        if depth > MAX_DEPTH:
            raise Refused(f"嵌套层次过深（超过{MAX_DEPTH}层）", node.start_mark)
        if node.tag not in _ALLOWED_TAGS:
            raise Refused(f"不允许的 YAML 标签“{node.tag.replace('tag:yaml.org,2002:', '!!')[:60]}”：只能填写文字、数字、列表和“名称: 值”", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    # Keep the digits the user typed: 5.994 stays 5.994, never 5.99399999.
    from .money import NotANumber, checked

    text = loader.construct_scalar(node).replace("_", "")
    try:
        return checked(Decimal(text), text)
    except (ArithmeticError, ValueError) as exc:
        message = str(exc) if isinstance(exc, NotANumber) else f"无法识别的数字“{text[:40]}”"
        raise Refused(message, node.start_mark) from None


def _guarded(construct):
    """A scalar constructor whose failure (an int too long, a date 2024-13-45) is a located message."""

    def run(loader, node):
        try:
            return construct(loader, node)
        except (ArithmeticError, ValueError, TypeError):
            raise Refused(f"无法识别的值“{str(node.value)[:40]}”", node.start_mark) from None

    return run


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


def _construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    text = loader.construct_scalar(node)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # "\ud800" in double quotes: no character any file can hold
        raise Refused("含有无效的字符（孤立的 \\uD800–\\uDFFF 转义）：请删除", node.start_mark) from None
    return text


_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:int", _guarded(yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _guarded(yaml.SafeLoader.construct_yaml_timestamp))
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

MAX_YAML_BYTES = 20 * 1024 * 1024

# libyaml's messages, in the words a preparer needs (the first match wins; else a general one).
_PROBLEMS = (
    ("mapping values are not allowed", "此处不能出现“名称: 值”：可能缩进有误，或值中含有冒号（请给值加引号）"),
    ("cannot start any token", "含有不能出现在此处的字符（如制表符 Tab，请改用空格缩进；或 @、` 开头的值，请加引号）"),
    ("could not find expected ':'", "缺少冒号“:”，或引号未闭合"),
    ("found unexpected end of stream", "文件意外结束：可能有引号或括号未闭合"),
    ("did not find expected key", "缩进不一致：同一层的各项应对齐"),
    ("did not find expected", "缩进或括号不配对"),
    ("expected <block end>", "缩进不一致：同一层的各项应对齐"),
    ("found undefined alias", "不支持 YAML 别名（&锚点 / *引用）：请把内容直接写出"),
    ("found duplicate anchor", "不支持 YAML 别名（&锚点 / *引用）：请把内容直接写出"),
    ("control characters are not allowed", "含有不可见的控制字符：请删除"),
    ("unacceptable character", "含有不可见的控制字符：请删除"),
    ("found unknown escape character", "双引号中的反斜杠“\\”转义无效：请改用单引号"),
    ("expected alphabetic or numeric character", "含有不完整的 & 或 * 标记：请给这个值加引号"),
    ("expected a comment or a line break", "这一行多出了内容：可能引号未闭合或缺少冒号"),
    ("while scanning a quoted scalar", "引号未闭合"),
    ("while scanning a simple key", "缺少冒号“:”"),
    ("could not determine a constructor", "不允许的 YAML 标签：只能填写文字、数字、列表和“名称: 值”"),
)


def _problem_text(exc: yaml.YAMLError) -> str:
    if isinstance(exc, Refused):
        return exc.message
    return "YAML 格式错误：" + _translated(exc)


def _translated(exc: yaml.YAMLError) -> str:
    text = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''} {exc}"
    for needle, said in _PROBLEMS:
        if needle in text:
            return said
    return "请检查缩进、冒号和引号"


def parse_yaml(text: str, name: str = "") -> Any:
    """YAML text as data: Decimal for numbers with a fraction, only true/false as booleans,
    mappings that remember their lines; aliases, foreign tags and impossible numbers refused.
    Raises ``yaml.YAMLError`` (``Refused`` for what this loader refuses)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node)
        return loader.construct_document(node)
    except RecursionError:
        raise Refused(f"嵌套层次过深（超过{MAX_DEPTH}层）") from None
    finally:
        loader.dispose()


def load_yaml(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise InputError.single(str(path), "", f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_YAML_BYTES // (1024 * 1024)} MB）：数据文件不会这么大，请确认选对了文件")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(str(path), "", "文件不存在") from None
    except UnicodeDecodeError:
        raise InputError.single(str(path), "", "文件不是 UTF-8 编码的文本：请用记事本或编辑器另存为 UTF-8") from None
    except IsADirectoryError:
        raise InputError.single(str(path), "", "应是文件，却是一个文件夹") from None
    except OSError as exc:
        from .guard import os_reason

        raise InputError.single(str(path), "", f"无法读取文件（{os_reason(exc)}）") from None
    try:
        return parse_yaml(text, str(path))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise InputError.single(str(path), where, _problem_text(exc)) from None


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
