"""ngsp.figures.thresholds: the figures' thresholds, named once."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
from conftest import TINY_AS_OF

from ngsp.figures import actions, cadence, engagement, thresholds


def test_thresholds_are_named_once():
    assert thresholds.ACTIVE_DAYS == 182
    assert thresholds.DUE_SOON_DAYS == 90
    assert thresholds.FULL_MEETINGS_PER_QUARTER == 1
    assert thresholds.SUMMARY_WITHIN_DAYS == 7
    assert thresholds.FIRST_CALLS_WITHIN_DAYS == 28
    assert thresholds.STALE_DAYS == 120


# Each threshold at its edge, on the five-partner tracker of conftest.py: one day inside, one day outside.


def _day(text: str, days: int) -> dt.date:
    return (pd.Timestamp(text) + pd.Timedelta(days=days)).date()


def _meeting(t, meeting_id: str, **changes):
    m = t.meetings
    row = m["meeting_id"] == meeting_id
    return dataclasses.replace(t, meetings=m.assign(**{k: m[k].mask(row, v) for k, v in changes.items()}))


def test_active_days(tiny_tracker):
    """Acme was last at a meeting on 2 Oct 2024; no other business came after."""
    last = "2024-10-02"
    assert engagement.active_businesses(tiny_tracker, _day(last, thresholds.ACTIVE_DAYS - 1)) == 1
    assert engagement.active_businesses(tiny_tracker, _day(last, thresholds.ACTIVE_DAYS)) == 0


def test_due_soon_days(tiny_tracker):
    """ "Map providers" is open and due on 31 Jan 2025."""
    due = "2025-01-31"
    soon = actions.items_due_soon(tiny_tracker, _day(due, -thresholds.DUE_SOON_DAYS))
    assert list(soon["description"]) == ["Map providers"]
    assert actions.items_due_soon(tiny_tracker, _day(due, -thresholds.DUE_SOON_DAYS - 1)).empty


def test_full_meetings_per_quarter(tiny_tracker):
    """2024 Q1 had one launch meeting: it meets a target of FULL_MEETINGS_PER_QUARTER, not one more."""
    grid = cadence.cadence_grid(tiny_tracker, TINY_AS_OF)
    assert grid["target"].iloc[0] == thresholds.FULL_MEETINGS_PER_QUARTER
    assert grid["status"].iloc[0] == "met"
    harder = cadence.cadence_grid(tiny_tracker, TINY_AS_OF, thresholds.FULL_MEETINGS_PER_QUARTER + 1)
    assert harder["status"].iloc[0] == "missed"


def test_stale_days(tiny_tracker):
    """The latest meeting was on 20 Oct 2024."""
    last = "2024-10-20"
    assert cadence.latest_meeting(tiny_tracker, _day(last, thresholds.STALE_DAYS)) is None
    assert cadence.latest_meeting(tiny_tracker, _day(last, thresholds.STALE_DAYS + 1)) == dt.date(
        2024, 10, 20
    )


def test_summary_within_days(tiny_tracker):
    """The launch (15 Jan 2024) summary sent SUMMARY_WITHIN_DAYS later is on time, a day more is late."""
    for days, on_time in (
        (thresholds.SUMMARY_WITHIN_DAYS, True),
        (thresholds.SUMMARY_WITHIN_DAYS + 1, False),
    ):
        t = _meeting(tiny_tracker, "m1", summary_sent=pd.Timestamp(_day("2024-01-15", days)))
        assert cadence.summary_follow_through(t)["on_time"].iloc[0] == on_time, days


def test_first_calls_within_days(tiny_tracker):
    """The Transportation team's first call FIRST_CALLS_WITHIN_DAYS after the launch is on time, a day more late."""
    days = thresholds.FIRST_CALLS_WITHIN_DAYS
    for after, on_time in ((days, True), (days + 1, False)):
        t = _meeting(tiny_tracker, "m2", date=pd.Timestamp(_day("2024-01-15", after)))
        calls = cadence.launch_follow_through(t).set_index("team")
        assert calls.loc["Transportation", "on_time"] == on_time, after
