"""The canonical tracker, declared once.

Every table carries where each row came from (``source_file``, ``source_sheet``, ``source_row``; rows are
1-based as a spreadsheet shows them). Dates are pandas Timestamps at midnight (``datetime64``), NaT when unknown.
Text columns are plain ``str`` with "" for unknown, never NaN, so a partner called "NA" survives.
"""

from __future__ import annotations

import pandera.pandas as pa

# Values of the categorical columns.
ORG_TYPES = ("business", "public", "unknown")
MEETING_TYPES = ("launch", "full_partnership", "action_team", "planning", "other")
PARTNERSHIP_MEETINGS = ("launch", "full_partnership")
STATUSES = ("done", "in_progress", "not_started", "stalled", "cancelled")
OPEN_STATUSES = ("in_progress", "not_started", "stalled")
FUNDING_KINDS = ("cash", "in_kind", "unknown")
FUNDING_STATUSES = ("received", "committed", "pending", "unknown")

_SOURCE = {
    "source_file": pa.Column(str),
    "source_sheet": pa.Column(str),
    "source_row": pa.Column(int),
}

ORGANIZATIONS = pa.DataFrameSchema(
    {
        "org_id": pa.Column(str, unique=True),
        "name": pa.Column(str),  # the spelling shown to people (most common clean spelling)
        "type": pa.Column(str, pa.Check.isin(ORG_TYPES)),
        "type_source": pa.Column(str, pa.Check.isin(("tracker", "inferred", "corrected", "unknown"))),
        "type_why": pa.Column(str),  # why it has that type, in plain words ("its name says 'college'")
        "spellings": pa.Column(str),  # every spelling seen, joined with " | "
        **_SOURCE,
    },
    strict=True,
    coerce=True,
)

PEOPLE = pa.DataFrameSchema(
    {
        "person_id": pa.Column(str, unique=True),
        "name": pa.Column(str),
        "email": pa.Column(str),  # lower case, "" if none
        "org_id": pa.Column(str),  # "" if unknown
        "title": pa.Column(str),
        "phone": pa.Column(str),
        "role": pa.Column(str),  # as written: Champion, Member, Support ...
        "extra": pa.Column(str),  # JSON object of columns that mean nothing known
        **_SOURCE,
    },
    strict=True,
    coerce=True,
)

MEETINGS = pa.DataFrameSchema(
    {
        "meeting_id": pa.Column(str, unique=True),
        "date": pa.Column("datetime64[ns]", nullable=True),
        "type": pa.Column(str, pa.Check.isin(MEETING_TYPES)),
        "team": pa.Column(str),  # action team / priority for action_team meetings, else ""
        "label": pa.Column(str),  # as the tracker names it
        "location": pa.Column(str),
        "summary_sent": pa.Column("datetime64[ns]", nullable=True),
        "extra": pa.Column(str),
        # Held online, where the source says so: an attendance report of a meeting platform, or a location or
        # name such as "Zoom" or "Virtual". False when it does not say (a tracker kept before it existed too).
        "online": pa.Column(bool, default=False),
        **_SOURCE,
    },
    strict=True,
    coerce=True,
    add_missing_columns=True,
)

ATTENDANCE = pa.DataFrameSchema(
    {
        "meeting_id": pa.Column(str),
        "person_id": pa.Column(str),
        "org_id": pa.Column(str),  # the organisation the person came for ("" if unknown)
        **_SOURCE,
    },
    unique=["meeting_id", "person_id"],
    strict=True,
    coerce=True,
)

ACTION_ITEMS = pa.DataFrameSchema(
    {
        "item_id": pa.Column(str, unique=True),
        "priority": pa.Column(str),  # "" if the plan names none
        "description": pa.Column(str),
        "owner": pa.Column(str),  # champion / lead as written (cleaned)
        "owner_person_id": pa.Column(str),  # "" if not matched to a person
        "owner_org_id": pa.Column(str),  # "" if unknown
        "due": pa.Column("datetime64[ns]", nullable=True),  # a period is its last day
        "due_text": pa.Column(str),  # as written
        "status": pa.Column(str, pa.Check.isin(STATUSES)),
        "status_text": pa.Column(str),  # as written
        "percent": pa.Column(float, nullable=True),  # 0..1
        "notes": pa.Column(str),
        "extra": pa.Column(str),
        **_SOURCE,
    },
    strict=True,
    coerce=True,
)

FUNDING = pa.DataFrameSchema(
    {
        "funder": pa.Column(str),
        "kind": pa.Column(str, pa.Check.isin(FUNDING_KINDS)),
        "amount": pa.Column(float, nullable=True),
        "status": pa.Column(str, pa.Check.isin(FUNDING_STATUSES)),
        "period": pa.Column(str),
        "notes": pa.Column(str),
        "extra": pa.Column(str),
        **_SOURCE,
    },
    strict=True,
    coerce=True,
)

# The data-quality report.
SHEETS = [
    "source_file",
    "source_sheet",
    "taken_as",
    "why",
    "header_row",
    "data_rows",
    "structure_rows",
    "rejected_rows",
]
COLUMNS = ["source_file", "source_sheet", "column", "header", "field", "how"]
MERGES = ["kind", "canonical", "spelling", "how"]
REJECTED = ["source_file", "source_sheet", "source_row", "reason", "content"]
# Attendance reports: which meeting each was taken as, how many joins became how many attendees, who was
# matched how; and each attendee.
REPORTS = [
    "source_file",
    "source_sheet",
    "kind",
    "title",
    "date",
    "date_from",
    "meeting_id",
    "taken_as",
    "joins",
    "attendees",
    "counted",
    "by_email",
    "by_name",
    "added",
    "registered",
    "needs_date",
]
ATTENDEES = [
    "source_file",
    "source_sheet",
    "source_row",
    "name",
    "email",
    "person_id",
    "person",
    "matched_by",
    "role",
    "minutes",
    "counted",
    "why_not",
]

TABLES = {
    "organizations": ORGANIZATIONS,
    "people": PEOPLE,
    "meetings": MEETINGS,
    "attendance": ATTENDANCE,
    "action_items": ACTION_ITEMS,
    "funding": FUNDING,
}
