"""Transposed grids: meetings down the side, people (under their organisations) or organisations across the top;
and grids of organisations rather than people, either way round."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import load

from ngsp.figures import summary
from ngsp.ingest.names import names_in_cell

D = dt.datetime


def test_meetings_down_people_across_under_their_organisations_in_a_merged_row() -> None:
    rows = [
        [None, None, "Acme Manufacturing", None, "Front Range Community College", "Summit Machining"],
        ["Meeting", "Date", "Ana Lopez", "Al Ruiz", "Bo Chan", "Cy Diaz"],
        ["Kickoff", D(2024, 3, 5), "x", "x", "x", ""],
        ["Quarterly meeting", D(2024, 6, 4), "x", "", "", "x"],
        ["Talent action team", D(2024, 6, 20), "", "x", "x", "x"],
        ["Total", None, 2, 2, 2, 2],
    ]
    t = load({"Attendance": rows}, merged={"Attendance": ["C1:D1"]})
    assert t.quality.sheets.iloc[0]["taken_as"] == "transposed grid"
    org_of = dict(
        zip(
            t.people["name"],
            t.people["org_id"].map(
                dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))
            ),
            strict=True,
        )
    )
    assert org_of == {
        "Ana Lopez": "Acme Manufacturing",
        "Al Ruiz": "Acme Manufacturing",
        "Bo Chan": "Front Range Community College",
        "Cy Diaz": "Summit Machining",
    }
    s = summary(t, dt.date(2024, 12, 1))
    assert s["meetings"]["total"] == 3 and s["meetings"]["launch"] == 1 and s["meetings"]["action_team"] == 1
    assert s["attendance"]["records"] == 8 and s["rejected_rows"] == 0 and s["warnings"] == []


def test_organisations_across_the_top_count_one_person_from_each() -> None:
    rows = [
        ["Date", "Meeting", "Acme Manufacturing", "Front Range Community College", "Summit Machining"],
        [D(2024, 3, 5), "Quarterly meeting", "✓", "✓", ""],
        [D(2024, 6, 4), "Quarterly meeting", "✓", "", "✓"],
    ]
    t = load({"By organisation": rows})
    s = summary(t, dt.date(2024, 12, 1))
    assert s["organizations"] == {"total": 3, "business": 2, "public": 1}
    assert s["attendance"]["records"] == 4
    assert s["attendance"]["business_share_full"] == 0.75


def test_a_grid_of_organisations_down_the_side_counts_one_person_from_each() -> None:
    rows = [["Organization", D(2024, 3, 5), D(2024, 6, 4)], ["Acme Manufacturing", "x", ""],
            ["Front Range Community College", "x", "x"]]  # fmt: skip
    t = load({"Att": rows})
    assert len(t.organizations) == 2 and len(t.attendance) == 3 and t.quality.rejected.empty
    assert set(t.people["name"]) == {
        "Acme Manufacturing (representative)",
        "Front Range Community College (representative)",
    }


def test_organisations_across_the_top_with_who_came_named_in_the_cells() -> None:
    rows = [
        [
            "Gathering date",
            "Which meeting",
            "Acme Manufacturing",
            "Front Range Community College",
            "Summit Machining",
        ],
        [D(2024, 3, 5), "Kickoff", "Ana Lopez; Al Ruiz", "Bo Chan", None],
        [D(2024, 6, 4), "Quarterly meeting", "Ana Lopez", "Bo Chan, SHRM-CP; Di Evans", None],
        [D(2024, 6, 20), "Talent action team", None, None, "Cy Diaz"],
    ]
    t = load({"Turnout": rows})
    assert t.quality.sheets.iloc[0]["taken_as"] == "transposed grid"
    org_name = dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))
    assert dict(zip(t.people["name"], t.people["org_id"].map(org_name), strict=True)) == {
        "Ana Lopez": "Acme Manufacturing",
        "Al Ruiz": "Acme Manufacturing",
        "Bo Chan": "Front Range Community College",
        "Di Evans": "Front Range Community College",
        "Cy Diaz": "Summit Machining",
    }
    s = summary(t, dt.date(2024, 12, 1))
    assert s["meetings"]["total"] == 3 and s["attendance"]["records"] == 7 and s["rejected_rows"] == 0


def test_who_came_written_one_a_line_in_the_cells_is_each_person() -> None:
    rows = [
        ["Gathering date", "Acme Manufacturing", "Front Range Community College"],
        [D(2024, 3, 5), "Ana Lopez\nAl Ruiz", "Bo Chan"],
        [D(2024, 6, 4), "Ruiz, Al\nANA LOPEZ", "Bo Chan\nDi Evans"],
    ]
    t = load({"Turnout": rows})
    assert sorted(t.people["name"]) == ["Al Ruiz", "Ana Lopez", "Bo Chan", "Di Evans"]
    assert summary(t, dt.date(2024, 12, 1))["attendance"]["records"] == 7


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ana Lopez; Bo Chan", ["Ana Lopez", "Bo Chan"]),
        ("Ana Lopez\nBo Chan", ["Ana Lopez", "Bo Chan"]),
        ("Ana Lopez, Bo Chan, Cy Diaz", ["Ana Lopez", "Bo Chan", "Cy Diaz"]),
        ("Pat Ruiz, SPHR, Bo Chan", ["Pat Ruiz, SPHR", "Bo Chan"]),
        ("Emily Kim, SHRM-CP", ["Emily Kim, SHRM-CP"]),
        ("Sam Ortiz Jr., Ana Lopez", ["Sam Ortiz Jr.", "Ana Lopez"]),
        ("Nguyen, Jessica", ["Nguyen, Jessica"]),
    ],
)
def test_the_names_one_cell_lists(text, names) -> None:
    assert names_in_cell(text) == names


def test_people_across_under_an_unmerged_band_with_meetings_named_around_their_dates() -> None:
    # No header word but "What kind of meeting"; the organisation is written over its first person only (the
    # merge lost) and holds for the people to its right; each meeting's name is around its date.
    rows = [
        ["Our partnership"],
        [],
        [None, "Acme Manufacturing", None, "Sterling Paving", "Front Range Community College"],
        ["What kind of meeting", "Ana Lopez", "Al Ruiz", "Cy Diaz", "Bo Chan"],
        ["Kickoff (Mar 5 2024)", "✓", "✓", None, "✓"],
        ["June 4, 2024 Quarterly meeting", "✓", None, "✓", None],
        ["Talent Action Team — 6/20/24", None, "✓", "✓", "✓"],
    ]
    t = load({"Who Attended": rows})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("transposed grid", 4)
    org_name = dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))
    assert dict(zip(t.people["name"], t.people["org_id"].map(org_name), strict=True)) == {
        "Ana Lopez": "Acme Manufacturing",
        "Al Ruiz": "Acme Manufacturing",
        "Cy Diaz": "Sterling Paving",
        "Bo Chan": "Front Range Community College",
    }
    s = summary(t, dt.date(2024, 12, 1))
    assert (s["meetings"]["launch"], s["meetings"]["full_partnership"], s["meetings"]["action_team"]) == (
        1,
        1,
        1,
    )
    assert s["attendance"]["records"] == 8 and s["rejected_rows"] == 0


def test_a_plan_whose_header_words_read_as_names_is_no_transposed_grid() -> None:
    # "Driver" reads as an organisation with people under it, "Done so far" as a person over numbers: two
    # columns of seven are not the people or organisations a transposed grid is mostly made of.
    header = ["Bucket", "Undertaking", "Driver", "Wrap-up", "Where it's at", "Done so far", "Fine print"]
    tasks = [
        [
            "Rural Access",
            "Share a cost comparison",
            "Steven Lindqvist",
            D(2024, 6, 22),
            "Achieved",
            None,
            None,
        ],
        [
            "Rural Access",
            "Pilot a joint program",
            "Elizabeth Gutierrez",
            D(2024, 9, 11),
            "Done",
            100,
            "On hold",
        ],
        ["Nursing", "Publish a progress update", "Nancy Allen", D(2024, 7, 31), "Partly done", 60, None],
        [
            "Nursing",
            "Host a listening session",
            "Joseph Sanchez",
            D(2025, 4, 15),
            "Done",
            100,
            "Needs a champion",
        ],
    ]
    t = load({"Our Plan": [header, *tasks]})
    assert t.quality.sheets.iloc[0]["taken_as"] == "action plan" and len(t.action_items) == 4


def test_present_and_absent_written_out_are_marks_not_names() -> None:
    # "Present" and "Absent" read as names (single capitalised words): they are the marks under the people, and
    # their rows are meetings, not a header.
    rows = [
        [None, "Acme Manufacturing", None, "Summit Machining"],
        ["Event held", "Ana Lopez", "Al Ruiz", "Cy Diaz"],
        ["Partnership Launch — 3/19/2025", "Present", "Absent", "Present"],
        ["Monday, April 7, 2025 – Talent AT", "Absent", "Present", "Present"],
        ["Quarterly meeting (June 3, 2025)", "Present", "Present", "Absent"],
        ["Talent AT — 7/8/2025", "Absent", "Present", "Absent"],
        ["September 9, 2025 Quarterly meeting", "Present", "Absent", "Present"],
    ]
    t = load({"Attendance (by meeting)": rows})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("transposed grid", 2)
    assert len(t.meetings) == 5 and len(t.attendance) == 9 and t.quality.rejected.empty


def test_organisations_written_once_over_their_people_whose_names_look_like_header_words() -> None:
    # "Falcon Medical Group" and "Mid-State Regl Hospital" read a little like header words ("organization",
    # "status"): the row of people under them, over the marks, is the header all the same.
    orgs = [
        "Falcon Medical Group",
        None,
        "Mid-State Regl Hospital",
        None,
        "Kalamazoo County Workforce Center",
    ]
    people = ["Ana Lopez", "Bo Chan", "Cy Diaz", "Di Evans", "Ed Fox"]
    rows = [["Southwest Healthcare Partnership"], [], [None, *orgs], ["Get-together", *people]]
    marks = [
        ["yes", "no", "yes", "no", "yes"],
        ["no", "yes", "yes", "no", "no"],
        ["yes", "yes", "no", "yes", "no"],
    ]
    for k, m in enumerate(marks):
        rows.append([f"Launch Meeting — Jul {8 + k} 2025", *m])
    t = load({"Who Attended": rows})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("transposed grid", 4)
    assert len(t.attendance) == 8 and sorted(t.people["name"]) == sorted(people)
    orgs_of = dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))
    assert orgs_of[t.people.set_index("name").loc["Bo Chan", "org_id"]] == "Falcon Medical Group"
