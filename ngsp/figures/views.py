"""The figures the app pages show: tracker in, new tidy frames out (no Streamlit, no plotting).

Each function is small and pure so that the pages, the exports and the tests share one definition of every
figure. Dates are compared as pandas Timestamps at midnight; ``as_of`` is "today" for every date-relative
figure. Column names are plain words because several frames are shown to people as they are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ngsp.core import schema
from ngsp.core.model import Tracker
from ngsp.figures import metrics

# Thresholds the pages use, named once (each has a test).
ACTIVE_DAYS = 182  # "active" = someone at a meeting in the last six months
DUE_SOON_DAYS = 90  # "due soon" = due within the next 90 days
FULL_MEETINGS_PER_QUARTER = 1  # the cadence target: at least one full partnership meeting a quarter
STALE_DAYS = (
    120  # a tracker whose latest meeting is older than this is probably being looked at after the fact
)
SUMMARY_WITHIN_DAYS = 7  # a meeting summary goes out within a week
FIRST_CALLS_WITHIN_DAYS = 28  # first action-team calls within 2-4 weeks of the launch

PARTNERSHIP = schema.PARTNERSHIP_MEETINGS
MEETING_TYPE_LABELS = {
    "launch": "Launch",
    "full_partnership": "Full partnership",
    "action_team": "Action team",
    "planning": "Planning",
    "other": "Other",
}
STATUS_LABELS = {
    "done": "Done",
    "in_progress": "In progress",
    "not_started": "Not started",
    "stalled": "Stalled",
    "cancelled": "Cancelled",
}
ORG_TYPE_LABELS = {"business": "Business", "public": "Public partner", "unknown": "Type not known"}


# ---------------------------------------------------------------- small helpers


def _ts(day: dt.date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def quarter_label(day: dt.date | pd.Timestamp) -> str:
    """A date's calendar quarter as people write it: ``2024 Q3``."""
    p = pd.Timestamp(day).to_period("Q")
    return f"{p.year} Q{p.quarter}"


def _quarter_bounds(day: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    p = day.to_period("Q")
    return p.start_time.normalize(), p.end_time.normalize()


def _held(meetings: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Meetings with a known date on or before as-of."""
    return meetings[meetings["date"].notna() & (meetings["date"] <= _ts(as_of))]


def meeting_name(date: pd.Timestamp, mtype: str, team: str, online: bool = False) -> str:
    """A short, unique-enough axis label for a meeting: ``12 Mar 2024 · Full partnership`` (``· online`` after a
    meeting held online, where the source says so)."""
    what = team if mtype == "action_team" and team else MEETING_TYPE_LABELS.get(mtype, mtype)
    when = date.strftime("%d %b %Y").lstrip("0") if pd.notna(date) else "date not known"
    return f"{when} · {what}" + (" · online" if online else "")


def _online(meetings: pd.DataFrame) -> pd.Series:
    """Each meeting's "held online" mark (False for a tracker kept before the mark existed)."""
    if "online" in meetings:
        return meetings["online"].astype(bool)
    return pd.Series(False, index=meetings.index)


def attendance_detail(t: Tracker) -> pd.DataFrame:
    """Attendance rows with their meeting's date, type and team and their organisation's name and type."""
    m = t.meetings.drop_duplicates("meeting_id").set_index("meeting_id")
    o = t.organizations.drop_duplicates("org_id").set_index("org_id")
    att = t.attendance[t.attendance["meeting_id"].isin(m.index)]
    ids, orgs = att["meeting_id"], att["org_id"]
    # Lookups by position, not merges: this runs several times per page. Each key column is matched once.
    at_meeting, at_org = m.index.get_indexer(ids), o.index.get_indexer(orgs)
    return pd.DataFrame(
        {
            "meeting_id": ids,
            "person_id": att["person_id"],
            "org_id": orgs,
            "date": _take(m["date"], at_meeting, ids.index),
            "meeting_type": _take(m["type"], at_meeting, ids.index),
            "team": _take(m["team"], at_meeting, ids.index),
            "organisation": _take(o["name"], at_org, ids.index, "(organisation not known)"),
            "org_type": _take(o["type"], at_org, ids.index, "unknown"),
        }
    ).reset_index(drop=True)


def _take(values: pd.Series, pos, index: pd.Index, missing: object = None) -> pd.Series:
    """values at the positions `pos` (-1 for none), on `index`; ``missing`` (or NA) where there is none."""
    if missing is None:
        return pd.Series(values.array.take(pos, allow_fill=True), index=index)
    known = values.astype(object).where(values.notna(), missing).to_numpy()
    return pd.Series(np.where(pos >= 0, known[pos], missing), index=index, dtype=object)


# ---------------------------------------------------------------- filters


_GENERIC = {
    "action",
    "team",
    "teams",
    "call",
    "calls",
    "committee",
    "workgroup",
    "work",
    "group",
    "meeting",
    "at",
}


def _words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", name.lower())) - _GENERIC


def team_priorities(t: Tracker) -> dict[str, str]:
    """Action-team name (lower case) -> the priority it works on ("Childcare" -> "Childcare Access").

    A team matches a priority of the same name, else the one priority whose words contain the team's (or the
    other way round); a team matching none, or several, stands for itself.
    """
    prios = {p.strip() for p in t.action_items["priority"] if p.strip()}
    by_lower = {p.lower(): p for p in prios}
    out = {}
    for team in {
        tm.strip() for tm in t.meetings.loc[t.meetings["type"] == "action_team", "team"] if tm.strip()
    }:
        if team.lower() in by_lower:
            out[team.lower()] = by_lower[team.lower()]
            continue
        w = _words(team)
        hits = [p for p in prios if w and (w <= _words(p) or _words(p) <= w)]
        out[team.lower()] = hits[0] if len(hits) == 1 else team
    return out


def filter_options(t: Tracker) -> dict:
    """What the sidebar filters can offer: the date span, the priorities/action teams, the partner types."""
    dates = pd.concat([t.meetings["date"], t.action_items["due"]]).dropna()
    names: dict[str, str] = {}
    for name in [*t.action_items["priority"], *team_priorities(t).values()]:
        if name and name.strip().lower() not in names:
            names[name.strip().lower()] = name.strip()
    types = [k for k in schema.ORG_TYPES if (t.organizations["type"] == k).any()]
    return {
        "start": dates.min().date() if len(dates) else None,
        "end": dates.max().date() if len(dates) else None,
        "priorities": sorted(names.values(), key=str.lower),
        "partner_types": types,
    }


def filter_tracker(
    t: Tracker,
    start: dt.date | None = None,
    end: dt.date | None = None,
    priorities: Iterable[str] | None = None,
    partner_types: Iterable[str] | None = None,
) -> Tracker:
    """The tracker narrowed to a date range, some priorities/action teams and some partner types.

    Dates narrow meetings (and their attendance) and action items by due date (undated items stay).
    Priorities narrow action items and action-team meetings; partnership meetings belong to every priority.
    Partner types narrow organisations, their people and their attendance, and action items whose owner's
    organisation is known. Funding and the data-quality report are never narrowed.
    """
    meetings, items = t.meetings, t.action_items
    if start is not None or end is not None:
        lo = _ts(start) if start is not None else pd.Timestamp.min
        hi = _ts(end) if end is not None else pd.Timestamp.max
        meetings = meetings[meetings["date"].between(lo, hi)]
        items = items[items["due"].isna() | items["due"].between(lo, hi)]
    if priorities is not None:
        wanted = {p.strip().lower() for p in priorities}
        teams = team_priorities(t)
        works_on = meetings["team"].str.strip().str.lower().map(lambda k: teams.get(k, k).lower())
        meetings = meetings[(meetings["type"] != "action_team") | works_on.isin(wanted)]
        items = items[items["priority"].str.strip().str.lower().isin(wanted)]
    orgs, people = t.organizations, t.people
    attendance = t.attendance[t.attendance["meeting_id"].isin(meetings["meeting_id"])]
    if partner_types is not None:
        orgs = orgs[orgs["type"].isin(list(partner_types))]
        people = people[people["org_id"].isin(orgs["org_id"])]
        attendance = attendance[attendance["org_id"].isin(orgs["org_id"])]
        known = items["owner_org_id"].isin(t.organizations["org_id"])
        items = items[~known | items["owner_org_id"].isin(orgs["org_id"])]
    return dataclasses.replace(
        t, organizations=orgs, people=people, meetings=meetings, attendance=attendance, action_items=items
    )


# ---------------------------------------------------------------- engagement


def meeting_engagement(t: Tracker, partnership_only: bool = False) -> pd.DataFrame:
    """Per meeting: how many business leaders and public partners came, and the business share."""
    meetings = t.meetings[t.meetings["date"].notna()]
    if partnership_only:
        meetings = meetings[meetings["type"].isin(PARTNERSHIP)]
    counts = (
        attendance_detail(t)
        .groupby(["meeting_id", "org_type"])
        .size()
        .unstack("org_type", fill_value=0)
        .reindex(columns=list(schema.ORG_TYPES), fill_value=0)
        .reset_index()
    )
    meetings = meetings.assign(online=_online(meetings))
    out = meetings[["meeting_id", "date", "type", "team", "label", "online"]].merge(
        counts, on="meeting_id", how="left"
    )
    out = out.fillna({k: 0 for k in schema.ORG_TYPES}).astype({k: int for k in schema.ORG_TYPES})
    known = out["business"] + out["public"]
    return (
        out.assign(
            total=known + out["unknown"],
            business_share=(out["business"] / known.where(known > 0)).round(4),
            meeting=[
                meeting_name(d, m, tm, o)
                for d, m, tm, o in zip(out["date"], out["type"], out["team"], out["online"], strict=True)
            ],
            type_label=out["type"].map(MEETING_TYPE_LABELS),
        )
        .sort_values(["date", "meeting_id"])
        .reset_index(drop=True)
    )


def partner_meeting_matrix(t: Tracker, partnership_only: bool = True) -> pd.DataFrame:
    """Organisation x meeting: how many of the organisation's people came (0 where nobody did)."""
    meetings = meeting_engagement(t, partnership_only)[["meeting_id", "meeting", "date"]]
    att = attendance_detail(t)
    att = att[att["meeting_id"].isin(meetings["meeting_id"])]
    orgs = att[["org_id", "organisation", "org_type"]].drop_duplicates("org_id")
    grid = orgs.merge(meetings, how="cross")
    people = att.groupby(["org_id", "meeting_id"]).size().rename("people").reset_index()
    grid = grid.merge(people, on=["org_id", "meeting_id"], how="left")
    return (
        grid.assign(people=grid["people"].fillna(0).astype(int))
        .sort_values(["org_type", "organisation", "date"])
        .reset_index(drop=True)
    )


def _active_orgs(att: pd.DataFrame, lo: pd.Timestamp, hi: pd.Timestamp, org_type: str) -> set[str]:
    rows = att[(att["org_type"] == org_type) & (att["date"] >= lo) & (att["date"] <= hi)]
    return set(rows["org_id"])


def business_flow_by_quarter(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per quarter: businesses at a meeting (active), there for the first time (new), and gone quiet (lapsed).

    Lapsed in a quarter = at a meeting in the quarter before, at none in this one.
    """
    att = attendance_detail(t)
    att = att[(att["org_type"] == "business") & att["date"].notna() & (att["date"] <= _ts(as_of))]
    if att.empty:
        return pd.DataFrame({"quarter": pd.Series(dtype=str), "new": [], "active": [], "lapsed": []})
    att = att.assign(q=att["date"].dt.to_period("Q"))
    first = att.groupby("org_id")["q"].min()
    quarters = pd.period_range(att["q"].min(), _ts(as_of).to_period("Q"), freq="Q")
    rows, before = [], set()
    for q in quarters:
        active = set(att.loc[att["q"] == q, "org_id"])
        rows.append(
            {
                "quarter": f"{q.year} Q{q.quarter}",
                "new": int((first == q).sum()),
                "active": len(active),
                "lapsed": len(before - active),
            }
        )
        before = active
    return pd.DataFrame(rows)


def _last_two_partnership(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    held = _held(t.meetings, as_of)
    return held[held["type"].isin(PARTNERSHIP)].sort_values("date").tail(2)


def at_risk_partners(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Organisations that came to a partnership meeting but missed the two most recent ones."""
    last_two = _last_two_partnership(t, as_of)
    att = attendance_detail(t)
    att = att[att["meeting_type"].isin(PARTNERSHIP) & att["date"].notna() & (att["date"] <= _ts(as_of))]
    recent = set(att.loc[att["meeting_id"].isin(last_two["meeting_id"]), "org_id"])
    gone = att[~att["org_id"].isin(recent) & (att["org_id"] != "")]
    out = (
        gone.groupby(["org_id", "organisation", "org_type"])
        .agg(last_seen=("date", "max"), partnership_meetings=("meeting_id", "nunique"))
        .reset_index()
        .sort_values(["last_seen", "organisation"])
    )
    return out.assign(type=out["org_type"].map(ORG_TYPE_LABELS)).reset_index(drop=True)


def lapsed_businesses(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Businesses that came to a partnership meeting but nobody came to either of the two most recent."""
    risk = at_risk_partners(t, as_of)
    return risk[risk["org_type"] == "business"].reset_index(drop=True)


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


def org_engagement(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per organisation: people, meetings attended, partnership-meeting attendance rate since joining, last seen, trend.

    The rate counts the partnership meetings (launch, full) held since the organisation first came to any
    meeting; the trend compares meetings attended in the last six months with the six months before.
    """
    day = _ts(as_of)
    cut, cut2 = day - pd.Timedelta(days=ACTIVE_DAYS), day - pd.Timedelta(days=2 * ACTIVE_DAYS)
    att = attendance_detail(t)
    att = att[att["date"].notna() & (att["date"] <= day)].drop_duplicates(["org_id", "meeting_id"])
    held = _held(t.meetings, as_of)
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


def business_share_full(t: Tracker, as_of: dt.date) -> float | None:
    """Of attendance at partnership meetings held by as-of, the share from businesses (None if none)."""
    return metrics.business_share_full(t, as_of)  # the summary's definition, shared with the CLI


# ---------------------------------------------------------------- cadence


def meeting_timeline(t: Tracker) -> pd.DataFrame:
    """Every dated meeting with a readable type and name, and whether it was held online, oldest first."""
    m = t.meetings[t.meetings["date"].notna()]
    m = m.assign(online=_online(m))
    return (
        m.assign(
            type_label=m["type"].map(MEETING_TYPE_LABELS),
            meeting=[
                meeting_name(d, k, tm, o)
                for d, k, tm, o in zip(m["date"], m["type"], m["team"], m["online"], strict=True)
            ],
        )[["meeting_id", "date", "type", "type_label", "team", "label", "meeting", "online"]]
        .sort_values("date")
        .reset_index(drop=True)
    )


def cadence_grid(t: Tracker, as_of: dt.date, target: int = FULL_MEETINGS_PER_QUARTER) -> pd.DataFrame:
    """Per quarter since the launch: meetings by type and whether the partnership-meeting target was met.

    Status is ``met`` / ``missed`` for complete quarters and ``met`` / ``in progress`` for the current one
    (``complete`` is False for it, as in the summary's cadence).
    """
    day = _ts(as_of)
    held = _held(t.meetings, as_of)
    partnership = held[held["type"].isin(PARTNERSHIP)]
    columns = [
        "quarter",
        "start",
        "end",
        *MEETING_TYPE_LABELS,
        "full_meetings",
        "online",
        "target",
        "complete",
        "status",
    ]
    if partnership.empty:
        return pd.DataFrame(columns=columns)
    q = held["date"].dt.to_period("Q")
    online = _online(held).groupby(q).sum()
    counts = held.groupby([q.rename("q"), "type"]).size().unstack("type", fill_value=0)
    counts = counts.reindex(columns=list(MEETING_TYPE_LABELS), fill_value=0)
    rows = []
    for p in pd.period_range(partnership["date"].min().to_period("Q"), day.to_period("Q"), freq="Q"):
        c = counts.loc[p] if p in counts.index else pd.Series(0, index=counts.columns)
        full = int(c["launch"] + c["full_partnership"])
        current = p == day.to_period("Q")
        status = "met" if full >= target else ("in progress" if current else "missed")
        rows.append(
            {
                "quarter": f"{p.year} Q{p.quarter}",
                "start": p.start_time.normalize(),
                "end": p.end_time.normalize(),
                **{k: int(c[k]) for k in MEETING_TYPE_LABELS},
                "full_meetings": full,
                "online": int(online.get(p, 0)),
                "target": target,
                "complete": not current,
                "status": status,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def latest_meeting(t: Tracker, as_of: dt.date, stale_days: int = STALE_DAYS) -> dt.date | None:
    """The latest meeting on or before as-of when it is more than ``stale_days`` earlier, else None.

    An old tracker read "as of today" shows nobody active and every recent quarter missed; the app offers to
    count as of this date instead.
    """
    last = _held(t.meetings, as_of)["date"].max()
    if pd.isna(last) or (_ts(as_of) - last).days <= stale_days:
        return None
    return last.date()


def cadence_table(t: Tracker, as_of: dt.date, target: int = FULL_MEETINGS_PER_QUARTER) -> pd.DataFrame:
    """The quarter-by-quarter grid as people read it: meetings of each kind and whether the target was met."""
    g = cadence_grid(t, as_of, target)
    return pd.DataFrame(
        {
            "Quarter": g["quarter"],
            "Launch or full meetings": g["full_meetings"],
            "Action-team calls": g["action_team"],
            "Planning calls": g["planning"],
            "Other meetings": g["other"],
            "Held online": g["online"],
            "Target": g["status"].map(
                {"met": "met", "missed": "missed", "in progress": "not yet (quarter not over)"}
            ),
        }
    )


def cadence_status(t: Tracker, as_of: dt.date, target: int = FULL_MEETINGS_PER_QUARTER) -> dict:
    """Days since the last partnership meeting, when the next is due, and how many quarters met the target."""
    day = _ts(as_of)
    grid = cadence_grid(t, as_of, target)
    held = _held(t.meetings, as_of)
    last = held.loc[held["type"].isin(PARTNERSHIP), "date"].max()
    this_start, this_end = _quarter_bounds(day)
    met_now = bool(len(grid)) and grid.iloc[-1]["status"] == "met"
    next_due = (this_end + pd.Timedelta(days=1)).to_period("Q").end_time.normalize() if met_now else this_end
    complete = grid[grid["complete"].astype(bool)]
    return {
        "last_full": None if pd.isna(last) else last.date(),
        "days_since": None if pd.isna(last) else int((day - last).days),
        "next_due": next_due.date(),
        "days_to_due": int((next_due - day).days),
        "quarters_complete": len(complete),
        "quarters_met": int((complete["status"] == "met").sum()),
        "target": target,
    }


def summary_follow_through(t: Tracker, within: int = SUMMARY_WITHIN_DAYS) -> pd.DataFrame:
    """Partnership meetings whose summary date is recorded: days until it went out, and whether within a week."""
    m = t.meetings[t.meetings["type"].isin(PARTNERSHIP) & t.meetings["date"].notna()]
    m = m[m["summary_sent"].notna()]
    days = (m["summary_sent"] - m["date"]).dt.days
    return (
        m.assign(
            meeting=[
                meeting_name(d, k, tm) for d, k, tm in zip(m["date"], m["type"], m["team"], strict=True)
            ],
            days_to_summary=days.astype(int),
            on_time=days <= within,
        )[["meeting", "date", "summary_sent", "days_to_summary", "on_time"]]
        .sort_values("date")
        .reset_index(drop=True)
    )


def launch_follow_through(t: Tracker, within: int = FIRST_CALLS_WITHIN_DAYS) -> pd.DataFrame:
    """Per action team: its first call after the launch, how many days later, and whether within four weeks."""
    launch = t.meetings.loc[(t.meetings["type"] == "launch") & t.meetings["date"].notna(), "date"]
    columns = ["team", "first_call", "days_after_launch", "on_time"]
    if launch.empty:
        return pd.DataFrame(columns=columns)
    start = launch.min()
    calls = t.meetings[(t.meetings["type"] == "action_team") & (t.meetings["date"] >= start)]
    calls = calls.assign(team=calls["team"].replace("", "(team not named)"))
    first = calls.groupby("team")["date"].min().rename("first_call").reset_index()
    days = (first["first_call"] - start).dt.days
    return (
        first.assign(days_after_launch=days.astype(int), on_time=days <= within)
        .sort_values("first_call")[columns]
        .reset_index(drop=True)
    )


# ---------------------------------------------------------------- action items and priorities


def action_items_view(t: Tracker, as_of: dt.date, soon_days: int = DUE_SOON_DAYS) -> pd.DataFrame:
    """Action items with readable status, whether overdue (and by how many days) and whether due soon."""
    day = _ts(as_of)
    i = t.action_items
    open_ = i["status"].isin(schema.OPEN_STATUSES)
    overdue = open_ & i["due"].notna() & (i["due"] < day)
    soon = open_ & i["due"].notna() & (i["due"] >= day) & (i["due"] <= day + pd.Timedelta(days=soon_days))
    return i.assign(
        priority=i["priority"].replace("", "(no priority named)"),
        status_label=i["status"].map(STATUS_LABELS),
        overdue=overdue,
        days_overdue=(day - i["due"]).dt.days.where(overdue).astype("Int64"),
        due_soon=soon,
        owner=i["owner"].replace("", "(no owner named)"),
    )


def overdue_items(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Open action items past their due date, longest overdue first."""
    v = action_items_view(t, as_of)
    v = v[v["overdue"]].sort_values("days_overdue", ascending=False)
    return v[["priority", "description", "owner", "due", "days_overdue", "status_label"]].reset_index(
        drop=True
    )


def items_due_soon(t: Tracker, as_of: dt.date, days: int = DUE_SOON_DAYS) -> pd.DataFrame:
    """Open action items due in the next ``days`` days, soonest first."""
    v = action_items_view(t, as_of, days)
    v = v[v["due_soon"]].sort_values("due")
    return v[["priority", "description", "owner", "due", "status_label"]].reset_index(drop=True)


def overdue_by_owner(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per priority and owner: how many open items are overdue."""
    v = action_items_view(t, as_of)
    v = v[v["overdue"]]
    out = v.groupby(["priority", "owner"]).size().rename("overdue").reset_index()
    return out.sort_values(["priority", "overdue"], ascending=[True, False]).reset_index(drop=True)


def status_mix(t: Tracker) -> pd.DataFrame:
    """Per priority and status: the number of action items (every status present, zeros included)."""
    v = action_items_view(t, dt.date.today())
    prios = sorted(v["priority"].unique(), key=str.lower)
    grid = pd.MultiIndex.from_product([prios, list(STATUS_LABELS)], names=["priority", "status"])
    out = v.groupby(["priority", "status"]).size().reindex(grid, fill_value=0).rename("items").reset_index()
    return out.assign(status_label=out["status"].map(STATUS_LABELS))


def _names(values: Iterable[str]) -> str:
    seen = sorted({v for v in values if v}, key=str.lower)
    return ", ".join(seen)


def priority_cards(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per priority: items, done, mean percent complete, overdue, due soon, status counts, champions, support partners.

    Champions are the named owners of its items from businesses (or with an unknown organisation); support
    partners are public organisations that own its items or came to its action-team meetings.
    """
    v = action_items_view(t, as_of)
    orgs = t.organizations.set_index("org_id")
    types = orgs["type"].to_dict()
    org_type = pd.Series([types.get(o, "unknown") for o in v["owner_org_id"]], index=v.index, dtype=object)
    v = v.assign(owner_type=org_type)
    att = attendance_detail(t)
    att = att[(att["meeting_type"] == "action_team") & (att["org_type"] == "public")]
    teams = team_priorities(t)
    att = att.assign(key=att["team"].str.strip().str.lower().map(lambda k: teams.get(k, k).lower()))
    rows = []
    for prio, g in v.groupby("priority", sort=False):
        key = prio.strip().lower()
        owners_public = g.loc[g["owner_type"] == "public", "owner_org_id"].map(orgs["name"])
        support = [*owners_public.dropna(), *att.loc[att["key"] == key, "organisation"]]
        champions = g.loc[g["owner_type"] != "public", "owner"]
        rows.append(
            {
                "priority": prio,
                "items": len(g),
                "done": int((g["status"] == "done").sum()),
                "mean_percent": round(float(g["percent"].mean()), 4) if g["percent"].notna().any() else None,
                "overdue": int(g["overdue"].sum()),
                "due_soon": int(g["due_soon"].sum()),
                **{f"status_{k}": int((g["status"] == k).sum()) for k in STATUS_LABELS},
                "champions": _names(c for c in champions if not c.startswith("(")),
                "support_partners": _names(support),
            }
        )
    columns = ["priority", "items", "done", "mean_percent", "overdue", "due_soon",
               *(f"status_{k}" for k in STATUS_LABELS), "champions", "support_partners"]  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values("priority", key=lambda s: s.str.lower()).reset_index(drop=True)


def status_words(card: dict) -> str:
    """A priority card's status mix in words: ``3 done · 1 in progress`` (statuses with no items left out)."""
    parts = [
        f"{card['status_' + k]} {label.lower()}" for k, label in STATUS_LABELS.items() if card["status_" + k]
    ]
    return " · ".join(parts) or "no items"


def priority_sections(t: Tracker, as_of: dt.date) -> list[dict]:
    """One entry per priority card: its figures, its status mix in words, its overdue items by owner and the
    items due soon, so a page only lays them out."""
    late, soon = overdue_by_owner(t, as_of), items_due_soon(t, as_of)
    out = []
    for card in priority_cards(t, as_of).to_dict("records"):
        mine = late["priority"] == card["priority"]
        due = soon["priority"] == card["priority"]
        out.append(
            {
                **card,
                "status_words": status_words(card),
                "overdue_by_owner": late.loc[mine, ["owner", "overdue"]].reset_index(drop=True),
                "due_soon_items": soon.loc[due, ["description", "owner", "due", "status_label"]].reset_index(
                    drop=True
                ),
            }
        )
    return out


# ---------------------------------------------------------------- sustainability


def retention_by_year(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per calendar year: businesses at a meeting, how many were also there the year before, and the retention rate."""
    att = attendance_detail(t)
    att = att[(att["org_type"] == "business") & att["date"].notna() & (att["date"] <= _ts(as_of))]
    rows, before = [], None
    if len(att):
        for year in range(int(att["date"].dt.year.min()), _ts(as_of).year + 1):
            active = set(att.loc[att["date"].dt.year == year, "org_id"])
            returning = len(active & before) if before is not None else None
            rate = round(returning / len(before), 4) if before else None
            rows.append({"year": str(year), "active": len(active), "returning": returning, "retention": rate})
            before = active
    return pd.DataFrame(rows, columns=["year", "active", "returning", "retention"])


def champion_bench(t: Tracker) -> pd.DataFrame:
    """Per priority: how many different businesses lead its action items, and which."""
    orgs = t.organizations.set_index("org_id")
    i = t.action_items.assign(owner_type=t.action_items["owner_org_id"].map(orgs["type"]))
    i = i[i["owner_type"] == "business"]
    i = i.assign(
        organisation=i["owner_org_id"].map(orgs["name"]),
        priority=i["priority"].replace("", "(no priority named)"),
    )
    out = (
        i.groupby("priority")
        .agg(businesses_leading=("owner_org_id", "nunique"), businesses=("organisation", _names))
        .reset_index()
    )
    return out.sort_values("priority", key=lambda s: s.str.lower()).reset_index(drop=True)


def funding_by_source(t: Tracker) -> pd.DataFrame:
    """Per funder: cash and in-kind amounts, split into secured (received or committed) and pending."""
    f = t.funding.assign(amount=t.funding["amount"].fillna(0.0))
    f = f.assign(
        standing=f["status"]
        .map({"received": "secured", "committed": "secured", "pending": "pending"})
        .fillna("status not known"),
        funder=f["funder"].replace("", "(funder not named)"),
    )
    columns = ["funder", "secured", "pending", "status not known", "cash", "in_kind", "total"]
    if f.empty:
        return pd.DataFrame(columns=columns)
    by_standing = f.pivot_table(
        index="funder", columns="standing", values="amount", aggfunc="sum", fill_value=0.0
    )
    by_kind = f.pivot_table(index="funder", columns="kind", values="amount", aggfunc="sum", fill_value=0.0)
    out = (
        pd.concat([by_standing, by_kind], axis=1).reindex(columns=columns[1:-1], fill_value=0.0).reset_index()
    )
    out = out.assign(total=out[["secured", "pending", "status not known"]].sum(axis=1))
    return out.sort_values("total", ascending=False).reset_index(drop=True)[columns]


def funding_summary(t: Tracker) -> dict:
    """Totals secured, pending and in kind, and how many sources are braided together."""
    by = funding_by_source(t)
    f = t.funding
    in_kind = f.loc[(f["kind"] == "in_kind") & f["status"].isin(["received", "committed"]), "amount"].sum()
    return {
        "secured": float(by["secured"].sum()) if len(by) else 0.0,
        "pending": float(by["pending"].sum()) if len(by) else 0.0,
        "in_kind_secured": float(in_kind),
        "sources": len(by),
        "sources_secured": int((by["secured"] > 0).sum()) if len(by) else 0,
    }


def meetings_by_quarter(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Long frame of meetings held per quarter and type, for the consistency chart."""
    grid = cadence_grid(t, as_of)
    long = grid.melt(
        id_vars=["quarter"], value_vars=list(MEETING_TYPE_LABELS), var_name="type", value_name="meetings"
    )
    return long.assign(type_label=long["type"].map(MEETING_TYPE_LABELS))


# ---------------------------------------------------------------- headline figures


def _kpi_values(t: Tracker, as_of: dt.date) -> dict:
    day = _ts(as_of)
    att = attendance_detail(t)
    att = att[att["date"].notna()]
    lo = day - pd.Timedelta(days=ACTIVE_DAYS - 1)
    q_start, _ = _quarter_bounds(day)
    held = _held(t.meetings, as_of)
    return {
        "active_businesses": len(_active_orgs(att, lo, day, "business")),
        "public_partners": len(_active_orgs(att, lo, day, "public")),
        "meetings_quarter": int((held["date"] >= q_start).sum()),
        "business_share": business_share_full(t, as_of),
    }


KPI_LABELS = {
    "active_businesses": (
        "Active businesses",
        "count",
        "Businesses with someone at a meeting in the last 6 months",
    ),
    "public_partners": (
        "Public partners",
        "count",
        "Public partners with someone at a meeting in the last 6 months",
    ),
    "meetings_quarter": ("Meetings this quarter", "count", "Meetings of any kind held so far this quarter"),
    "business_share": (
        "Business share at partnership meetings",
        "percent",
        "Of everyone at launch and full partnership meetings so far, the share from businesses "
        "(the Next Gen test: above 50%)",
    ),
    "items_done": ("Action items done", "count", "Action items marked done, of all action items"),
    "items_overdue": ("Action items overdue", "count", "Open action items whose due date has passed"),
}


def kpis(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """The Overview tiles: value now, value the same day one quarter earlier, and the change.

    Action-item tiles have no previous value: a tracker records today's status, not its history.
    """
    now = _kpi_values(t, as_of)
    before = _kpi_values(t, (_ts(as_of) - pd.DateOffset(months=3)).date())
    items = action_items_view(t, as_of)
    rows = []
    for key, value in now.items():
        prev = before[key]
        delta = None if value is None or prev is None else value - prev
        rows.append({"key": key, "value": value, "previous": prev, "delta": delta})
    rows.append({"key": "items_done", "value": int((items["status"] == "done").sum()), "previous": None,
                 "delta": None, "of": len(items)})  # fmt: skip
    rows.append(
        {"key": "items_overdue", "value": int(items["overdue"].sum()), "previous": None, "delta": None}
    )
    out = pd.DataFrame(rows, columns=["key", "value", "previous", "delta", "of"], dtype=object)
    return out.assign(
        label=out["key"].map(lambda k: KPI_LABELS[k][0]),
        kind=out["key"].map(lambda k: KPI_LABELS[k][1]),
        help=out["key"].map(lambda k: KPI_LABELS[k][2]),
    )


def needs_attention(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """What a convener should look at: overdue items, lapsed businesses, quarters without a full meeting,
    partnership meetings where public partners outnumbered business leaders."""
    rows = []
    for r in overdue_items(t, as_of).itertuples(index=False):
        rows.append(
            (
                "Overdue action item",
                r.description,
                f"{r.owner} · {r.priority} · {r.days_overdue} days late",
                r.due,
            )
        )
    for r in lapsed_businesses(t, as_of).itertuples(index=False):
        rows.append(
            ("Lapsed business", r.organisation, "missed the last two partnership meetings", r.last_seen)
        )
    for r in cadence_grid(t, as_of).itertuples(index=False):
        if r.status == "missed":
            rows.append(
                (
                    "Quarter without a full partnership meeting",
                    r.quarter,
                    "no launch or full meeting held",
                    r.end,
                )
            )
    eng = meeting_engagement(t, partnership_only=True)
    eng = eng[(eng["date"] <= _ts(as_of)) & (eng["public"] > eng["business"])]
    for r in eng.itertuples(index=False):
        rows.append(
            (
                "Public partners outnumbered business leaders",
                r.meeting,
                f"{r.business} business, {r.public} public",
                r.date,
            )
        )
    return pd.DataFrame(rows, columns=["kind", "item", "detail", "date"])


def needs_attention_sections(t: Tracker, as_of: dt.date) -> list[tuple[str, pd.DataFrame]]:
    """The needs-attention list split by kind, in order, for one section each."""
    todo = needs_attention(t, as_of)
    return [(kind, todo[todo["kind"] == kind].drop(columns="kind")) for kind in todo["kind"].unique()]


def sustainability_tiles(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Funder headline figures: months since launch, partners, champion businesses, cadence kept, money secured."""
    day = _ts(as_of)
    first = _held(t.meetings, as_of)
    first = first.loc[first["type"].isin(PARTNERSHIP), "date"].min()
    months = None if pd.isna(first) else int((day.year - first.year) * 12 + day.month - first.month)
    status = cadence_status(t, as_of)
    bench = champion_bench(t)
    orgs = t.organizations.set_index("org_id")
    leading = t.action_items["owner_org_id"].map(orgs["type"]).eq("business")
    money = funding_summary(t)
    rows = [
        ("Months since the first partnership meeting", months, "count", "Since the first launch or full partnership meeting"),
        ("Businesses in the partnership", int((t.organizations["type"] == "business").sum()), "count",
         "Businesses on the roster or at any meeting"),
        ("Public partners in the partnership", int((t.organizations["type"] == "public").sum()), "count",
         "Workforce, education, economic development and other support partners on the roster or at any meeting"),
        ("Businesses leading action items", int(t.action_items.loc[leading, "owner_org_id"].nunique()), "count",
         "Different businesses whose people own at least one action item: the champion bench"),
        ("Priorities with a business lead", len(bench), "count", "Priorities with an action item owned by a business"),
        ("Quarters with a full partnership meeting", f"{status['quarters_met']} of {status['quarters_complete']}", "text",
         "Complete quarters with at least one launch or full partnership meeting"),
        ("Funding secured", money["secured"], "money", "Cash and in-kind support received or committed"),
        ("Funding sources braided together", money["sources_secured"], "count",
         "Different funders with money or in-kind support secured"),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["label", "value", "kind", "help"], dtype=object)


QUALITY_HEADERS = {
    "source_file": "File",
    "source_sheet": "Sheet",
    "source_row": "Row",
    "taken_as": "Read as",
    "why": "Why",
    "header_row": "Header row",
    "data_rows": "Data rows",
    "structure_rows": "Layout rows (titles, totals, notes)",
    "rejected_rows": "Rows set aside",
    "column": "Column",
    "header": "Header in the file",
    "field": "Taken as",
    "how": "How",
    "kind": "Kind",
    "canonical": "Shown as",
    "spelling": "Spelling in the file",
    "reason": "Reason",
    "content": "What the row held",
}


QUALITY_EMPTY = {
    "How each sheet was read": "No sheets were read.",
    "Column mapping": "No columns needed mapping.",
    "Organisations and people merged": "No names needed merging: every organisation and person was spelled one way.",
    "Rows set aside": "Every row that looked like data was used.",
}


def quality_tables(t: Tracker) -> dict[str, pd.DataFrame]:
    """The data-quality report as four frames, with column names for people."""
    q = t.quality
    tables = {
        "How each sheet was read": q.sheets,
        "Column mapping": q.columns,
        "Organisations and people merged": q.merges,
        "Rows set aside": q.rejected,
    }
    return {name: df.rename(columns=QUALITY_HEADERS) for name, df in tables.items()}


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV (with a byte-order mark so Excel opens accents correctly)."""
    return df.to_csv(index=False).encode("utf-8-sig")


# ---------------------------------------------------------------- numbers for people


def fmt_count(n: object) -> str:
    """A whole number with thousands separators; an em dash when unknown."""
    return "—" if n is None or pd.isna(n) else f"{int(n):,}"


def fmt_percent(x: object) -> str:
    """A share as a whole percentage (0.8376 -> 84%); an em dash when unknown."""
    return "—" if x is None or pd.isna(x) else f"{float(x):.0%}"


def fmt_money(x: object) -> str:
    """US dollars without cents ($40,000); an em dash when unknown."""
    return "—" if x is None or pd.isna(x) else f"${float(x):,.0f}"


def fmt_date(d: object) -> str:
    """A date as people read it (5 Mar 2024); "not known" when missing."""
    return "not known" if d is None or pd.isna(d) else pd.Timestamp(d).strftime("%d %b %Y").lstrip("0")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 row``, ``3 rows``: a count with its noun."""
    return f"{fmt_count(n)} {word if n == 1 else (many or word + 's')}"


def fmt_value(value: object, kind: str) -> str:
    """A tile's value by its kind: count, percent, money or text."""
    if kind == "percent":
        return fmt_percent(value)
    if kind == "money":
        return fmt_money(value)
    if kind == "count":
        return fmt_count(value)
    return str(value)


def fmt_delta(delta: float, kind: str) -> str:
    """A signed change: +3, -1, +5 pts (percentages change in points)."""
    if kind == "percent":
        return f"{delta * 100:+.0f} pts"
    return f"{int(delta):+,}"


# ---------------------------------------------------------------- attendance reports (Zoom, Teams, forms …)


def attendance_reports(t: Tracker) -> pd.DataFrame:
    """One row per attendance report read: the meeting it was taken as and why, how many joins became how many
    people, how many attendances count, and how its people were matched (by e-mail, by name, or added as new).
    A report that names no date says it needs one. Column names are for people."""
    r = t.quality.reports
    cols = [
        "File", "Kind", "Meeting it names", "Taken as", "How", "Date from", "Joins", "People",
        "Attendances counted", "Matched by e-mail", "Matched by name", "Added as new people", "Registered",
    ]  # fmt: skip
    if r.empty:
        return pd.DataFrame(columns=cols)
    m = t.meetings.set_index("meeting_id")
    taken = [
        meeting_name(m.at[mid, "date"], m.at[mid, "type"], m.at[mid, "team"])
        + (" (held online)" if bool(m.at[mid, "online"]) else "")
        if mid in m.index
        else "needs a date"
        for mid in r["meeting_id"]
    ]
    out = pd.DataFrame(
        {
            "File": [
                f if s == f.rsplit(".", 1)[0] else f"{f} › {s}"
                for f, s in zip(r["source_file"], r["source_sheet"], strict=True)
            ],
            "Kind": r["kind"],
            "Meeting it names": r["title"],
            "Taken as": taken,
            "How": r["taken_as"],
            "Date from": r["date_from"],
            "Joins": r["joins"],
            "People": r["attendees"],
            "Attendances counted": r["counted"],
            "Matched by e-mail": r["by_email"],
            "Matched by name": r["by_name"],
            "Added as new people": r["added"],
            "Registered": r["registered"],
        }
    )
    return out.reset_index(drop=True)


def report_attendees(t: Tracker) -> pd.DataFrame:
    """Each attendee of each report as the report wrote them, the person they were taken to be and how, their
    minutes present, and whether their attendance counts (and why not). Column names are for people."""
    a = t.quality.attendees
    return pd.DataFrame(
        {
            "File": a["source_file"],
            "Row": a["source_row"],
            "Name in the report": a["name"],
            "E-mail in the report": a["email"],
            "Taken to be": a["person"],
            "How": a["matched_by"],
            "Minutes present": a["minutes"],
            "Counted": a["counted"].map({True: "yes", False: "no"}),
            "Why not": a["why_not"],
        }
    ).reset_index(drop=True)


def reports_needing_a_date(t: Tracker) -> list[tuple[str, str]]:
    """(file, sheet) of each attendance report that names no date, so nobody in it is counted yet."""
    r = t.quality.reports
    r = r[r["needs_date"].astype(bool)]
    return list(zip(r["source_file"], r["source_sheet"], strict=True))
