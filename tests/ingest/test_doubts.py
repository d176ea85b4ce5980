"""Doubtful readings are said, naming the file, sheet and column; a good reading says nothing."""

from __future__ import annotations

import datetime as dt
import json

from builders import load
from conftest import example_trackers

from ngsp.core.corrections import Corrections
from ngsp.figures.summary import summary

AS_OF = dt.date(2025, 1, 15)
ROSTER = [
    ["Name", "Company", "Partner?", "Email"],
    ["Ana Lopez", "Acme Manufacturing", "Y", "ana@acme.com"],
    ["Bo Chan", "Front Range Community College", "N", "bo@frcc.edu"],
    ["Cy Diaz", "Summit Machining", "Y", "cy@summit.com"],
    ["Di Evans", "Larimer County Workforce Center", "N", "di@larimer.org"],
    ["Ed Fox", "Banner Health", "Y", "ed@banner.org"],
]


def _log(n_meetings: int = 5) -> list[list[object]]:
    rows = [["Meeting", "Date", "Name", "Sector"]]
    for k in range(n_meetings):
        for name, sector in [("Ana Lopez", "Business"), ("Bo Chan", "Public"), ("Cy Diaz", "Business"),
                             ("Di Evans", "Public"), ("Ed Fox", "Business")]:  # fmt: skip
            rows.append(["Quarterly partnership meeting", dt.datetime(2024, 1 + 2 * k, 5), name, sector])
    return rows


def test_an_organisation_column_of_yes_and_no_is_a_doubt_named_by_sheet_and_column() -> None:
    said = Corrections().with_column("Partners", "Partner?", "org").with_column("Partners", "Company", "")
    t = load({"Partners": ROSTER}, corrections=said)
    assert any(
        "sheet 'Partners'" in w and "'Partner?'" in w and "'Y' and 'N'" in w for w in t.quality.warnings
    ), t.quality.warnings
    assert summary(t, AS_OF)["warnings"] == list(t.quality.warnings)


def test_many_attendance_rows_from_one_or_two_organisations_is_a_doubt() -> None:
    said = Corrections().with_column("Log", "Sector", "org")
    t = load({"Log": _log()}, corrections=said)
    text = " ".join(t.quality.warnings)
    assert "25 attendance records but only 2 organisation" in text
    assert "'Business' and 'Public'" in text  # partner-type words read as organisations' names


def test_a_business_share_of_100_percent_from_a_handful_is_a_doubt() -> None:
    rows = [["Meeting", "Date", "Name", "Company", "Type"]]
    for name, org in [("Ana Lopez", "Acme Manufacturing"), ("Cy Diaz", "Summit Machining")]:
        rows.append(["Quarterly partnership meeting", dt.datetime(2024, 3, 5), name, org, "Business"])
    t = load({"Log": rows})
    assert any("business share of partnership meetings is 100%, from only 2" in w for w in t.quality.warnings)


def test_people_named_like_headings_or_totals_are_a_doubt() -> None:
    rows = [["Name", "Organization"], ["Ana Lopez", "Acme Manufacturing"], ["Champion", "Acme Manufacturing"],
            ["Member", "Summit Machining"], ["Bo Chan", "Summit Machining"]]  # fmt: skip
    t = load({"Contacts": rows})
    assert any("2 people are named like headings, totals or roles" in w for w in t.quality.warnings)


def test_a_sheet_whose_reader_used_few_of_its_rows_is_a_doubt() -> None:
    rows = [["Name", "Organization", "Email", "Phone", "Notes"]]
    rows += [["", "", "", f"555-01{i:02d}", "call back"] for i in range(12)]
    rows += [["Ana Lopez", "Acme Manufacturing", "ana@acme.com", "", ""]]
    t = load({"Contacts": rows})
    assert any("sheet 'Contacts'" in w and "only 1 of the 13 rows" in w for w in t.quality.warnings)


def test_a_good_reading_has_no_warnings(tiny_tracker) -> None:
    t = load({"Partners": ROSTER, "Log": _log()})
    assert t.quality.warnings == ()
    for path in example_trackers():
        from ngsp.ingest.pipeline import load_paths

        assert load_paths([path]).quality.warnings == (), path.name


def test_the_cli_prints_warnings_first(tmp_path) -> None:
    import subprocess
    import sys

    from builders import xlsx_bytes
    from conftest import ROOT

    said = tmp_path / "c.json"
    said.write_text(
        Corrections()
        .with_column("Partners", "Partner?", "org")
        .with_column("Partners", "Company", "")
        .to_json()
    )
    f = tmp_path / "t.xlsx"
    f.write_bytes(xlsx_bytes({"Partners": ROSTER}))
    args = [
        sys.executable,
        "-m",
        "ngsp",
        "summary",
        str(f),
        "--as-of",
        "2025-01-15",
        "--corrections",
        str(said),
    ]
    out = subprocess.run(
        [*args, "--no-snapshot"], capture_output=True, text=True, cwd=ROOT, timeout=120
    ).stdout
    assert out.index("WARNING: ngsp may have misread sheet 'Partners'") < out.index("Organisations")
    out = subprocess.run(
        [*args, "--json", "--no-snapshot"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert json.loads(out.stdout)["warnings"]


def test_a_sheet_of_peoples_names_set_aside_for_want_of_a_header_is_a_doubt() -> None:
    people = [("Ana Lopez", "Acme"), ("Bo Chan", "Front Range Community College"), ("Cy Diaz", "Summit"),
              ("Di Evans", "Larimer"), ("Ed Fox", "Banner"), ("Flo Gray", "Acme"), ("Gus Hill", "Acme"),
              ("Hal Ives", "Banner"), ("Ida Jones", "Summit")]  # fmt: skip
    plan = [["Task", "Status"], ["Host a session", "Done"], ["Draft a brief", "To do"], ["Map gaps", "Done"]]
    t = load({"People": [["Roster"], [], *map(list, people)], "Plan": plan})
    assert list(t.quality.sheets["taken_as"]) == ["set aside", "action plan"]
    said = [w for w in t.quality.warnings if "sheet 'People'" in w]
    assert len(said) == 1 and "nobody on it is counted" in said[0]
    # A sheet of instructions set aside says nothing.
    t = load({"Read me": [["How to use this tracker"], ["Fill in the plan each month"]], "Plan": plan})
    assert t.quality.warnings == ()


def test_a_header_found_under_rows_that_name_people_is_a_doubt() -> None:
    from ngsp.ingest.detect.table import Table
    from ngsp.ingest.doubts import _header_low_doubts
    from ngsp.ingest.read import RawSheet

    people = [["Ana Lopez", "Acme"], ["Bo Chan", "Beta"], ["Cy Diaz", "Summit"], ["Di Evans", "Larimer"],
              ["Ed Fox", "Banner"], ["Flo Gray", "Acme"]]  # fmt: skip
    sheet = RawSheet("t.csv", "Contacts", [["Partner rep", "Org"], *people, ["Gus Hill", "Acme"]])
    low = Table(sheet, "roster", "", header_row=7, title_rows=tuple(range(7)))
    said = _header_low_doubts([low])
    assert len(said) == 1 and "row 8 for the header" in said[0]
    assert _header_low_doubts([Table(sheet, "roster", "", header_row=0)]) == []


def test_a_header_of_unfamiliar_words_is_found_above_a_data_row_of_loose_header_matches() -> None:
    # "Mid-State Family Dental" and "Private firm" read a little like header words (as "status" and
    # "organization" might): the header is the row of phrases above, over names, firms and types.
    rows = [["Fox Valley Healthcare Partnership"], [],
            ["Partner rep", "Org they represent", "Industry vs. public", "Role at company", "Inbox"]]  # fmt: skip
    people = [("George Gutierrez", "Bedrock Home Health", "HR Director", "george@bedrock.com"),
              ("Brian Nguyen", "Bedrock Home Health", "Chief Nursing Officer", "brian@bedrock.com"),
              ("Mei Okafor", "Hawthorne Behavioral Health", "Administrator", None),
              ("Joshua Young", "Mid-State Family Dental", "Administrator", None),
              ("Jonathan Murphy", "Mid-State Family Dental", "COO", None),
              ("Raymond Carter", "Quarry Orthopedics", "HR Director", "ray@quarry.com")]  # fmt: skip
    rows += [[n, o, "Private firm", r, e] for n, o, r, e in people]
    t = load({"Contact List": rows})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("roster", 3)
    assert len(t.people) == 6
