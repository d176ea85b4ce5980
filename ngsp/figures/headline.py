"""Headline figures that gather the areas' figures: the Overview tiles, what needs attention, and the funder
tiles."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.figures.actions import action_items_view, champion_bench, overdue_items
from ngsp.figures.base import PARTNERSHIP, attendance_detail, held_meetings, quarter_bounds, ts
from ngsp.figures.cadence import cadence_grid, cadence_status
from ngsp.figures.engagement import active_orgs, business_share_full, lapsed_businesses, meeting_engagement
from ngsp.figures.funding import funding_summary
from ngsp.figures.thresholds import ACTIVE_DAYS


def _kpi_values(t: Tracker, as_of: dt.date) -> dict:
    day = ts(as_of)
    att = attendance_detail(t)
    att = att[att["date"].notna()]
    lo = day - pd.Timedelta(days=ACTIVE_DAYS - 1)
    q_start, _ = quarter_bounds(day)
    held = held_meetings(t.meetings, as_of)
    return {
        "active_businesses": len(active_orgs(att, lo, day, "business")),
        "public_partners": len(active_orgs(att, lo, day, "public")),
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
    before = _kpi_values(t, (ts(as_of) - pd.DateOffset(months=3)).date())
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
    eng = eng[(eng["date"] <= ts(as_of)) & (eng["public"] > eng["business"])]
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
    day = ts(as_of)
    first = held_meetings(t.meetings, as_of)
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
