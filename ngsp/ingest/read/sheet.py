"""A raw sheet, and how a parser's rows and merged ranges become one (rectangular, limits checked again)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read.messages import DAMAGED, PASSWORD, check_extent, too_large


@dataclass(frozen=True)
class RawSheet:
    """One sheet (or one CSV) as read: ``rows[i][j]`` is the cell at spreadsheet row i+1, column j+1."""

    file: str
    name: str
    rows: list[list[object]]
    # (row0, col0, row1, col1), 0-based and inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def rectangle(rows: list[list[object]]) -> list[list[object]]:
    """Rows padded to one width, without trailing empty rows and columns; leading ones are kept."""
    width = max((len(r) for r in rows), default=0)
    rows = [r + [None] * (width - len(r)) if len(r) < width else r for r in rows]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    while width and all(r[width - 1] is None for r in rows):
        width -= 1
    return [r[:width] for r in rows] if rows and width < len(rows[0]) else rows


def clip(merged: Iterable[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the sheet limits (a merge over A1:XFD1048576 must not reach later stages)."""
    last_row, last_col = limits.MAX_SHEET_ROWS - 1, limits.MAX_SHEET_COLS - 1
    return [
        (r0, c0, min(r1, last_row), min(c1, last_col))
        for r0, c0, r1, c1 in merged
        if 0 <= r0 <= min(r1, last_row) and 0 <= c0 <= min(c1, last_col)
    ]


def raw_sheets(
    name: str, parsed: dict, ods_merges: dict[str, list[tuple[int, int, int, int]]]
) -> list[RawSheet]:
    """Raw sheets from `calamine_parse`'s result: empty text -> None, rectangular, limits checked again."""
    if "password" in parsed:
        raise TrackerError(name, PASSWORD)
    if "extent" in parsed:
        sheet, rows, cols = parsed["extent"]
        raise TrackerError(name, too_large(f'the sheet "{sheet}"', rows, cols))
    if "sheets" not in parsed:
        raise TrackerError(name, DAMAGED)
    out = []
    for sheet, body, merged in parsed["sheets"]:
        rows = rectangle([[None if v == "" else v for v in r] if "" in r else r for r in body])
        check_extent(name, f'the sheet "{sheet}"', len(rows), len(rows[0]) if rows else 0)
        ranges = ods_merges.get(sheet, merged)
        out.append(RawSheet(name, sheet, rows, clip(tuple(m) for m in ranges)))
    return out
