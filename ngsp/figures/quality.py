"""The data-quality report as tables for people: how each sheet and column was read, what was merged, and
which rows were set aside."""

from __future__ import annotations

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.figures.format import FIELD_WORDS, ORG_TYPE_LABELS, SHEET_KIND_WORDS, meeting_name
from ngsp.figures.registry import figure

QUALITY_HEADERS = {
    "source_file": "File",
    "source_sheet": "Sheet",
    "source_row": "Row",
    "taken_as": "Read as",
    "why": "Why",
    "header_row": "Header row",
    "data_rows": "Data rows",
    "structure_rows": "Layout rows (titles, totals, notes)",
    "rejected_rows": "Rows set aside",
    "column": "Column",
    "header": "Header in the file",
    "field": "Taken as",
    "how": "How",
    "kind": "Kind",
    "canonical": "Shown as",
    "spelling": "Spelling in the file",
    "reason": "Reason",
    "content": "What the row held",
}


INFERRED_TYPES = "Partner types worked out by ngsp"

QUALITY_EMPTY = {
    "How each sheet was read": "No sheets were read.",
    "Column mapping": "No columns needed mapping.",
    "Organisations and people merged": "No names needed merging: every organisation and person was spelled one way.",
    "Rows set aside": "Every row that looked like data was used.",
    INFERRED_TYPES: "The tracker says of every organisation whether it is a business or a public partner.",
}


@figure(
    "Data quality",
    "How each sheet and column was read, which spellings were merged, and which rows were set aside",
    kind="mapping",
)
def quality_tables(t: Tracker) -> dict[str, pd.DataFrame]:
    """The data-quality report as five frames, with column names for people."""
    q = t.quality
    tables = {
        "How each sheet was read": q.sheets,
        "Column mapping": q.columns,
        "Organisations and people merged": q.merges,
        "Rows set aside": q.rejected,
    }
    if len(q.sheets):  # what a sheet and a column were read as, in words ("a partner list", "organisation")
        tables["How each sheet was read"] = q.sheets.assign(
            taken_as=[SHEET_KIND_WORDS.get(k.replace(" ", "_"), k) for k in q.sheets["taken_as"]]
        )
    if len(q.columns):
        tables["Column mapping"] = q.columns.assign(
            field=[FIELD_WORDS.get(f, f) if f else "not used" for f in q.columns["field"]]
        )
    out = {name: df.rename(columns=QUALITY_HEADERS) for name, df in tables.items()}
    return out | {INFERRED_TYPES: inferred_types(t)}


def inferred_types(t: Tracker) -> pd.DataFrame:
    """Each organisation whose partner type ngsp worked out (the tracker does not say it), with why, so the
    convener can correct it: Organisation, Taken as, Why."""
    o = t.organizations
    if "type_source" in o:
        o = o[o["type_source"] == "inferred"]
    else:  # a tracker kept before ngsp said where a type came from
        o = o.iloc[0:0]
    why = o["type_why"] if "type_why" in o else pd.Series("", index=o.index)
    return (
        pd.DataFrame(
            {
                "Organisation": o["name"],
                "Taken as": o["type"].map(ORG_TYPE_LABELS).fillna(o["type"]),
                "Why": why,
            }
        )
        .sort_values("Organisation", key=lambda s: s.str.casefold())
        .reset_index(drop=True)
    )


@figure(
    "Rows set aside",
    "Rows that look like data but miss a required field; each is listed in the data-quality report",
    kind="count",
)
def rejected_rows(t: Tracker) -> int:
    """Rows set aside with a reason (an attendance row with no person, an action item with no description)."""
    return int(len(t.quality.rejected))


@figure(
    "Readings to check",
    "Signs that the tracker may have been read wrongly, in plain words naming the file, sheet and column",
    kind="list",
)
def reading_warnings(t: Tracker) -> list[str]:
    """The reader's doubts about the tracker (empty when nothing looks wrong)."""
    return list(t.quality.warnings)


# ---------------------------------------------------------------- attendance reports (Zoom, Teams, forms …)


@figure(
    "Attendance reports",
    "Each Zoom, Teams, Meet, registration or sign-in form export read with the tracker: the meeting it was taken "
    "as, its joins and people, how many attendances count, and how its people were matched",
)
def attendance_reports(t: Tracker) -> pd.DataFrame:
    """One row per attendance report read: the meeting it was taken as and why, how many joins became how many
    people, how many attendances count, and how its people were matched (by e-mail, by name, or added as new).
    A report that names no date says it needs one. Column names are for people."""
    r = t.quality.reports
    cols = [
        "File", "Kind", "Meeting it names", "Taken as", "How", "Date from", "Joins", "People",
        "Attendances counted", "Matched by e-mail", "Matched by name", "Added as new people", "Registered",
    ]  # fmt: skip
    if r.empty:
        return pd.DataFrame(columns=cols)
    m = t.meetings.set_index("meeting_id")
    taken = [
        meeting_name(m.at[mid, "date"], m.at[mid, "type"], m.at[mid, "team"])
        + (" (held online)" if bool(m.at[mid, "online"]) else "")
        if mid in m.index
        else "needs a date"
        for mid in r["meeting_id"]
    ]
    out = pd.DataFrame(
        {
            "File": [
                f if s == f.rsplit(".", 1)[0] else f"{f} › {s}"
                for f, s in zip(r["source_file"], r["source_sheet"], strict=True)
            ],
            "Kind": r["kind"],
            "Meeting it names": r["title"],
            "Taken as": taken,
            "How": r["taken_as"],
            "Date from": r["date_from"],
            "Joins": r["joins"],
            "People": r["attendees"],
            "Attendances counted": r["counted"],
            "Matched by e-mail": r["by_email"],
            "Matched by name": r["by_name"],
            "Added as new people": r["added"],
            "Registered": r["registered"],
        }
    )
    return out.reset_index(drop=True)


@figure(
    "Report attendees",
    "Each attendee of each attendance report as written there, who they were taken to be and how, their minutes "
    "present, and whether their attendance counts",
)
def report_attendees(t: Tracker) -> pd.DataFrame:
    """Each attendee of each report as the report wrote them, the person they were taken to be and how, their
    minutes present, and whether their attendance counts (and why not). Column names are for people."""
    a = t.quality.attendees
    return pd.DataFrame(
        {
            "File": a["source_file"],
            "Row": a["source_row"],
            "Name in the report": a["name"],
            "E-mail in the report": a["email"],
            "Taken to be": a["person"],
            "How": a["matched_by"],
            "Minutes present": a["minutes"],
            "Counted": a["counted"].map({True: "yes", False: "no"}),
            "Why not": a["why_not"],
        }
    ).reset_index(drop=True)


def reports_needing_a_date(t: Tracker) -> list[tuple[str, str]]:
    """(file, sheet) of each attendance report that names no date, so nobody in it is counted yet."""
    r = t.quality.reports
    r = r[r["needs_date"].astype(bool)]
    return list(zip(r["source_file"], r["source_sheet"], strict=True))
