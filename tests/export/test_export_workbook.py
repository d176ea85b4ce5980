"""The clean workbook: canonical tables one per sheet, neutralised text, and a faithful round trip."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from _trackers import HOSTILE, empty_tracker, tiny_tracker

from ngsp.export import workbook_bytes

SHEETS = [
    "Organizations",
    "People",
    "Meetings",
    "Attendance",
    "Action Plan",
    "Funding",
    "Data Quality",
    "Rejected Rows",
]


@pytest.fixture(scope="module")
def data() -> bytes:
    return workbook_bytes(tiny_tracker())


@pytest.fixture(scope="module")
def wb(data) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def test_one_sheet_per_table_plus_quality_and_rejected(wb):
    assert wb.sheetnames == SHEETS


def test_tables_hold_the_tracker(wb):
    people = _rows(wb["People"])
    assert people[0] == ("Name", "Email", "Organization", "Partner Type", "Title", "Phone", "Role")
    assert (
        "José Núñez",
        "jose@nunezfab.com",
        "Núñez Fabrication",
        "Business",
        None,
        "(555) 010-0001",
        "Champion",
    ) in people
    assert len(people) == 1 + 5
    assert len(_rows(wb["Attendance"])) == 1 + 12
    meetings = _rows(wb["Meetings"])
    assert meetings[1][:3] == (datetime(2024, 3, 12), "Launch", None)
    assert meetings[2][:3] == (datetime(2024, 4, 20), "Action Team", "Transportation")
    plan = _rows(wb["Action Plan"])
    assert plan[0] == ("Priority", "Action Item", "Owner", "Due Date", "Status", "Percent Complete", "Notes")
    assert plan[2][:6] == (
        "Transportation",
        "Pilot a “ride to work” van",
        "José Núñez",
        datetime(2024, 9, 30),
        "In progress",
        0.5,
    )
    assert plan[3][3] == "ongoing"  # a due date the tracker gave in words stays in words
    assert wb["Action Plan"]["F3"].number_format == "0%"
    assert _rows(wb["Funding"])[1] == ("State sector grant", "Cash", 40000, "Received", "2024", None)


def test_rejected_rows_and_quality_report(wb):
    assert _rows(wb["Rejected Rows"]) == [
        ("File", "Sheet", "Row", "Reason", "Content"),
        ("tiny.xlsx", "Attendance", 9, "attendance row with no person", "Acme Manufacturing | x"),
    ]
    findings = "\n".join(str(r[1]) for r in _rows(wb["Data Quality"]))
    assert "One sheet was set aside: Lists." in findings
    assert "People › row 6 › Name: starts like a formula, stored as plain text" in findings


def test_hostile_text_is_never_a_formula(data, wb):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(z.read(n).decode() for n in sheets)
    assert "<f>" not in xml and "<f " not in xml
    assert "HYPERLINK" in xml  # it is there, as text
    cell = wb["Organizations"]["A5"]
    assert cell.value == HOSTILE and cell.data_type == "s" and cell.quotePrefix
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    assert c.data_type == "s" and c.quotePrefix, (ws.title, c.coordinate)
    assert wb["People"]["F6"].value == "-5"  # a phone written "-5" stays text
    assert wb["Action Plan"]["B6"].value == "@SUM(1+1) costed plan"


def test_control_characters_are_removed_and_noted():
    t = tiny_tracker()
    people = t.people.assign(title=["Director\x07", "", "", "", "Chair\x00\x1b"])
    data = workbook_bytes(dataclasses.replace(t, people=people))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb["People"]["E2"].value == "Director"
    assert wb["People"]["E6"].value == "Chair"
    findings = [r[1] for r in _rows(wb["Data Quality"]) if r[0] == "Characters removed"]
    assert findings == [
        "People › row 2 › Title: 1 invisible control character(s) removed",
        "People › row 6 › Title: 2 invisible control character(s) removed",
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", z.read("xl/worksheets/sheet2.xml").decode())


def test_an_empty_tracker_gives_headers_only():
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(empty_tracker())))
    assert wb.sheetnames == SHEETS
    assert _rows(wb["People"]) == [
        ("Name", "Email", "Organization", "Partner Type", "Title", "Phone", "Role")
    ]


def test_dates_are_real_dates(wb):
    cell = wb["Meetings"]["A2"]
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"
    assert cell.value.date() == date(2024, 3, 12)
