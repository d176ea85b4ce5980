"""A dashboard or summary sheet in front of the data is never partners, people or meetings
(ngsp.ingest.detect.readers.dashboard)."""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes

from ngsp.figures.summary import summary
from ngsp.ingest.detect.readers.dashboard import is_dashboard, pivots
from ngsp.ingest.pipeline import load_files

D = dt.date
AS_OF = D(2025, 7, 1)

ROSTER = [
    ["Name", "Organization", "Type"],
    ["Ana Lopez", "Acme Manufacturing", "Business"],
    ["Bo Chan", "Larimer Workforce Center", "Public"],
    ["Cy Dee", "Beta Tools", "Business"],
]
LOG = [
    ["Meeting Date", "Meeting", "Name", "Organization"],
    [D(2025, 3, 5), "Quarterly Partnership Meeting", "Ana Lopez", "Acme Manufacturing"],
    [D(2025, 3, 5), "Quarterly Partnership Meeting", "Bo Chan", "Larimer Workforce Center"],
    [D(2025, 6, 4), "Quarterly Partnership Meeting", "Ana Lopez", "Acme Manufacturing"],
    [D(2025, 6, 4), "Quarterly Partnership Meeting", "Cy Dee", "Beta Tools"],
]


def _dashboard(side_by_side: bool) -> list[list[object]]:
    top = [
        ["Fox Valley Partnership — Dashboard"],
        ["Data through June 30, 2025"],
        [],
        ["Partner organizations", 3],
        ["Businesses", 2],
        ["Meetings held", 2],
        [],
    ]
    by_org = [
        ["Row Labels", "Count of Name"],
        ["Acme Manufacturing", 2],
        ["Beta Tools", 1],
        ["Larimer Workforce Center", 1],
        ["Grand Total", 4],
    ]
    by_date = [["Row Labels", "Count of Date"], [D(2025, 3, 5), 2], [D(2025, 6, 4), 2], ["Grand Total", 4]]
    if side_by_side:
        rows = [a + [None] + (by_date[k] if k < len(by_date) else [None, None]) for k, a in enumerate(by_org)]
    else:
        rows = [*by_org, [], *by_date]
    return top + rows


def test_a_dashboard_is_set_aside_and_the_figures_come_from_the_data() -> None:
    plain = summary(load_files([("t.xlsx", xlsx_bytes({"Roster": ROSTER, "Log": LOG}))]), AS_OF)
    for side in (False, True):
        data = xlsx_bytes({"At a Glance": _dashboard(side), "Roster": ROSTER, "Log": LOG})
        t = load_files([("t.xlsx", data)])
        s = summary(t, AS_OF)
        assert s == plain
        sheet = t.quality.sheets.set_index("source_sheet").loc["At a Glance"]
        assert sheet["taken_as"] == "set aside" and "dashboard" in sheet["why"]
        led = t.quality.ledger
        assert set(led[led["source_sheet"] == "At a Glance"]["role"]) == {"set_aside"}


def test_pivots_are_told_by_a_total_that_is_the_sum_of_the_counts_above_it() -> None:
    rows = _dashboard(True)
    assert sorted(pivots(rows)) == [(0, 7, 11), (3, 7, 10)]
    wrong = [r[:] for r in rows]
    wrong[11][1] = 5  # 2 + 1 + 1 is not 5: no pivot
    assert sorted(pivots(wrong)) == [(3, 7, 10)]


def test_a_funding_table_with_its_own_total_stays_funding() -> None:
    funding = [
        ["Funder", "Amount"],
        ["State grant", 40000],
        ["Community foundation", 2500],
        ["Total", 42500],
    ]
    assert not is_dashboard(funding)
    t = load_files([("t.xlsx", xlsx_bytes({"Funding": funding, "Roster": ROSTER}))])
    assert list(t.funding["amount"]) == [40000.0, 2500.0]


def test_an_attendance_grid_with_a_total_row_is_no_dashboard() -> None:
    grid = [
        ["Name", "Organization", "3/5/2025", "6/4/2025"],
        ["Ana Lopez", "Acme Manufacturing", 1, 1],
        ["Bo Chan", "Larimer Workforce Center", 1, None],
        ["Cy Dee", "Beta Tools", None, 1],
        ["Total", None, 2, 2],
    ]
    assert not is_dashboard(grid)
    t = load_files([("t.xlsx", xlsx_bytes({"Attendance": grid}))])
    assert len(t.attendance) == 4
