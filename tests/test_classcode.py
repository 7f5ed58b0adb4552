"""The methods ``@dataclass`` writes, kept compiled (``juesuan.classcode``): each class gets the
very code ``dataclasses`` compiles, from a fresh cache and from a kept one. Each run is a
process of its own, as the plain audit installs the cache for its own process only."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parent.parent / "src")

PROBE = r'''
import dataclasses, json, marshal, sys
if sys.argv[1] == "kept":
    from juesuan import classcode
    classcode.install()
from dataclasses import dataclass, field
from typing import ClassVar

@dataclass(frozen=True)
class Frozen:
    a: int
    b: str = "x"
    c: tuple = ()

@dataclass(kw_only=True, order=True)
class Ordered:
    x: float
    items: list = field(default_factory=list)
    shared: ClassVar[int] = 3

@dataclass(slots=True, eq=False)
class Slotted:
    """A docstring of its own."""
    n: int = 0

import juesuan.model, juesuan.identities, juesuan.checks.engine  # the project's own, as an audit makes them
classes = [Frozen, Ordered, Slotted] + [c for m in (juesuan.model, juesuan.identities, juesuan.checks.engine)
                                         for c in vars(m).values() if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == m.__name__]
out = {}
for cls in classes:
    methods = {}
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__"):
        fn = vars(cls).get(name)
        if fn is not None and hasattr(fn, "__code__"):
            methods[name] = marshal.dumps(fn.__code__).hex()
    out[f"{cls.__module__}.{cls.__qualname__}"] = [methods, cls.__doc__]
f = Frozen(1)
try:
    f.a = 2
except dataclasses.FrozenInstanceError as e:
    said = str(e)
out["behaviour"] = [repr(f), hash(f) == hash(Frozen(1)), repr(Ordered(x=1.0)), Ordered(x=1.0) < Ordered(x=2.0), said, repr(Slotted(2))]
if sys.argv[1] == "kept":
    out["new"] = len(classcode._KEPT._new)
print(json.dumps(out))
'''


def _probe(mode: str, cache: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": SRC, "JUESUAN_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_kept_methods_are_the_ones_dataclasses_compiles(tmp_path):
    cache = tmp_path / "缓存 folder"
    plain = _probe("plain", cache)
    first = _probe("kept", cache)  # compiled here, kept at exit
    again = _probe("kept", cache)  # read back
    assert first.pop("new") > 50 and again.pop("new") == 0
    assert plain == first == again
    assert len(plain) > 40  # the project's classes were compared, not only the three above


def test_a_damaged_cache_costs_only_time(tmp_path):
    cache = tmp_path / "cache"
    plain = _probe("plain", cache)
    _probe("kept", cache)
    for kept in (cache / "classcode").iterdir():
        kept.write_bytes(kept.read_bytes()[:-7] + b"\x00" * 7)
    damaged = _probe("kept", cache)
    assert damaged.pop("new") > 50 and damaged == plain


def test_only_source_text_goes_through_the_cache():
    from juesuan import classcode

    namespace: dict = {}
    code = compile("y = 2", "<t>", "exec")
    classcode._exec(code, namespace)  # a code object: exec's own business
    assert namespace["y"] == 2

    def run():
        inner, box = 7, {}  # noqa: F841 - read by the exec below through the caller's namespace
        classcode._exec("box['v'] = inner")
        return box

    assert run() == {"v": 7}  # no namespace given: the caller's, as exec's, not classcode's
