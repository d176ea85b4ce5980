"""ngsp.figures.filters: the sidebar's filters, on the five-partner tracker of conftest.py."""

from __future__ import annotations

import datetime as dt

from ngsp.figures import filters


def test_filter_options(tiny_tracker):
    o = filters.filter_options(tiny_tracker)
    assert o == {
        "start": dt.date(2024, 1, 15),
        "end": dt.date(2025, 1, 31),
        "priorities": ["Childcare", "Transportation"],
        "partner_types": ["business", "public"],
    }


def test_filter_tracker_by_dates(tiny_tracker):
    t = filters.filter_tracker(tiny_tracker, start=dt.date(2024, 4, 1), end=dt.date(2024, 12, 31))
    assert list(t.meetings["meeting_id"]) == ["m3", "m4", "m5"]
    assert set(t.attendance["meeting_id"]) == {"m3", "m4", "m5"}
    assert list(t.action_items["item_id"]) == ["i1", "i2", "i4"]  # i3 is due in 2025; i4 has no due date
    assert len(tiny_tracker.meetings) == 5  # the argument is untouched


def test_filter_tracker_by_priority_keeps_partnership_meetings(tiny_tracker):
    t = filters.filter_tracker(tiny_tracker, priorities=["childcare"])
    assert list(t.meetings["meeting_id"]) == ["m1", "m3", "m4", "m5"]
    assert list(t.action_items["item_id"]) == ["i3", "i4"]


def test_filter_tracker_by_partner_type(tiny_tracker):
    t = filters.filter_tracker(tiny_tracker, partner_types=["public"])
    assert set(t.organizations["org_id"]) == {"o3", "o5"}
    assert set(t.attendance["org_id"]) == {"o3", "o5"}
    assert list(t.action_items["item_id"]) == ["i2"]


def test_filter_tracker_without_filters_is_the_same(tiny_tracker):
    t = filters.filter_tracker(tiny_tracker)
    assert t.attendance.equals(tiny_tracker.attendance)
    assert t.quality is tiny_tracker.quality


def test_team_priorities_match_short_team_names(tiny_tracker):
    t = tiny_tracker
    m = t.meetings.assign(team=t.meetings["team"].replace({"Transportation": "transportation action team"}))
    i = t.action_items.assign(priority=t.action_items["priority"].replace({"Childcare": "Childcare Access"}))
    t = t.__class__(**{**t.__dict__, "meetings": m, "action_items": i})
    assert filters.team_priorities(t) == {
        "transportation action team": "Transportation",
        "childcare": "Childcare Access",
    }
    assert filters.filter_options(t)["priorities"] == ["Childcare Access", "Transportation"]
    assert "m5" in set(filters.filter_tracker(t, priorities=["Childcare Access"]).meetings["meeting_id"])
