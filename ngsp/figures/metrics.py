"""One small pure function per figure over the canonical tracker; ``summary()`` builds ngsp.summary/1."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.core.schema import MEETING_TYPES, OPEN_STATUSES, PARTNERSHIP_MEETINGS, STATUSES
from ngsp.ingest.dates import quarter_key

SCHEMA_ID = "ngsp.summary/1"


def _ts(as_of: dt.date) -> pd.Timestamp:
    return pd.Timestamp(as_of)


def org_counts(t: Tracker) -> dict[str, int]:
    """Organisations on a roster or in attendance: total, business, public."""
    types = t.organizations["type"]
    return {
        "total": int(len(types)),
        "business": int((types == "business").sum()),
        "public": int((types == "public").sum()),
    }


def meeting_counts(t: Tracker) -> dict[str, int]:
    """Meetings in total and by type."""
    c = t.meetings["type"].value_counts()
    return {"total": int(len(t.meetings)), **{k: int(c.get(k, 0)) for k in MEETING_TYPES}}


def attendance_with_types(t: Tracker, meeting_ids=None) -> pd.DataFrame:
    """Attendance records (at the given meetings only, when given) with the meeting's date and type and the
    organisation's type."""
    a = t.attendance if meeting_ids is None else t.attendance[t.attendance["meeting_id"].isin(meeting_ids)]
    return (
        a.merge(t.meetings[["meeting_id", "date", "type", "team"]], on="meeting_id", how="left")
        .merge(
            t.organizations[["org_id", "type"]].rename(columns={"type": "org_type"}), on="org_id", how="left"
        )
        .assign(org_type=lambda d: d["org_type"].fillna("unknown"))
    )


def partnership_meetings(t: Tracker, as_of: dt.date | None = None) -> pd.DataFrame:
    """Launch and full partnership meetings (held on or before as-of when given), oldest first."""
    m = t.meetings[t.meetings["type"].isin(PARTNERSHIP_MEETINGS) & t.meetings["date"].notna()]
    if as_of is not None:
        m = m[m["date"] <= _ts(as_of)]
    return m.sort_values("date")


def business_share_full(t: Tracker, as_of: dt.date) -> float | None:
    """Share of attendance at launch/full meetings held by as-of that came from businesses (known types)."""
    a = attendance_with_types(t, partnership_meetings(t, as_of)["meeting_id"])
    a = a[a["org_type"].isin(["business", "public"])]
    if a.empty:
        return None
    return round(float((a["org_type"] == "business").mean()), 4)


def cadence(t: Tracker, as_of: dt.date) -> dict[str, bool]:
    """Each complete quarter from the first launch/full meeting: did one take place in it?"""
    m = partnership_meetings(t)
    if m.empty:
        return {}
    first = m["date"].min().date()
    held = {quarter_key(d.date()) for d in m["date"]}
    out = {}
    y, q = first.year, (first.month - 1) // 3 + 1
    end_y, end_q = as_of.year, (as_of.month - 1) // 3 + 1
    while (y, q) < (end_y, end_q):
        key = f"{y}Q{q}"
        out[key] = key in held
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def overdue_items(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Action items due before as-of that are still open (in progress, not started, stalled)."""
    a = t.action_items
    return a[a["due"].notna() & (a["due"] < _ts(as_of)) & a["status"].isin(OPEN_STATUSES)]


def item_counts(t: Tracker, as_of: dt.date) -> dict[str, int]:
    """Action items in total, by status, and overdue."""
    c = t.action_items["status"].value_counts()
    return {
        "total": int(len(t.action_items)),
        **{s: int(c.get(s, 0)) for s in STATUSES},
        "overdue": int(len(overdue_items(t, as_of))),
    }


def priority_progress(t: Tracker) -> dict[str, dict[str, int]]:
    """For each priority: its action items and how many are done."""
    a = t.action_items[t.action_items["priority"] != ""]
    out = {}
    for name, g in a.groupby("priority", sort=True):
        out[str(name)] = {"items": int(len(g)), "done": int((g["status"] == "done").sum())}
    return out


def lapsed_businesses(t: Tracker, as_of: dt.date) -> list[str]:
    """Businesses seen at a launch/full meeting but at neither of the two most recent ones by as-of."""
    m = partnership_meetings(t, as_of)
    if m.empty:
        return []
    a = attendance_with_types(t, m["meeting_id"])
    a = a[a["org_type"] == "business"]
    recent = set(m.sort_values(["date", "meeting_id"])["meeting_id"].tail(2))
    ever = set(a["org_id"])
    seen_recently = set(a[a["meeting_id"].isin(recent)]["org_id"])
    return sorted(o for o in ever - seen_recently if o)


def summary(t: Tracker, as_of: dt.date) -> dict:
    """The ngsp.summary/1 dictionary."""
    return {
        "schema": SCHEMA_ID,
        "as_of": as_of.isoformat(),
        "organizations": org_counts(t),
        "people": int(len(t.people)),
        "meetings": meeting_counts(t),
        "attendance": {
            "records": int(len(t.attendance)),
            "business_share_full": business_share_full(t, as_of),
        },
        "cadence": cadence(t, as_of),
        "action_items": item_counts(t, as_of),
        "priorities": priority_progress(t),
        "lapsed_businesses": len(lapsed_businesses(t, as_of)),
        "rejected_rows": int(len(t.quality.rejected)),
        "funding": funding_totals(t),
        "warnings": list(t.quality.warnings),
    }


def funding_totals(t: Tracker) -> dict:
    """Funding and in-kind: number of sources, total amount, and amounts by status."""
    f = t.funding
    by_status = f.groupby("status")["amount"].sum()
    return {
        "sources": int(f["funder"].nunique()),
        "total": float(f["amount"].sum()),
        **{f"{k}": float(v) for k, v in by_status.items()},
    }
