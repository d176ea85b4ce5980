"""The blank tracker template: the sheets, dropdowns and instructions a new convener needs, and it reads back."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from ngsp.export import template_bytes
from ngsp.export.template import DROPDOWNS, LISTS, TEMPLATE_SHEETS
from ngsp.export.workbook import SHEETS


@pytest.fixture(scope="module")
def wb() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template_bytes()))


def test_sheets_and_headers(wb):
    assert wb.sheetnames == [
        "Instructions",
        "People",
        "Meetings",
        "Attendance",
        "Action Plan",
        "Funding",
        "Lists",
    ]
    for title in TEMPLATE_SHEETS:
        ws = wb[title]
        assert [c.value for c in ws[1]] == SHEETS[title]
        assert ws.max_row == 1 or all(c.value is None for row in ws.iter_rows(min_row=2) for c in row)


def test_instructions_are_short_and_plain(wb):
    lines = [r[0] for r in wb["Instructions"].iter_rows(values_only=True) if r[0]]
    assert lines[0] == "How to use this tracker"
    assert 4 <= len(lines) <= 12


def test_dropdowns_for_status_partner_type_and_meeting_type(wb):
    lists = wb["Lists"]
    columns = {
        c.value: [v.value for v in col[1:] if v.value] for c, col in zip(lists[1], lists.columns, strict=True)
    }
    assert columns == LISTS
    for (title, header), list_name in DROPDOWNS.items():
        col = openpyxl.utils.get_column_letter(SHEETS[title].index(header) + 1)
        (dv,) = [d for d in wb[title].data_validations.dataValidation if str(d.sqref).startswith(f"{col}2:")]
        assert dv.type == "list"
        lcol = openpyxl.utils.get_column_letter(list(LISTS).index(list_name) + 1)
        assert dv.formula1 == f"Lists!${lcol}$2:${lcol}${len(LISTS[list_name]) + 1}"
    assert {"Status", "Partner Type", "Meeting Type"} <= set(DROPDOWNS.values())


def _fill(rows: dict[str, list[list[object]]]) -> bytes:
    """The template with a few rows typed in, as a convener would."""
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    for title, values in rows.items():
        for r, row in enumerate(values, start=2):
            for c, v in enumerate(row, start=1):
                wb[title].cell(row=r, column=c, value=v)
    bio = io.BytesIO()
    wb.save(bio)
    return bio.getvalue()


FILLED = {
    "People": [
        ["Ann Lee", "ann@acme.com", "Acme Manufacturing", "Business", "Plant Manager", "", "Champion"],
        ["José Núñez", "jose@nunezfab.com", "Núñez Fabrication", "Business", "Owner", "", "Champion"],
        ["Dee Park", "dpark@valley.edu", "Valley College", "Public", "Dean", "", "Support"],
    ],
    "Meetings": [
        [datetime(2025, 1, 14), "Launch", None, "Acme Manufacturing"],
        [datetime(2025, 2, 3), "Action Team", "Transportation", "Zoom"],
        [datetime(2025, 4, 22), "Full Partnership", None, "Valley College"],
    ],
    "Attendance": [
        [datetime(2025, 1, 14), "Launch", None, "Ann Lee", "ann@acme.com", "Acme Manufacturing"],
        [datetime(2025, 1, 14), "Launch", None, "José Núñez", "jose@nunezfab.com", "Núñez Fabrication"],
        [datetime(2025, 1, 14), "Launch", None, "Dee Park", "dpark@valley.edu", "Valley College"],
        [
            datetime(2025, 2, 3),
            "Action Team",
            "Transportation",
            "Ann Lee",
            "ann@acme.com",
            "Acme Manufacturing",
        ],
        [datetime(2025, 4, 22), "Full Partnership", None, "Ann Lee", "ann@acme.com", "Acme Manufacturing"],
        [datetime(2025, 4, 22), "Full Partnership", None, "Dee Park", "dpark@valley.edu", "Valley College"],
    ],
    "Action Plan": [
        ["Transportation", "Map bus routes to plants", "Ann Lee", datetime(2025, 3, 1), "Done", 1],
        ["Transportation", "Pilot a van pool", "José Núñez", "Q2 2025", "In Progress", 0.5],
        ["Childcare Access", "Find two providers", "Dee Park", datetime(2025, 12, 1), "Not Started", 0],
    ],
    "Funding": [["State sector grant", "Cash", 40000, "Received", "2025"]],
}


def test_blank_template_imports_with_no_issues():
    load = pytest.importorskip(
        "ngsp.ingest.pipeline", reason="the core reader (ngsp.ingest.pipeline) is not in this tree yet"
    )
    summary = pytest.importorskip("ngsp.figures.summary").summary
    t = load.load_files([("template.xlsx", template_bytes())])
    assert len(t.quality.rejected) == 0
    s = summary(t, date(2025, 10, 1))
    assert s["organizations"]["total"] == 0 and s["people"] == 0 and s["meetings"]["total"] == 0
    assert s["action_items"]["total"] == 0 and s["rejected_rows"] == 0


def test_filled_template_summarises_correctly():
    load = pytest.importorskip(
        "ngsp.ingest.pipeline", reason="the core reader (ngsp.ingest.pipeline) is not in this tree yet"
    )
    summary = pytest.importorskip("ngsp.figures.summary").summary
    t = load.load_files([("filled.xlsx", _fill(FILLED))])
    s = summary(t, date(2025, 10, 1))
    assert s["organizations"] == {"total": 3, "business": 2, "public": 1}
    assert s["people"] == 3
    assert s["meetings"] == {
        "total": 3,
        "launch": 1,
        "full_partnership": 1,
        "action_team": 1,
        "planning": 0,
        "other": 0,
    }
    assert s["attendance"] == {"records": 6, "business_share_full": round(3 / 5, 4)}
    assert s["cadence"] == {"2025Q1": True, "2025Q2": True, "2025Q3": False}
    assert s["action_items"] == {
        "total": 3,
        "done": 1,
        "in_progress": 1,
        "not_started": 1,
        "stalled": 0,
        "cancelled": 0,
        "overdue": 1,
    }
    assert s["priorities"] == {
        "Transportation": {"items": 2, "done": 1},
        "Childcare Access": {"items": 1, "done": 0},
    }
    assert s["lapsed_businesses"] == 0  # the two most recent meetings are the only two
    assert s["rejected_rows"] == 0
