"""Meetings held online (an attendance report, or a location such as "Zoom") are marked on the pages' views,
the Cadence chart and table, the deck and the funder report, like any other meeting otherwise."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from builders import xlsx_bytes

from ngsp.figures import cadence, charts, engagement, quality
from ngsp.ingest.pipeline import load_files

AS_OF = dt.date(2025, 12, 1)


@pytest.fixture(scope="module")
def tracker():
    partners = [
        ["Name", "Organization", "Email", "Type"],
        ["Ana Ruiz", "Acme Tool", "ana@acme.example.com", "Business"],
        ["Bo Lee", "Valley College", "bo@valley.example.edu", "Public"],
    ]
    log = [
        ["Date", "Meeting", "Name", "Location"],
        [dt.date(2025, 1, 14), "Full partnership meeting", "Ana Ruiz", "Acme Tool, Main St"],
        [dt.date(2025, 1, 14), "Full partnership meeting", "Bo Lee", "Acme Tool, Main St"],
    ]
    zoom = (
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
        "81234567890,Full Partnership Meeting,04/15/2025 09:58:12 AM,04/15/2025 11:00:00 AM,ana@acme.example.com,62,2\n"
        "\n"
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Ana Ruiz,ana@acme.example.com,04/15/2025 09:58:12 AM,04/15/2025 11:00:00 AM,62\n"
        "Bo Lee,bo@valley.example.edu,04/15/2025 10:00:00 AM,04/15/2025 11:00:00 AM,60\n"
    ).encode("utf-8-sig")
    return load_files([("tracker.xlsx", xlsx_bytes({"Partners": partners, "Log": log})), ("zoom.csv", zoom)])


def test_views_mark_the_meeting_held_online(tracker):
    tl = cadence.meeting_timeline(tracker)
    assert list(tl["online"]) == [False, True]
    assert list(tl["meeting"]) == [
        "14 Jan 2025 · Full partnership",
        "15 Apr 2025 · Full partnership · online",
    ]
    eng = engagement.meeting_engagement(tracker, partnership_only=True)
    assert list(eng["online"]) == [False, True] and eng["meeting"].iloc[1].endswith("· online")
    table = cadence.cadence_table(tracker, AS_OF)
    assert list(table["Held online"]) == [0, 1, 0, 0]
    reports = quality.attendance_reports(tracker)
    assert reports["Taken as"].iloc[0] == "15 Apr 2025 · Full partnership (held online)"


def test_the_timeline_draws_a_meeting_held_online_hollow(tracker):
    fig = charts.meeting_timeline(cadence.meeting_timeline(tracker))
    (trace,) = [d for d in fig.data if d.name == "Full partnership"]
    assert list(trace.marker.symbol) == ["diamond", "diamond-open"]
    assert "held online" in fig.layout.title.text


def test_the_deck_and_the_report_say_which_meetings_were_online(tracker):
    from pptx import Presentation
    from pypdf import PdfReader

    from ngsp.export import deck_bytes, report_bytes

    deck = Presentation(io.BytesIO(deck_bytes(tracker, AS_OF)))
    categories = [
        list(s.chart.plots[0].categories) for slide in deck.slides for s in slide.shapes if s.has_chart
    ]
    assert ["Jan 2025", "Apr 2025 (online)"] in categories
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert "1 of the meetings in these quarters (of any kind) were held online" in notes
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_bytes(tracker, AS_OF))).pages)
    assert "Apr 2025*" in text and "* held online" in text
