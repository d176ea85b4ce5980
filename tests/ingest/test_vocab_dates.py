"""The words and dates conveners write."""

from __future__ import annotations

import datetime as dt

import pytest

from ngsp.ingest import vocab
from ngsp.ingest.dates import due_date, find_date, to_date, tracker_is_dayfirst
from ngsp.ingest.normalise import parse_percent, status_from

D = dt.date


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Attendee", "person"),
        ("Contact Name", "person"),
        ("First Name", "first_name"),
        ("Surname", "last_name"),
        ("E-mail", "email"),
        ("Organization Name", "org"),
        ("Company", "org"),
        ("Employer", "org"),
        ("Sector (Business/Public)", "org_type"),
        ("Partner Type", "org_type"),
        ("Meeting Date", "meeting_date"),
        ("Type of Meeting", "meeting_type"),
        ("Action Step", "description"),
        ("Task", "description"),
        ("Champion", "owner"),
        ("By When", "due"),
        ("Target Date", "due"),
        ("% Complete", "percent"),
        ("Status", "status"),
        ("Funding Source", "funder"),
        ("Amount ($)", "amount"),
        ("Priority Area", "priority"),
        ("Summary Sent", "summary_sent"),
        ("Organisaton", "org"),
        # a header phrase with its words turned round, as exports and forms write them
        ("Name (first)", "first_name"),
        ("Name, Last", "last_name"),
        ("Date (meeting)", "meeting_date"),
    ],
)
def test_headers_mean_their_field(header: str, field: str) -> None:
    assert vocab.header_fields(header)[0][0] == field


@pytest.mark.parametrize("mark", ["x", "X", "✓", "1", 1, "Y", "yes", "P", "Attended", "✔", True])
def test_marks_of_presence(mark) -> None:
    assert vocab.mark_present(mark) is True


@pytest.mark.parametrize("mark", [None, "", "N", "No", "0", 0, "-", "A", "Absent", "excused"])
def test_marks_of_absence(mark) -> None:
    assert vocab.mark_present(mark) is False


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Complete", "done"),
        ("Finished", "done"),
        ("Underway", "in_progress"),
        ("On track", "in_progress"),
        ("Planned", "not_started"),
        ("Not yet started", "not_started"),
        ("On Hold", "stalled"),
        ("Paused", "stalled"),
        ("Blocked", "stalled"),
        ("Dropped", "cancelled"),
        ("Withdrawn", "cancelled"),
        ("Canceled", "cancelled"),
    ],
)
def test_status_words(word: str, status: str) -> None:
    assert status_from(word, None) == status


@pytest.mark.parametrize(
    ("pct", "status"),
    [(1.0, "done"), ("100%", "done"), (0, "not_started"), ("50%", "in_progress"), (None, "not_started")],
)
def test_status_from_percent_when_no_word(pct, status: str) -> None:
    assert status_from("", parse_percent(pct)) == status


@pytest.mark.parametrize(
    ("raw", "frac"),
    [(0.5, 0.5), ("50%", 0.5), (50, 0.5), ("75", 0.75), (1, 1.0), ("abc", None), (None, None)],
)
def test_percent_forms(raw, frac) -> None:
    assert parse_percent(raw) == frac


@pytest.mark.parametrize(
    ("label", "mtype", "team"),
    [
        ("Launch Meeting", "launch", ""),
        ("Kick-off", "launch", ""),
        ("Quarterly", "full_partnership", ""),
        ("Full Partnership Meeting", "full_partnership", ""),
        ("Talent AT", "action_team", "Talent"),
        ("Action Team Call – Childcare Access", "action_team", "Childcare Access"),
        ("Co-Chair Planning Call", "planning", ""),
    ],
)
def test_meeting_types(label: str, mtype: str, team: str) -> None:
    assert vocab.meeting_type_of(label) == mtype
    if team:
        assert vocab.team_of(label) == team


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("3/5/2024", D(2024, 3, 5)),
        ("March 5, 2024", D(2024, 3, 5)),
        ("2024-03-05", D(2024, 3, 5)),
        ("5-Mar-24", D(2024, 3, 5)),
        ("Wednesday, May 8, 2024", D(2024, 5, 8)),
        (45356.0, D(2024, 3, 5)),
        (dt.datetime(2024, 3, 5, 9, 30), D(2024, 3, 5)),
        ("March 2024", None),
        ("TBD", None),
    ],
)
def test_dates(text, date) -> None:
    assert to_date(text) == date


def test_dates_inside_labels() -> None:
    assert find_date("6/5/24 Quarterly") == (D(2024, 6, 5), "Quarterly")
    assert find_date("Launch 3-12-24") == (D(2024, 3, 12), "Launch")


def test_day_first_only_when_the_tracker_shows_it() -> None:
    assert not tracker_is_dayfirst(["3/5/2024", "4/2/2024"])
    assert tracker_is_dayfirst(["25/03/2024", "3/5/2024"])
    assert to_date("3/5/2024", dayfirst=True) == D(2024, 5, 3)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Q3 2024", D(2024, 9, 30)),
        ("2024 Q3", D(2024, 9, 30)),
        ("Sept '24", D(2024, 9, 30)),
        ("September 2024", D(2024, 9, 30)),
        ("Q2-25", D(2025, 6, 30)),
        ("Ongoing", None),
        ("TBD", None),
        ("", None),
        ("11/10/24", D(2024, 11, 10)),
        ("2025", D(2025, 12, 31)),
    ],
)
def test_due_periods_are_their_last_day(text, date) -> None:
    assert due_date(text)[0] == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Fall 2024", D(2024, 11, 30)),
        ("EOY 2025", D(2025, 12, 31)),
        ("year-end 2025", D(2025, 12, 31)),
        ("1H 2025", D(2025, 6, 30)),
        ("H2 2025", D(2025, 12, 31)),
        ("Q2/25", D(2025, 6, 30)),
        ("2Q25", D(2025, 6, 30)),
        ("3rd quarter 2025", D(2025, 9, 30)),
        ("mid-2025", D(2025, 6, 30)),
        ("early 2026", D(2026, 4, 30)),
        ("late 2025", D(2025, 12, 31)),
        ("first half of 2026", D(2026, 6, 30)),
        ("by end of Q3 2025", D(2025, 9, 30)),
        ("Jan-Mar 2025", D(2025, 3, 31)),
        ("FY25", D(2025, 12, 31)),
        ("ASAP", None),
        ("year-end", None),  # no year, and none given
    ],
)
def test_periods_as_people_write_them(text, date) -> None:
    assert due_date(text)[0] == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Q3", D(2025, 9, 30)),
        ("year-end", D(2025, 12, 31)),
        ("EOY", D(2025, 12, 31)),
        ("by March", D(2025, 3, 31)),
    ],
)
def test_a_period_without_its_year_takes_the_year_given(text, date) -> None:
    assert due_date(text, default_year=2025)[0] == date


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("still to start", "not_started"),
        ("yet to begin", "not_started"),
        ("not yet started", "not_started"),
        ("hasn't started", "not_started"),
        ("not done", "not_started"),
        ("not yet complete", "not_started"),
        ("incomplete", "not_started"),
        ("shelved", "stalled"),
        ("on hold for now", "stalled"),
        ("not active", "stalled"),
        ("wrapped up", "done"),
        ("no longer pursuing", "cancelled"),
        ("not moving forward", "cancelled"),
        ("partly done", "in_progress"),  # part of the way is not done
        ("half finished", "in_progress"),
        ("mostly complete", "in_progress"),
        ("almost there", "in_progress"),
        ("nothing done yet", "not_started"),
        ("not moving", "stalled"),  # stopped, not given up ("not moving forward")
        ("hasn't got going", "not_started"),
        ("not yet off the ground", "not_started"),
        # everyday idioms for where a task stands
        ("in limbo", "stalled"),
        ("gone cold", "stalled"),
        ("superseded", "cancelled"),
        ("called off", "cancelled"),
        ("up next", "not_started"),
        ("on the radar", "not_started"),
        ("in flight", "in_progress"),
        ("taking shape", "in_progress"),
        ("box checked", "done"),
        ("up and running", "done"),
    ],
)
def test_status_phrases_by_meaning_with_negations_read_as_negations(text, status) -> None:
    from ngsp.ingest.vocab import status_of

    assert status_of(text) == status


@pytest.mark.parametrize(
    "value",
    [
        dt.date(9999, 12, 31),
        dt.datetime(1600, 3, 1),
        "9999-12-31",
        "1600-03-01",
        "March 1, 1600",
        "12/31/2999",
        "Q3 9999",
        "Sept 9999",
        "12/9999",
        "summer 2999",
    ],
)
def test_dates_outside_the_years_read_are_no_dates(value) -> None:
    """A typo such as 9999-12-31 or a year 1600 refused the whole tracker (pandas cannot hold it)."""
    assert to_date(value) is None
    assert due_date(value) == (None, "")


def test_the_years_read_are_a_named_limit() -> None:
    from ngsp.core import limits

    assert to_date(dt.date(limits.FIRST_YEAR, 1, 1)) == dt.date(limits.FIRST_YEAR, 1, 1)
    assert to_date(dt.date(limits.LAST_YEAR, 12, 31)) == dt.date(limits.LAST_YEAR, 12, 31)
    assert to_date(dt.date(limits.FIRST_YEAR - 1, 12, 31)) is None
    assert to_date(dt.date(limits.LAST_YEAR + 1, 1, 1)) is None
    assert find_date(f"Meeting {limits.LAST_YEAR + 1}-01-05")[0] is None


@pytest.mark.parametrize(
    "text, date",
    [
        ("2025-02-10 - 2025-05-03", dt.date(2025, 5, 3)),  # a monday.com timeline
        ("3/1/2025 to 4/15/2025", dt.date(2025, 4, 15)),
        ("Mar 1 – Apr 15, 2025", dt.date(2025, 4, 15)),
    ],
)
def test_a_due_date_written_as_a_range_is_due_at_its_end(text, date) -> None:
    assert due_date(text) == (date, "day")


def test_a_sheets_own_status_phrases_mean_what_the_percents_beside_them_say() -> None:
    from builders import load

    rows = [["Goal", "Task", "Where it stands", "% done"]]
    rows += [["Talent", f"Task {k}", "Squared away", 1.0] for k in range(3)]  # unknown words, always 100%
    rows += [["Talent", "Task 3", "Squared away", None]]  # ... so done here too
    rows += [["Talent", "Task 4", "Partly done", 0.4], ["Talent", "Task 5", "Partly done", None]]
    rows += [["Talent", "Task 6", "On hold for now", 0.4]]  # stalled with 40% done is still stalled
    rows += [["Talent", "Task 7", "Gathering dust", None]]  # nothing tells: not started, and said so
    rows += [["Talent", f"Task {k}", "Done", None] for k in (8, 9)] + [
        ["Talent", "Task 10", "In progress", None]
    ]
    t = load({"Plan": rows})
    got = dict(zip(t.action_items["description"], t.action_items["status"], strict=True))
    assert got == {
        **{f"Task {k}": "done" for k in range(4)},
        "Task 4": "in_progress",
        "Task 5": "in_progress",
        "Task 6": "stalled",
        "Task 7": "not_started",
        "Task 8": "done",
        "Task 9": "done",
        "Task 10": "in_progress",
    }
    said = [w for w in t.quality.warnings if "could not tell where" in w]
    assert len(said) == 1 and "1 action item" in said[0] and "'Gathering dust'" in said[0], t.quality.warnings
    assert "Squared away" not in said[0]
