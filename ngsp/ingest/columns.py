"""Every column of every sheet read, used or not, with a few of its values: what a convener picks from when a
column was misread or missed ("the column 'Site' holds the organisation"), and which sheets share a header so
one correction can be offered for all of them ("apply to the 3 yearly sheets")."""

from __future__ import annotations

import pandas as pd

from ngsp.core.corrections import Corrections
from ngsp.ingest.dates import find_date
from ngsp.ingest.detect import cell_text, detect_sheet
from ngsp.ingest.pipeline import Detected
from ngsp.ingest.read.messages import col_label
from ngsp.ingest.vocab import norm

SAMPLE_ROWS = 200  # rows under a header looked at for sample values
SAMPLES = 3  # distinct sample values shown beside a column
SAMPLE_CHARS = 28  # a longer value is cut, so a choice list stays one line

COLUMNS = ["source_file", "source_sheet", "column", "header", "field", "samples", "header_id"]


def column_letter(j: int) -> str:
    """A 0-based column number as Excel names it: 0 -> A, 27 -> AB (as openpyxl names it, without importing
    openpyxl on every load)."""
    return col_label(j + 1)


def _tables(detected: Detected, corrections: Corrections | None):
    """The tables as the build reads them: the sheets a correction speaks of detected again with it."""
    corr = corrections or Corrections()
    said = {s for s, _k in corr.sheet_kinds} | {s for s, _h, _f in corr.columns}
    for s in detected.sheets:
        if s.name in said:
            yield from detect_sheet(s, detected.dayfirst, corr.kind_of(s.name), corr.columns_of(s.name))
        else:
            yield from (t for t in detected.tables if t.sheet is s)


def _samples(rows, j: int) -> str:
    seen: list[str] = []
    for r in rows:
        v = cell_text(r[j]) if j < len(r) else ""
        if v and v not in seen:
            seen.append(v if len(v) <= SAMPLE_CHARS else v[: SAMPLE_CHARS - 1] + "…")
            if len(seen) == SAMPLES:
                break
    return " · ".join(seen)


def every_column(detected: Detected, corrections: Corrections | None = None) -> pd.DataFrame:
    """One row per headed column of every sheet with a header row: where it is, its header as written, what ngsp
    takes it as with these corrections ("" for nothing), a few sample values, and ``header_id``, the sheet's
    header words (sheets with the same header share it). A grid's meeting columns (a date as header) are
    meetings, not columns to correct, and are left out."""
    out, done = [], set()
    for t in _tables(detected, corrections):
        if t.header_row < 0 or t.kind == "set_aside" or (t.sheet.file, t.sheet.name) in done:
            continue
        done.add((t.sheet.file, t.sheet.name))
        header = t.sheet.rows[t.header_row]
        body = t.sheet.rows[t.header_row + 1 : t.header_row + 1 + SAMPLE_ROWS]
        named = [(j, t.headers.get(j) or cell_text(v)) for j, v in enumerate(header)]
        named = [(j, h) for j, h in named if h and find_date(h, detected.dayfirst)[0] is None]
        header_id = " | ".join(norm(h) for _j, h in named)
        for j, h in named:
            out.append(
                {
                    "source_file": t.sheet.file,
                    "source_sheet": t.sheet.name,
                    "column": column_letter(j),
                    "header": h,
                    "field": t.columns.get(j, ""),
                    "samples": _samples(body, j),
                    "header_id": header_id,
                }
            )
    return pd.DataFrame(out, columns=COLUMNS)


def like_sheets(columns: pd.DataFrame, sheet: str) -> list[str]:
    """The sheets with the same header as ``sheet`` (itself first), from ``every_column``."""
    ids = columns.loc[columns["source_sheet"] == sheet, "header_id"]
    if ids.empty:
        return []
    same = columns.loc[columns["header_id"] == ids.iloc[0], "source_sheet"]
    return [sheet, *(s for s in dict.fromkeys(same) if s != sheet)]
