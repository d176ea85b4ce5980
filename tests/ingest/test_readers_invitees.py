"""Meetings over their invitees (a Smartsheet of meetings): only a checked invitee is attendance
(ngsp.ingest.detect.readers.invitees)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_read_outline import outlined

from ngsp.figures.summary import summary
from ngsp.ingest.pipeline import load_files

D = dt.date
AS_OF = D(2024, 7, 1)
ROWS = [
    ["Meeting / Invitee", "Organization", "Email", "Meeting Date", "Attended"],
    ["Quarterly Partnership Meeting", None, None, D(2024, 3, 5), None],
    ["Ana Lopez", "Acme Manufacturing", "ana@acme.com", None, True],
    ["Bo Chan", "Larimer Workforce Center", "bo@larimer.gov", None, False],
    ["Cy Dee", "Beta Tools", "cy@betatools.com", None, True],
    ["Talent Action Team", None, None, D(2024, 4, 2), None],
    ["Ana Lopez", "Acme Manufacturing", "ana@acme.com", None, True],
    ["Dee Fox", "Front Range Community College", "dee@frcc.edu", None, False],
    ["Eve Gray", "Larimer Workforce Center", "eve@larimer.gov", None, True],
]
CHILDREN = {2: 1, 3: 1, 4: 1, 6: 1, 7: 1, 8: 1}


def _csv(rows) -> bytes:
    out = []
    for r in rows:
        out.append(",".join("" if v is None else (v.isoformat() if isinstance(v, D) else str(v)) for v in r))
    return ("\n".join(out) + "\n").encode()


@pytest.mark.parametrize("how", ["grouped rows", "leading spaces", "a stray space more", "flat csv"])
def test_only_checked_invitees_are_attendance(how: str) -> None:
    if how == "grouped rows":
        files = [("meetings.xlsx", outlined(ROWS, outline=CHILDREN))]
    elif how == "leading spaces":
        rows = [[("    " + r[0]) if i in CHILDREN else r[0], *r[1:]] for i, r in enumerate(ROWS)]
        files = [("meetings.csv", _csv(rows))]
    elif how == "a stray space more":
        # " Cy Dee " typed with a space before and after, under rows pushed in by four: still one level down,
        # not a child of Bo Chan (who would then be taken for a meeting with no date)
        rows = [[("    " + r[0]) if i in CHILDREN else r[0], *r[1:]] for i, r in enumerate(ROWS)]
        rows[4][0] = "     Cy Dee "
        files = [("meetings.csv", _csv(rows))]
    else:
        files = [("meetings.csv", _csv(ROWS))]  # the hierarchy lost: meeting rows told by their shape
    t = load_files(files)
    s = summary(t, AS_OF)
    assert s["meetings"]["total"] == 2
    assert s["meetings"]["full_partnership"] == 1 and s["meetings"]["action_team"] == 1
    assert s["attendance"]["records"] == 4  # Ana and Cy, then Ana and Eve: the unchecked never
    assert s["people"] == 5  # an invitee left unchecked is still one of the partnership's people
    assert s["attendance"]["business_share_full"] == 1.0
    assert "Quarterly Partnership Meeting" not in set(t.people["name"])
    assert s["rejected_rows"] == 0
    details = list(t.quality.ledger["detail"])
    assert details.count("meeting") == 2
    assert sum("not checked" in d for d in details) == 2
    assert t.quality.sheets["taken_as"].iloc[0] == "meeting invitees"


def test_a_meeting_with_nobody_checked_is_still_a_meeting() -> None:
    rows = [
        *ROWS[:5],
        ["Co-chair planning call", None, None, D(2024, 5, 7), None],
        ["Ana Lopez", "Acme", "ana@acme.com", None, False],
    ]
    t = load_files([("meetings.xlsx", outlined(rows, outline={2: 1, 3: 1, 4: 1, 6: 1}))])
    s = summary(t, AS_OF)
    assert s["meetings"]["total"] == 2 and s["meetings"]["planning"] == 1
    assert s["attendance"]["records"] == 2


def test_a_group_row_over_the_meetings_is_a_heading() -> None:
    rows = [ROWS[0], ["2024 meetings", None, None, None, None], *ROWS[1:]]
    depth = {1 + i: lv + 1 for i, lv in CHILDREN.items()} | {2: 1, 6: 1}
    t = load_files([("meetings.xlsx", outlined(rows, outline=depth))])
    s = summary(t, AS_OF)
    assert s["meetings"]["total"] == 2 and s["attendance"]["records"] == 4
    assert "2024 meetings" not in set(t.people["name"])
    assert t.quality.ledger.set_index("source_row").loc[2, "role"] == "section"


def test_a_meeting_row_without_a_date_is_rejected_and_its_invitees_have_no_attendance() -> None:
    rows = [
        *ROWS[:5],
        ["Talent Action Team", None, None, "TBD", None],
        ["Eve Gray", "Larimer Workforce Center", "eve@larimer.gov", None, True],
    ]
    t = load_files([("meetings.xlsx", outlined(rows, outline={2: 1, 3: 1, 4: 1, 6: 1}))])
    assert list(t.quality.rejected["source_row"]) == [6]
    assert len(t.attendance) == 2
    assert "Eve Gray" in set(t.people["name"])


def test_a_plain_log_with_an_attended_column_is_not_taken_for_invitees() -> None:
    rows = [
        ["Date", "Meeting", "Name", "Organization", "Attended"],
        [D(2024, 3, 5), "Quarterly Partnership Meeting", "Ana Lopez", "Acme Manufacturing", "Y"],
        [D(2024, 3, 5), "Quarterly Partnership Meeting", "Bo Chan", "Larimer Workforce Center", "N"],
        [D(2024, 4, 2), "Talent Action Team", "Ana Lopez", "Acme Manufacturing", "Y"],
    ]
    t = load_files([("log.xlsx", outlined(rows))])
    assert t.quality.sheets["taken_as"].iloc[0] == "attendance log"
    assert len(t.attendance) == 2
