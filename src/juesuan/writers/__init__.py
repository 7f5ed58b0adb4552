"""Writers: the compiled model as files. Each writer is ``write(disclosure, profile, path)``.

The registry maps a format name to its module and file suffix; optional writers whose
libraries are missing raise ``WriterUnavailable`` with a Chinese message naming the extra.
"""
from __future__ import annotations

import importlib
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


class WriterUnavailable(RuntimeError):
    """A writer's optional dependency is missing; the message says how to install it."""


# What a writer had to change to print a valid model (a text too long for a PDF page, cut):
# said to the user, never done silently. A context variable: concurrent builds keep their own.
_notes: ContextVar[list[str] | None] = ContextVar("writer_notes", default=None)


def note(message: str) -> None:
    """Record, in Chinese, what the running writer cut and where."""
    notes = _notes.get()
    if notes is not None and message not in notes:
        notes.append(message)


@contextmanager
def noting():
    """Collect the notes of the writers run inside; yields the list."""
    notes: list[str] = []
    token = _notes.set(notes)
    try:
        yield notes
    finally:
        _notes.reset(token)


@dataclass(frozen=True)
class WriterSpec:
    name: str
    module: str
    suffix: str
    description: str


WRITERS: dict[str, WriterSpec] = {
    w.name: w
    for w in [
        WriterSpec("json", "json_writer", ".json", "模型数据（JSON）"),
        WriterSpec("xlsx", "xlsx", ".xlsx", "公开表格工作簿（Excel）"),
        WriterSpec("docx", "docx_writer", ".docx", "公开文档（Word）"),
        WriterSpec("html", "html", ".html", "网页（单文件）"),
        WriterSpec("pdf", "pdf", ".pdf", "PDF 文档"),
    ]
}
DEFAULT_FORMATS = ["json", "xlsx", "docx", "html", "pdf"]


def get_writer(name: str):
    spec = WRITERS[name]
    module = importlib.import_module(f"{__name__}.{spec.module}")
    return module.write
