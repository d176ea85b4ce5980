"""Meetings with who came written in one cell, one row per meeting (ngsp.ingest.detect.readers.onecell)."""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes

from ngsp.figures.summary import summary
from ngsp.ingest.detect.readers.onecell import entry, split_people
from ngsp.ingest.pipeline import load_files

D = dt.date
AS_OF = D(2025, 7, 1)


def _load(sheets: dict[str, list[list[object]]]):
    return load_files([("tracker.xlsx", xlsx_bytes(sheets))])


def test_one_line_per_person_with_the_organisation_in_brackets_under_unfamiliar_headers() -> None:
    rows = [
        ["Held on", "Get-together", "In the room", "Turnout", "Fine print"],
        [
            D(2025, 3, 5),
            "Quarterly Partnership Meeting",
            "Ana Lopez (Acme Manufacturing)\nBo Chan (Larimer Workforce Center)\nLopez, Cy (Beta Tools)",
            3,
            "Quorum reached.",
        ],
        [
            D(2025, 4, 2),
            "Talent Action Team",
            "Ana Lopez (Acme Manufacturing)\nEmily Kim (Beta Tools)",
            2,
            None,
        ],
        [D(2025, 5, 7), "Talent Action Team", "Emily Kim (Beta Tools)", 1, None],
    ]
    t = _load({"Gatherings": rows})
    s = summary(t, AS_OF)
    assert t.quality.sheets["taken_as"].iloc[0] == "meeting attendee lists"
    assert s["meetings"]["total"] == 3
    assert s["meetings"]["full_partnership"] == 1 and s["meetings"]["action_team"] == 2
    assert s["attendance"]["records"] == 6
    assert s["people"] == 4  # "Lopez, Cy" is Cy Lopez, not two people
    assert s["organizations"]["total"] == 3
    assert s["attendance"]["business_share_full"] == round(2 / 3, 4)
    assert s["rejected_rows"] == 0
    cols = t.quality.columns.set_index("header")["field"]
    assert cols["Held on"] == "meeting_date" and cols["Get-together"] == "meeting_type"


def test_comma_separated_names_with_the_organisation_after_a_dash() -> None:
    rows = [
        ["Date", "Meeting", "Who came"],
        [
            D(2025, 3, 5),
            "Quarterly Partnership Meeting",
            "Ana Lopez - Acme Manufacturing, Bo Chan – Larimer Workforce Center, Dee Ortiz-Fox - Beta Tools",
        ],
        [
            D(2025, 4, 2),
            "Quarterly Partnership Meeting",
            "Ana Lopez - Acme Manufacturing, Bo Chan – Larimer Workforce Center",
        ],
    ]
    t = _load({"Meetings": rows})
    s = summary(t, AS_OF)
    assert s["attendance"]["records"] == 5
    assert sorted(t.people["name"]) == ["Ana Lopez", "Bo Chan", "Dee Ortiz-Fox"]
    assert sorted(t.organizations["name"]) == ["Acme Manufacturing", "Beta Tools", "Larimer Workforce Center"]


def test_names_alone_take_their_organisation_from_the_roster() -> None:
    roster = [
        ["Name", "Organization", "Type"],
        ["Ana Lopez", "Acme Manufacturing", "Business"],
        ["Bo Chan", "Larimer Workforce Center", "Public"],
        ["Cy Dee", "Beta Tools", "Business"],
    ]
    log = [
        ["When", "What", "Attendees"],
        [D(2025, 3, 5), "Full partnership meeting", "Ana Lopez; Bo Chan; Cy Dee"],
        [D(2025, 6, 4), "Full partnership meeting", "Ana Lopez; Bo Chan"],
    ]
    t = _load({"Roster": roster, "Meetings": log})
    s = summary(t, AS_OF)
    assert s["people"] == 3 and s["organizations"]["total"] == 3
    assert s["attendance"]["records"] == 5
    assert (
        s["attendance"]["business_share_full"] == 0.6
    )  # Ana and Cy, Ana: three of the five came for a business


def test_an_action_plan_naming_two_owners_now_and_then_stays_a_plan() -> None:
    rows = [
        ["Priority", "Action Item", "Owner", "Due", "Status"],
        ["Talent", "Recruit employers", "Ana Lopez, Bo Chan", D(2025, 3, 1), "Done"],
        ["Talent", "Map routes", "Bo Chan", D(2025, 4, 1), "In progress"],
        ["Transit", "Publish calendar", "Cy Dee", D(2025, 5, 1), "Not started"],
        ["Transit", "Survey riders", "Ana Lopez", D(2025, 6, 1), "Not started"],
    ]
    t = _load({"Plan": rows})
    assert t.quality.sheets["taken_as"].iloc[0] == "action plan"
    assert len(t.action_items) == 4


def test_splitting_a_cell_into_people() -> None:
    assert split_people("Ana Lopez\nBo Chan\r\n") == ["Ana Lopez", "Bo Chan"]
    assert split_people("Ana Lopez; Lopez, Maria; Bo Chan") == ["Ana Lopez", "Lopez, Maria", "Bo Chan"]
    # A credential or suffix after a comma stays with its name; so does a given name after a surname.
    assert split_people("Emily Kim, RN, Sam Ortiz, Jr., Pat Ruiz, SHRM-CP, Lopez, Maria") == [
        "Emily Kim, RN",
        "Sam Ortiz, Jr.",
        "Pat Ruiz, SHRM-CP",
        "Lopez, Maria",
    ]
    assert entry("Ana Lopez (Acme Manufacturing)") == ("Ana Lopez", "Acme Manufacturing")
    assert entry("Ana Lopez – Acme Manufacturing") == ("Ana Lopez", "Acme Manufacturing")
    assert entry("Dee Ortiz-Fox") == ("Dee Ortiz-Fox", "")
    assert entry("Larimer Workforce Center") == (
        "Larimer Workforce Center (representative)",
        "Larimer Workforce Center",
    )


def test_a_row_holding_a_date_is_data_not_the_header_however_its_words_read() -> None:
    # The words of the last row ("Working Group", "notes", "partners") read like column names; its date says
    # it is a meeting. The header is the row of unfamiliar words above, found by what its columns hold.
    rows = [
        ["Held on", "Get-together", "In the room", "Turnout", "Fine print"],
        [
            D(2025, 3, 5),
            "Quarterly Partnership Meeting",
            "Ana Lopez (Acme Manufacturing)\nBo Chan (Larimer Workforce Center)",
            2,
            None,
        ],
        [
            D(2025, 4, 2),
            "Talent Action Team",
            "Ana Lopez (Acme Manufacturing)\nCy Dee (Beta Tools)",
            2,
            "Quorum reached.",
        ],
        [
            D(2025, 5, 7),
            "Training Working Group",
            "Kevin Rivera (Mid-State Brewing)",
            1,
            "Good discussion of the next quarter's priorities; follow-up notes sent to all partners.",
        ],
    ]
    t = _load({"Gatherings": rows})
    assert t.quality.sheets["header_row"].iloc[0] == 1
    assert len(t.meetings) == 3 and len(t.attendance) == 5


def test_a_grids_header_with_unfamiliar_labels_keeps_its_meeting_dates() -> None:
    rows = [
        ["Person attending", "Home organization", "Feb 15 2024 – Launch", "Apr 10 2024 – AT: Internships"],
        ["Ana Lopez", "Acme Manufacturing", "x", "x"],
        ["Bo Chan", "Larimer Workforce Center", "x", None],
        ["Cy Dee", "Beta Tools", None, "x"],
    ]
    t = _load({"Attendance Grid": rows})
    assert t.quality.sheets["taken_as"].iloc[0] == "grid"
    assert len(t.meetings) == 2 and len(t.attendance) == 4
