"""The canonical tracker, declared once.

Every table carries where each row came from (``source_file``, ``source_sheet``, ``source_row``; rows are
1-based as a spreadsheet shows them). Dates are pandas Timestamps at midnight (``datetime64``), NaT when unknown.
Text columns are plain ``str`` with "" for unknown, never NaN, so a partner called "NA" survives.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

import pandas as pd

# Values of the categorical columns.
ORG_TYPES = ("business", "public", "unknown")
MEETING_TYPES = ("launch", "full_partnership", "action_team", "planning", "other")
PARTNERSHIP_MEETINGS = ("launch", "full_partnership")
STATUSES = ("done", "in_progress", "not_started", "stalled", "cancelled")
OPEN_STATUSES = ("in_progress", "not_started", "stalled")
FUNDING_KINDS = ("cash", "in_kind", "unknown")
FUNDING_STATUSES = ("received", "committed", "pending", "unknown")


@dataclass(frozen=True)
class Col:
    """One column of a canonical table: its dtype ("str", "int64", "float64", "bool", "datetime64[ns]") and
    what each of its values must be (one of `isin`, unique in the table, missing only where nullable)."""

    dtype: str = "str"
    isin: tuple[str, ...] = ()
    unique: bool = False
    nullable: bool = False
    default: object = None


_SOURCE = {"source_file": Col(), "source_sheet": Col(), "source_row": Col("int64")}

TABLE_COLUMNS: dict[str, dict[str, Col]] = {
    "organizations": {
        "org_id": Col(unique=True),
        "name": Col(),  # the spelling shown to people (most common clean spelling)
        "type": Col(isin=ORG_TYPES),
        "type_source": Col(isin=("tracker", "inferred", "corrected", "unknown")),
        "type_why": Col(),  # why it has that type, in plain words ("its name says 'college'")
        "spellings": Col(),  # every spelling seen, joined with " | "
        **_SOURCE,
    },
    "people": {
        "person_id": Col(unique=True),
        "name": Col(),
        "email": Col(),  # lower case, "" if none
        "org_id": Col(),  # "" if unknown
        "title": Col(),
        "phone": Col(),
        "role": Col(),  # as written: Champion, Member, Support ...
        "extra": Col(),  # JSON object of columns that mean nothing known
        **_SOURCE,
    },
    "meetings": {
        "meeting_id": Col(unique=True),
        "date": Col("datetime64[ns]", nullable=True),
        "type": Col(isin=MEETING_TYPES),
        "team": Col(),  # action team / priority for action_team meetings, else ""
        "label": Col(),  # as the tracker names it
        "location": Col(),
        "summary_sent": Col("datetime64[ns]", nullable=True),
        "extra": Col(),
        # Held online, where the source says so: an attendance report of a meeting platform, or a location or
        # name such as "Zoom" or "Virtual". False when it does not say (a tracker kept before it existed too).
        "online": Col("bool", default=False),
        **_SOURCE,
    },
    "attendance": {
        "meeting_id": Col(),
        "person_id": Col(),
        "org_id": Col(),  # the organisation the person came for ("" if unknown)
        **_SOURCE,
    },
    "action_items": {
        "item_id": Col(unique=True),
        "priority": Col(),  # "" if the plan names none
        "description": Col(),
        "owner": Col(),  # champion / lead as written (cleaned)
        "owner_person_id": Col(),  # "" if not matched to a person
        "owner_org_id": Col(),  # "" if unknown
        "due": Col("datetime64[ns]", nullable=True),  # a period is its last day
        "due_text": Col(),  # as written
        "status": Col(isin=STATUSES),
        "status_text": Col(),  # as written
        "percent": Col("float64", nullable=True),  # 0..1
        "notes": Col(),
        "extra": Col(),
        **_SOURCE,
    },
    "funding": {
        "funder": Col(),
        "kind": Col(isin=FUNDING_KINDS),
        "amount": Col("float64", nullable=True),
        "status": Col(isin=FUNDING_STATUSES),
        "period": Col(),
        "notes": Col(),
        "extra": Col(),
        **_SOURCE,
    },
}
UNIQUE_TOGETHER = {"attendance": ["meeting_id", "person_id"]}  # one attendance per person per meeting
ADD_MISSING = frozenset({"meetings"})  # a table kept before a column was added gets its default

FULL_VALIDATION_ENV = "NGSP_VALIDATE_ROWS"
"""Set to 1 (the tests do) to validate every row of every table with pandera on each load, not just the schema."""


def full_validation() -> bool:
    """Whether each load validates every row with pandera (FULL_VALIDATION_ENV), not just columns and dtypes."""
    return os.environ.get(FULL_VALIDATION_ENV, "").strip().lower() in ("1", "true", "yes", "on")


class SchemaMismatch(Exception):
    """A canonical table that is not as declared: a bug in ngsp, not a problem with the user's file."""


def _dtype_ok(s: pd.Series, dtype: str) -> bool:
    if dtype == "str":
        return pd.api.types.is_string_dtype(s.dtype) and s.dtype != object
    return str(s.dtype) == dtype


def check(table: str, df: pd.DataFrame) -> None:
    """That a canonical table has exactly its declared columns, each of its declared dtype: what a load checks
    every time, at a cost that does not grow with the rows (pandera's row checks are behind full_validation).
    Raises SchemaMismatch, a fault of ngsp's own, never of the user's file."""
    cols = TABLE_COLUMNS[table]
    if list(df.columns) != list(cols):
        raise SchemaMismatch(f"{table}: columns {list(df.columns)}, declared {list(cols)}")
    wrong = [
        f"{c} is {df[c].dtype}, declared {col.dtype}"
        for c, col in cols.items()
        if not _dtype_ok(df[c], col.dtype)
    ]
    if wrong:
        raise SchemaMismatch(f"{table}: {'; '.join(wrong)}")


_PANDERA_NAMES = {
    "ORGANIZATIONS": "organizations",
    "PEOPLE": "people",
    "MEETINGS": "meetings",
    "ATTENDANCE": "attendance",
    "ACTION_ITEMS": "action_items",
    "FUNDING": "funding",
}
_TYPES = {"str": str, "int64": int, "float64": float, "bool": bool}


@cache
def _pandera_tables() -> dict:
    """The pandera schemas of the tables, built from TABLE_COLUMNS when first asked for (pandera takes longer to
    import than the summary of a typical tracker takes to compute)."""
    import pandera.pandas as pa

    def column(col: Col):
        checks = [pa.Check.isin(col.isin)] if col.isin else []
        kw = {"default": col.default} if col.default is not None else {}
        return pa.Column(
            _TYPES.get(col.dtype, col.dtype), *checks, unique=col.unique, nullable=col.nullable, **kw
        )

    return {
        name: pa.DataFrameSchema(
            {c: column(col) for c, col in cols.items()},
            strict=True,
            coerce=True,
            **({"unique": UNIQUE_TOGETHER[name]} if name in UNIQUE_TOGETHER else {}),
            **({"add_missing_columns": True} if name in ADD_MISSING else {}),
        )
        for name, cols in TABLE_COLUMNS.items()
    }


def __getattr__(name: str):
    """TABLES (table name -> pandera schema) and each table's schema by its name (ORGANIZATIONS ...), made
    when first used."""
    if name == "TABLES":
        return _pandera_tables()
    if name in _PANDERA_NAMES:
        return _pandera_tables()[_PANDERA_NAMES[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
