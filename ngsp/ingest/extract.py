"""Detected tables -> raw records (one dict per data row) and a ledger of every non-blank row.

Each record keeps its source (file, sheet, 1-based row). Every non-blank row becomes a record, structure
(title, header, section, total, legend, note) or a rejected row with its reason: the reader that claimed a
table reads its data rows (``ngsp.ingest.detect.readers``); titles, headers and set-aside sheets are entered here.
"""

from __future__ import annotations

from ngsp.ingest.detect.readers import BY_KIND
from ngsp.ingest.detect.table import Table, filled
from ngsp.ingest.rows import Extracted, fill_vertical_merges

__all__ = ["Extracted", "extract"]


def extract(tables: list[Table], dayfirst: bool) -> Extracted:
    """Walk every table's rows once."""
    ex = Extracted()
    for t in tables:
        rows = t.sheet.rows
        led = ex.ledger
        f, s = t.sheet.file, t.sheet.name
        if t.kind == "set_aside":
            for i, r in enumerate(rows):
                if filled(r):
                    led.append((f, s, i + 1, "set_aside", t.why))
            continue
        t.col_of = {fld: j for j, fld in sorted(t.columns.items(), reverse=True)}
        for j, fld in t.columns.items():
            ex.columns.append((f, s, j, t.headers.get(j, ""), fld, t.how.get(j, "")))
        for i in t.title_rows:
            led.append((f, s, i + 1, "title", ""))
        for i in t.header_rows:
            led.append((f, s, i + 1, "header", ""))
        start = max(t.header_rows) + 1 if t.header_rows else 0
        rows = fill_vertical_merges(rows, t.sheet.merged, start)
        BY_KIND[t.kind].rows(t, rows, start, ex, dayfirst)
    return ex
