"""Each layout a convener may keep, in a tiny workbook built in the test, read to the right tables."""

from __future__ import annotations

import datetime as dt
import json

from builders import load

from ngsp.figures.summary import summary

D = dt.date
AS_OF = D(2025, 1, 15)


def test_roster_with_first_and_last_names_and_no_types() -> None:
    t = load(
        {
            "Contacts": [
                ["Partnership contacts"],
                [],
                ["First Name", "Last Name", "Company", "Email", "Phone"],
                ["Ana", "Lopez", "Acme Manufacturing", "ana@acme.com", "0123 456"],
                ["NA", "Kim", "Front Range Community College", "", ""],
                ["Bo", "Chan", "Larimer Workforce Center", "bo@larimer.gov", ""],
            ]
        }
    )
    assert sorted(t.people["name"]) == ["Ana Lopez", "Bo Chan", "NA Kim"]
    assert "0123 456" in set(t.people["phone"])  # a leading zero survives
    types = dict(zip(t.organizations["name"], t.organizations["type"], strict=True))
    assert types == {
        "Acme Manufacturing": "business",
        "Front Range Community College": "public",
        "Larimer Workforce Center": "public",
    }
    assert set(t.organizations["type_source"]) == {"inferred"}


def test_a_placeholder_where_a_name_will_go_is_no_person_and_says_so() -> None:
    t = load(
        {
            "Partners": [
                ["Name", "Organization", "Email"],
                ["Ana Lopez", "Acme Manufacturing", "ana@acme.com"],
                ["TBD", "", ""],
                ["N/A", "", ""],
                ["Bo Chan", "N/A", ""],
            ]
        }
    )
    assert sorted(t.people["name"]) == ["Ana Lopez", "Bo Chan"]
    assert list(t.organizations["name"]) == ["Acme Manufacturing"]  # "N/A" is no organisation
    rejected = t.quality.rejected
    assert sorted(rejected["content"]) == ["N/A", "TBD"]
    assert rejected["reason"].str.contains("where a name will go").all()


def test_long_log_with_the_date_only_on_a_meetings_first_row() -> None:
    t = load(
        {
            "Attendance": [
                ["Date", "Meeting", "Name", "Organization", "Type"],
                [D(2024, 3, 5), "Quarterly Partnership Meeting", "Ana Lopez", "Acme", "Business"],
                [None, None, "Bo Chan", "Larimer Workforce Center", "Public"],
                [None, None, "Cy Dee", "Beta Tools", "Business"],
                ["4/2/2024", "Talent Action Team", "Ana Lopez", "Acme", "Business"],
                [None, None, "Bo Chan", "Larimer Workforce Center", "Public"],
            ]
        }
    )
    s = summary(t, AS_OF)
    assert s["meetings"]["full_partnership"] == 1 and s["meetings"]["action_team"] == 1
    assert s["attendance"]["records"] == 5
    assert s["attendance"]["business_share_full"] == round(2 / 3, 4)


def test_grid_with_type_inside_the_column_label_and_a_total_row() -> None:
    t = load(
        {
            "Grid": [
                [
                    "Name",
                    "Organization",
                    "Partner Type",
                    "6/5/24 Quarterly",
                    "4/2/24 Talent AT",
                    "9/10/24 Quarterly",
                ],
                ["Ana Lopez", "Acme", "Employer", "X", "", "✓"],
                ["Bo Chan", "Workforce Board", "Support Partner", "1", "1", "0"],
                ["Total", None, None, 2, 1, 1],
                ["Key: X = attended"],
            ]
        }
    )
    s = summary(t, AS_OF)
    assert s["meetings"] == {
        "total": 3,
        "launch": 0,
        "full_partnership": 2,
        "action_team": 1,
        "planning": 0,
        "other": 0,
    }
    assert s["attendance"]["records"] == 4
    assert s["organizations"] == {"total": 2, "business": 1, "public": 1}
    roles = t.quality.ledger.set_index("source_row")["role"]
    assert roles[4] == "total" and roles[5] == "legend"


def test_signin_sheet_named_only_by_its_sheet_name() -> None:
    t = load(
        {
            "Launch 3-12-24": [
                ["Name", "Organization", "Email"],
                ["Ana Lopez", "Acme", "ana@acme.com"],
                ["Bo Chan", "Workforce Board", ""],
            ]
        }
    )
    m = t.meetings.iloc[0]
    assert (m["type"], m["date"].date()) == ("launch", D(2024, 3, 12))
    assert len(t.attendance) == 2


def test_action_plan_with_section_rows_and_status_only_as_percent() -> None:
    t = load(
        {
            "Plan": [
                ["Work plan"],
                ["PRIORITY 1: TALENT PIPELINE"],
                ["Task", "Lead", "Due", "% Complete"],
                ["Map training programs", "Ana Lopez", "Q1 2024", "100%"],
                ["Host a job fair", "Bo Chan", "Ongoing", 0.5],
                ["", "Bo Chan", "Q2 2024", 0],
                ["Priority 2 - Housing"],
                ["Task", "Lead", "Due", "% Complete"],
                ["Survey employers", "Ana Lopez", "June 2024", 0],
            ]
        },
        merged={"Plan": ["A2:D2", "A7:D7"]},
    )
    s = summary(t, AS_OF)
    assert s["priorities"] == {"Talent Pipeline": {"items": 2, "done": 1}, "Housing": {"items": 1, "done": 0}}
    assert s["action_items"]["overdue"] == 1  # "June 2024" is due 30 June 2024 and not started
    assert s["rejected_rows"] == 1
    assert t.quality.rejected.iloc[0]["source_row"] == 6


def test_one_sheet_per_priority() -> None:
    plan = [
        ["Action", "Owner", "Status"],
        ["Recruit employers", "Ana", "Done"],
        ["Write brief", "Bo", "Paused"],
    ]
    t = load({"Talent Pipeline": plan, "Childcare": plan})
    s = summary(t, AS_OF)
    assert s["priorities"] == {
        "Childcare": {"items": 2, "done": 1},
        "Talent Pipeline": {"items": 2, "done": 1},
    }
    assert s["action_items"]["stalled"] == 2


def test_instructions_and_lists_are_set_aside_and_unknown_columns_kept() -> None:
    t = load(
        {
            "Read me": [["How to use this tracker"], ["Fill in every tab."]],
            "Dropdowns": [["Status"], ["Done"], ["Not started"]],
            "Partners": [["Name", "Organization", "Favourite colour"], ["Ana Lopez", "Acme", "teal"]],
        }
    )
    taken = dict(zip(t.quality.sheets["source_sheet"], t.quality.sheets["taken_as"], strict=True))
    assert taken == {"Read me": "set aside", "Dropdowns": "set aside", "Partners": "roster"}
    assert json.loads(t.people.iloc[0]["extra"]) == {"Favourite colour": "teal"}


def test_day_first_tracker() -> None:
    t = load(
        {
            "Meetings": [
                ["Date", "Type"],
                ["25/03/2024", "Launch"],
                ["05/06/2024", "Full partnership"],
            ]
        }
    )
    assert sorted(d.date() for d in t.meetings["date"]) == [D(2024, 3, 25), D(2024, 6, 5)]


def test_funding_sheet() -> None:
    t = load(
        {
            "Funding": [
                ["Funding Source", "Cash / In-kind", "Amount", "Status"],
                ["State grant", "Cash", "$40,000", "Awarded"],
                ["College", "In-kind", 2500, "Pledged"],
            ],
            "Partners": [["Name", "Organization"], ["Ana", "Acme"]],
        }
    )
    assert list(t.funding["kind"]) == ["cash", "in_kind"]
    assert list(t.funding["amount"]) == [40000.0, 2500.0]
    assert list(t.funding["status"]) == ["received", "committed"]
    assert summary(t, AS_OF)["organizations"]["total"] == 1  # funders are not partners


def test_a_roster_dated_in_its_title_is_not_a_signin_sheet() -> None:
    t = load(
        {
            "Partners": [
                ["Partner roster — updated 11/25/2026"],
                ["Name", "Organization", "Type"],
                ["Ana Lopez", "Acme", "Business"],
            ]
        }
    )
    assert list(t.quality.sheets["taken_as"]) == ["roster"]
    assert t.meetings.empty and t.attendance.empty


def test_a_bare_type_column_is_settled_by_what_it_holds() -> None:
    t = load(
        {
            "Meetings": [
                ["Date", "Type", "Team"],
                ["3/5/2024", "Kickoff", ""],
                ["4/9/2024", "AT Meeting", "Talent"],
            ],
            "Partners": [
                ["Name", "Organization", "Type"],
                ["Ana Lopez", "Acme", "B"],
                ["Bo Chan", "WDB", "P"],
            ],
        }
    )
    assert sorted(t.meetings["type"]) == ["action_team", "launch"]
    assert sorted(t.organizations["type"]) == ["business", "public"]


def test_attendance_log_naming_the_meeting_with_its_date_in_one_cell() -> None:
    t = load(
        {
            "Log": [
                ["Meeting", "Name", "Organization"],
                ["6/5/24 Quarterly", "Ana Lopez", "Acme"],
                ["6/5/24 Quarterly", "Bo Chan", "WDB"],
                ["7/1/24 Talent AT", "Ana Lopez", "Acme"],
            ]
        }
    )
    assert sorted(zip(t.meetings["date"].dt.date, t.meetings["type"], strict=True)) == [
        (D(2024, 6, 5), "full_partnership"),
        (D(2024, 7, 1), "action_team"),
    ]
    assert len(t.attendance) == 3


def test_grid_with_meeting_types_in_a_row_under_the_dates() -> None:
    t = load(
        {
            "Grid": [
                ["Name", "Organization", D(2024, 3, 5), D(2024, 4, 2)],
                [None, None, "Launch", "Talent Action Team"],
                ["Ana Lopez", "Acme", "x", "x"],
            ]
        }
    )
    assert sorted(t.meetings["type"]) == ["action_team", "launch"]
    assert t.quality.rejected.empty


def test_abbreviated_headers_and_a_type_named_once_per_block() -> None:
    rows = [["Mtg Date", "Mtg Type", "Attendee", "Org"], [D(2024, 3, 5), "Kickoff", "Ana Lopez", "Acme"]]
    rows += [[None, None, f"Person {i} Doe", "Acme"] for i in range(70)]
    rows += [[D(2024, 6, 5), "Quarterly", "Ana Lopez", "Acme"]]
    t = load({"Log": rows})
    assert sorted(t.meetings["type"]) == ["full_partnership", "launch"]


def test_a_word_in_capitals_heads_people_but_a_code_is_a_name() -> None:
    # "GUESTS" alone on a row heads the people below it; "a000" (written "A000" in a clean copy) is somebody.
    t = load(
        {
            "Roster": [
                ["Name", "Organization", "Email"],
                ["Maria Lopez", "Acme Tool", "maria@acme.com"],
                ["GUESTS"],
                ["Sam Reed", "", "sam@example.org"],
                ["A000"],
            ]
        }
    )
    assert sorted(t.people["name"]) == ["A000", "Maria Lopez", "Sam Reed"]
    ledger = t.quality.ledger
    assert ledger[ledger["source_row"] == 3]["detail"].tolist() == ["a heading over people"]


def test_a_load_leaves_the_cycle_collector_as_it_found_it() -> None:
    # The collector is paused while a tracker loads (it walked every row's cells again and again): it must be on
    # again afterwards, after a refused file too, and stay off if the caller had switched it off.
    import gc

    import pytest

    from ngsp.core.errors import TrackerError
    from ngsp.ingest.pipeline import load_files

    rows = {"Roster": [["Name", "Organization"], ["Ann Lee", "Acme"]]}
    assert gc.isenabled()
    load(rows)
    assert gc.isenabled()
    with pytest.raises(TrackerError):
        load_files([("notes.xlsx", b"not a workbook")])
    assert gc.isenabled()
    gc.disable()
    try:
        load(rows)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_partner_types_are_inferred_from_names_and_domains_with_the_reason_kept() -> None:
    t = load(
        {
            "Contacts": [
                ["Name", "Organization", "Email"],
                ["Ana Lopez", "Thompson ISD", ""],
                ["Bo Chan", "Michigan Works! Southwest", ""],
                ["Cy Diaz", "County Line Construction", ""],
                ["Di Evans", "Bright Futures", "di@brightfutures.k12.co.us"],
                ["Ed Fox", "Academy Mortgage", ""],
            ]
        }
    )
    orgs = t.organizations.set_index("name")
    assert dict(orgs["type"]) == {
        "Thompson ISD": "public",
        "Michigan Works! Southwest": "public",
        "County Line Construction": "business",
        "Bright Futures": "public",
        "Academy Mortgage": "business",
    }
    assert orgs.loc["Thompson ISD", "type_why"] == "its name says 'isd'"
    assert "e-mail" in orgs.loc["Bright Futures", "type_why"]
    assert set(orgs["type_source"]) == {"inferred"}
