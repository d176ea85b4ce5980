"""Bytes or paths -> raw sheets. The only module that touches files.

A raw sheet is a rectangular list of rows of cells exactly as the file holds them (str, float, int, bool,
datetime.date/datetime/time, or None for an empty cell), with 0-based merged ranges, so later stages can
report 1-based spreadsheet row numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ngsp.errors import TrackerError


@dataclass(frozen=True)
class RawSheet:
    """One sheet (or one CSV) as read: ``rows[i][j]`` is the cell at spreadsheet row i+1, column j+1."""

    file: str
    name: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, col0, row1, col1) inclusive


def read_paths(paths: Iterable[str | Path]) -> list[tuple[str, bytes]]:
    """Read files from disk into (display name, bytes) pairs."""
    out = []
    for p in paths:
        p = Path(p)
        try:
            out.append((p.name, p.read_bytes()))
        except FileNotFoundError:
            raise TrackerError(str(p), "no such file: check the path and try again") from None
        except IsADirectoryError:
            raise TrackerError(str(p), "this is a folder: name the tracker files inside it") from None
        except OSError as e:
            raise TrackerError(str(p), f"could not be opened ({e.strerror}): check that you can open it") from None
    return out


def _clean(v: object) -> object:
    if v == "":
        return None
    return v


def read_workbook(name: str, data: bytes) -> list[RawSheet]:
    """Every sheet of a spreadsheet file, or one sheet for a CSV."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    for sheet_name in wb.sheet_names:
        sh = wb.get_sheet_by_name(sheet_name)
        start = sh.start or (0, 0)
        body = sh.to_python(skip_empty_area=False)
        rows = [[_clean(v) for v in r] for r in body]
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (sh.merged_cell_ranges or [])]
        del start
        sheets.append(RawSheet(name, sheet_name, rows, merged))
    return sheets


def read_files(files: Iterable[tuple[str, bytes]]) -> list[RawSheet]:
    """All sheets of all files that together make one tracker."""
    out: list[RawSheet] = []
    for name, data in files:
        out.extend(read_workbook(name, data))
    return out
