"""Attendance grids as conveners lay them out: a header over three rows under a title block, spacer and notes
columns, and marks whose meaning a legend on the sheet gives."""

from __future__ import annotations

import datetime as dt

from builders import load

from ngsp.figures.summary import summary

D = dt.datetime


def _grid(marks: list[list[str]], legend: str | None) -> list[list[object]]:
    rows = [
        ["Northern Colorado Manufacturing Partnership"],
        ["Attendance 2024"],
        [],
        [None, None, None, "Kickoff", "Quarterly meeting", "Talent action team", "Quarterly meeting", None],
        [None, None, None, D(2024, 3, 5), D(2024, 6, 4), D(2024, 6, 20), D(2024, 9, 10), None],
        ["Name", "Organization", None, None, None, None, None, "Notes"],
    ]
    people = [
        ("Ana Lopez", "Acme Manufacturing", "Co-chair; very engaged in everything we do"),
        ("Bo Chan", "Front Range Community College", ""),
        ("Cy Diaz", "Summit Machining", "Joined late"),
        ("Di Evans", "Larimer County Workforce Center", ""),
    ]
    for (name, org, note), m in zip(people, marks, strict=True):
        rows.append([name, org, None, *m, note])
    if legend:
        rows += [[], [legend]]
    return rows


MARKS = [["A", "A", "R", "A"], ["A", "R", "A", "E"], ["R", "A", "A", "A"], ["A", "A", "R", "A"]]


def test_a_header_over_three_rows_under_a_title_block_with_spacer_and_notes_columns() -> None:
    t = load({"Attendance": _grid(MARKS, "Key: A = attended, R = regrets, E = excused")})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("grid", 6)
    m = t.meetings.sort_values("date")
    assert list(m["type"]) == ["launch", "full_partnership", "action_team", "full_partnership"]
    assert list(m["team"]) == ["", "", "Talent", ""]
    s = summary(t, dt.date(2024, 12, 1))
    assert (s["people"], s["attendance"]["records"]) == (4, 11)
    assert s["warnings"] == []
    roles = t.quality.ledger.set_index("source_row")["role"]
    assert roles[4] == roles[5] == roles[6] == "header" and roles[12] == "legend"


def test_marks_a_legend_explains_in_other_words_and_symbols() -> None:
    symbols = [["●", "●", "○", "●"], ["●", "○", "●", "○"], ["○", "●", "●", "●"], ["●", "●", "○", "●"]]
    t = load({"Attendance": _grid(symbols, "● present / ○ absent")})
    assert len(t.attendance) == 11
    assert t.quality.ledger.set_index("source_row")["role"][12] == "legend"


def test_marks_nobody_explains_are_said_not_guessed() -> None:
    t = load({"Attendance": _grid(MARKS, None)})
    # 'A' alone usually means absent; 'R' and 'E' mean nothing ngsp knows: none is counted, and the reading says so.
    assert len(t.attendance) == 0
    assert any("'R' in" in w and "sheet 'Attendance'" in w for w in t.quality.warnings), t.quality.warnings


def _banded(labels: list[object]) -> list[list[object]]:
    """A three-row header: a band naming runs of meetings once, their dates (some written as text), then labels."""
    rows = [
        ["Partner attendance 2024"],
        [],
        [None, None, "Kickoff", "Quarterly meeting", None, "Talent action team", None, None],
        [
            None,
            None,
            "5 March 2024",
            D(2024, 6, 4),
            "10-Sep-24",
            D(2024, 4, 20),
            "May 21, 2024",
            D(2024, 7, 9),
        ],
        labels,
    ]
    people = [
        ("Ana Lopez", "Acme Manufacturing", ["1", "1", "0", "1", "0", "1"]),
        ("Bo Chan", "Front Range Community College", ["1", "0", "1", "0", "1", "1"]),
        ("Cy Diaz", "Summit Machining", ["0", "1", "1", "1", "1", "0"]),
        ("Di Evans", "Larimer County Workforce Center", ["1", "1", "1", "0", "0", "0"]),
    ]
    return rows + [[name, org, *m] for name, org, m in people]


def test_labels_in_unfamiliar_words_under_a_row_of_dates_are_the_grids_header() -> None:
    # "Guest name | Works for" names nothing ngsp knows: the names and organisations under them say what they are.
    t = load({"Turnout": _banded(["Guest name", "Works for", None, None, None, None, None, None])})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"], sheet["rejected_rows"]) == ("grid", 5, 0)
    assert sorted(t.organizations["name"]) == [
        "Acme Manufacturing",
        "Front Range Community College",
        "Larimer County Workforce Center",
        "Summit Machining",
    ]
    assert len(t.attendance) == 15


def test_a_band_over_several_meetings_names_each_of_them() -> None:
    # The band is written once over its run of meetings, as a merged cell or (the merge lost) in its first column.
    labels = ["Name", "Organization", None, None, None, None, None, None]
    for merged in (None, {"Turnout": ["D3:E3", "F3:H3"]}):
        t = load({"Turnout": _banded(labels)}, merged=merged)
        m = t.meetings.sort_values("date")
        assert list(m["type"]) == ["launch", "action_team", "action_team", "full_partnership", "action_team",
                                   "full_partnership"]  # fmt: skip
        assert set(m.loc[m["type"] == "action_team", "team"]) == {"Talent"}


def test_a_legend_written_a_mark_a_line_with_its_meaning_in_the_next_cell() -> None:
    marks = [
        ["IP", "IP", "NS", "Z"],
        ["IP", "NS", "Z", "NS"],
        ["NS", "Z", "IP", "IP"],
        ["Z", "IP", "NS", "IP"],
    ]
    rows = _grid(marks, None) + [[], ["IP", "in person"], ["Z", "joined on Zoom"], ["NS", "no show"]]
    t = load({"Attendance": rows})
    assert len(t.attendance) == 11 and len(t.people) == 4
    roles = t.quality.ledger.set_index("source_row")["role"]
    assert list(roles[[12, 13, 14]]) == ["legend"] * 3
    assert summary(t, dt.date(2024, 12, 1))["warnings"] == []


def test_labels_in_unfamiliar_words_beside_the_dates_under_a_row_of_meeting_names() -> None:
    names = [None, None, "Kickoff", "Quarterly meeting", "Talent action team", "Quarterly meeting"]
    dates = ["Guest name", "Represents", "3/5/24", "4 June 2024", D(2024, 6, 20), "10-Sep-24"]
    people = [("Ana Lopez", "Acme Manufacturing"), ("Bo Chan", "Front Range Community College"),
              ("Cy Diaz", "Summit Machining"), ("Di Evans", "Larimer County Workforce Center")]  # fmt: skip
    rows = [names, dates] + [[n, o, *m] for (n, o), m in zip(people, MARKS, strict=True)]
    t = load({"Attendance": rows + [[], ["Key: A = attended, R = regrets, E = excused"]]})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("grid", 2)
    assert list(t.meetings.sort_values("date")["type"]) == ["launch", "full_partnership", "action_team",
                                                            "full_partnership"]  # fmt: skip
    assert len(t.attendance) == 11


def test_a_legend_parted_by_wide_spaces_and_colour_words_written_capitalised() -> None:
    squares = [["◼", "◼", "◻", "◼"], ["◼", "◻", "◼", "◻"], ["◻", "◼", "◼", "◼"], ["◼", "◼", "◻", "◼"]]
    t = load({"Attendance": _grid(squares, "Legend: ◼ attended  ◻ did not attend")})
    assert len(t.attendance) == 11
    colours = [["Green", "Green", "Red", "Green"], ["Green", "Yellow", "Green", "Red"],
               ["Red", "Green", "Green", "Green"], ["Green", "Green", "Yellow", "Green"]]  # fmt: skip
    t = load({"Attendance": _grid(colours, "Green = attended; Red = absent; Yellow = excused")})
    assert len(t.attendance) == 11
    assert summary(t, dt.date(2024, 12, 1))["warnings"] == []
