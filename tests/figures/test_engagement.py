"""ngsp.figures.engagement: every engagement figure, on the five-partner tracker of conftest.py."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import TINY_AS_OF

from ngsp.figures import engagement

A = TINY_AS_OF


def test_meeting_engagement(tiny_tracker):
    e = engagement.meeting_engagement(tiny_tracker)
    assert list(e["business"]) == [3, 1, 1, 2, 0]
    assert list(e["public"]) == [2, 1, 2, 1, 2]
    assert e.loc[2, "business_share"] == pytest.approx(0.3333)
    assert e.loc[0, "meeting"] == "15 Jan 2024 · Launch"
    assert list(engagement.meeting_engagement(tiny_tracker, partnership_only=True)["meeting_id"]) == [
        "m1",
        "m3",
        "m4",
    ]


def test_partner_meeting_matrix_has_zeros(tiny_tracker):
    m = engagement.partner_meeting_matrix(tiny_tracker)
    assert len(m) == 4 * 3  # four organisations came to something, three partnership meetings
    beta = m[m["organisation"] == "Beta Plastics"].set_index("meeting_id")["people"]
    assert beta.to_dict() == {"m1": 1, "m3": 0, "m4": 0}
    assert m[(m["org_id"] == "o1") & (m["meeting_id"] == "m1")]["people"].item() == 2


def test_business_flow_by_quarter(tiny_tracker):
    f = engagement.business_flow_by_quarter(tiny_tracker, A)
    assert f.to_dict("records") == [
        {"quarter": "2024 Q1", "new": 2, "active": 2, "lapsed": 0},
        {"quarter": "2024 Q2", "new": 0, "active": 1, "lapsed": 1},
        {"quarter": "2024 Q3", "new": 0, "active": 0, "lapsed": 1},
        {"quarter": "2024 Q4 (so far)", "new": 0, "active": 1, "lapsed": None},  # not over: nobody gone yet
    ]
    over = engagement.business_flow_by_quarter(tiny_tracker, dt.date(2024, 12, 31)).to_dict("records")[-1]
    assert over == {"quarter": "2024 Q4", "new": 0, "active": 1, "lapsed": 0}


def test_at_risk_and_lapsed(tiny_tracker):
    risk = engagement.at_risk_partners(tiny_tracker, A)
    assert list(risk["organisation"]) == ["Beta Plastics"]
    assert risk.loc[0, "last_seen"] == pd.Timestamp("2024-01-15")
    assert list(engagement.lapsed_businesses(tiny_tracker, A)["organisation"]) == ["Beta Plastics"]
    # Before the October meeting, the two most recent were the launch and April: nobody had lapsed.
    assert engagement.lapsed_businesses(tiny_tracker, dt.date(2024, 9, 1)).empty


def test_org_engagement(tiny_tracker):
    o = engagement.org_engagement(tiny_tracker, A).set_index("organisation")
    assert o.loc["County Workforce Board", "meetings_attended"] == 5
    assert o.loc["Acme Manufacturing", "people"] == 2
    assert o.loc["Valley College", "attendance_rate"] == pytest.approx(0.6667)
    assert o.loc["Beta Plastics", "last_seen"] == pd.Timestamp("2024-01-15")
    assert o.loc["<img src=x onerror=alert(1)>", "trend"] == "not seen lately"
    assert pd.isna(o.loc["<img src=x onerror=alert(1)>", "attendance_rate"])


def test_business_share_full(tiny_tracker):
    assert engagement.business_share_full(tiny_tracker, A) == pytest.approx(6 / 11, abs=1e-4)


def test_retention_by_year(tiny_tracker):
    r = engagement.retention_by_year(tiny_tracker, dt.date(2025, 6, 1))
    assert list(r["year"]) == ["2024", "2025"]
    assert r.loc[0, "active"] == 2 and r.loc[1, "active"] == 0
    assert r.loc[1, "retention"] == 0.0
