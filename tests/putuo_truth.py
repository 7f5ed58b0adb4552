"""The hand-checked cells of the Putuo PDF (tests/fixtures/putuo-tables.json), compared with a
read disclosure: shared by every reader that must read that document cell for cell."""
from __future__ import annotations

import json
from decimal import Decimal

from conftest import ROOT


def cells_checked(disclosure) -> int:
    """Assert every table, row and cell equals the truth; return the number of cells compared."""
    truth = json.loads((ROOT / "tests" / "fixtures" / "putuo-tables.json").read_text(encoding="utf-8"))
    checked = 0
    for tid, t in truth["tables"].items():
        table = disclosure.table(tid)
        assert table is not None and table.present, tid
        assert {r.key for r in table.rows} == {r["key"] for r in t["rows"]}, tid
        for row in t["rows"]:
            got = table.row(row["key"])
            for col, v in row["values"].items():
                assert got.values.get(col, "absent") == (None if v is None else Decimal(v)), (tid, row["key"], col)
                checked += 1
    return checked
