"""A raw sheet, and how a parser's rows and merged ranges become one (rectangular, limits checked again)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read.messages import (
    DAMAGED,
    OVERLAP,
    PASSWORD,
    RESAVE,
    check_extent,
    check_workbook,
    col_label,
    too_large,
)


@dataclass(frozen=True)
class RawSheet:
    """One sheet (or one CSV) as read: ``rows[i][j]`` is the cell at spreadsheet row i+1, column j+1."""

    file: str
    name: str
    rows: list[list[object]]
    # (row0, col0, row1, col1), 0-based and inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # cells that could not be read as a value: (row0, col0, kind, as written); see `flag_notes`
    flagged: list[tuple[int, int, str, str]] = field(default_factory=list)
    # The row hierarchy an .xlsx keeps outside its cells, which calamine does not give (Smartsheet and Excel
    # group child rows under their parent): 0-based row -> outline level, for rows above level 0; and
    # (row, column) -> indent of indented non-empty cells. Empty for other formats (see `outline`).
    outline: dict[int, int] = field(default_factory=dict)
    indent: dict[tuple[int, int], int] = field(default_factory=dict)

    @cached_property
    def _across(self) -> dict[int, list[tuple[int, int]]]:
        """Row -> the (first, last) columns of each merged range spanning several columns over that row."""
        out: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for r0, c0, r1, c1 in self.merged:
            if c1 > c0:
                for r in range(
                    r0, min(r1, len(self.rows) - 1) + 1
                ):  # rows past the sheet's last hold nothing
                    out[r].append((c0, c1))
        return out

    def merged_across(self, row: int, col: int) -> bool:
        """Whether the cell lies in a merged range spanning several columns (a heading across a table).

        Looked up by row, so asking for every row of a sheet costs about its merged cells, not rows x merges.
        """
        return any(c0 <= col <= c1 for c0, c1 in self._across.get(row, ()))


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


def overlapping(merged: Iterable[Iterable[int]], rows: int, cols: int) -> bool:
    """Whether merged ranges overlap, told by their area: ranges that do not overlap cover at most the sheet.

    Excel never saves overlapping merges, and filling them would cost merges x rows instead of about the cells.
    """
    area = 0
    for r0, c0, r1, c1 in merged:
        r0, c0, r1, c1 = max(r0, 0), max(c0, 0), min(r1, rows - 1), min(c1, cols - 1)
        if r1 >= r0 and c1 >= c0:
            area += (r1 - r0 + 1) * (c1 - c0 + 1)
    return area > rows * cols


def raw_sheets(
    name: str, parsed: dict, ods_merges: dict[str, list[tuple[int, int, int, int]]]
) -> list[RawSheet]:
    """Raw sheets from `sandbox.calamine_parse`'s result: rectangular, limits checked again, or why not."""
    if "password" in parsed:
        raise TrackerError(name, PASSWORD)
    if "extent" in parsed:
        sheet, rows, cols = parsed["extent"]
        raise TrackerError(name, too_large(f'the sheet "{sheet}"', rows, cols))
    if "total" in parsed:
        check_workbook(name, parsed["total"], 0)
    if "merges" in parsed:
        check_workbook(name, 0, parsed["merges"])
    if "overlap" in parsed:
        raise TrackerError(name, f'the sheet "{parsed["overlap"]}": {OVERLAP}')
    if "error_value" in parsed:
        sheet, value = parsed["error_value"]
        raise TrackerError(
            name,
            f'the sheet "{sheet}" holds a formula error ({value}) written in a way ngsp cannot read: in Excel, '
            f"fix or delete that formula, save a copy and upload that (or {RESAVE})",
        )
    if "sheets" not in parsed:
        raise TrackerError(name, DAMAGED)
    out = []
    cells = merges = 0
    for sheet, body, merged, flagged in parsed["sheets"]:
        rows = rectangle(body)
        n_rows, n_cols = len(rows), len(rows[0]) if rows else 0
        check_extent(name, f'the sheet "{sheet}"', n_rows, n_cols)
        ranges = ods_merges.get(sheet, merged)
        cells, merges = cells + n_rows * n_cols, merges + len(ranges)
        check_workbook(name, cells, merges)
        if overlapping(ranges, n_rows, n_cols):
            raise TrackerError(name, f'the sheet "{sheet}": {OVERLAP}')
        flags = [tuple(f) for f in flagged]
        out.append(RawSheet(name, sheet, rows, clip(tuple(m) for m in ranges), flags))
    return out


_FLAG_WORDS = {
    "error": "{value} (a formula Excel could not work out), read as empty",
    "number": "a number too large to be real ({value}), read as empty",
    "date": f"the date {{value}}, outside the years ngsp reads ({limits.FIRST_YEAR}–{limits.LAST_YEAR}), "
    "not read as a date",
}
_FLAGS_SHOWN = 20


def flag_notes(sheets: Iterable[RawSheet]) -> list[str]:
    """One data-quality note per sheet with cells set aside: which cells, what they held, and what was done."""
    notes = []
    for s in sheets:
        if not s.flagged:
            continue
        shown = "; ".join(
            f"{col_label(c + 1)}{r + 1}: " + _FLAG_WORDS.get(kind, "{value}").format(value=value)
            for r, c, kind, value in s.flagged[:_FLAGS_SHOWN]
        )
        more = len(s.flagged) - _FLAGS_SHOWN
        notes.append(
            f"{s.file} / {s.name}: {len(s.flagged)} cell{'s' if len(s.flagged) > 1 else ''} could not be read "
            f"as a value — {shown}" + (f"; and {more:,} more" if more > 0 else "") + ". Fix them in the "
            "tracker if they matter; the rest of each row was read."
        )
    return notes
