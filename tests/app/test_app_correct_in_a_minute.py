"""Correcting in a minute (AppTest): the column correction offers every column of a sheet, used or not, with a few
of its values; a correction made on one sheet is offered for every sheet with the same header; the convener's
place stays put after saving; and a misread organisation column and a missed due-date column are fixed across
three yearly sheets well within a minute."""

from __future__ import annotations

import functools
import time

import _like_sheets
from _like_sheets import AS_OF, ORGS, OVERDUE_AFTER_FIX, OVERDUE_BEFORE, YEARS
from test_app import metrics, new_app, ok, set_as_of, upload, visit

from ngsp.app import state
from ngsp.history.store import Store
from ngsp.ingest.pipeline import load_files

yearly = functools.cache(_like_sheets.yearly_tracker)
COLUMN_TAB = "What a column means"


def k(name: str) -> str:
    return f"{state.W_CORR}.{name}"


def fix_column(at, sheet: str, header: str, field: str) -> None:
    """What the convener does: the sheet, the column (by what it holds), what it holds, for every like sheet."""
    at.selectbox(key=k("col_sheet")).set_value(sheet).run()
    at.selectbox(key=k("col_header")).set_value(header).run()
    at.selectbox(key=k("col_field")).set_value(field)
    assert at.checkbox(key=k("col_like")).value, "offered for every sheet with this header, ticked"
    at.button(key=k("do_column")).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]


def test_every_column_is_offered_with_sample_values():
    at = visit(upload(new_app(), ("yearly.xlsx", yearly())), "data_quality")
    at.selectbox(key=k("col_sheet")).set_value("Attendance 2024").run()
    options = at.selectbox(key=k("col_header")).options
    assert any(o.startswith("Site (D): read as location · e.g. Acme Manufacturing") for o in options), options
    at.selectbox(key=k("col_sheet")).set_value("Plan 2024").run()
    options = at.selectbox(key=k("col_header")).options
    assert any(o.startswith("Deliver by (E): read as not used · e.g. 3/31/2025") for o in options), options
    like = at.checkbox(key=k("col_like")).label
    assert like.startswith("Apply to the 3 sheets with this header (Plan 2024, Plan 2023, Plan 2025)")


def test_a_misread_organisation_column_and_a_missed_due_date_fixed_across_three_sheets_in_a_minute():
    at = upload(new_app(), ("yearly.xlsx", yearly()))
    set_as_of(at, AS_OF)
    assert metrics(at)["Action items overdue"] == str(OVERDUE_BEFORE)  # due the day they were added
    started = time.monotonic()
    visit(at, "data_quality")
    at.session_state[k("tab")] = COLUMN_TAB  # the convener opens the column tab
    fix_column(at, "Attendance 2024", "Site", "org")
    assert at.selectbox(key=k("col_sheet")).value == "Attendance 2024", "the screen stays where it was"
    assert at.selectbox(key=k("col_header")).value == "Site"
    assert at.session_state[k("tab")] == COLUMN_TAB
    fix_column(at, "Plan 2024", "Deliver by", "due")
    elapsed = time.monotonic() - started
    assert elapsed < 60, f"fixing two columns on three sheets took {elapsed:.0f} s"

    key = load_files([("y.xlsx", yearly())]).structure_key
    kept = Store(read_only=True).get_corrections(key).columns
    assert {(s, h, f) for s, h, f in kept} == {
        *((f"Attendance {y}", "Site", "org") for y in YEARS),
        *((f"Plan {y}", "Deliver by", "due") for y in YEARS),
    }
    visit(at, "overview")
    ok(at, "overview")
    assert metrics(at)["Action items overdue"] == str(OVERDUE_AFTER_FIX)
    visit(at, "engagement")
    assert set(at.dataframe[-1].value["organisation"]) == set(ORGS)


def test_a_correction_can_stay_on_its_one_sheet():
    at = visit(upload(new_app(), ("yearly.xlsx", yearly())), "data_quality")
    at.selectbox(key=k("col_sheet")).set_value("Plan 2023").run()
    at.selectbox(key=k("col_header")).set_value("Deliver by").run()
    at.selectbox(key=k("col_field")).set_value("due")
    at.checkbox(key=k("col_like")).uncheck()
    at.button(key=k("do_column")).click().run()
    key = load_files([("y.xlsx", yearly())]).structure_key
    assert Store(read_only=True).get_corrections(key).columns == (("Plan 2023", "Deliver by", "due"),)
