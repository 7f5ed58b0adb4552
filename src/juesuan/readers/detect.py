"""Which template a published document follows, judged from the document itself."""
from __future__ import annotations

from .. import profiles
from ..profiles import Profile
from .grid import DocGrid
from .normalize import compact


def score(text: str, profile: Profile) -> float:
    """Share of the profile's identifying phrases, table titles and narrative headings present.

    The detect phrases weigh double: they are what tells two templates apart (公开10表 exists
    only in Shanxi's set; 部门决算单位构成 only in Shanghai's).
    """
    phrases = [compact(p) for p in profile.detect]
    titles = [compact(t.title) for t in profile.tables]
    sections = [compact(s["title"]).split("、", 1)[-1] for s in profile.narrative.sections]
    found = 2 * sum(p in text for p in phrases) + sum(t in text for t in titles) + sum(s in text for s in sections)
    total = 2 * len(phrases) + len(titles) + len(sections)
    return found / total if total else 0.0


def detect(grid: DocGrid) -> tuple[Profile, float]:
    """The best-matching built-in profile and its score (0–1)."""
    text = "".join(compact(ln.text) for ln in grid.lines)
    best: tuple[Profile, float] | None = None
    for name in profiles.available():
        p = profiles.load(name)
        s = score(text, p)
        if best is None or s > best[1]:
            best = (p, s)
    if best is None:  # pragma: no cover - the package ships profiles
        raise RuntimeError("no profiles")
    return best
