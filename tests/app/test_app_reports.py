"""AppTest flows for attendance reports dropped in with the tracker: the Data quality page says what each was
taken as and who its people were taken to be, a report with no date is given one (kept, applied at once), and
the sidebar's shortest attendance counted leaves short attendances listed but not counted."""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes
from test_app import new_app, ok, upload, visit

from ngsp.app import state as ui
from ngsp.history.store import Store
from ngsp.ingest.pipeline import load_files

ROSTER = (
    "Partners.xlsx",
    xlsx_bytes(
        {
            "Partners": [
                ["Name", "Organization", "Email"],
                ["Ana Ruiz", "Acme Tool", "ana@acme.example.com"],
                ["Bo Lee", "Valley College", "bo@valley.example.edu"],
            ]
        }
    ),
)
ZOOM = (
    "zoomus_meeting_report_81234567890.csv",
    (
        "User Name,User Email,Join time,Leave time,Duration(Minutes)\n"
        "Ana Ruiz,ana@acme.example.com,03/05/2025 13:00:00,03/05/2025 13:50:00,50.0\n"
        "Bo Lee,bo@valley.example.edu,03/05/2025 13:00:00,03/05/2025 13:04:00,4.0\n"
    ).encode("utf-8-sig"),
)
# A Meet sheet renamed by its convener: times of day only, and no date in its name.
MEET = (
    "Talent call attendance.csv",
    (
        b"First name,Last name,Email,Duration,Time joined,Time exited\n"
        b"Ana,Ruiz,ana@acme.example.com,45 min,1:00 PM,1:45 PM\n"
    ),
)


def k(name: str) -> str:
    return f"{ui.W_CORR}.{name}"


def test_reports_are_shown_and_an_undated_one_is_given_its_date() -> None:
    at = upload(new_app(), ROSTER, ZOOM, MEET)
    visit(at, "data_quality")
    ok(at, "data_quality")
    assert "Attendance reports" in [h.value for h in at.header]
    assert any("name no date" in w.value for w in at.warning)
    at.selectbox(key=k("report")).set_value(("Talent call attendance.csv", "Talent call attendance"))
    at.date_input(key=k("report_day")).set_value(dt.date(2025, 4, 9))
    at.button(key=k("do_report_date")).click().run()
    assert not at.exception and not at.error
    key = load_files([ROSTER, ZOOM, MEET]).structure_key
    assert Store(read_only=True).get_corrections(key).report_dates == (
        ("Talent call attendance.csv", "Talent call attendance", "2025-04-09"),
    )
    reports = next(d.value for d in at.dataframe if "Meeting it names" in d.value.columns)
    assert "needs a date" not in set(reports["Taken as"])
    assert any("9 Apr 2025" in v for v in reports["Taken as"])
    assert not any("name no date" in w.value for w in at.warning)


def test_the_shortest_attendance_counted_is_a_view_setting() -> None:
    at = upload(new_app(), ROSTER, ZOOM)
    visit(at, "data_quality")

    def counted() -> list[str]:
        people = next(d.value for d in at.dataframe if "Name in the report" in d.value.columns)
        return sorted(people.loc[people["Counted"] == "yes", "Name in the report"])

    assert counted() == ["Ana Ruiz", "Bo Lee"]
    at.sidebar.number_input(key=ui.W_MIN_MINUTES).set_value(5).run()
    assert not at.exception
    assert counted() == ["Ana Ruiz"]
    assert any("shorter than 5 minutes" in w.value for w in at.warning)
