"""Every column of every sheet, used or not, with sample values and like sheets (the corrections editor's list)."""

from __future__ import annotations

from _like_sheets import yearly_tracker

from ngsp.core.corrections import Corrections
from ngsp.ingest.columns import column_letter, every_column, like_sheets
from ngsp.ingest.pipeline import detect


def test_every_column_with_what_it_is_read_as_and_a_few_values():
    cols = every_column(detect([("y.xlsx", yearly_tracker())]))
    plan = cols[cols["source_sheet"] == "Plan 2024"].set_index("header")
    assert list(plan.index) == ["Priority", "Action Item", "Owner", "Date added", "Deliver by", "Status"]
    assert plan.loc["Deliver by", "field"] == "" and plan.loc["Deliver by", "column"] == "E"
    assert plan.loc["Deliver by", "samples"] == "3/31/2025 · 9/30/2025 · 6/30/2025"
    assert plan.loc["Date added", "field"] == "due"
    assert plan.loc["Status", "samples"] == "Done · In progress · Not started"
    assert like_sheets(cols, "Plan 2024") == ["Plan 2024", "Plan 2023", "Plan 2025"]
    assert like_sheets(cols, "no such sheet") == []


def test_what_a_column_is_read_as_follows_the_corrections():
    c = Corrections().with_column("Attendance 2023", "Site", "org")
    cols = every_column(detect([("y.xlsx", yearly_tracker())]), c).set_index(["source_sheet", "header"])
    assert cols.loc[("Attendance 2023", "Site"), "field"] == "org"
    assert cols.loc[("Attendance 2024", "Site"), "field"] == "location"


def test_column_letters():
    assert [column_letter(j) for j in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_column_letters_are_openpyxls_to_the_last_column():
    from openpyxl.utils import get_column_letter

    assert all(column_letter(j) == get_column_letter(j + 1) for j in range(16384))
