"""Two versions of one tracker, a quarter apart, with known differences (built in code).

Between V1 (kept mid-July 2024) and V2 (as of 1 Feb 2025): Echo Robotics and Eva Fox joined; Beta Plastics
missed the two newest full partnership meetings (lapsed; Delta Tools had lapsed already); "Map training
programs" was completed, "Host a job fair" started, "Pilot a shared centre" stalled, "Survey employers"
became overdue and "Apply for a state grant" was added; two quarterly meetings were held; Acme is now
written "Acme Manufacturing Inc." (the same organisation).
"""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes

V1_AS_OF = dt.date(2024, 7, 15)
V2_AS_OF = dt.date(2025, 2, 1)

_ROSTER = ["Name", "Organization", "Partner Type", "Email"]
_PLAN = ["Priority", "Action Item", "Owner", "Due Date", "Status"]


def v1_sheets() -> dict[str, list[list[object]]]:
    return {
        "Partners": [
            _ROSTER,
            ["Ana Lopez", "Acme Manufacturing", "Business", "ana@acme.com"],
            ["Bo Chan", "Beta Plastics", "Business", "bo@beta.com"],
            ["Cy Dee", "County Workforce Board", "Public", "cy@county.gov"],
            ["Di Eve", "Delta Tools", "Business", "di@delta.com"],
        ],
        "Attendance": [
            ["Name", "Organization", "1/15/24 Launch", "4/10/24 Quarterly", "7/10/24 Quarterly"],
            ["Ana Lopez", "Acme Manufacturing", "X", "X", "X"],
            ["Bo Chan", "Beta Plastics", "X", "X", "X"],
            ["Cy Dee", "County Workforce Board", "X", "X", "X"],
            ["Di Eve", "Delta Tools", "X", "", ""],
        ],
        "Action Plan": [
            _PLAN,
            ["Talent Pipeline", "Map training programs", "Ana Lopez", "6/30/2025", "In progress"],
            ["Talent Pipeline", "Host a job fair", "Bo Chan", "12/31/2025", "Not started"],
            ["Childcare", "Survey employers", "Cy Dee", "9/30/2024", "Not started"],
            ["Childcare", "Pilot a shared centre", "Ana Lopez", "3/31/2026", "In progress"],
        ],
    }


def v2_sheets() -> dict[str, list[list[object]]]:
    return {
        "Partners": [
            _ROSTER,
            ["Ana Lopez", "Acme Manufacturing Inc.", "Business", "ana@acme.com"],
            ["Bo Chan", "Beta Plastics", "Business", "bo@beta.com"],
            ["Cy Dee", "County Workforce Board", "Public", "cy@county.gov"],
            ["Di Eve", "Delta Tools", "Business", "di@delta.com"],
            ["Eva Fox", "Echo Robotics", "Business", "eva@echo.com"],
        ],
        "Attendance": [
            [
                "Name",
                "Organization",
                "1/15/24 Launch",
                "4/10/24 Quarterly",
                "7/10/24 Quarterly",
                "10/9/24 Quarterly",
                "1/15/25 Quarterly",
            ],
            ["Ana Lopez", "Acme Manufacturing Inc.", "X", "X", "X", "X", "X"],
            ["Bo Chan", "Beta Plastics", "X", "X", "X", "", ""],
            ["Cy Dee", "County Workforce Board", "X", "X", "X", "X", "X"],
            ["Di Eve", "Delta Tools", "X", "", "", "", ""],
            ["Eva Fox", "Echo Robotics", "", "", "", "X", "X"],
        ],
        "Action Plan": [
            _PLAN,
            ["Talent Pipeline", "Map training programs", "Ana Lopez", "6/30/2025", "Done"],
            ["Talent Pipeline", "Host a job fair", "Bo Chan", "12/31/2025", "In progress"],
            ["Childcare", "Survey employers", "Cy Dee", "9/30/2024", "Not started"],
            ["Childcare", "Pilot a shared centre", "Ana Lopez", "3/31/2026", "On hold"],
            ["Childcare", "Apply for a state grant", "Di Eve", "6/30/2025", "Not started"],
        ],
    }


def v1_bytes() -> bytes:
    return xlsx_bytes(v1_sheets())


def v2_bytes() -> bytes:
    return xlsx_bytes(v2_sheets())
