"""A long attendance log: one row per person per meeting, the meeting's date and name perhaps only on its first row."""

from __future__ import annotations

from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import people_rows
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table


def claim(seen: Seen) -> Table | None:
    meet = seen.pf & {"meeting_date", "meeting_type"}
    if not (seen.has_person and meet):
        return None
    people = seen.people
    why = (
        "one row per person per meeting (columns: "
        + ", ".join(people.headers[j] for j, f in people.columns.items() if f in meet)
        + ")"
    )
    return seen.people_as("attendance_log", why, context=_with_legend(seen))


def _with_legend(seen: Seen) -> dict:
    return {**seen.ctx, "marks": seen.legend} if seen.legend else seen.ctx


READER = Reader(
    "attendance_log",
    claim,
    people_rows,
    lambda seen: seen.people_as("attendance_log", SAID, context=_with_legend(seen)),
)
