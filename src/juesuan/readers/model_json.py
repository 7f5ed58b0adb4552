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

        errors = exc.errors()
        if len(errors) == 1 and errors[0].get("type") == "missing" and tuple(errors[0].get("loc", ())) == ("meta", "profile"):
            return _without_profile(path, text)
        problems = []
        for err in errors[:20]:
            where = ".".join(str(x) for x in err.get("loc", ()))[:120]
            problems.append(Problem(str(path), where, f"不是有效的决算模型 JSON：{describe_error(err)}"))
        raise InputError(problems) from None


def _without_profile(path: Path, text: str) -> Disclosure:
    """A model JSON that names no profile (written before one was required): the built-in profile
    whose tables and narrative sections it holds, else a message asking for ``meta.profile``."""
    import json

    from .. import profiles

    raw = json.loads(text)
    meta = raw.get("meta") if isinstance(raw, dict) else None
    tables = raw.get("tables") if isinstance(raw, dict) else None
    if isinstance(meta, dict) and isinstance(tables, dict):
        narrative = raw.get("narrative") if isinstance(raw.get("narrative"), list) else []
        keys = [s.get("key") for s in narrative if isinstance(s, dict)]
        found = profiles.by_content(tables, keys, meta.get("family") or "final", meta.get("level"))
        if found is not None:
            raw["meta"] = {**meta, "profile": found}
            try:
                return Disclosure.model_validate(raw)
            except ValidationError:
                pass  # reported below, as any other invalid model
    raise InputError.single(str(path), "meta.profile", "模型 JSON 未写明公开模板（meta.profile），也无法由其表格和章节判断："
                            f"请加上 \"profile\"（内置模板：{'、'.join(profiles.available())}）")
