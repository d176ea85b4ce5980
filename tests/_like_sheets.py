"""A tracker kept a sheet a year: three attendance logs whose organisation column ngsp misreads (its header
"Site" reads as the meeting's location) and three action plans whose due-date column it misses ("Deliver by").
A convener who knows what is wrong fixes both, on every yearly sheet, in two corrections."""

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
        ["Priority", "Action Item", "Owner", "Deliver by", "Status"],
        ["Talent Pipeline", f"Survey employers ({y})", "Ana Lopez", f"3/31/{y}", "Done"],
        ["Talent Pipeline", f"Host a job fair ({y})", "Bo Chan", f"9/30/{y}", "In progress"],
        ["Childcare", f"Map providers ({y})", "Cy Dee", f"6/30/{y}", "Not started"],
    ]


def yearly_tracker() -> bytes:
    return xlsx_bytes(
        {**{f"Attendance {y}": _attendance(y) for y in YEARS}, **{f"Plan {y}": _plan(y) for y in YEARS}}
    )


OVERDUE_AFTER_FIX = 2 * len(YEARS)  # the open items, all due before the as-of date
