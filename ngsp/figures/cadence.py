"""Cadence figures: meetings by type and quarter, the quarterly target, how long since the last partnership
meeting, and the follow-through after meetings and the launch."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.core.schema import MEETING_TYPES
from ngsp.figures.base import PARTNERSHIP, held_meetings, online, partnership_meetings, quarter_bounds, ts
from ngsp.figures.format import MEETING_TYPE_LABELS, meeting_name
from ngsp.figures.registry import figure
from ngsp.figures.thresholds import (
    FIRST_CALLS_WITHIN_DAYS,
    FULL_MEETINGS_PER_QUARTER,
    STALE_DAYS,
    SUMMARY_WITHIN_DAYS,
)
from ngsp.ingest.dates import quarter_key


@figure("Meetings", "Meetings in the tracker, in total and by type", kind="mapping")
def meeting_counts(t: Tracker) -> dict[str, int]:
    """Meetings in total and by type."""
    c = t.meetings["type"].value_counts()
    return {"total": int(len(t.meetings)), **{k: int(c.get(k, 0)) for k in MEETING_TYPES}}


@figure(
    "Cadence by quarter",
    "Each complete quarter since the first launch or full partnership meeting: did one take place in it?",
    kind="mapping",
)
def cadence(t: Tracker, as_of: dt.date) -> dict[str, bool]:
    """Each complete quarter from the first launch or full partnership meeting up to the one before as-of's
    (``2024Q3``): did at least one take place in it? The cadence grid's complete quarters, against the summary
    contract's target of one."""
    grid = cadence_grid(t, as_of, target=1)
    complete = grid[grid["complete"].astype(bool)]
    return {
        quarter_key(start.date()): status == "met"
        for start, status in zip(complete["start"], complete["status"], strict=True)
    }


@figure(
    "Partnership meetings held",
    "Launch and full partnership meetings held by the as-of date",
    kind="count",
)
def partnership_meeting_count(t: Tracker, as_of: dt.date) -> int:
    """Launch and full partnership meetings with a date on or before as-of."""
    return len(partnership_meetings(t, as_of))


@figure("Meetings this quarter", "Meetings of any kind held so far this quarter", kind="count")
def meetings_this_quarter(t: Tracker, as_of: dt.date) -> int:
    """Meetings of any kind dated from the first day of as-of's quarter up to as-of."""
    q_start, _ = quarter_bounds(ts(as_of))
    held = held_meetings(t.meetings, as_of)
    return int((held["date"] >= q_start).sum())


@figure(
    "Months since the first partnership meeting",
    "Since the first launch or full partnership meeting",
    kind="count",
)
def months_since_launch(t: Tracker, as_of: dt.date) -> int | None:
    """Calendar months from the first launch or full partnership meeting held by as-of (None when none was)."""
    day = ts(as_of)
    first = held_meetings(t.meetings, as_of)
    first = first.loc[first["type"].isin(PARTNERSHIP), "date"].min()
    return None if pd.isna(first) else int((day.year - first.year) * 12 + day.month - first.month)


@figure("Meetings over time", "Every dated meeting, by type")
def meeting_timeline(t: Tracker) -> pd.DataFrame:
    """Every dated meeting with a readable type and name, and whether it was held online, oldest first."""
    m = t.meetings[t.meetings["date"].notna()]
    m = m.assign(online=online(m))
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


@figure(
    "Full partnership meetings each quarter",
    "Per quarter since the launch: meetings of each kind, and whether the target of launch or full partnership "
    "meetings was met",
)
def cadence_grid(t: Tracker, as_of: dt.date, target: int = FULL_MEETINGS_PER_QUARTER) -> pd.DataFrame:
    """Per quarter since the launch: meetings by type and whether the partnership-meeting target was met.

    Status is ``met`` / ``missed`` for complete quarters and ``met`` / ``in progress`` for the current one
    (``complete`` is False for it, as in the summary's cadence).
    """
    day = ts(as_of)
    held = held_meetings(t.meetings, as_of)
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
    held_online = online(held).groupby(q).sum()
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
                "online": int(held_online.get(p, 0)),
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
    last = held_meetings(t.meetings, as_of)["date"].max()
    if pd.isna(last) or (ts(as_of) - last).days <= stale_days:
        return None
    return last.date()


@figure(
    "Meetings each quarter",
    "Per quarter since the launch: meetings of each kind, and whether the target was met",
)
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


@figure(
    "Cadence",
    "Days since the last launch or full partnership meeting, when the next is due, and how many complete "
    "quarters met the target",
    kind="mapping",
)
def cadence_status(t: Tracker, as_of: dt.date, target: int = FULL_MEETINGS_PER_QUARTER) -> dict:
    """Days since the last partnership meeting, when the next is due, and how many quarters met the target."""
    day = ts(as_of)
    grid = cadence_grid(t, as_of, target)
    held = held_meetings(t.meetings, as_of)
    last = held.loc[held["type"].isin(PARTNERSHIP), "date"].max()
    this_start, this_end = quarter_bounds(day)
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


@figure(
    "Quarters with a full partnership meeting",
    "Complete quarters with at least one launch or full partnership meeting",
    kind="text",
)
def quarters_met(t: Tracker, as_of: dt.date, target: int = FULL_MEETINGS_PER_QUARTER) -> str:
    """Complete quarters that met the target, of all complete quarters, in words: ``2 of 3``."""
    status = cadence_status(t, as_of, target)
    return f"{status['quarters_met']} of {status['quarters_complete']}"


@figure(
    "Meeting summaries",
    "Partnership meetings whose summary date is recorded: days until it went out, and whether within a week",
)
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


@figure(
    "First action-team calls",
    "Per action team: its first call after the launch, and whether it was within four weeks",
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


@figure("Meetings held each quarter, by type", "Per quarter: meetings held, by type")
def meetings_by_quarter(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Long frame of meetings held per quarter and type, for the consistency chart."""
    grid = cadence_grid(t, as_of)
    long = grid.melt(
        id_vars=["quarter"], value_vars=list(MEETING_TYPE_LABELS), var_name="type", value_name="meetings"
    )
    return long.assign(type_label=long["type"].map(MEETING_TYPE_LABELS))
