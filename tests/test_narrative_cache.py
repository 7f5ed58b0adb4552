"""The narrative template is compiled once per user and loaded from the cache after that."""
from __future__ import annotations

import shutil

import jinja2
import pytest

from juesuan import narrative, profiles


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A private cache folder and no environment carried over from other tests."""
    monkeypatch.setenv("JUESUAN_CACHE_DIR", str(tmp_path / "cache"))
    narrative._environment.cache_clear()
    yield tmp_path / "cache" / "templates"
    narrative._environment.cache_clear()


def _text(disclosure, profile) -> list[tuple[str, list[str]]]:
    return [(s.key, s.paragraphs) for s in narrative.generate(disclosure, profile)]


def _no_compiling(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise AssertionError("template compiled although it is cached")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_second_run_loads_the_compiled_template_and_says_the_same(fresh, datong, monkeypatch):
    disclosure, profile = datong
    first = _text(disclosure, profile)
    assert first == [(s.key, s.paragraphs) for s in disclosure.narrative]  # same as without a cache
    assert len(list(fresh.glob("*.cache"))) == 1
    narrative._environment.cache_clear()  # as a new process would
    _no_compiling(monkeypatch)
    assert _text(disclosure, profile) == first


def test_an_edited_template_is_compiled_again(fresh, datong, tmp_path, monkeypatch):
    disclosure, _ = datong
    folder = tmp_path / "profile"
    shutil.copytree(profiles.load("shanxi").folder, folder)
    profile = profiles.load(str(folder))
    before = _text(disclosure, profile)
    template = folder / profile.narrative.template
    template.write_text(template.read_text(encoding="utf-8").replace("与上年相比", "与上年比较", 1), encoding="utf-8")
    narrative._environment.cache_clear()
    after = _text(disclosure, profile)
    assert after != before and any("与上年比较" in p for _, ps in after for p in ps)


def test_a_damaged_cache_file_is_ignored(fresh, datong):
    disclosure, profile = datong
    first = _text(disclosure, profile)
    for path in fresh.glob("*.cache"):
        path.write_bytes(path.read_bytes()[:40])
    narrative._environment.cache_clear()
    assert _text(disclosure, profile) == first


def test_no_cache_folder_still_works(monkeypatch, datong, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    disclosure, profile = datong
    try:
        for setting in ("", str(blocked / "cache")):
            monkeypatch.setenv("JUESUAN_CACHE_DIR", setting)
            narrative._environment.cache_clear()
            assert [s.paragraphs for s in narrative.generate(disclosure, profile)] == [s.paragraphs for s in disclosure.narrative]
    finally:
        narrative._environment.cache_clear()
