"""Writing outputs whole or not at all.

Every file juesuan writes goes first to a temporary file beside its target and is renamed over
it when complete: an interrupted run or a full disk leaves the old file (or none), never half of
a new one. A folder that cannot be written, or a target that is something else (a folder, or an
existing file of another kind), is said in Chinese as an ``InputError`` before anything is
written.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError


def _reason(exc: OSError) -> str:
    from .guard import os_reason

    reason = os_reason(exc)
    if reason in ("没有读取权限", "没有权限", "所在位置只读"):
        return "文件夹只读或没有写入权限"
    return reason


def output_error(target: Path, exc: OSError) -> InputError:
    return InputError.output(str(target), f"无法写入（{_reason(exc)}）：请换一个输出位置，或检查文件夹的权限；未写出任何文件")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_target(target: Path, suffix: str | None = None) -> None:
    """``target`` may receive a file: not a folder, not an existing file of another kind
    (``check --format xlsx -o 说明.txt`` must not overwrite the text), its folder a folder."""
    target = Path(target)
    try:
        if target.is_dir():
            raise InputError.output(str(target), "这是一个文件夹，不能作为输出文件：请在 -o 后写文件名")
        if suffix and target.exists() and target.suffix.lower() != suffix.lower():
            raise InputError.output(str(target), f"已存在一个{target.suffix or '无扩展名的'}文件，而输出是 {suffix} 格式：为免覆盖，请换一个以 {suffix} 结尾的文件名，或先删除它")
        parent = target.parent
        if parent.exists() and not parent.is_dir():
            raise InputError.output(str(parent), "应是文件夹，却是一个文件：请换一个输出位置")
    except OSError as exc:
        raise output_error(target, exc) from None


def check_folder(folder: Path) -> None:
    """``folder`` is, or can become, a folder we may write into."""
    folder = Path(folder)
    try:
        if folder.exists() and not folder.is_dir():
            raise InputError.output(str(folder), "输出位置应是文件夹，却是一个已存在的文件：请换一个文件夹名")
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise InputError.output(str(folder), "无法写入（文件夹只读或没有写入权限）：请换一个输出位置；未写出任何文件")
    except OSError as exc:
        raise output_error(folder, exc) from None


@contextmanager
def atomic_path(target: Path, suffix: str | None = None):
    """A temporary path beside ``target`` (same suffix) for a writer to fill; renamed over
    ``target`` when the block completes, removed when it fails."""
    target = Path(target)
    check_target(target, suffix)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=f".part{target.suffix}", dir=target.parent)
        os.close(fd)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the output is an ordinary file
    except OSError as exc:
        raise output_error(target, exc) from None
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        try:
            os.replace(tmp_path, target)
        except OSError as exc:
            raise output_error(target, exc) from None
    finally:
        try:
            tmp_path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def write_text(target: Path, text: str, suffix: str | None = None) -> None:
    """``text`` (UTF-8) as ``target``, whole or not at all."""
    with atomic_path(target, suffix) as tmp:
        try:
            tmp.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise output_error(target, exc) from None


def unique_stems(paths: list[str | Path]) -> list[str]:
    """A file stem per document for its report or export in one output folder: the document's own
    stem, unless another document has it too (a.pdf and a.docx; 2024年部门决算.pdf in each
    department's folder); then its name with the suffix, then with as many of its folders as tell
    the documents apart, joined by "-". The same paths always give the same stems."""
    paths = [Path(p) for p in paths]
    stems = [p.stem for p in paths]
    for depth in range(0, 1 + max((len(p.parts) for p in paths), default=0)):
        taken: dict[str, int] = {}
        for s in stems:
            taken[s] = taken.get(s, 0) + 1
        clashes = [i for i, s in enumerate(stems) if taken[s] > 1]
        if not clashes:
            return stems
        for i in clashes:
            p = paths[i]
            folders = [part for part in p.parent.parts[-depth:] if part not in ("/", "\\")] if depth else []
            stems[i] = "-".join([*folders, p.name])
    # the same path given twice: numbered, in order
    seen: dict[str, int] = {}
    out = []
    for s in stems:
        seen[s] = seen.get(s, 0) + 1
        out.append(s if seen[s] == 1 else f"{s}-{seen[s]}")
    return out
