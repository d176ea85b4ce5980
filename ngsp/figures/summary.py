"""``summary()`` builds ngsp.summary/1 (../shared/spec/summary.md) from the registry's figures."""

from __future__ import annotations

import datetime as dt
from functools import partial

from ngsp.core.model import Tracker
from ngsp.figures.registry import compute

SCHEMA_ID = "ngsp.summary/1"


def summary(t: Tracker, as_of: dt.date) -> dict:
    """The ngsp.summary/1 dictionary: each key is a registered figure (for lapsed businesses, how many)."""
    fig = partial(compute, t=t, as_of=as_of)
    return {
        "schema": SCHEMA_ID,
        "as_of": as_of.isoformat(),
        "organizations": fig("org_counts"),
        "people": fig("people_count"),
        "meetings": fig("meeting_counts"),
        "attendance": {
            "records": fig("attendance_records"),
            "business_share_full": fig("business_share_full"),
        },
        "cadence": fig("cadence"),
        "action_items": fig("item_counts"),
        "priorities": fig("priority_progress"),
        "lapsed_businesses": len(fig("lapsed_businesses")),
        "rejected_rows": fig("rejected_rows"),
        "funding": fig("funding_totals"),
        "warnings": fig("reading_warnings"),
    }
