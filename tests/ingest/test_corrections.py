"""A convener's corrections change what ngsp reads, as said, and survive a trip through a file."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import load

from ngsp.core.corrections import Corrections
from ngsp.figures.summary import summary

AS_OF = dt.date(2025, 1, 1)
SHEETS = {
    "Partners": [
        ["Name", "Organization", "Notes"],
        ["Ana Lopez", "Summit Machining", "x"],
        ["Bo Chan", "Summit Mfg", "y"],
        ["Cy Dee", "Front Range Foundation", ""],
    ],
    "Stuff": [["Name", "Organization"], ["Di Eve", "Acme Tools"]],
}


def test_no_corrections_reads_as_detected() -> None:
    s = summary(load(SHEETS), AS_OF)
    assert s["organizations"] == {"total": 4, "business": 3, "public": 1}


def test_sheet_kind_set_aside_drops_its_rows_from_the_figures() -> None:
    c = Corrections().with_sheet_kind("Stuff", "set_aside")
    t = load(SHEETS, corrections=c)
    assert summary(t, AS_OF)["people"] == 3
    assert "you said" in t.quality.sheets.set_index("source_sheet").loc["Stuff", "why"]
    assert list(t.quality.corrections["correction"]) == ["sheet"]


def test_two_spellings_are_one_organisation_and_a_wrong_merge_is_undone() -> None:
    c = Corrections().with_same_org("Summit Machining", "Summit Mfg")
    assert summary(load(SHEETS, corrections=c), AS_OF)["organizations"]["total"] == 3
    c2 = c.with_split_org("Summit Mfg")
    assert summary(load(SHEETS, corrections=c2), AS_OF)["organizations"]["total"] == 4


def test_partner_type_correction() -> None:
    c = Corrections().with_org_type("front range foundation", "business")
    t = load(SHEETS, corrections=c)
    assert summary(t, AS_OF)["organizations"] == {"total": 4, "business": 4, "public": 0}
    row = t.organizations.set_index("name").loc["Front Range Foundation"]
    assert (row["type"], row["type_source"]) == ("business", "corrected")


def test_column_meaning_correction() -> None:
    c = Corrections().with_column("Partners", "Notes", "org_type")
    sheets = {"Partners": [["Name", "Organization", "Notes"], ["Ana Lopez", "Acme", "Public"]]}
    assert summary(load(sheets, corrections=c), AS_OF)["organizations"]["public"] == 1
    assert summary(load(sheets), AS_OF)["organizations"]["public"] == 0


def test_round_trip_through_json_and_bad_files() -> None:
    c = (
        Corrections()
        .with_sheet_kind("Stuff", "roster")
        .with_column("Partners", "Notes", "")
        .with_same_org("A", "B")
        .with_split_org("C")
        .with_org_type("D", "public")
    )
    assert Corrections.from_json(c.to_json()) == c
    with pytest.raises(ValueError, match="not JSON"):
        Corrections.from_json("{nope")
    with pytest.raises(ValueError, match="not an ngsp corrections file"):
        Corrections.from_json('{"a": 1}')
    with pytest.raises(ValueError):
        Corrections().with_sheet_kind("x", "banana")


def test_structure_key_ignores_file_names_and_new_dated_sheets() -> None:
    from builders import xlsx_bytes

    from ngsp.ingest.pipeline import load_files

    signin = [["Name", "Organization"], ["Ana Lopez", "Acme"]]
    a = load_files([("week1.xlsx", xlsx_bytes({"Youth AT 6-4-24": signin}))])
    b = load_files(
        [("copy of tracker.xlsx", xlsx_bytes({"Youth AT 6-4-24": signin, "Youth AT 7-9-24": signin}))]
    )
    c = load_files([("week1.xlsx", xlsx_bytes({"Partners": [["Name", "Email"], ["Ana", "a@x.org"]]}))])
    assert a.structure_key == b.structure_key != c.structure_key


def test_a_correction_keeps_the_tracker_the_same_tracker() -> None:
    plain = load(SHEETS)
    corrected = load(
        SHEETS,
        corrections=Corrections()
        .with_sheet_kind("Stuff", "set_aside")
        .with_column("Partners", "Notes", "org_type"),
    )
    assert plain.structure_key == corrected.structure_key


def test_the_partnership_name_is_kept_with_the_corrections_and_titles_the_tracker():
    from builders import xlsx_bytes

    from ngsp.core.corrections import Corrections
    from ngsp.ingest.pipeline import load_files

    c = Corrections().with_name("  Fox   Valley Partnership ")
    assert c and not c.changes_reading and c.name == "Fox Valley Partnership"
    assert Corrections.from_json(c.to_json()) == c
    data = xlsx_bytes({"Partners": [["Name", "Organization"], ["Ana Lopez", "Acme"]]})
    assert load_files([("tracker v3 final.xlsx", data)]).name == ""  # not the file's name
    assert load_files([("tracker v3 final.xlsx", data)], corrections=c).name == "Fox Valley Partnership"


def test_every_kind_ngsp_reads_a_sheet_as_can_be_said_in_a_correction() -> None:
    from ngsp.core.corrections import SHEET_KINDS
    from ngsp.ingest.detect.readers import READERS

    assert {r.kind for r in READERS} <= set(SHEET_KINDS)
    c = Corrections().with_sheet_kind("Stuff", "meeting_attendee_lists")
    t = load(
        {
            **SHEETS,
            "Stuff": [["Date", "Meeting", "Who came"], [dt.date(2024, 6, 5), "Kickoff", "Di Eve; Ana Lopez"]],
        },
        corrections=c,
    )
    assert t.quality.sheets.set_index("source_sheet").loc["Stuff", "taken_as"] == "meeting attendee lists"
    assert len(t.attendance) == 2
