"""A dashboard or summary sheet in front of the data: headline figures beside their labels ("Businesses | 14",
often formulas whose cached values are what ngsp reads) and pivot tables ("Row Labels | Count of Name" down to
"Grand Total"). What it shows is worked out from the other sheets, so none of its rows is a partner, a person or
a meeting: the sheet is set aside with its reason, each row on the data-quality report.

Told by its values, not its words: a pivot is a column of labels (names, dates) beside a column of counts that
ends in a total row whose number is the sum of the counts above it; a headline figure is a row of a label and a
number alone. A sheet is a dashboard when such blocks make most of what it holds and it has two of them at least
(two pivots, or a pivot and headline figures), so a table of funders with its own total stays a funding sheet.
"""

from __future__ import annotations

import re

from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, filled
from ngsp.ingest.detect.values import PROFILE_ROWS, SOME
from ngsp.ingest.rows import Extracted, is_total_label

MIN_PIVOT_ROWS = 2  # labelled counts above a total before they make a pivot
MIN_HEADLINES = 2  # label-and-number rows beside a single pivot before a sheet is a dashboard
_NUMBER = re.compile(r"^-?\d[\d,]*(\.\d+)?$")

WHY = (
    "a dashboard: figures and pivot tables worked out from the other sheets (a total that is the sum of the "
    "counts above it), not partners, meetings or attendance"
)


def _number(v: object) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str) and _NUMBER.match(v.strip()):
        return float(v.strip().replace(",", ""))
    return None


def _cell(rows, i: int, j: int) -> object:
    row = rows[i]
    return row[j] if j < len(row) else None


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def pivots(rows: list[list[object]]) -> list[tuple[int, int, int]]:
    """(label column, first row, total row) of each pivot: labels over counts (whole numbers) ending in a total
    row whose number is their sum; the row above the counts (its header) is the first row."""
    out = []
    for i, row in enumerate(rows[:PROFILE_ROWS]):
        for c in filled(row):
            v = row[c]
            if not (isinstance(v, str) and is_total_label(v)):
                continue
            total = _number(_cell(rows, i, c + 1))
            if total is None:
                continue
            counts, k = [], i - 1
            while k >= 0 and not _blank(_cell(rows, k, c)):
                n = _number(_cell(rows, k, c + 1))
                if n is None:
                    break
                counts.append(n)
                k -= 1
            whole = all(float(n).is_integer() and n >= 0 for n in counts)
            if len(counts) >= MIN_PIVOT_ROWS and whole and abs(sum(counts) - total) < 0.5:
                out.append((c, k if k >= 0 and not _blank(_cell(rows, k, c)) else k + 1, i))
    return out


def _headlines(rows: list[list[object]]) -> list[int]:
    """Rows of a label and a number alone ("Meetings held | 51"), in a pivot or not."""
    out = []
    for i, row in enumerate(rows[:PROFILE_ROWS]):
        cols = filled(row)
        if len(cols) == 2 and cols[1] == cols[0] + 1:
            if (
                isinstance(row[cols[0]], str)
                and _number(row[cols[0]]) is None
                and _number(row[cols[1]]) is not None
            ):
                out.append(i)
    return out


def is_dashboard(rows: list[list[object]]) -> bool:
    """Whether pivots and headline figures make most of what the sheet holds (see the module's docstring)."""
    if not any(
        isinstance(v, str) and is_total_label(v) for r in rows[:PROFILE_ROWS] for v in r if v is not None
    ):
        return False  # no total anywhere: the cheap test that lets every other sheet through at once
    found = pivots(rows)
    covered: set[tuple[int, int]] = set()
    for c, r0, r1 in found:
        covered |= {(i, j) for i in range(r0, r1 + 1) for j in (c, c + 1)}
    heads = [i for i in _headlines(rows) if not any((i, j) in covered for j in filled(rows[i]))]
    if not found or (len(found) < 2 and len(heads) < MIN_HEADLINES):
        return False
    for i in heads:
        covered |= {(i, j) for j in filled(rows[i])}
    cells = [(i, j) for i, r in enumerate(rows[:PROFILE_ROWS]) if len(filled(r)) > 1 for j in filled(r)]
    return bool(cells) and sum(x in covered for x in cells) >= SOME * len(cells)


def claim(seen: Seen) -> Table | None:
    return Table(seen.sheet, "set_aside", WHY) if is_dashboard(seen.rows) else None


def _as_kind(seen: Seen) -> Table:
    return Table(seen.sheet, "set_aside", f"{SAID}: a dashboard, worked out from the other sheets")


def _rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    """Never called: a dashboard's table is set aside, and extraction enters set-aside rows itself."""
    for i, r in enumerate(rows):
        if filled(r):
            ex.ledger.append((t.sheet.file, t.sheet.name, i + 1, "set_aside", t.why))


READER = Reader("dashboard", claim, _rows, _as_kind)
