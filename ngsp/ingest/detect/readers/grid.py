"""An attendance grid: people (or their organisations) down the side, one column per meeting date across the top,
a mark of presence in the cells."""

from __future__ import annotations

import datetime as dt

from ngsp.ingest import vocab
from ngsp.ingest.detect.header import gridlike
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import people_rows
from ngsp.ingest.detect.seen import PEOPLE_FIELDS, Seen
from ngsp.ingest.detect.table import Table, date_cell

FIELDS = PEOPLE_FIELDS - {"meeting_date", "meeting_type", "team", "attended"}


def _band(row: list[object], cols: list[int], merged, i: int, dayfirst: bool) -> dict[int, str]:
    """The words over each meeting column in one header row above the dates. A band names a run of meetings
    once ("Quarterly Partnership Meeting" over three dates): in a merged cell over them, or, with the merge lost
    (a CSV), in the first column of the run; it holds over the columns to its right until the next word."""
    spans = {c0: c1 for r0, c0, r1, c1 in merged if r0 <= i <= r1 and c1 > c0}
    out: dict[int, str] = {}
    band, until = "", None
    for j in cols:
        v = row[j] if j < len(row) else None
        if isinstance(v, str) and v.strip() and not date_cell(v, dayfirst)[0]:
            band, until = " ".join(v.split()), spans.get(j)
            out[j] = band
        elif v is None and band and (until is None or j <= until) and not (spans and until is None):
            out[j] = band  # under a band (in a sheet with merges, only inside the merge)
        else:
            band, until = "", None
    return out


def grid_meetings(rows, hr, dates, titles, dayfirst, merged=()) -> list[tuple[int, dt.date, str]]:
    """(column, date, label) per meeting column: the label from the cell itself or the header rows above."""
    cols = [j for j, _d, _r in dates]
    bands = [_band(rows[i], cols, merged, i, dayfirst) for i in titles[-3:]]
    out = []
    for j, d, rest in dates:
        parts = [b[j] for b in bands if j in b]
        if rest:
            parts.append(rest)
        out.append((j, d, " ".join(parts)))
    return out


def claim(seen: Seen) -> Table | None:
    rows, hr, dates, titles = seen.rows, seen.hr, seen.dates, seen.titles
    if not (gridlike(rows, hr, dates) and (seen.has_person or "org" in seen.pf)):
        return None
    t = seen.table("grid", f"{len(dates)} meeting dates across the top, people down the side", FIELDS)
    t.grid = grid_meetings(rows, hr, dates, titles, seen.dayfirst, seen.sheet.merged)
    # Meeting types may sit in a row under the dates, before the first person.
    below = []
    for i in range(hr + 1, min(hr + 4, len(rows))):
        r = rows[i]
        named = [
            j for j, _d, _r in dates if j < len(r) and isinstance(r[j], str) and vocab.meeting_type_of(r[j])
        ]
        if not named or len(named) < len(dates) / 2:
            break
        below.append(i)
        labels = {j: " ".join(r[j].split()) for j in named}
        t.grid = [(j, d, (lbl + " " + labels.get(j, "")).strip()) for j, d, lbl in t.grid]
    # Rows above that name or date the meetings (a type row, a row of dates over the labels) are header rows.
    type_rows = {
        i
        for i in titles
        if any(
            isinstance(v, str) or date_cell(v, seen.dayfirst)[0] is not None
            for v in (rows[i][j] if j < len(rows[i]) else None for j, _d, _r in dates)
            if v is not None
        )
    }
    t.header_rows = tuple(sorted(set(t.header_rows) | type_rows | set(below)))
    t.title_rows = tuple(i for i in titles if i not in t.header_rows)
    if seen.legend:
        t.context = {**t.context, "marks": seen.legend}
    return t


def as_kind(seen: Seen) -> Table:
    if not seen.dates:
        return seen.people_as("roster", SAID)
    t = seen.table("grid", SAID, FIELDS)
    t.grid = grid_meetings(seen.rows, seen.hr, seen.dates, seen.titles, seen.dayfirst, seen.sheet.merged)
    if seen.legend:
        t.context = {**t.context, "marks": seen.legend}
    return t


READER = Reader("grid", claim, people_rows, as_kind)
