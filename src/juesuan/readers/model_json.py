"""A model JSON (``juesuan build -f json``) read back as a ``Disclosure``: the one model loader."""
from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError, Problem
from ..guard import read_text_file
from ..model import Disclosure


def load_model(path) -> Disclosure:
    """A model JSON file as a Disclosure; a file that is not one is the user's mistake (InputError)."""
    path = Path(path)
    text = read_text_file(path, "模型文件")
    try:
        return Disclosure.model_validate_json(text)
    except ValidationError as exc:
        from .validation import describe_error

        problems = []
        for err in exc.errors()[:20]:
            where = ".".join(str(x) for x in err.get("loc", ()))[:120]
            problems.append(Problem(str(path), where, f"不是有效的决算模型 JSON：{describe_error(err)}"))
        raise InputError(problems) from None
