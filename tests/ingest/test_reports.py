"""Attendance reports of meeting platforms, sign-up tools and forms: the samples in ../shared/formats/samples
read right (people, attendances, the meeting's date), every row in the ledger, and what a report means in a
tracker (matching to the roster, the tracker's meeting that day, a minimum of minutes, a date given)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import xlsx_bytes

from ngsp.core.corrections import Corrections
from ngsp.ingest.pipeline import load_files, load_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "formats" / "samples"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason="../shared/formats/samples is absent (it is beside the repo in CI)"
)

MEET = "2025-03-05 13-58 Healthcare Talent Pipeline - Attendance Report.csv"
# sample -> (people, attendance records, the meeting's date, the meeting's type)
EXPECTED = {
    MEET: (3, 3, "2025-03-05", "other"),
    "google_forms_signin_download_responses.csv": (3, 3, "2023-09-14", "other"),
    "google_forms_signin_from_sheets.csv": (3, 3, "2023-09-14", "other"),
    "microsoft_forms_signin.csv": (3, 3, "2023-09-14", "other"),
    "teams_2020_meetingAttendanceList.csv": (3, 3, "2020-09-14", "other"),
    "teams_2022_meetingAttendanceReport.csv": (3, 3, "2022-02-18", "full_partnership"),
    "teams_2022plus_attendance_report_enGB.csv": (3, 3, "2022-11-15", "planning"),
    "teams_2024_attendance_report_enUS.csv": (3, 3, "2025-03-05", "planning"),
    "zoom_2024_perjoin_with_meeting_data.csv": (3, 3, "2025-03-05", "planning"),
    "zoom_2024_unique_users_with_meeting_data.csv": (3, 3, "2025-03-05", "planning"),
    "zoom_classic_perjoin_with_meeting_data.csv": (3, 3, "2023-09-14", "full_partnership"),
    "zoom_classic_unique_users_2020.csv": (3, 3, "2020-09-24", "planning"),
    "zoomus_meeting_report_84512309876.csv": (3, 3, "2025-03-05", "other"),
}
ONLINE = {n for n in EXPECTED if not n.startswith(("google_forms", "microsoft_forms"))}


def _rows_of(path: Path) -> int:
    """The non-blank lines of a sample (every one must be in the ledger)."""
    data = path.read_bytes()
    text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("utf-8-sig")
    return sum(1 for line in text.splitlines() if line.strip(" \t,"))


@needs_samples
@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.split(".")[0][:40])
def test_each_sample_gives_its_people_attendances_and_date(name: str) -> None:
    people, records, day, mtype = EXPECTED[name]
    t = load_paths([SAMPLES / name])
    assert len(t.people) == people
    assert len(t.attendance) == records
    assert [d.date().isoformat() for d in t.meetings["date"]] == [day]
    assert list(t.meetings["type"]) == [mtype]
    assert list(t.meetings["online"]) == [name in ONLINE]
    assert t.quality.rejected.empty
    ledger = t.quality.ledger
    assert len(ledger) == len(set(zip(ledger["source_sheet"], ledger["source_row"], strict=True)))
    assert len(ledger) == _rows_of(SAMPLES / name)


@needs_samples
def test_renamed_devices_and_brackets_read_as_names_or_organisations() -> None:
    t = load_paths([SAMPLES / "zoom_classic_perjoin_with_meeting_data.csv"])
    assert set(t.people["name"]) == {"Dana Whitfield", "Priya Raman", "Tom Okafor"}
    dana = t.people.set_index("name").loc["Dana Whitfield"]
    assert t.organizations.set_index("org_id").loc[dana["org_id"], "name"] == "Workforce Board"
    t = load_paths([SAMPLES / "zoom_classic_unique_users_2020.csv"])
    assert "Helen Castro" in set(t.people["name"])


@needs_samples
def test_a_rejoin_is_one_attendance_with_its_sessions_summed() -> None:
    t = load_paths([SAMPLES / "teams_2022_meetingAttendanceReport.csv"])
    a = t.quality.attendees.set_index("name")
    assert a.loc["Priya Raman", "minutes"] == pytest.approx(39 + 17 / 60 + 46 + 11 / 60, abs=0.1)
    r = t.quality.reports.iloc[0]
    assert (r["joins"], r["attendees"], r["counted"]) == (4, 3, 3)
    # Teams' numbered report: section 2 is read, section 3 holds the same attendances' sessions.
    t = load_paths([SAMPLES / "teams_2022plus_attendance_report_enGB.csv"])
    r = t.quality.reports.iloc[0]
    assert (r["joins"], r["attendees"]) == (4, 3)
    sessions = t.quality.ledger[t.quality.ledger["detail"].str.startswith("a join session")]
    assert len(sessions) == 4


@needs_samples
def test_teams_join_and_leave_events_pair_and_run_to_the_last_time() -> None:
    t = load_paths([SAMPLES / "teams_2020_meetingAttendanceList.csv"])
    a = t.quality.attendees.set_index("name")
    # Joined 10:01:05, left 10:40:22, joined again 10:43:51 (the list's last time): 39.3 minutes.
    assert a.loc["Raman, Priya", "minutes"] == pytest.approx(39.3, abs=0.1)
    assert set(t.people["name"]) == {"Dana Whitfield", "Priya Raman", "Tom Okafor"}


@needs_samples
def test_minimum_minutes_keeps_short_attendance_listed_but_not_counted() -> None:
    path = SAMPLES / "teams_2022_meetingAttendanceReport.csv"
    assert len(load_paths([path], min_minutes=85).attendance) == 2  # Tom Okafor was there 84.5 minutes
    t = load_paths([path], min_minutes=85)
    short = t.quality.attendees[~t.quality.attendees["counted"]]
    assert list(short["name"]) == ["Tom Okafor"]
    assert list(short["why_not"]) == ["shorter than the minimum minutes"]
    assert len(t.people) == 3  # the person is kept
    assert any("shorter than 85 minutes" in n for n in t.quality.notes)


@needs_samples
def test_eventbrite_counts_check_ins_and_waits_for_a_date() -> None:
    path = SAMPLES / "eventbrite_attendee_summary.csv"
    t = load_paths([path])
    assert t.attendance.empty and t.people.empty
    r = t.quality.reports.iloc[0]
    assert bool(r["needs_date"]) and r["registered"] == 3
    assert len(t.quality.rejected) == 3  # no date: no row can be used yet
    assert [w for w in t.quality.warnings if "no date in the attendance report" in w]
    assert not [w for w in t.quality.warnings if "only 0 of" in w]  # said once, as a missing date
    said = Corrections().with_report_date(path.name, path.stem, dt.date(2025, 9, 18))
    t = load_paths([path], corrections=said)
    assert list(t.people["name"]) == ["Priya Raman"]  # only she checked in
    assert [d.date() for d in t.meetings["date"]] == [dt.date(2025, 9, 18)]
    r = t.quality.reports.iloc[0]
    assert (r["attendees"], r["registered"], bool(r["needs_date"])) == (1, 3, False)
    assert t.quality.rejected.empty


def test_a_report_date_correction_round_trips_through_json() -> None:
    c = Corrections().with_report_date("zoom.csv", "zoom", dt.date(2025, 3, 5))
    again = Corrections.from_json(c.to_json())
    assert again == c and again.report_dates_of() == {("zoom.csv", "zoom"): dt.date(2025, 3, 5)}
    assert list(again.describe()["correction"]) == ["report date"]
    with pytest.raises(ValueError):
        Corrections(report_dates=(("a.csv", "a", "5 March"),))


# ---------------------------------------------------------------------------------------------------------
ROSTER = [
    ["Name", "Organization", "Email", "Type"],
    ["Ana Ruiz", "Acme Tool", "ana.ruiz@acmetool.example.com", "Business"],
    ["Okafor, Tom", "Brightpath Health", "", "Business"],
    ["Dr. Lee Chan", "Valley College", "lchan@valley.example.edu", "Public"],
    ["Pat Ruiz", "Acme Tool", "", "Business"],
]


def _zoom(rows: list[tuple[str, str, str, str, int]], start: str = "03/05/2025 01:58:44 PM") -> bytes:
    lines = [
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
        f"81234567890,Talent Action Team,{start},{start},ana.ruiz@acmetool.example.com,60,{len(rows)}",
        "",
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
    ]
    lines += [f'"{n}",{e},{j},{lv},{m},No' for n, e, j, lv, m in rows]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def test_attendees_match_the_roster_by_address_then_by_name_however_written() -> None:
    j, lv = "03/05/2025 02:00:00 PM", "03/05/2025 02:50:00 PM"
    report = _zoom(
        [
            ("Ana's iPhone (Ana Ruiz)", "ANA.RUIZ@acmetool.example.com", j, lv, 50),  # by address, any case
            ("Tom Okafor (Brightpath Health)", "", j, lv, 50),  # by name, organisation in brackets
            ("Lee Chan, PhD", "lee@gmail.com", j, lv, 50),  # by name, credentials, another address
            ("Sam Ortiz (Beta Works)", "sam@betaworks.example.com", j, lv, 50),  # nobody: added
            ("Jo Park", "jo.park@gmail.com", j, lv, 50),  # nobody, personal mail: no organisation
        ]
    )
    t = load_files([("tracker.xlsx", xlsx_bytes({"Partners": ROSTER})), ("zoom.csv", report)])
    assert len(t.people) == 6  # four on the roster, two added
    how = t.quality.attendees.set_index("name")["matched_by"]
    assert how["Ana's iPhone (Ana Ruiz)"] == "e-mail address"
    assert how["Tom Okafor (Brightpath Health)"] == "name"
    assert how["Lee Chan, PhD"] == "name"
    assert how["Sam Ortiz (Beta Works)"] == how["Jo Park"] == "added from the report"
    orgs = t.organizations.set_index("org_id")["name"]
    person = t.people.set_index("name")
    assert orgs[person.loc["Sam Ortiz", "org_id"]] == "Beta Works"
    assert person.loc["Jo Park", "org_id"] == ""
    assert len(t.organizations) == 4  # Acme Tool, Brightpath Health, Valley College, Beta Works
    r = t.quality.reports.iloc[0]
    assert (r["by_email"], r["by_name"], r["added"]) == (1, 2, 2)


def test_an_initial_matches_only_when_one_person_fits() -> None:
    j, lv = "03/05/2025 02:00:00 PM", "03/05/2025 02:50:00 PM"
    roster = [*ROSTER, ["Ana Rios", "Valley College", "", "Public"]]
    report = _zoom(
        [("Lee C.", "", j, lv, 50), ("Ana R.", "", j, lv, 50), ("Tom", "", j, lv, 50), ("Ana", "", j, lv, 50)]
    )
    t = load_files([("tracker.xlsx", xlsx_bytes({"Partners": roster})), ("zoom.csv", report)])
    how = t.quality.attendees.set_index("name")["matched_by"]
    assert how["Lee C."] == "name with a last initial"
    assert how["Tom"] == "first name alone"  # one Tom on the roster
    assert how["Ana R."] == how["Ana"] == "added from the report"  # Ana Ruiz or Ana Rios: no telling


def test_a_report_adds_its_attendees_to_the_trackers_meeting_that_day() -> None:
    log = [
        ["Date", "Meeting", "Name", "Organization"],
        [dt.date(2025, 3, 5), "Full partnership meeting", "Pat Ruiz", "Acme Tool"],
        [dt.date(2025, 1, 8), "Full partnership meeting", "Pat Ruiz", "Acme Tool"],
    ]
    j, lv = "03/05/2025 02:00:00 PM", "03/05/2025 02:50:00 PM"
    report = _zoom([("Ana Ruiz", "ana.ruiz@acmetool.example.com", j, lv, 50), ("Pat Ruiz", "", j, lv, 50)])
    t = load_files([("tracker.xlsx", xlsx_bytes({"Partners": ROSTER, "Log": log})), ("zoom.csv", report)])
    assert len(t.meetings) == 2
    m = t.meetings.set_index("meeting_id")
    day = m[m["date"] == "2025-03-05"]
    assert list(day["type"]) == ["full_partnership"]  # the tracker's type, not the report title's
    assert list(day["online"]) == [True]
    assert len(t.attendance[t.attendance["meeting_id"] == day.index[0]]) == 2  # Pat once, and Ana
    assert t.quality.reports.iloc[0]["taken_as"] == "the tracker's meeting that day"


def test_a_report_with_no_meeting_in_the_tracker_is_a_meeting_typed_by_its_title() -> None:
    j, lv = "03/05/2025 02:00:00 PM", "03/05/2025 02:50:00 PM"
    report = _zoom([("Ana Ruiz", "ana.ruiz@acmetool.example.com", j, lv, 50)])
    t = load_files([("tracker.xlsx", xlsx_bytes({"Partners": ROSTER})), ("zoom.csv", report)])
    assert list(t.meetings["type"]) == ["action_team"]
    assert list(t.meetings["team"]) == ["Talent"]
    assert list(t.meetings["online"]) == [True]
    assert t.quality.reports.iloc[0]["taken_as"] == "a meeting of its own"


def test_an_ambiguous_date_takes_the_reading_the_tracker_has_a_meeting_on() -> None:
    # 05/03/2025 with a 24-hour clock and nothing above 12: March 5 month-first, 5 May day-first.
    log = [
        ["Date", "Meeting", "Name", "Organization"],
        [dt.date(2025, 5, 3), "Quarterly partnership meeting", "Pat Ruiz", "Acme Tool"],
    ]
    report = _zoom(
        [("Ana Ruiz", "ana.ruiz@acmetool.example.com", "05/03/2025 14:00", "05/03/2025 14:50", 50)],
        start="05/03/2025 13:58",
    )
    t = load_files([("tracker.xlsx", xlsx_bytes({"Log": log})), ("zoom.csv", report)])
    assert [d.date() for d in t.meetings["date"]] == [dt.date(2025, 5, 3)]
    assert len(t.attendance) == 2


def test_a_tracker_meeting_held_on_zoom_is_marked_online() -> None:
    meetings = [
        ["Date", "Meeting", "Location"],
        [dt.date(2025, 1, 8), "Quarterly partnership meeting", "Zoom"],
        [dt.date(2025, 4, 9), "Quarterly partnership meeting", "Acme Tool, Main St"],
    ]
    t = load_files([("tracker.xlsx", xlsx_bytes({"Partners": ROSTER, "Meetings": meetings}))])
    assert list(t.meetings.sort_values("date")["online"]) == [True, False]


def test_utf16_saved_without_its_byte_order_mark_reads_alike() -> None:
    text = (
        "Full Name\tUser Action\tTimestamp\n"
        "Raman, Priya\tJoined\t9/14/2020, 10:01:05 AM\n"
        "Raman, Priya\tLeft\t9/14/2020, 10:40:22 AM\n"
    )
    for codec in ("utf-16-le", "utf-16-be", "utf-16"):
        t = load_files([("meetingAttendanceList.csv", text.encode(codec))])
        assert list(t.people["name"]) == ["Priya Raman"], codec
        assert [d.date() for d in t.meetings["date"]] == [dt.date(2020, 9, 14)]


def test_reports_do_not_make_the_tracker_day_first_nor_another_tracker() -> None:
    from ngsp.ingest.pipeline import detect

    log = [
        ["Date", "Meeting", "Name", "Organization"],
        ["3/4/2025", "Quarterly partnership meeting", "Pat Ruiz", "Acme Tool"],
    ]
    tracker = ("tracker.xlsx", xlsx_bytes({"Partners": ROSTER, "Log": log}))
    teams = (
        "1. Summary\nMeeting title\tTalent Action Team\nStart time\t15/11/22, 09:30:17\n\n2. Participants\n"
        "Name\tFirst join\tLast leave\tIn-meeting duration\tEmail\tRole\n"
        "Ana Ruiz\t15/11/22, 09:30:47\t15/11/22, 11:02:40\t1h 31m 53s\tana.ruiz@acmetool.example.com\tOrganiser\n"
    ).encode("utf-16")
    alone, both = detect([tracker]), detect([tracker, ("Talent - Attendance report.csv", teams)])
    assert not both.dayfirst  # the report's day-first dates are its own locale's
    assert (
        alone.structure_key == both.structure_key
    )  # a report dropped beside the tracker keeps its corrections
    t = load_files([tracker, ("Talent - Attendance report.csv", teams)])
    assert sorted(d.date().isoformat() for d in t.meetings["date"]) == ["2022-11-15", "2025-03-04"]


def test_an_online_meeting_larger_than_the_partner_list_is_no_doubt() -> None:
    j, lv = "03/05/2025 02:00:00 PM", "03/05/2025 02:50:00 PM"
    guests = [(f"Guest Number{k}", f"guest{k}@firm{k}.example.com", j, lv, 50) for k in range(30)]
    roster = [*ROSTER, *[[f"Member Person{k}", "Acme Tool", "", "Business"] for k in range(4)]]
    t = load_files([("tracker.xlsx", xlsx_bytes({"Partners": roster})), ("zoom.csv", _zoom(guests))])
    assert len(t.attendance) == 30
    assert not [w for w in t.quality.warnings if "attendees, more than" in w]


def test_a_connected_folder_reads_the_reports_beside_the_tracker(tmp_path) -> None:
    from ngsp.ingest.connect import ConnectSettings, fetch

    folder = tmp_path / "partnership"
    folder.mkdir()
    (folder / "tracker.xlsx").write_bytes(xlsx_bytes({"Partners": ROSTER}))
    teams = (
        "1. Summary\nMeeting title\tTalent Action Team\nStart time\t3/5/25, 1:58:44 PM\n\n2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
        "Ana Ruiz\t3/5/25, 1:58:44 PM\t3/5/25, 3:30:10 PM\t1h 31m 26s\tana.ruiz@acmetool.example.com\tOrganizer\n"
    )
    (folder / "Talent Action Team - Attendance report 3-5-25.csv").write_bytes(teams.encode("utf-16"))
    files = fetch(str(folder), ConnectSettings(data_folder=tmp_path))
    assert len(files) == 2
    t = load_files(files)
    assert [d.date() for d in t.meetings["date"]] == [dt.date(2025, 3, 5)]
    assert t.quality.attendees["matched_by"].tolist() == ["e-mail address"]


def test_a_folder_of_more_files_than_a_tracker_holds_is_refused(tmp_path) -> None:
    from ngsp.core import limits
    from ngsp.core.errors import TrackerError
    from ngsp.ingest.read import read_paths

    for i in range(limits.MAX_FOLDER_FILES + 1):
        (tmp_path / f"report {i}.csv").write_text("Name,Join time\n")
    with pytest.raises(TrackerError, match=f"more than the {limits.MAX_FOLDER_FILES}"):
        read_paths([tmp_path])


def test_teams_numbered_report_with_engagement_columns_dial_ins_and_a_fourth_section() -> None:
    row = "\t9/10/24, 10:00:31 AM\t9/10/24, 10:29:44 AM\t29m 13s\t"
    teams = (
        '1. Summary\nMeeting title\t"Quarterly Partnership Meeting\nQ3"\nStart time\t9/10/24, 9:58:44 AM\n\n'
        "2. Participants\nName\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\t"
        "Engagement: Reaction-Applause\tEngagement: Camera On\n"
        f"Whitfield, Dana{row}dana@wb.example.org\tOrganizer\t2\t1h 2m\n"
        f"+1 206-555-0100{row}\tAttendee\t0\t0s\n"
        "\n3. In-Meeting Activities\nName\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
        f"Whitfield, Dana{row}dana@wb.example.org\tOrganizer\n+1 206-555-0100{row}\tAttendee\n"
        "\n4. Meeting Engagement\nName\tEngagement Type\tTime\nWhitfield, Dana\tReaction-Applause\t9/10/24, 10:13 AM\n"
    )
    t = load_files([("Quarterly - Attendance report.csv", teams.encode("utf-16"))])
    assert sorted(t.people["name"]) == ["+1 206-555-0100", "Dana Whitfield"]
    assert [d.date() for d in t.meetings["date"]] == [dt.date(2024, 9, 10)]
    assert list(t.quality.attendees["minutes"]) == [pytest.approx(29.2, abs=0.1)] * 2
    roles = t.quality.ledger.sort_values("source_row")["role"].tolist()
    assert roles[-3:] == ["section", "note", "note"]  # the fourth section is no attendance


def test_teams_attendance_list_in_german() -> None:
    events = (
        "Vollständiger Name\tBenutzeraktion\tZeitstempel\n"
        "Raman, Priya\tBeigetreten\t14.9.2020, 10:01:05\n"
        "Raman, Priya\tVerlassen\t14.9.2020, 10:40:22\n"
        "Okafor, Tom\tBeigetreten\t14.9.2020, 10:05:30\n"
    )
    t = load_files([("meetingAttendanceList.csv", events.encode("utf-16"))])
    assert sorted(t.people["name"]) == ["Priya Raman", "Tom Okafor"]
    assert [d.date() for d in t.meetings["date"]] == [dt.date(2020, 9, 14)]
    assert t.quality.attendees.set_index("name")["minutes"]["Raman, Priya"] == pytest.approx(39.3, abs=0.1)


def test_a_tracker_table_with_names_and_times_is_never_taken_for_a_report() -> None:
    """An action plan whose due dates carry a time of day, and a meetings list of date-times, have somebody and
    times in them; read by their values alone, a task row ('Pilot a simulator | Jonathan Brennan | TBD') or a
    meeting row ('Oct 16 2024 | Working group | …') was taken for a Zoom report's header, and the plan was lost."""
    import datetime as dt

    from builders import load

    plan = [
        ["Acme Partnership — Action Plan", None, None, None],
        [None] * 4,
        ["Tactic", "Owner(s)", "Due Date", "Current Status"],
    ]
    owners = ["Olga Lopez", "Gary Nelson", "Jonathan Brennan", "William Kelly"]
    for k in range(12):
        due = dt.datetime(2025, 1 + k % 12, 3 + k, 9 + k % 6, 30) if k % 3 else "TBD"
        plan.append([f"Task number {k} for the pipeline", owners[k % 4], due, "Started"])
    meetings = [["Meeting Date", "Meeting", "Location", "Summary Sent"]]
    for k in range(12):
        meetings.append([dt.datetime(2024, 1 + k, 4, 15, 30), f"Working Group {k}", "Zoom",
                         dt.datetime(2024, 1 + k, 9, 8, 0)])  # fmt: skip
    t = load({"Action Plan": plan, "Meetings": meetings})
    taken = dict(zip(t.quality.sheets["source_sheet"], t.quality.sheets["taken_as"], strict=True))
    assert "report" not in taken["Action Plan"] and "report" not in taken["Meetings"], taken
    assert len(t.action_items) == 12 and len(t.meetings) == 12
