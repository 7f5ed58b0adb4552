"""Small PDFs the tests make on the spot."""
from __future__ import annotations

from pathlib import Path

import pytest


def encrypted_pdf(path: Path) -> Path:
    """A one-line PDF locked with an open password (pdfium cannot read it without one)."""
    pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "2024")
    c.save()
    return path
