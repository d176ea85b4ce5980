"""Sign-in blocks stacked on one sheet, one per meeting, each under its own title line."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import load

from ngsp.figures.summary import summary

PEOPLE = {
    "Ana Lopez": "Acme Manufacturing",
    "Bo Chan": "Front Range Community College",
    "Cy Diaz": "Summit Machining",
    "Di Evans": "Larimer County Workforce Center",
}


def _block(title: str, names: list[str], header: bool) -> list[list[object]]:
    rows: list[list[object]] = [[title]]
    if header:
        rows.append(["Name", "Organization", "Signature"])
    rows += [[n, PEOPLE[n], "signed"] for n in names]
    rows += [[f"Total: {len(names)}"], []]
    return rows


def test_blocks_under_title_lines_without_the_year_which_is_in_the_sheets_name() -> None:
    rows = [["Name", "Organization", "Signature"]]
    rows += _block(
        "Tuesday, March 5 — Quarterly partnership meeting", ["Ana Lopez", "Bo Chan", "Cy Diaz"], False
    )
    rows += _block("Tue 3/19 Talent action team", ["Ana Lopez", "Di Evans"], True)
    rows += _block("June 4 - Quarterly partnership meeting", ["Bo Chan", "Cy Diaz", "Di Evans"], False)
    t = load({"2024 sign-ins": rows})
    assert t.quality.sheets.iloc[0]["taken_as"] == "signin blocks"
    m = t.meetings.sort_values("date")
    assert [d.date() for d in m["date"]] == [dt.date(2024, 3, 5), dt.date(2024, 3, 19), dt.date(2024, 6, 4)]
    assert list(m["type"]) == ["full_partnership", "action_team", "full_partnership"]
    s = summary(t, dt.date(2024, 12, 1))
    assert (s["people"], s["attendance"]["records"], s["rejected_rows"]) == (4, 8, 0)
    assert s["warnings"] == []
    roles = t.quality.ledger["role"].value_counts()
    assert (roles["title"], roles["total"], roles["data"]) == (3, 3, 8)


def test_the_first_blocks_title_above_the_header_and_the_weekday_settling_the_year() -> None:
    rows = [["Wednesday, March 5 — Kickoff"], ["Name", "Organization", "Signature"]]
    rows += [["Ana Lopez", PEOPLE["Ana Lopez"], "x"], ["Bo Chan", PEOPLE["Bo Chan"], "x"], []]
    rows += _block("Wednesday, June 4 — Quarterly meeting", ["Ana Lopez", "Cy Diaz"], True)
    t = load({"Sign-ins": rows})
    m = t.meetings.sort_values("date")
    assert [d.date() for d in m["date"]] == [dt.date(2025, 3, 5), dt.date(2025, 6, 4)]  # Wednesdays in 2025
    assert list(m["type"]) == ["launch", "full_partnership"]
    assert len(t.attendance) == 4


def test_a_roster_updated_on_a_date_is_no_block() -> None:
    rows = [["Name", "Organization"], ["Ana Lopez", PEOPLE["Ana Lopez"]], ["Bo Chan", PEOPLE["Bo Chan"]]]
    rows += [[], ["Last updated 3/5/2025"]]
    t = load({"Partners": rows})
    assert t.quality.sheets.iloc[0]["taken_as"] == "roster" and t.meetings.empty


def test_one_block_on_a_quarters_sheet_under_a_title_without_the_year_and_unfamiliar_header_words() -> None:
    # The last quarter's sheet holds one meeting: a sign-in sheet whose title line gives no year (the sheet's
    # name does), under a header of words ngsp does not know, one of them a single word.
    rows = [["April 20 Pre-Apprenticeship Action Team"], ["Who showed", "Outfit"]]
    rows += [[n, PEOPLE[n]] for n in ["Ana Lopez", "Bo Chan", "Cy Diaz"]] + [["Total", 3]]
    t = load({"Q2 2027": rows})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("signin", 2)
    m = t.meetings
    assert [d.date() for d in m["date"]] == [dt.date(2027, 4, 20)] and list(m["type"]) == ["action_team"]
    assert len(t.attendance) == 3


def test_a_roster_with_a_stray_date_line_under_it_is_no_sign_in_block() -> None:
    """A date line under a roster's last person opened a 'block' with nobody in it, and the roster's people
    became the attendees of a meeting with no date (found by the round-trip property test)."""
    import datetime

    from builders import load

    rows = [["Name", "Organization", "Partner Type", "Email", "Phone"], ["Ana Lopez", "Acme", "Business", None, None],
            ["Bo Chan", "Front Range Community College", "Public", None, None], [],
            [None, datetime.date(2022, 2, 27), None, None, None], [None, None, None, "NA", "NA"]]  # fmt: skip
    t = load({"roster": rows})
    assert list(t.quality.sheets["taken_as"]) == ["roster"]
    assert len(t.meetings) == 0 and len(t.attendance) == 0 and len(t.people) == 2


def test_blocks_under_a_header_of_unfamiliar_phrases_are_read_by_their_values() -> None:
    # "Their name" / "Works for": no header word ngsp knows; the names and firms under them tell the columns.
    rows: list[list[object]] = []
    for day in (8, 15):
        rows += [[f"1/{day}/2024 – Kick-off Meeting"], ["Their name", "Works for"]]
        rows += [[n, PEOPLE[n]] for n in PEOPLE] + [[]]
    t = load({"Sign-ins 2024": rows})
    assert list(t.quality.sheets["taken_as"]) == ["signin blocks"]
    assert len(t.meetings) == 2 and len(t.attendance) == 2 * len(PEOPLE)


@pytest.mark.parametrize("header_each_block", [False, True])
def test_firms_named_after_a_given_name_are_firms_and_headcount_lines_do_not_hide_the_columns(
    header_each_block: bool,
) -> None:
    # "Willow Eye Care", "Sterling Orthopedics": a given name and a trade's word; with "Headcount" lines and
    # their counts in the same column, the organisations' column must still read as organisations.
    firms = ["Willow Eye Care", "Sterling Orthopedics", "Monarch Pediatrics", "Eagle Regional Hospital"]
    people = ["Debra Kowalski", "George Parker", "Nancy Scott", "Ana Lopez"]
    rows: list[list[object]] = []
    for k, title in enumerate(["January 2, 2024 Co-Chair Planning", "Launch Meeting (Monday, January 15, 2024)",
                               "February 6, 2024 Talent Action Team"]):  # fmt: skip
        who = people[: 2 + k]
        # the header once on top, or over every block (its first block was taken for title lines)
        rows += [[title, None]] + ([["Who came", "Represents"]] if k == 0 or header_each_block else [])
        rows += [[n, firms[i]] for i, n in enumerate(who)] + [
            [f"Headcount {len(who)}", float(len(who))],
            [None],
        ]
    t = load({"Meeting Sign-ins": rows})
    assert list(t.quality.sheets["taken_as"]) == ["signin blocks"]
    assert len(t.meetings) == 3 and len(t.attendance) == 2 + 3 + 4
    assert sorted(t.organizations["name"]) == sorted(firms)
