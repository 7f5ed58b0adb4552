"""Any source as the model: ``load(path)`` is the one place that decides how a path is read.

- a model JSON (``juesuan build -f json``): loaded as it is;
- a build source (example folder, the preparer's workbook, the official software's export):
  read into leaf data and compiled (tables, performance scores, narrative);
- with ``published=True``, any other document (PDF, DOCX, XLSX, HTML, text): read as printed.
"""
from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .model import Disclosure
from .profiles import Profile


def load(path, profile: str | None = None, inputs: Path | None = None, *,
         published: bool = False) -> tuple[Disclosure, Profile]:
    """(disclosure, profile) of ``path``; ``profile``: a profile name or folder overriding the source's."""
    from . import profiles

    path = Path(path)
    if not path.exists():
        raise InputError.single(str(path), "", "文件或文件夹不存在")
    if path.is_file() and path.suffix.lower() == ".json":
        from .readers.model_json import load_model

        disclosure = load_model(path)
        return disclosure, profiles.load(profile or disclosure.meta.profile)
    if published and path.is_file() and not _is_build_source(path):
        from .readers.published import read_published

        read = read_published(path)
        return read.disclosure, read.profile
    from .pipeline import compile_source

    return compile_source(path, profile, inputs)


def _is_build_source(path: Path) -> bool:
    """A file that ``juesuan build`` reads (the preparer's workbook) rather than a published document."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from .readers.workbook import is_input_workbook

        return is_input_workbook(path)
    return False
