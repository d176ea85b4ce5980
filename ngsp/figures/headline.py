"""Headline figures that gather the areas' figures: the Overview tiles, what needs attention, and the funder
tiles."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.figures.actions import items_done, items_overdue, overdue_items, status_counts
from ngsp.figures.base import ts
from ngsp.figures.cadence import cadence_grid
from ngsp.figures.engagement import lapsed_businesses, meeting_engagement
from ngsp.figures.registry import compute, figure, get

KPI_TILES = {  # the Overview tile's key: the figure it shows, now and the same day a quarter earlier
    "active_businesses": "active_businesses",
    "public_partners": "active_public_partners",
    "meetings_quarter": "meetings_this_quarter",
    "business_share": "business_share_full",
}
SUSTAINABILITY_TILES = (  # the funder's tiles, in order
    "months_since_launch",
    "businesses",
    "public_partners",
    "businesses_leading",
    "priorities_with_business_lead",
    "quarters_met",
    "funding_secured",
    "sources_secured",
)


@figure(
    "Where the partnership stands", "The Overview tiles: each figure now, a quarter earlier, and the change"
)
def kpis(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """The Overview tiles: value now, value the same day one quarter earlier, and the change.

    Action-item tiles have no previous value: a tracker records today's status, not its history.
    """
    earlier = (ts(as_of) - pd.DateOffset(months=3)).date()
    rows = []
    for key, name in KPI_TILES.items():
        value, prev = compute(name, t, as_of), compute(name, t, earlier)
        delta = None if value is None or prev is None else value - prev
        rows.append({"key": key, "figure": name, "value": value, "previous": prev, "delta": delta})
    rows.append({"key": "items_done", "figure": "items_done", "value": items_done(t), "previous": None,
                 "delta": None, "of": status_counts(t)["total"]})  # fmt: skip
    rows.append({"key": "items_overdue", "figure": "items_overdue", "value": items_overdue(t, as_of),
                 "previous": None, "delta": None})  # fmt: skip
    out = pd.DataFrame(rows, columns=["key", "figure", "value", "previous", "delta", "of"], dtype=object)
    shown = [get(name) for name in out["figure"]]
    return out.drop(columns="figure").assign(
        label=[f.label for f in shown], kind=[f.kind for f in shown], help=[f.counts for f in shown]
    )


@figure(
    "Needs attention",
    "Overdue action items, lapsed businesses, quarters without a full partnership meeting, and partnership "
    "meetings where public partners outnumbered business leaders",
)
def needs_attention(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """What a convener should look at: overdue items, lapsed businesses, quarters without a full meeting,
    partnership meetings where public partners outnumbered business leaders."""
    rows = []
    for r in overdue_items(t, as_of).itertuples(index=False):
        rows.append(
            (
                "Overdue action items",
                r.description,
                f"{r.owner} · {r.priority} · {r.days_overdue} days late",
                r.due,
            )
        )
    for r in lapsed_businesses(t, as_of).itertuples(index=False):
        rows.append(
            ("Lapsed businesses", r.organisation, "missed the last two partnership meetings", r.last_seen)
        )
    for r in cadence_grid(t, as_of).itertuples(index=False):
        if r.status == "missed":
            rows.append(
                (
                    "Quarters without a full partnership meeting",
                    r.quarter,
                    "no launch or full meeting held",
                    r.end,
                )
            )
    eng = meeting_engagement(t, partnership_only=True)
    eng = eng[(eng["date"] <= ts(as_of)) & (eng["public"] > eng["business"])]
    for r in eng.itertuples(index=False):
        rows.append(
            (
                "Meetings where public partners outnumbered business leaders",
                r.meeting,
                f"{r.business} business, {r.public} public",
                r.date,
            )
        )
    return pd.DataFrame(rows, columns=["kind", "item", "detail", "date"])


@figure("Needs attention, by kind", "The needs-attention list split by kind, in order", kind="list")
def needs_attention_sections(t: Tracker, as_of: dt.date) -> list[tuple[str, pd.DataFrame]]:
    """The needs-attention list split by kind, in order, for one section each."""
    todo = needs_attention(t, as_of)
    return [(kind, todo[todo["kind"] == kind].drop(columns="kind")) for kind in todo["kind"].unique()]


@figure(
    "Sustainability",
    "Funder headline figures: months since the first partnership meeting, partners, champion businesses, "
    "cadence kept and money secured",
)
def sustainability_tiles(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """The funder's tiles: each figure of SUSTAINABILITY_TILES with its label, value, kind and what it counts."""
    shown = [get(name) for name in SUSTAINABILITY_TILES]
    rows = [(f.label, f(t, as_of), f.kind, f.counts) for f in shown]
    return pd.DataFrame(rows, columns=["label", "value", "kind", "help"], dtype=object)
