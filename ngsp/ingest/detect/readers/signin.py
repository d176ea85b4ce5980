"""One meeting's sign-in sheet: the people who came, the meeting named in title lines or the sheet's name."""

from __future__ import annotations

from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date, find_date_without_year, year_in
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import people_rows
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.detect.titles import signin_context


def signin_meeting(seen: Seen) -> dict:
    """The meeting of a sign-in sheet: from its title lines, else its sheet's name. A title line may give the
    date without its year ("April 20 Pre-Apprenticeship Action Team") on a sheet or in a file named by year."""
    sheet_date, sheet_rest = find_date(seen.sheet.name, seen.dayfirst)
    return signin_context(_titled(seen, sheet_date), seen.sheet.name, sheet_date, sheet_rest)


def _titled(seen: Seen, sheet_date) -> dict:
    """What the title lines say of the meeting, a date without its year taking the sheet's or the file's."""
    ctx = seen.ctx
    years = [y for y in (year_in(seen.sheet.name), year_in(seen.sheet.file)) if y]
    if not ctx.get("date") and not sheet_date and years:
        for i in reversed([i for i in seen.titles if i not in seen.header_rows]):
            line = " ".join(cell_text(seen.rows[i][j]) for j in filled(seen.rows[i]))
            d, rest = find_date_without_year(line, years, seen.dayfirst)
            if d is not None and vocab.meeting_type_of(rest):
                return {**ctx, "date": d, "label": rest}
    return ctx


def claim(seen: Seen) -> Table | None:
    if not seen.has_person:
        return None
    sheet_date, _rest = find_date(seen.sheet.name, seen.dayfirst)
    ctx = _titled(seen, sheet_date)
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
