"""Text a spreadsheet would take for a formula, and the one way ngsp writes a CSV: with none left live.

A CSV download is opened in Excel like a workbook: a cell reading =cmd|' /C calc'!A0, -2+3+cmd|..., @SUM(...)
or one starting with a tab or carriage return runs as a formula there. Every CSV ngsp offers goes through
`csv_bytes`, which puts an apostrophe before such text (the usual neutralisation: Excel shows the text, the
apostrophe hidden); the clean workbook keeps the same text as string cells (ngsp.export._xlsx).
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text starting with one of these is read as a formula by a spreadsheet (or by one opening a CSV of it)."""


def neutralise(value: object) -> object:
    """Text that would start a formula, with an apostrophe before it; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV (with a byte-order mark so Excel opens accents correctly), no formula left live
    in a cell or a header. Numbers stay numbers: -5 is a number, not a formula."""
    text = df.select_dtypes(include=["object", "string"]).columns
    safe = df.assign(**{c: df[c].map(neutralise) for c in text}) if len(text) and len(df) else df
    safe = safe.rename(columns=lambda c: neutralise(str(c)))
    # Rows end in CRLF (RFC 4180), so the csv writer quotes any cell holding a CR or LF: a bare carriage
    # return would start a new row in Excel, and the rest of the cell (=1+cmd|...) a cell no apostrophe guards.
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
