"""ngsp.figures.quality: the data-quality tables, on the five-partner tracker of conftest.py."""

from __future__ import annotations

from ngsp.figures import format as fmt
from ngsp.figures import quality


def test_quality_tables_and_csv(tiny_tracker):
    tables = quality.quality_tables(tiny_tracker)
    assert len(tables) == 5 and set(tables) == set(quality.QUALITY_EMPTY)
    csv = fmt.csv_bytes(tables["Rows set aside"]).decode("utf-8-sig")
    assert csv.splitlines()[0] == "File,Sheet,Row,Reason,What the row held"


def test_every_partner_type_ngsp_worked_out_is_listed_with_why():
    from builders import load

    t = load({"Partners": [["Name", "Organization"], ["Ana Lopez", "Acme Manufacturing"],
                           ["Bo Chan", "Front Range Community College"], ["Di Evans", "Larimer County"]]})  # fmt: skip
    table = quality.quality_tables(t)[quality.INFERRED_TYPES]
    row = table.set_index("Organisation").loc["Front Range Community College"]
    assert row["Taken as"] == fmt.ORG_TYPE_LABELS["public"] and "college" in row["Why"].lower()
    assert "Larimer County" in set(table["Organisation"])
    said = load({"Partners": [["Name", "Organization", "Type"], ["Ana Lopez", "Acme", "Business"]]})
    assert quality.quality_tables(said)[quality.INFERRED_TYPES].empty  # the tracker said it


def test_the_data_quality_tables_speak_as_the_tracker_does_never_in_field_names():
    """'Taken as: org_type / meeting_date' and 'Read as: roster' were ngsp's own names for things."""
    from builders import load

    t = load(
        {"Partners": [["Name", "Company", "B/P", "Email"], ["Ana Lopez", "Acme", "Business", "a@acme.com"]]}
    )
    tables = quality.quality_tables(t)
    assert list(tables["How each sheet was read"]["Read as"]) == ["a partner list"]
    taken = dict(
        zip(tables["Column mapping"]["Header in the file"], tables["Column mapping"]["Taken as"], strict=True)
    )
    assert taken["B/P"] == "business or public partner" and taken["Company"] == "organisation"
    internal = {"org", "org_type", "person", "meeting_date", "roster", "attendance_log"}
    assert not internal & set(taken.values())
