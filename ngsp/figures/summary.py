"""``summary()`` builds ngsp.summary/1 (../shared/spec/summary.md) from the areas' figures."""

from __future__ import annotations

import datetime as dt

from ngsp.core.model import Tracker
from ngsp.figures.actions import item_counts, priority_progress
from ngsp.figures.cadence import cadence, meeting_counts
from ngsp.figures.engagement import business_share_full, lapsed_business_ids, org_counts
from ngsp.figures.funding import funding_totals

SCHEMA_ID = "ngsp.summary/1"


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
        "lapsed_businesses": len(lapsed_business_ids(t, as_of)),
        "rejected_rows": int(len(t.quality.rejected)),
        "funding": funding_totals(t),
        "warnings": list(t.quality.warnings),
    }
