"""Registration exports (Eventbrite's attendee summary and its like): one row per ticket holder, with a status.

Only a check-in proves somebody came: "Checked In" (or "Attended") is an attendance; "Attending" or
"Registered" is a registration, kept apart and counted on the data-quality page; "Not Attending", "Deleted",
"Refunded" and "Cancelled" are neither. The event's date is not in the export: it comes from the file's name,
else the convener gives it (a correction).
"""

from __future__ import annotations

import re

from ngsp.ingest import vocab
from ngsp.ingest.detect.readers.attendees import Attendees, address, emit
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.reports import (
    REPORT_SCAN_ROWS,
    WHO_ROLES,
    date_in_name,
    header_role,
    is_stamp,
    share,
    title_from_name,
)
from ngsp.ingest.detect.seen import Seen, nonblank_rows
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.rows import Extracted

KIND = "registrations"

_CAME = re.compile(r"checked ?in|check ?in|attended|present|showed|scanned|redeemed", re.IGNORECASE)
_GONE = re.compile(
    r"not attending|deleted|refund|cancel|transferred|declin|no ?show|absent|void", re.IGNORECASE
)
_BOOKED = re.compile(
    r"attending|registered|confirmed|going|booked|rsvp|waitlist|pending|approved", re.IGNORECASE
)
_TICKETING = re.compile(r"order|ticket|attendee ?(#|no|number|id)|barcode|quantity|price|fees?|paid|rsvp")


def status(text: str) -> str:
    """'came', 'booked', 'gone' or '' for a registration status as written."""
    if _GONE.search(text):
        return "gone"
    if _CAME.search(text):
        return "came"
    if _BOOKED.search(text):
        return "booked"
    return ""


def _header(seen: Seen) -> tuple[int, dict[int, str]] | None:
    rows = seen.sheet.rows
    for i in nonblank_rows(seen.sheet)[:REPORT_SCAN_ROWS]:
        row = rows[i]
        cols = filled(row)
        if len(cols) < 3 or not all(isinstance(row[j], str) for j in cols):
            continue
        if not any(_TICKETING.search(vocab.norm(cell_text(row[j]))) for j in cols):
            continue
        roles: dict[int, str] = {}
        for j in cols:
            r = header_role(cell_text(row[j]))
            if r and r not in roles.values():
                roles[j] = r
        found = set(roles.values())
        ticketing = True
        if not (found & WHO_ROLES and ticketing and ({"status", "attended"} & found)):
            continue
        below = [k for k in range(i + 1, min(len(rows), i + 40)) if filled(rows[k])]
        sj = next((j for j, r in roles.items() if r == "status"), None)
        if sj is not None and below:
            vals = [cell_text(rows[k][j]) for k in below for j in (sj,) if j < len(rows[k])]
            if share(vals, lambda v: bool(status(v))) < 0.6:
                continue
        return i, roles
    return None


def claim(seen: Seen) -> Table | None:
    found = _header(seen)
    if found is None:
        return None
    return _table(seen, *found, "registrations for an event (only those checked in count as attending)")


def as_kind(seen: Seen) -> Table:
    found = _header(seen)
    if found is None:
        return Table(seen.sheet, "set_aside", f"{SAID}, but it has no column of registration statuses")
    return _table(seen, *found, SAID)


def _table(seen: Seen, hr: int, roles: dict[int, str], why: str) -> Table:
    rows = seen.sheet.rows
    return Table(
        seen.sheet,
        KIND,
        why,
        hr,
        (hr,),
        tuple(i for i in nonblank_rows(seen.sheet) if i < hr),
        {j: {"name": "person", "status": "registration status"}.get(r, r) for j, r in roles.items()},
        {j: cell_text(rows[hr][j]) for j in roles},
        {j: "report column" for j in roles},
        {"roles": roles},
    )


def _cell(row: list[object], j: int | None) -> object:
    return row[j] if j is not None and j < len(row) else None


def rows(t: Table, sheet_rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    roles: dict[int, str] = t.context["roles"]
    col = {r: j for j, r in roles.items()}
    f, s = t.sheet.file, t.sheet.name
    came, booked = Attendees(), Attendees()
    for i in range(start, len(sheet_rows)):
        row = sheet_rows[i]
        if not filled(row):
            continue
        name = cell_text(_cell(row, col.get("name")))
        if not name:
            name = " ".join(
                x
                for x in (
                    cell_text(_cell(row, col.get("first_name"))),
                    cell_text(_cell(row, col.get("last_name"))),
                )
                if x
            )
        email = address(_cell(row, col.get("email")))
        org = cell_text(_cell(row, col.get("org")))
        if not (name or email):
            ex.ledger.append((f, s, i + 1, "rejected", "a registration with no name or e-mail address"))
            continue
        mark = _cell(row, col.get("attended"))
        said = status(cell_text(_cell(row, col.get("status"))))
        checked = (
            mark is not None and (vocab.mark_present(mark) is True or is_stamp(mark))
        ) or said == "came"
        if said == "gone":
            ex.ledger.append((f, s, i + 1, "data", "a cancelled registration"))
        elif checked:
            _a, new = came.add(name, email, "", i, org)
            ex.ledger.append((f, s, i + 1, "data", "checked in" if new else "checked in (a second ticket)"))
        else:
            booked.add(name, email, "", i, org)
            ex.ledger.append((f, s, i + 1, "data", "registered, not checked in"))
    day = date_in_name(f, dayfirst) or date_in_name(s, dayfirst)
    title = title_from_name(f) or title_from_name(s)
    report = f"{f}|{s}"
    meeting = {
        "date": day,
        "label": title,
        "alt_label": "",
        "team": "",
        "location": "",
        "online": False,
        "report": report,
        "alt_date": None,
    }
    emit(ex, f, s, report, came.people, meeting)
    registered = len(came.people) + sum(1 for a in booked.people if not came.known(a.name, a.email, ""))
    ex.reports.append(
        {
            "report": report,
            "source_file": f,
            "source_sheet": s,
            "kind": "event registrations",
            "title": title,
            "date": day,
            "date_from": "the file's name" if day else "",
            "alt_date": None,
            "joins": len(came.people),
            "attendees": len(came.people),
            "registered": registered,
        }
    )


READER = Reader(KIND, claim, rows, as_kind, raw=True)
