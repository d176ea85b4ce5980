"""The clean workbook: the canonical tables one per sheet, in plain headers a convener (and ngsp) reads back."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook

from ngsp.core.model import Tracker
from ngsp.export import _xlsx
from ngsp.export._figures import MEETING_LABELS, STATUS_LABELS

# Sheet -> headers. The same words as most trackers use, so the file re-imports to the same tracker.
SHEETS: dict[str, list[str]] = {
    "Organizations": ["Organization", "Partner Type", "Also Written As"],
    "People": ["Name", "Email", "Organization", "Partner Type", "Title", "Phone", "Role"],
    "Meetings": ["Date", "Meeting Type", "Action Team", "Location", "Summary Sent"],
    "Attendance": ["Meeting Date", "Meeting Type", "Action Team", "Name", "Email", "Organization"],
    "Action Plan": ["Priority", "Action Item", "Owner", "Due Date", "Status", "Percent Complete", "Notes"],
    "Funding": ["Source", "Type", "Amount", "Status", "Period", "Notes"],
}
QUALITY_SHEET = "Data Quality"
REJECTED_SHEET = "Rejected Rows"
QUALITY_HEADERS = ["Topic", "Finding"]
REJECTED_HEADERS = ["File", "Sheet", "Row", "Reason", "Content"]

PARTNER_TYPE_LABELS = {"business": "Business", "public": "Public", "unknown": ""}
FUNDING_KIND_LABELS = {"cash": "Cash", "in_kind": "In-kind", "unknown": ""}
FUNDING_STATUS_LABELS = {
    "received": "Received",
    "committed": "Committed",
    "pending": "Pending",
    "unknown": "",
}
MEETING_TYPE_WORDS = {**MEETING_LABELS, "full_partnership": "Full Partnership", "action_team": "Action Team"}

# The reader's field names in plain words, for the data-quality sheet.
FIELD_WORDS = {
    "person": "a person's name", "first_name": "first name", "last_name": "last name", "org": "organization",
    "org_type": "partner type (business or public)", "meeting_date": "meeting date", "meeting_type": "meeting type",
    "team": "action team", "summary_sent": "date the summary was sent", "description": "action item",
    "due": "due date", "percent": "percent complete", "funder": "funding source", "funding_kind": "cash or in-kind",
    "funding_status": "funding status", "attended": "attendance mark",
}  # fmt: skip

WIDTHS = {
    "Organization": 34,
    "Name": 24,
    "Email": 30,
    "Also Written As": 40,
    "Title": 24,
    "Action Item": 50,
    "Notes": 40,
    "Priority": 28,
    "Owner": 22,
    "Source": 34,
    "Location": 24,
    "Finding": 100,
    "Topic": 22,
    "Content": 80,
    "Reason": 40,
    "Action Team": 24,
    "Meeting Type": 18,
}
FORMATS = {"Percent Complete": _xlsx.PERCENT_FORMAT, "Amount": _xlsx.MONEY_FORMAT}


def _org_names(t: Tracker) -> dict[str, str]:
    return dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))


def _org_types(t: Tracker) -> dict[str, str]:
    return dict(zip(t.organizations["org_id"], t.organizations["type"], strict=True))


def rows_for(t: Tracker) -> dict[str, list[list[object]]]:
    """Each data sheet's rows, in the tracker's order."""
    org_name, org_type = _org_names(t), _org_types(t)
    o = t.organizations
    orgs = [
        [
            r.name,
            PARTNER_TYPE_LABELS[r.type],
            " | ".join(s for s in r.spellings.split(" | ") if s and s != r.name),
        ]
        for r in o.itertuples()
    ]
    people = [
        [
            r.name,
            r.email,
            org_name.get(r.org_id, ""),
            PARTNER_TYPE_LABELS[org_type.get(r.org_id, "unknown")],
            r.title,
            r.phone,
            r.role,
        ]
        for r in t.people.itertuples()
    ]
    m = t.meetings.sort_values(["date", "meeting_id"], na_position="last", kind="stable")
    meetings = [
        [r.date, MEETING_TYPE_WORDS[r.type], r.team, r.location, r.summary_sent] for r in m.itertuples()
    ]
    # Merged rather than looked up, so a row whose meeting or person was filtered away still writes.
    m_cols = t.meetings[["meeting_id", "date", "type", "team"]].rename(columns={"type": "meeting_type"})
    p_cols = t.people[["person_id", "name", "email"]]
    a = (
        t.attendance.merge(m_cols, on="meeting_id", how="left")
        .merge(p_cols, on="person_id", how="left")
        .sort_values(["date", "meeting_id", "source_row"], na_position="last", kind="stable")
    )
    attendance = [
        [
            r.date,
            MEETING_TYPE_WORDS.get(r.meeting_type, ""),
            r.team,
            r.name,
            r.email,
            org_name.get(r.org_id, ""),
        ]
        for r in a.itertuples()
    ]
    items = [
        [
            r.priority,
            r.description,
            r.owner,
            r.due if pd.notna(r.due) else r.due_text,
            STATUS_LABELS[r.status],
            r.percent,
            r.notes,
        ]
        for r in t.action_items.itertuples()
    ]
    funding = [
        [r.funder, FUNDING_KIND_LABELS[r.kind], r.amount, FUNDING_STATUS_LABELS[r.status], r.period, r.notes]
        for r in t.funding.itertuples()
    ]
    return {
        "Organizations": orgs,
        "People": people,
        "Meetings": meetings,
        "Attendance": attendance,
        "Action Plan": items,
        "Funding": funding,
    }


def _quality_rows(t: Tracker, cleaning: _xlsx.Cleaning) -> list[list[object]]:
    """The data-quality report as Topic / Finding lines."""
    q = t.quality
    rows: list[list[object]] = [
        [
            "About",
            "What ngsp made of the tracker; the rows it could not use are on "
            f"the “{REJECTED_SHEET}” sheet. This sheet and the rejected rows are a report, not tracker data.",
        ]
    ]
    for r in q.sheets.itertuples():
        taken = "set aside" if r.taken_as == "set aside" else f"read as {r.taken_as}"
        rows.append(
            [
                "Sheet",
                f"{r.source_file} › {r.source_sheet}: {taken} ({r.why}); {r.data_rows} data rows, "
                f"{r.rejected_rows} rejected",
            ]
        )
    for r in q.columns.itertuples():
        field = FIELD_WORDS.get(r.field, r.field.replace("_", " "))
        rows.append(
            ["Column", f"{r.source_file} › {r.source_sheet} › “{r.header}” read as {field} ({r.how})"]
        )
    for r in q.merges.itertuples():
        rows.append(["Names merged", f"{r.kind}: “{r.spelling}” counted as “{r.canonical}” ({r.how})"])
    for note in q.notes:
        rows.append(["Note", note])
    rows.append(["Rejected rows", f"{len(q.rejected)} row(s) could not be used: see “{REJECTED_SHEET}”."])
    for sheet, row, column in cleaning.as_text:
        rows.append(
            ["Kept as text", f"{sheet} › row {row} › {column}: starts like a formula, stored as plain text"]
        )
    for sheet, row, column, n in cleaning.controls:
        rows.append(
            [
                "Characters removed",
                f"{sheet} › row {row} › {column}: {n} invisible control character(s) removed",
            ]
        )
    return rows


def build(t: Tracker) -> Workbook:
    """The clean workbook as a streamed (write-only) openpyxl Workbook, ready to save once."""
    wb = Workbook(write_only=True)
    cleaning = _xlsx.Cleaning()
    for title, rows in rows_for(t).items():
        _xlsx.write_table(wb.create_sheet(title), SHEETS[title], rows, cleaning, WIDTHS, FORMATS)
    rejected = [
        [r.source_file, r.source_sheet, r.source_row, r.reason, r.content]
        for r in t.quality.rejected.itertuples()
    ]
    rejected_ws = wb.create_sheet(REJECTED_SHEET)
    _xlsx.write_table(rejected_ws, REJECTED_HEADERS, rejected, cleaning, WIDTHS)
    quality_ws = wb.create_sheet(QUALITY_SHEET, index=len(wb.sheetnames) - 1)
    # Written last so it can list every change made while writing the other sheets.
    _xlsx.write_table(quality_ws, QUALITY_HEADERS, _quality_rows(t, cleaning), _xlsx.Cleaning(), WIDTHS)
    wb.properties.title = _xlsx.CONTROL.sub("", f"{t.name or 'Partnership'} tracker (clean copy)")
    wb.properties.creator = "ngsp"
    return wb


def workbook_bytes(t: Tracker) -> bytes:
    """The clean workbook as .xlsx bytes."""
    bio = io.BytesIO()
    build(t).save(bio)
    return bio.getvalue()
