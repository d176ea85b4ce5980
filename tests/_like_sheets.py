"""A tracker kept a sheet a year: three attendance logs whose organisation column ngsp misreads (its header
"Site" reads as the meeting's location) and three action plans whose due-date column it misses ("Deliver by";
the date each item was added is taken as its due date instead). A convener who knows what is wrong fixes both,
on every yearly sheet, in two corrections."""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes

YEARS = (2023, 2024, 2025)
AS_OF = dt.date(2025, 12, 31)
ORGS = ("Acme Manufacturing", "Beta Plastics", "County Workforce Board")


def _attendance(y: int) -> list[list[object]]:
    people = list(zip(("Ana Lopez", "Bo Chan", "Cy Dee"), ORGS, strict=True))
    return [
        ["Date", "Meeting", "Name", "Site"],
        *[[f"1/15/{y}", "Quarterly", p, o] for p, o in people],
        *[[f"4/10/{y}", "Quarterly", p, o] for p, o in people[:2]],
    ]


def _plan(y: int) -> list[list[object]]:
    return [
        ["Priority", "Action Item", "Owner", "Date added", "Deliver by", "Status"],
        ["Talent Pipeline", f"Survey employers ({y})", "Ana Lopez", f"1/10/{y}", f"3/31/{y + 1}", "Done"],
        ["Talent Pipeline", f"Host a job fair ({y})", "Bo Chan", f"1/10/{y}", f"9/30/{y + 1}", "In progress"],
        ["Childcare", f"Map providers ({y})", "Cy Dee", f"2/14/{y}", f"6/30/{y + 1}", "Not started"],
    ]


def yearly_tracker() -> bytes:
    return xlsx_bytes(
        {**{f"Attendance {y}": _attendance(y) for y in YEARS}, **{f"Plan {y}": _plan(y) for y in YEARS}}
    )


OVERDUE_BEFORE = 2 * len(YEARS)  # every open item, "due" the day it was added
OVERDUE_AFTER_FIX = 2 * (len(YEARS) - 1)  # the last year's open items are due next year
