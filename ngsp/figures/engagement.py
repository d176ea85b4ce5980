"""Engagement figures: who comes to meetings, the business share, active, lapsed and at-risk partners,
retention and each organisation's record."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ngsp.core import schema
from ngsp.core.model import Tracker
from ngsp.figures.base import (
    PARTNERSHIP,
    attendance_detail,
    held_meetings,
    online,
    partnership_meetings,
    ts,
)
from ngsp.figures.format import MEETING_TYPE_LABELS, ORG_TYPE_LABELS, meeting_name
from ngsp.figures.registry import figure
from ngsp.figures.thresholds import ACTIVE_DAYS


@figure(
    "Organisations",
    "Organisations on a roster or at any meeting, each counted once however it is spelled: in total, "
    "businesses and public partners",
    kind="mapping",
)
def org_counts(t: Tracker) -> dict[str, int]:
    """Organisations on a roster or in attendance: total, business, public."""
    types = t.organizations["type"]
    return {
        "total": int(len(types)),
        "business": int((types == "business").sum()),
        "public": int((types == "public").sum()),
    }


@figure("Businesses in the partnership", "Businesses on the roster or at any meeting", kind="count")
def businesses(t: Tracker) -> int:
    """Organisations of the business type (as org_counts counts them)."""
    return org_counts(t)["business"]


@figure(
    "Public partners in the partnership",
    "Workforce, education, economic development and other support partners on the roster or at any meeting",
    kind="count",
)
def public_partners(t: Tracker) -> int:
    """Organisations of the public type (as org_counts counts them)."""
    return org_counts(t)["public"]


@figure(
    "People",
    "People on a roster or at any meeting, each counted once however the name is written",
    kind="count",
)
def people_count(t: Tracker) -> int:
    """People in the tracker."""
    return int(len(t.people))


@figure(
    "Attendance records", "People present at meetings: one person at one meeting counts once", kind="count"
)
def attendance_records(t: Tracker) -> int:
    """Attendance records in the tracker."""
    return int(len(t.attendance))


def attendance_by_type(t: Tracker, meetings: pd.DataFrame) -> pd.DataFrame:
    """``meetings`` with, per meeting, its people present from businesses, from public partners, and from
    organisations whose type is not known (a column each, named by the type)."""
    counts = (
        attendance_detail(t, meetings["meeting_id"])
        .groupby(["meeting_id", "org_type"])
        .size()
        .unstack("org_type", fill_value=0)
        .reindex(columns=list(schema.ORG_TYPES), fill_value=0)
        .reset_index()
    )
    out = meetings.merge(counts, on="meeting_id", how="left")
    return out.fillna({k: 0 for k in schema.ORG_TYPES}).astype({k: int for k in schema.ORG_TYPES})


def _business_share(business, public):
    """The business share of people from organisations of known type: business / (business + public)."""
    return business / (business + public)


@figure(
    "People at each meeting",
    "Per meeting: how many business leaders and public partners came, and the business share",
)
def meeting_engagement(t: Tracker, partnership_only: bool = False) -> pd.DataFrame:
    """Per meeting: how many business leaders and public partners came, and the business share."""
    meetings = t.meetings[t.meetings["date"].notna()]
    if partnership_only:
        meetings = meetings[meetings["type"].isin(PARTNERSHIP)]
    meetings = meetings.assign(online=online(meetings))
    out = attendance_by_type(t, meetings[["meeting_id", "date", "type", "team", "label", "online"]])
    known = out["business"] + out["public"]
    return (
        out.assign(
            total=known + out["unknown"],
            business_share=_business_share(out["business"], out["public"]).where(known > 0).round(4),
            meeting=[
                meeting_name(d, m, tm, o)
                for d, m, tm, o in zip(out["date"], out["type"], out["team"], out["online"], strict=True)
            ],
            type_label=out["type"].map(MEETING_TYPE_LABELS),
        )
        .sort_values(["date", "meeting_id"])
        .reset_index(drop=True)
    )


@figure("Who came to which meeting", "How many people from each organisation came to each meeting")
def partner_meeting_matrix(t: Tracker, partnership_only: bool = True) -> pd.DataFrame:
    """Organisation x meeting: how many of the organisation's people came (0 where nobody did)."""
    meetings = meeting_engagement(t, partnership_only)[["meeting_id", "meeting", "date"]]
    att = attendance_detail(t, meetings["meeting_id"])
    orgs = att[["org_id", "organisation", "org_type"]].drop_duplicates("org_id")
    grid = orgs.merge(meetings, how="cross")
    people = att.groupby(["org_id", "meeting_id"]).size().rename("people").reset_index()
    grid = grid.merge(people, on=["org_id", "meeting_id"], how="left")
    return (
        grid.assign(people=grid["people"].fillna(0).astype(int))
        .sort_values(["org_type", "organisation", "date"])
        .reset_index(drop=True)
    )


def _active(t: Tracker, as_of: dt.date, org_type: str) -> int:
    """Organisations of a type with someone at a meeting of any kind in the ACTIVE_DAYS days up to as-of."""
    lo = ts(as_of) - pd.Timedelta(days=ACTIVE_DAYS - 1)
    held = held_meetings(t.meetings, as_of)
    att = attendance_detail(t, held.loc[held["date"] >= lo, "meeting_id"])
    return len(set(att.loc[att["org_type"] == org_type, "org_id"]))


@figure("Active businesses", "Businesses with someone at a meeting in the last 6 months", kind="count")
def active_businesses(t: Tracker, as_of: dt.date) -> int:
    """Businesses with someone at a meeting of any kind in the last six months (ACTIVE_DAYS) up to as-of."""
    return _active(t, as_of, "business")


@figure("Public partners", "Public partners with someone at a meeting in the last 6 months", kind="count")
def active_public_partners(t: Tracker, as_of: dt.date) -> int:
    """Public partners with someone at a meeting of any kind in the last six months (ACTIVE_DAYS) up to as-of."""
    return _active(t, as_of, "public")


IN_PROGRESS = " (so far)"  # after the quarter of the as-of date while it is not over


@figure(
    "Businesses per quarter: new, active, and gone quiet",
    "Per quarter: businesses at a meeting, there for the first time, and gone quiet (at a meeting the quarter "
    "before, at none in this one)",
)
def business_flow_by_quarter(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per quarter: businesses at a meeting (active), there for the first time (new), and gone quiet (lapsed).

    Lapsed in a quarter = at a meeting in the quarter before, at none in this one. A quarter still in progress
    on the as-of date is named "2025 Q4 (so far)" and has no lapsed count (None): it is not over, so nobody has
    gone quiet in it yet.
    """
    att = attendance_detail(t)
    att = att[(att["org_type"] == "business") & att["date"].notna() & (att["date"] <= ts(as_of))]
    if att.empty:
        return pd.DataFrame({"quarter": pd.Series(dtype=str), "new": [], "active": [], "lapsed": []})
    att = att.assign(q=att["date"].dt.to_period("Q"))
    first = att.groupby("org_id")["q"].min()
    quarters = pd.period_range(att["q"].min(), ts(as_of).to_period("Q"), freq="Q")
    rows, before = [], set()
    for q in quarters:
        active = set(att.loc[att["q"] == q, "org_id"])
        over = q.end_time.normalize() <= ts(as_of)
        rows.append(
            {
                "quarter": f"{q.year} Q{q.quarter}" + ("" if over else IN_PROGRESS),
                "new": int((first == q).sum()),
                "active": len(active),
                "lapsed": len(before - active) if over else None,
            }
        )
        before = active
    out = pd.DataFrame(rows)
    return out.assign(lapsed=pd.Series([r["lapsed"] for r in rows], index=out.index, dtype=object))


def last_two_partnership_meetings(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """The two most recent launch or full partnership meetings held by as-of. Of two on one date, the one with
    the larger meeting id counts as the more recent, so every figure that asks picks the same two."""
    return partnership_meetings(t, as_of).sort_values(["date", "meeting_id"]).tail(2)


@figure("At-risk partners", "Came to a partnership meeting before, but missed the two most recent ones.")
def at_risk_partners(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Organisations that came to a partnership meeting but missed the two most recent ones."""
    last_two = last_two_partnership_meetings(t, as_of)
    att = attendance_detail(t, partnership_meetings(t, as_of)["meeting_id"])
    recent = set(att.loc[att["meeting_id"].isin(last_two["meeting_id"]), "org_id"])
    gone = att[~att["org_id"].isin(recent) & (att["org_id"] != "")]
    out = (  # grouped by id alone (name and type go with it): grouping by three text columns is slow
        gone.groupby("org_id")
        .agg(
            organisation=("organisation", "first"),
            org_type=("org_type", "first"),
            last_seen=("date", "max"),
            partnership_meetings=("meeting_id", "nunique"),
        )
        .reset_index()
        .sort_values(["last_seen", "organisation"])
    )
    return out.assign(type=out["org_type"].map(ORG_TYPE_LABELS)).reset_index(drop=True)


@figure(
    "Lapsed businesses",
    "Businesses that came to a launch or full partnership meeting before, but to neither of the two most recent",
)
def lapsed_businesses(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Businesses that came to a partnership meeting but nobody came to either of the two most recent."""
    risk = at_risk_partners(t, as_of)
    return risk[risk["org_type"] == "business"].reset_index(drop=True)


@figure(
    "Business share at partnership meetings",
    "Of everyone at launch and full partnership meetings so far, the share from businesses "
    "(the Next Gen test: above 50%)",
    kind="percent",
)
def business_share_full(t: Tracker, as_of: dt.date) -> float | None:
    """Of the people at launch and full partnership meetings held by as-of, the share from businesses (people
    whose organisation's type is not known are left out); None when there are none. The same counts as the
    per-meeting figure (attendance_by_type), added up."""
    counts = attendance_by_type(t, partnership_meetings(t, as_of)[["meeting_id"]])
    business, public = int(counts["business"].sum()), int(counts["public"].sum())
    if business + public == 0:
        return None
    return round(float(_business_share(business, public)), 4)


def _trend(recent: int, earlier: int, first_seen: pd.Timestamp, cut: pd.Timestamp) -> str:
    if recent == 0 and earlier == 0:
        return "not seen lately"
    if pd.notna(first_seen) and first_seen > cut:
        return "new"
    if recent > earlier:
        return "up"
    if recent < earlier:
        return "down"
    return "steady"


@figure(
    "Every organisation",
    "Per organisation: people, meetings attended, partnership meetings attended since joining, last seen and trend",
)
def org_engagement(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per organisation: people, meetings attended, partnership-meeting attendance rate since joining, last seen, trend.

    The rate counts the partnership meetings (launch, full) held since the organisation first came to any
    meeting; the trend compares meetings attended in the last six months with the six months before.
    """
    day = ts(as_of)
    cut, cut2 = day - pd.Timedelta(days=ACTIVE_DAYS), day - pd.Timedelta(days=2 * ACTIVE_DAYS)
    att = attendance_detail(t)
    att = att[att["date"].notna() & (att["date"] <= day)].drop_duplicates(["org_id", "meeting_id"])
    held = held_meetings(t.meetings, as_of)
    held = held.loc[held["type"].isin(PARTNERSHIP), "date"].sort_values().to_numpy()
    per_org = att.assign(
        partnership=att["meeting_type"].isin(PARTNERSHIP),
        recent=att["date"] > cut,
        earlier=(att["date"] > cut2) & (att["date"] <= cut),
    ).groupby("org_id")
    stats = per_org.agg(
        meetings_attended=("meeting_id", "size"),
        partnership_meetings=("partnership", "sum"),
        first_seen=("date", "min"),
        last_seen=("date", "max"),
        recent=("recent", "sum"),
        earlier=("earlier", "sum"),
    )
    out = t.organizations[["org_id", "name", "type"]].merge(
        stats, left_on="org_id", right_index=True, how="left"
    )
    out = out.fillna({"meetings_attended": 0, "partnership_meetings": 0, "recent": 0, "earlier": 0})
    since = pd.Series(
        len(held) - held.searchsorted(out["first_seen"].to_numpy(), side="left"), index=out.index
    ).where(out["first_seen"].notna(), 0)
    trend = [
        _trend(int(r), int(e), f, cut)
        for r, e, f in zip(out["recent"], out["earlier"], out["first_seen"], strict=True)
    ]
    out = out.assign(
        organisation=out["name"],
        type=out["type"].map(ORG_TYPE_LABELS).fillna(out["type"]),
        people=out["org_id"].map(t.people.groupby("org_id").size()).fillna(0).astype(int),
        meetings_attended=out["meetings_attended"].astype(int),
        partnership_meetings=out["partnership_meetings"].astype(int),
        attendance_rate=(out["partnership_meetings"] / since.where(since > 0)).round(4),
        trend=trend,
    )
    columns = ["organisation", "type", "people", "meetings_attended", "partnership_meetings",
               "attendance_rate", "first_seen", "last_seen", "trend"]  # fmt: skip
    out = out[columns].sort_values(["meetings_attended", "organisation"], ascending=[False, True])
    return out.reset_index(drop=True)


@figure(
    "Business retention year over year",
    "Per year: businesses at a meeting, and how many of them were also at one the year before",
)
def retention_by_year(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per calendar year: businesses at a meeting, how many were also there the year before, and the retention rate."""
    att = attendance_detail(t)
    att = att[(att["org_type"] == "business") & att["date"].notna() & (att["date"] <= ts(as_of))]
    rows, before = [], None
    if len(att):
        for year in range(int(att["date"].dt.year.min()), ts(as_of).year + 1):
            active = set(att.loc[att["date"].dt.year == year, "org_id"])
            returning = len(active & before) if before is not None else None
            rate = round(returning / len(before), 4) if before else None
            rows.append({"year": str(year), "active": len(active), "returning": returning, "retention": rate})
            before = active
    return pd.DataFrame(rows, columns=["year", "active", "returning", "retention"])
