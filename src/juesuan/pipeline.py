"""The pipeline in one place: read → compile → score → narrate → check → write.

Each stage is a plain function over the model, so build, check and audit share them.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import profiles
from .compile import compile_disclosure
from .model import Disclosure
from .profiles import Profile
from .readers.source import read_source


def load_profile(name: str | None, disclosure_profile: str) -> Profile:
    return profiles.load(name or disclosure_profile)


def compile_source(source: Path, profile_name: str | None = None, inputs: Path | None = None) -> tuple[Disclosure, Profile]:
    """Read a build source and compile the complete disclosure (tables, scores, narrative).

    ``inputs``: the preparer's workbook when the source is an official export (narrative inputs)."""
    data, locate = read_source(source, inputs, profile_name)
    profile = load_profile(profile_name, data.meta.profile)
    if profile_name:
        data.meta.profile = profile.id
    if getattr(data.meta, "family", "final") == "budget":
        from .budget_inputs import BudgetData
        from .compile_budget import compile_budget
        from .narrative.budget import generate_budget

        if not isinstance(data, BudgetData):
            from .errors import InputError

            raise InputError.single(str(source), "", "预算公开（family: budget）的示例文件夹应含 budget.yaml（而不是 accounts.yaml）")
        disclosure = compile_budget(data, locate, profile)
        disclosure.source = str(source)
        disclosure.narrative = generate_budget(disclosure, profile, data)
        from .budget_priors import input_priors

        disclosure.priors = input_priors(disclosure, data)
        return disclosure, profile
    disclosure = compile_disclosure(data, locate, profile)
    disclosure.source = str(source)
    finish(disclosure, profile)
    return disclosure, profile


def finish(disclosure: Disclosure, profile: Profile) -> None:
    """Derived content beyond the tables: performance scores, then the narrative that cites them."""
    from . import narrative, performance

    performance.score_all(disclosure, profile)
    if disclosure.origin == "built":
        disclosure.narrative = narrative.generate(disclosure, profile)


def run_checks(disclosure: Disclosure, profile: Profile):
    from .checks import run

    return run(disclosure, profile)


def write_outputs(disclosure: Disclosure, profile: Profile, outdir: Path, stem: str, formats: list[str],
                  notes: list[tuple[str, str]] | None = None) -> tuple[list[Path], dict[str, str]]:
    """Write every format into a temporary folder, then move them into ``outdir`` together.

    A failure in any writer leaves ``outdir`` as it was: nothing half-written. ``notes``, when
    given, receives (format, message) for each thing a writer had to cut to print the model.
    """
    from .atomic import check_folder, output_error

    skipped: dict[str, str] = {}
    check_folder(outdir)
    try:
        return _write_staged(disclosure, profile, outdir, stem, formats, skipped, notes)
    except OSError as exc:
        raise output_error(outdir, exc) from None


def _write_staged(disclosure, profile, outdir: Path, stem: str, formats: list[str], skipped: dict[str, str], notes=None):
    from .writers import WriterUnavailable, get_writer, noting, WRITERS

    with tempfile.TemporaryDirectory(prefix=".juesuan-", dir=outdir) as tmp:
        staged = []
        for fmt in formats:
            spec = WRITERS[fmt]
            target = Path(tmp) / f"{stem}{spec.suffix}"
            try:
                with noting() as said:
                    get_writer(fmt)(disclosure, profile, target)
            except WriterUnavailable as exc:
                skipped[fmt] = str(exc)
                continue
            if notes is not None:
                notes += [(fmt, message) for message in said]
            staged.append(target)
        written = []
        for path in staged:
            final = outdir / path.name
            os.replace(path, final)  # same folder: a rename, each file whole
            written.append(final)
    return written, skipped


def output_stem(source: Path) -> str:
    """Output files are named after the source: the workbook's stem or the folder's name."""
    return (source.stem if source.is_file() else source.resolve().name) or "disclosure"
