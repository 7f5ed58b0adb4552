"""sources.load: the one place that decides how a path becomes the model."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES, corpus_file
from juesuan import sources
from juesuan.errors import InputError
from juesuan.writers.json_writer import write


def test_folder_is_compiled_and_model_json_is_loaded(tmp_path, datong_built):
    built, profile = datong_built
    path = tmp_path / "model.json"
    write(built, profile, path)
    loaded, loaded_profile = sources.load(path)
    assert loaded == built and loaded_profile.id == profile.id
    compiled, _ = sources.load(EXAMPLES / "datong-housing-2024-wan")
    assert compiled.origin == "built" and compiled.tables["summary"].rows


def test_published_documents_only_when_asked(tmp_path):
    with pytest.raises(InputError, match="无法识别的输入"):
        sources.load(corpus_file("datong-housing-2024.txt"))
    printed, profile = sources.load(corpus_file("datong-housing-2024.txt"), published=True)
    assert printed.origin == "printed" and profile.id == "shanxi"
    with pytest.raises(InputError, match="不存在"):
        sources.load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="不是有效的决算模型"):
        sources.load(bad)
