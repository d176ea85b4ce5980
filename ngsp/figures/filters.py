"""The sidebar's filters: what they can offer, and the tracker narrowed to a selection (a new Tracker)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

import pandas as pd

from ngsp.core import schema
from ngsp.core.model import Tracker
from ngsp.figures.base import ts

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
        lo = ts(start) if start is not None else pd.Timestamp.min
        hi = ts(end) if end is not None else pd.Timestamp.max
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
