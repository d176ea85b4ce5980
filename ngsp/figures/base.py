"""The frames every area's figures start from: meetings held by a date, partnership meetings, attendance joined
with its meeting and organisation. Not figures themselves; no Streamlit, no plotting.

Dates are compared as pandas Timestamps at midnight; ``as_of`` is "today" for every date-relative figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ngsp.core import schema
from ngsp.core.model import Tracker

PARTNERSHIP = schema.PARTNERSHIP_MEETINGS  # launch and full partnership meetings


def ts(day: dt.date | pd.Timestamp) -> pd.Timestamp:
    """A date as a pandas Timestamp at midnight, the form every figure compares dates in."""
    return pd.Timestamp(day).normalize()


def held_meetings(meetings: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Meetings with a known date on or before as-of."""
    return meetings[meetings["date"].notna() & (meetings["date"] <= ts(as_of))]


def quarter_bounds(day: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the calendar quarter a day falls in."""
    p = day.to_period("Q")
    return p.start_time.normalize(), p.end_time.normalize()


def attendance_detail(t: Tracker, meeting_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Attendance rows (at the given meetings only, when given) with their meeting's date, type and team and
    their organisation's name and type."""
    m = t.meetings.drop_duplicates("meeting_id")
    if meeting_ids is not None:  # fewer rows to look up: a figure of some meetings reads only theirs
        m = m[m["meeting_id"].isin(meeting_ids)]
    m = m.set_index("meeting_id")
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
    if not len(known):  # nothing to look up (a tracker whose attendance names no organisation)
        return pd.Series(missing, index=index, dtype=object)
    return pd.Series(np.where(pos >= 0, known[pos], missing), index=index, dtype=object)


def partnership_meetings(t: Tracker, as_of: dt.date | None = None) -> pd.DataFrame:
    """Launch and full partnership meetings (held on or before as-of when given), oldest first."""
    m = t.meetings[t.meetings["type"].isin(PARTNERSHIP) & t.meetings["date"].notna()]
    if as_of is not None:
        m = m[m["date"] <= ts(as_of)]
    return m.sort_values("date")


def online(meetings: pd.DataFrame) -> pd.Series:
    """Each meeting's "held online" mark (False for a tracker kept before the mark existed)."""
    if "online" in meetings:
        return meetings["online"].astype(bool)
    return pd.Series(False, index=meetings.index)
