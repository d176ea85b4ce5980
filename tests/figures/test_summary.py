"""Each figure of the summary (ngsp.summary/1) on a tracker of a few rows built in the test."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ngsp.core.model import Quality, Tracker
from ngsp.figures import actions, cadence, engagement

T = pd.Timestamp


def _tracker() -> Tracker:
    src = {"source_file": "f.xlsx", "source_sheet": "s", "source_row": 2}
    orgs = pd.DataFrame(
        [
            {"org_id": "O1", "name": "Acme", "type": "business"},
            {"org_id": "O2", "name": "Beta", "type": "business"},
            {"org_id": "O3", "name": "College", "type": "public"},
        ]
    )
    meetings = pd.DataFrame(
        [
            {"meeting_id": "M1", "date": T("2024-02-01"), "type": "launch", "team": ""},
            {"meeting_id": "M2", "date": T("2024-08-01"), "type": "full_partnership", "team": ""},
            {"meeting_id": "M3", "date": T("2024-11-01"), "type": "full_partnership", "team": ""},
            {"meeting_id": "M4", "date": T("2024-11-05"), "type": "action_team", "team": "Talent"},
            {
                "meeting_id": "M5",
                "date": T("2025-03-01"),
                "type": "full_partnership",
                "team": "",
            },  # after as-of
        ]
    )
    att = pd.DataFrame(
        [
            {"meeting_id": m, "person_id": p, "org_id": o, **src}
            for m, p, o in [
                ("M1", "P1", "O1"),
                ("M1", "P2", "O2"),
                ("M1", "P3", "O3"),
                ("M2", "P1", "O1"),
                ("M3", "P1", "O1"),
                ("M3", "P3", "O3"),
                ("M4", "P2", "O2"),
                ("M5", "P2", "O2"),
            ]
        ]
    )
    items = pd.DataFrame(
        [
            {"priority": "Talent", "status": "done", "due": T("2024-06-30")},
            {"priority": "Talent", "status": "in_progress", "due": T("2024-06-30")},
            {"priority": "Housing", "status": "stalled", "due": pd.NaT},
            {"priority": "Housing", "status": "cancelled", "due": T("2024-01-01")},
        ]
    )
    # the columns every action plan has, which the overdue list shows
    items = items.assign(item_id=[f"I{i}" for i in range(len(items))], description="An item", owner="")
    empty = pd.DataFrame(columns=["funder", "kind", "amount", "status"])
    return Tracker(
        orgs, pd.DataFrame({"person_id": ["P1", "P2", "P3"]}), meetings, att, items, empty, Quality()
    )


AS_OF = dt.date(2025, 1, 15)


def test_business_share_counts_launch_and_full_meetings_held_by_as_of() -> None:
    # M1: 2 business of 3, M2: 1 of 1, M3: 1 of 2 -> 4 of 6
    assert engagement.business_share_full(_tracker(), AS_OF) == round(4 / 6, 4)


def test_cadence_runs_from_the_first_partnership_quarter_to_the_last_complete_one() -> None:
    assert cadence.cadence(_tracker(), AS_OF) == {
        "2024Q1": True,
        "2024Q2": False,
        "2024Q3": True,
        "2024Q4": True,
    }


def test_lapsed_business_missed_the_two_most_recent_full_meetings() -> None:
    assert list(engagement.lapsed_businesses(_tracker(), AS_OF)["org_id"]) == ["O2"]


def test_overdue_counts_open_items_only() -> None:
    assert list(actions.overdue_items(_tracker(), AS_OF)["status"]) == ["in_progress"]


def test_priorities_and_counts() -> None:
    t = _tracker()
    assert actions.priority_progress(t) == {
        "Housing": {"items": 2, "done": 0},
        "Talent": {"items": 2, "done": 1},
    }
    assert cadence.meeting_counts(t)["full_partnership"] == 3
    assert engagement.org_counts(t) == {"total": 3, "business": 2, "public": 1}


def test_no_partnership_meetings_gives_null_share_and_empty_cadence() -> None:
    t = _tracker()
    t2 = Tracker(
        t.organizations,
        t.people,
        t.meetings[t.meetings["type"] == "action_team"],
        t.attendance,
        t.action_items,
        t.funding,
        t.quality,
    )
    assert engagement.business_share_full(t2, AS_OF) is None
    assert cadence.cadence(t2, AS_OF) == {}
