"""The model's and the profiles' classes are dataclasses (``juesuan.record``) that validate and
serialise as pydantic models did, and a cold audit imports no pydantic."""
from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import corpus_file
from juesuan.model import Disclosure, NarrativeGap, NarrativeSection, Row, SourceLoc
from juesuan.profiles import Vocabulary
from juesuan.readers.validation import describe_error

SRC = str(Path(__file__).resolve().parents[1] / "src")


def test_a_record_made_directly_converts_its_amounts_as_validation_does():
    row = Row(key="2010101", values={"决算数": "1,234.565", "年初": None}, exact={"决算数": "1234.5649"})
    assert row.values == {"决算数": Decimal("1234.57"), "年初": None}  # 四舍五入 to the cent
    assert row.exact == {"决算数": Decimal("1234.5649")}
    assert Row.model_validate({"key": "2010101", "values": {"决算数": "1,234.565"}}).values == {"决算数": Decimal("1234.57")}


def test_a_float_amount_is_refused_when_made_and_when_validated():
    with pytest.raises(ValueError, match="浮点数"):
        Row(key="a", values={"决算数": 1.5})
    with pytest.raises(ValidationError):
        Row.model_validate({"key": "a", "values": {"决算数": 1.5}})


def test_unknown_and_missing_keys_are_refused_and_worded_in_chinese():
    with pytest.raises(ValidationError) as caught:
        Disclosure.model_validate({"meta": {"department": "某局", "year": 2024, "profile": "shanxi", "拼错": 1}})
    (err,) = caught.value.errors()
    assert err["loc"] == ("meta", "拼错") and describe_error(err) == "无法识别的字段（请检查拼写）"
    with pytest.raises(ValidationError) as caught:
        Disclosure.model_validate({"meta": {"department": "某局", "year": 2024}})
    assert [describe_error(e) for e in caught.value.errors()] == ["缺少必填项"]
    with pytest.raises(ValidationError) as caught:
        Disclosure.model_validate({"meta": 3})
    assert describe_error(caught.value.errors()[0]) == "格式不对：这里应是一组“名称: 值”"


def test_json_round_trip_keeps_amounts_as_text_and_omits_a_complete_sections_gaps():
    done = NarrativeSection(key="total", title="总体情况", paragraphs=["收入合计1.00万元。"], locs=[SourceLoc(page=3, line=2)])
    gap = NarrativeSection(key="three", title="三公", paragraphs=["【待补充】"], gaps=[NarrativeGap(key="reasons.x", label="原因")])
    assert "gaps" not in done.model_dump(mode="json") and gap.model_dump(mode="json")["gaps"] == [{"key": "reasons.x", "label": "原因"}]
    row = Row(key="a", values={"决算数": "5"})
    assert row.model_dump(mode="json")["values"] == {"决算数": "5.00"}
    assert Row.model_validate_json(row.model_dump_json()) == row


def test_copy_update_and_private_inputs_are_not_fields():
    loc = SourceLoc(page=1)
    moved = loc.model_copy(update={"page": 2})
    assert (loc.page, moved.page) == (1, 2)
    assert list(SourceLoc.model_fields) == ["file", "page", "line", "sheet", "cell"]
    built = Disclosure.model_construct(meta=None)
    assert built.input_cell(("x",)) == ""  # no source located yet


def test_a_vocabulary_refuses_a_broken_pattern_at_its_field():
    with pytest.raises(ValidationError) as caught:
        Vocabulary.model_validate({"usage": ["主要用于("]})
    (err,) = caught.value.errors()
    assert err["loc"] == ("usage",) and "不是有效的正则表达式" in describe_error(err)


def test_a_cold_audit_imports_no_pydantic(tmp_path):
    """Reading and checking a document validates nothing: pydantic (~0.1 s to import) stays out."""
    seed = corpus_file("datong-housing-2024.txt")
    code = ("import sys; sys.argv = ['juesuan', 'audit', sys.argv[1], '--format', 'json', '-o', sys.argv[2]]\n"
            "from juesuan.entry import main\n"
            "import atexit; atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith('pydantic')), file=sys.stderr))\n"
            "main()")
    env = {**os.environ, "PYTHONPATH": SRC, "JUESUAN_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the first run validates the profiles and keeps them; the second reads them back
        done = subprocess.run([sys.executable, "-c", code, str(seed), str(tmp_path / "r.json")], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
