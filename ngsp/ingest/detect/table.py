"""A detected table, and the small cell helpers every reader shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ngsp.ingest.dates import find_date, to_date
from ngsp.ingest.read import RawSheet


@dataclass
class Table:
    """One detected table of a sheet."""

    sheet: RawSheet
    kind: str
    why: str
    header_row: int = -1  # 0-based index of the (last) header row; -1 when none
    header_rows: tuple[int, ...] = ()  # every header row (two-row headers, type rows of a grid)
    title_rows: tuple[int, ...] = ()
    columns: dict[int, str] = field(default_factory=dict)  # column -> field
    headers: dict[int, str] = field(default_factory=dict)  # column -> header text as written
    how: dict[int, str] = field(default_factory=dict)  # column -> how the field was recognised
    context: dict[str, object] = field(default_factory=dict)  # meeting of a sign-in sheet, priority of a plan
    grid: list[tuple[int, dt.date, str]] = field(default_factory=list)  # (column, date, label) of a grid
    col_of: dict[str, int] = field(default_factory=dict)  # field -> column, set when the rows are read


def cell_text(v: object) -> str:
    """A cell as one line of text ("" for empty)."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date().isoformat()
    return " ".join(str(v).split())


def filled(row: list[object]) -> list[int]:
    """Columns of a row that hold something."""
    return [
        j for j, v in enumerate(row) if v is not None and (v.__class__ is not str or v and not v.isspace())
    ]


def date_cell(v: object, dayfirst: bool) -> tuple[dt.date | None, str]:
    """(the date a cell holds or names, the rest of its text): "6/5/24 Quarterly" -> (2024-06-05, "Quarterly")."""
    if isinstance(v, dt.datetime | dt.date):
        return to_date(v), ""
    if isinstance(v, str):
        d, rest = find_date(" ".join(v.split()), dayfirst)
        if d is not None:
            return d, rest
        d = to_date(v, dayfirst)
        if d is not None:
            return d, ""
    return None, ""
