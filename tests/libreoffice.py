"""LibreOffice (headless) for the workbook tests: convert, and recalculate every formula on load."""
from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# Recalculate formulas when loading xlsx (LibreOffice's default keeps the saved results).
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice(args: list[str], profile: Path, recalc: bool = False) -> subprocess.CompletedProcess:
    """Run LibreOffice with a private user profile (a shared one would clash with other runs)."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    if recalc:
        (user / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    return subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
                          capture_output=True, text=True, timeout=300)


def recalculated(path: Path, tmp: Path) -> Path:
    """A copy of the workbook whose every formula result is LibreOffice's own: the saved results are
    dropped (openpyxl keeps formulas, not results), then LibreOffice recalculates on load and saves."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    bare = tmp / "bare" / path.name
    bare.parent.mkdir(parents=True, exist_ok=True)
    wb.save(bare)
    out = tmp / "recalc"
    result = soffice(["--convert-to", "xlsx", "--outdir", str(out), str(bare)], tmp / "lo", recalc=True)
    assert result.returncode == 0, result.stderr
    return out / path.name
