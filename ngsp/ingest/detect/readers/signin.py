"""One meeting's sign-in sheet: the people who came, the meeting named in title lines or the sheet's name."""

from __future__ import annotations

from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import people_rows
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table
from ngsp.ingest.detect.titles import signin_context


def signin_meeting(seen: Seen) -> dict:
    """The meeting of a sign-in sheet: from its title lines, else its sheet's name."""
    sheet_date, sheet_rest = find_date(seen.sheet.name, seen.dayfirst)
    return signin_context(seen.ctx, seen.sheet.name, sheet_date, sheet_rest)


def claim(seen: Seen) -> Table | None:
    if not seen.has_person:
        return None
    ctx = seen.ctx
    sheet_date, _rest = find_date(seen.sheet.name, seen.dayfirst)
    if not (ctx.get("date") or sheet_date or (ctx.get("label") and vocab.meeting_type_of(str(ctx["label"])))):
        return None
    why = "a sign-in sheet for one meeting" + (
        " (meeting named in the title lines)"
        if ctx.get("date") or ctx.get("label")
        else " (meeting named in the sheet's name)"
    )
    return seen.people_as("signin", why, context=signin_meeting(seen))


READER = Reader(
    "signin", claim, people_rows, lambda seen: seen.people_as("signin", SAID, context=signin_meeting(seen))
)
