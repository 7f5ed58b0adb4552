"""juesuan 决算: build, check and audit Chinese departmental final-accounts disclosures."""

__version__ = "0.1.0"
