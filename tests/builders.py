"""Tiny test inputs built in code: a workbook from lists of rows."""

from __future__ import annotations

import io

from openpyxl import Workbook


def xlsx_bytes(sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> bytes:
    """An .xlsx whose sheets hold the given rows (None for an empty cell); merged ranges like 'A3:E3'."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(list(r))
            for c in ws[ws.max_row]:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.data_type = "s"  # text that looks like a formula stays text, as in a real tracker
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def load(sheets: dict[str, list[list[object]]], merged=None, name: str = "tracker.xlsx", corrections=None):
    """The canonical tracker of a workbook built from rows."""
    from ngsp.ingest.pipeline import load_files

    return load_files([(name, xlsx_bytes(sheets, merged))], corrections=corrections)
