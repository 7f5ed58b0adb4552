"""The per-user cache: derived data kept by content, never needed, never trusted when damaged."""
from __future__ import annotations

import shutil

import pytest

from juesuan import cache, catalogues, profiles


@pytest.fixture
def folder(monkeypatch, tmp_path):
    monkeypatch.setenv("JUESUAN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_memo_builds_once_per_content(folder):
    calls = []

    def build():
        calls.append(1)
        return {"codes": {"201": "一般公共服务支出"}, "n": [1, 2.5, None, True]}

    first = cache.memo("t", b"content", build)
    assert cache.memo("t", b"content", build) == first and len(calls) == 1
    cache.memo("t", b"other content", build)
    cache.memo("t", b"content", build, salt="another loader")
    assert len(calls) == 3


def test_damaged_entry_is_rebuilt(folder):
    cache.memo("t", b"x", lambda: [1, 2, 3])
    (entry,) = (folder / "t").iterdir()
    entry.write_bytes(entry.read_bytes()[:-3] + b"\x00\x01\x02")
    assert cache.memo("t", b"x", lambda: [4]) == [4]


def test_data_that_is_not_plain_is_returned_not_kept(folder):
    value = cache.memo("t", b"x", lambda: {"d": object})
    assert value == {"d": object} and not list((folder / "t").iterdir())


def test_no_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("JUESUAN_CACHE_DIR", "")
    calls = []
    for _ in range(2):
        cache.memo("t", b"x", lambda: calls.append(1) or 1)
    assert len(calls) == 2
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("JUESUAN_CACHE_DIR", str(blocked))
    assert cache.memo("t", b"x", lambda: 7) == 7


def test_profiles_and_catalogues_read_through_the_cache_are_the_same(folder, monkeypatch, tmp_path):
    copy = tmp_path / "shanxi"
    shutil.copytree(profiles.builtin_dir() / "shanxi", copy)
    fresh = profiles.load(str(copy))  # parsed, kept
    profiles.load.cache_clear()
    try:
        again = profiles.load(str(copy))  # from the cache
        assert again is not fresh and again == fresh
        assert list((folder / "yaml").iterdir())
        assert list((folder / "profiles").iterdir())  # the validated profile itself, pickled
        catalogues.load.cache_clear()
        kept = catalogues.load("functional", 2024)
        catalogues.load.cache_clear()
        assert catalogues.load("functional", 2024) == kept and kept.codes["2120101"] == "行政运行"
    finally:
        profiles.load.cache_clear()
        catalogues.load.cache_clear()


def test_the_base_vocabulary_is_kept_and_a_changed_file_is_seen(folder, monkeypatch, tmp_path):
    builtin = tmp_path / "profiles"
    builtin.mkdir()
    text = (profiles.builtin_dir() / profiles.VOCABULARY_FILE).read_text(encoding="utf-8")
    (builtin / profiles.VOCABULARY_FILE).write_text(text, encoding="utf-8")
    monkeypatch.setattr(profiles, "builtin_dir", lambda: builtin)
    profiles.base_vocabulary.cache_clear()
    try:
        fresh = profiles.base_vocabulary()  # validated, kept
        assert list((folder / "profiles").iterdir())
        profiles.base_vocabulary.cache_clear()
        again = profiles.base_vocabulary()  # from the cache
        assert again is not fresh and again == fresh
        assert "增多" not in again.directions
        (builtin / profiles.VOCABULARY_FILE).write_text(text.replace("{增加: 1,", "{增加: 1, 增多: 1,"), encoding="utf-8")
        profiles.base_vocabulary.cache_clear()
        assert profiles.base_vocabulary().directions["增多"] == 1  # the changed file, never the kept one
    finally:
        profiles.base_vocabulary.cache_clear()


def test_a_profile_with_a_yaml_error_is_located(folder, tmp_path):
    from juesuan.errors import InputError

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "profile.yaml").write_text("id: bad\ntables: [\n  - oops: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        profiles.load(str(bad))
    assert "profile.yaml" in str(exc.value) and "第" in str(exc.value)


def test_a_kept_object_is_rebuilt_when_damaged_or_when_its_code_changes(folder):
    calls = []

    def build():
        calls.append(1)
        return {"profile": [1, 2]}

    assert cache.memo_object("o", b"x", build, salt="v1") == {"profile": [1, 2]}
    assert cache.memo_object("o", b"x", build, salt="v1") == {"profile": [1, 2]} and len(calls) == 1
    for kept in (folder / "o").iterdir():
        kept.write_bytes(kept.read_bytes()[:-3])  # damaged: its checksum no longer matches
    assert cache.memo_object("o", b"x", build, salt="v1") == {"profile": [1, 2]} and len(calls) == 2
    cache.memo_object("o", b"x", build, salt="v2")  # another version of the classes: another key
    assert len(calls) == 3


def test_kept_patterns_compile_as_re_does(folder, monkeypatch):
    import re

    from juesuan import patterns

    def fresh_process():  # nothing compiled yet, the kept file not yet read
        monkeypatch.setattr(patterns, "_KEPT", cache.KeptTable("patterns", patterns._tag))
        monkeypatch.setattr(patterns, "_compiled", {})

    fresh_process()
    sources = [
        (r"(?P<c>(?:[^\s，。；：、,;:0-9（）()“”]|（(?![类款项]）)[^（）\s，。；：]{1,6}）)+)\s?（类）", 0),
        (r"^(?P<name>[\u4e00-\u9fff（）()]{2,40}?)(?:\d{4}\s*年|概况|决算)", re.M),
        (r"[\ue000-\uf8ff\ufffd\x00-\x08]|锟斤拷", 0),
        (r"(?<![\d.])(?P<num>[-−－]?\d+(?:\.\d+)?)\s*(?P<unit>万元|%)", re.I),
    ]
    text = "一般公共服务支出（类）财政事务（款）行政运行（项）1,535.41万元，增长12.5%。\n上海市普陀区财政局2024年度部门决算锟斤拷\ue001"
    fresh = [patterns.compile(p, f) for p, f in sources]  # compiled here, kept at exit
    patterns._KEPT._save()
    assert list((folder / "patterns").iterdir())
    fresh_process()
    for (p, f), first in zip(sources, fresh):
        again, plain = patterns.compile(p, f), re.compile(p, f)
        assert patterns._KEPT.get((p, int(f))) and not patterns._KEPT._new  # read back, not compiled again
        for got in (first, again):
            assert (got.pattern, got.flags, got.groups, got.groupindex) == (plain.pattern, plain.flags, plain.groups, plain.groupindex)
            assert [(m.span(), m.groupdict()) for m in got.finditer(text)] == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    (entry,) = (folder / "patterns").iterdir()
    entry.write_bytes(entry.read_bytes()[:-5] + b"\x00" * 5)  # damaged: ignored, compiled afresh
    fresh_process()
    assert patterns.compile(*sources[0]).pattern == sources[0][0] and patterns._KEPT._kept == {}
    with pytest.raises(re.error):
        patterns.compile("[unclosed")  # a bad pattern fails as re.compile fails

