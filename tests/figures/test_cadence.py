"""ngsp.figures.cadence: every cadence figure, on the five-partner tracker of conftest.py."""

from __future__ import annotations

import datetime as dt

from conftest import TINY_AS_OF

from ngsp.figures import cadence, thresholds

A = TINY_AS_OF


def test_meeting_timeline(tiny_tracker):
    tl = cadence.meeting_timeline(tiny_tracker)
    assert list(tl["type_label"]) == [
        "Launch",
        "Action team",
        "Full partnership",
        "Full partnership",
        "Action team",
    ]


def test_cadence_grid(tiny_tracker):
    g = cadence.cadence_grid(tiny_tracker, A)
    assert list(g["quarter"]) == ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4"]
    assert list(g["status"]) == ["met", "met", "missed", "met"]
    assert list(g["complete"]) == [True, True, True, False]
    assert list(cadence.cadence_grid(tiny_tracker, A, target=2)["status"]) == [
        "missed",
        "missed",
        "missed",
        "in progress",
    ]


def test_latest_meeting_only_when_the_tracker_is_old(tiny_tracker):
    assert cadence.latest_meeting(tiny_tracker, A) is None  # 26 days before
    assert cadence.latest_meeting(tiny_tracker, dt.date(2025, 6, 1)) == dt.date(2024, 10, 20)
    assert thresholds.STALE_DAYS == 120


def test_cadence_table(tiny_tracker):
    g = cadence.cadence_table(tiny_tracker, A)
    assert list(g["Target"]) == ["met", "met", "missed", "met"]
    assert list(g["Action-team calls"]) == [1, 0, 0, 1]
    assert cadence.cadence_table(tiny_tracker, A, target=2)["Target"].iloc[-1] == "not yet (quarter not over)"


def test_cadence_status(tiny_tracker):
    s = cadence.cadence_status(tiny_tracker, A)
    assert s["last_full"] == dt.date(2024, 10, 2)
    assert s["days_since"] == 44
    assert s["next_due"] == dt.date(2025, 3, 31)  # this quarter is already met
    assert (s["quarters_met"], s["quarters_complete"]) == (2, 3)
    assert cadence.cadence_status(tiny_tracker, dt.date(2024, 9, 1))["next_due"] == dt.date(2024, 9, 30)


def test_summary_follow_through(tiny_tracker):
    s = cadence.summary_follow_through(tiny_tracker)
    assert list(s["days_to_summary"]) == [4, 20]
    assert list(s["on_time"]) == [True, False]


def test_launch_follow_through(tiny_tracker):
    f = cadence.launch_follow_through(tiny_tracker)
    assert list(f["team"]) == ["Transportation", "Childcare"]
    assert list(f["days_after_launch"]) == [21, 279]
    assert list(f["on_time"]) == [True, False]


def test_meetings_by_quarter(tiny_tracker):
    m = cadence.meetings_by_quarter(tiny_tracker, A)
    assert m["meetings"].sum() == 5
