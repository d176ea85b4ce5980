"""Several sign-in blocks stacked on one sheet, one per meeting, each under its own title line ("Tuesday, March 5
— Quarterly partnership meeting"), perhaps with the header repeated and a headcount line after each block.

A title line may give the date without its year ("Tue 3/5"): the year is the sheet's ("2024 Q1", "FY25"), else
the file's, the weekday, when written, settling which.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ngsp.ingest.dates import find_date, find_date_without_year, to_date, year_in
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import people_rows
from ngsp.ingest.detect.readers.signin import signin_meeting
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.names import name_kind
from ngsp.ingest.rows import Extracted, classify_structure

_DATES_THE_FILE = re.compile(r"\b(updated|as of|revised|printed|prepared|generated|saved|edited)\b", re.I)
TITLE_MAX_CELLS = 2  # a block's title line holds the date and the meeting's name, in one cell or two
YEARS_BACK = 15  # years before this one a date without its year may fall in when nothing else says


def _years(seen: Seen) -> list[int]:
    """The years a date written without one may take: the sheet's, the file's; else this year and the ones
    before it (meetings signed in for have happened), then next year, the weekday, when written, settling which."""
    said = [y for y in (year_in(seen.sheet.name), year_in(seen.sheet.file)) if y]
    if said:
        return said
    now = dt.date.today().year
    return [*range(now, now - YEARS_BACK, -1), now + 1]


def _title(seen: Seen, t: Table | None, i: int, years: list[int]) -> tuple[dt.date, str] | None:
    """(date, meeting name) when row i is a block's title line, else None."""
    row = seen.rows[i]
    cols = filled(row)
    if not cols or len(cols) > TITLE_MAX_CELLS:
        return None
    texts = [cell_text(row[j]) for j in cols]
    person_cols = {j for j, f in seen.people.columns.items() if f in ("person", "first_name", "last_name")}
    if len(cols) > 1 and any(
        j in person_cols and name_kind(x) == "person" for j, x in zip(cols, texts, strict=True)
    ):
        return None  # somebody's row with a date beside their name
    cols_of = seen.people.columns
    if len(cols) > 1 and any(
        cols_of.get(j) not in (None, "person", "first_name", "last_name")
        and (isinstance(row[j], dt.date) or to_date(cell_text(row[j]), seen.dayfirst) is not None)
        for j in cols
    ):
        return None  # a date in a column of phones or addresses: a data row with an odd cell, not a title
    if t is not None and classify_structure(t, row, i, cols) in ("total", "header"):
        return None
    text = " ".join(texts)
    if _DATES_THE_FILE.search(text):
        return None  # "Last updated 3/5/2025" dates the sheet, not a meeting
    d, rest = find_date(text, seen.dayfirst)
    if d is None:
        if any(isinstance(row[j], dt.date) for j in cols):
            d, rest = (
                next(row[j] for j in cols if isinstance(row[j], dt.date)),
                " ".join(x for j, x in zip(cols, texts, strict=True) if not isinstance(row[j], dt.date)),
            )
            d = d.date() if isinstance(d, dt.datetime) else d
        else:
            d, rest = find_date_without_year(text, years, seen.dayfirst)
    if d is None:
        return None
    return d, rest


def titles_below(seen: Seen, t: Table | None = None) -> list[tuple[int, dt.date, str]]:
    """(row, date, meeting name) of each block's title line under the header: a title line with people under
    it (a date on the last line of a sheet is no block's)."""
    years = _years(seen)
    rows = seen.rows
    out = []
    for i in range(seen.hr + 1, len(rows)):
        found = _title(seen, t, i, years)
        if found is None:
            continue
        after = [k for k in range(i + 1, min(i + 4, len(rows))) if filled(rows[k])]
        if any(len(filled(rows[k])) >= 2 for k in after):
            out.append((i, *found))
    return out


def _first_meeting(seen: Seen) -> dict:
    """The meeting named above the header, its date perhaps written without the year."""
    first = signin_meeting(seen)
    if not first.get("date"):
        years = _years(seen)
        for i in reversed(seen.titles):
            found = _title(seen, None, i, years)
            if found is not None:
                return {**first, "date": found[0], "label": found[1] or first.get("label", "")}
    return first


def claim(seen: Seen) -> Table | None:
    if not seen.has_person or seen.pf & {"meeting_date", "meeting_type"}:
        return None
    t = seen.people_as("signin_blocks", "")
    blocks = titles_below(seen, t)
    if not blocks:
        return None
    # People between the header and the first title line belong to the meeting named above the header.
    first = _first_meeting(seen)
    rows = seen.rows
    filled_between = lambda lo, hi: sum(1 for r in rows[lo:hi] if filled(r))  # noqa: E731
    ends = [b[0] for b in blocks[1:]] + [len(rows)]
    if not any(filled_between(i + 1, end) for (i, _d, _l), end in zip(blocks, ends, strict=True)):
        return None  # a date line under the last person opens no block: a roster with a stray line
    if not first.get("date") and filled_between(seen.hr + 1, blocks[0][0]):
        return None  # people under a header that names no meeting are a roster, not a meeting's sign-in
    t.why = f"{len(blocks) + (1 if first.get('date') else 0)} sign-in blocks stacked on one sheet, one per meeting"
    t.context = {**first, "blocks": blocks}
    return t


def as_kind(seen: Seen) -> Table:
    t = seen.people_as("signin_blocks", SAID)
    t.context = {**_first_meeting(seen), "blocks": titles_below(seen, t)}
    return t


def block_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    """Each block's people as a sign-in sheet of its own meeting; title lines go to the ledger as titles."""
    blocks = t.context.get("blocks", [])
    f, s = t.sheet.file, t.sheet.name
    bounds = [
        (start, blocks[0][0] if blocks else len(rows), {k: v for k, v in t.context.items() if k != "blocks"})
    ]
    for n, (i, d, label) in enumerate(blocks):
        stop = blocks[n + 1][0] if n + 1 < len(blocks) else len(rows)
        bounds.append((i + 1, stop, {"date": d, "label": label, "sheet_label": "", "location": ""}))
        ex.ledger.append((f, s, i + 1, "title", f"meeting: {label or d.isoformat()}"))
    for lo, hi, meeting in bounds:
        if lo < hi:
            people_rows(dataclasses.replace(t, kind="signin", context=meeting), rows[:hi], lo, ex, dayfirst)


READER = Reader("signin_blocks", claim, block_rows, as_kind)
