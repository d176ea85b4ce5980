"""Action-plan figures: items by status, overdue and due soon, and each priority's progress, champions and
support partners."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.core.schema import OPEN_STATUSES, STATUSES
from ngsp.figures.base import attendance_detail, ts
from ngsp.figures.filters import team_priorities
from ngsp.figures.format import STATUS_LABELS, status_words
from ngsp.figures.registry import figure
from ngsp.figures.thresholds import DUE_SOON_DAYS


def _overdue(items: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """The overdue rule, written once: still open (in progress, not started, stalled) and due before as-of."""
    return items["status"].isin(OPEN_STATUSES) & items["due"].notna() & (items["due"] < ts(as_of))


def status_counts(t: Tracker) -> dict[str, int]:
    """Action items in total and by status."""
    c = t.action_items["status"].value_counts()
    return {"total": int(len(t.action_items)), **{s: int(c.get(s, 0)) for s in STATUSES}}


@figure("Action items done", "Action items marked done, of all action items", kind="count")
def items_done(t: Tracker) -> int:
    """Action items whose status is done."""
    return status_counts(t)["done"]


@figure("Action items overdue", "Open action items whose due date has passed", kind="count")
def items_overdue(t: Tracker, as_of: dt.date) -> int:
    """Open action items (in progress, not started, stalled) due before as-of."""
    return int(_overdue(t.action_items, as_of).sum())


@figure("Action items", "Action items in total, by status, and overdue", kind="mapping")
def item_counts(t: Tracker, as_of: dt.date) -> dict[str, int]:
    """Action items in total, by status, and overdue."""
    return {**status_counts(t), "overdue": items_overdue(t, as_of)}


def progress(items: pd.DataFrame) -> dict[str, int]:
    """Of some action items (a priority's): how many there are and how many are done."""
    return {"items": int(len(items)), "done": int((items["status"] == "done").sum())}


def mean_percent(items: pd.DataFrame) -> float | None:
    """Of some action items (a priority's): their mean percent complete, None when none records one."""
    return round(float(items["percent"].mean()), 4) if items["percent"].notna().any() else None


@figure("Progress per priority", "For each priority: its action items and how many are done", kind="mapping")
def priority_progress(t: Tracker) -> dict[str, dict[str, int]]:
    """For each named priority: its action items and how many are done."""
    a = t.action_items[t.action_items["priority"] != ""]
    return {str(name): progress(g) for name, g in a.groupby("priority", sort=True)}


@figure(
    "The action plan",
    "Every action item with its status in words, whether it is overdue (and by how many days) and whether it "
    "is due soon",
)
def action_items_view(t: Tracker, as_of: dt.date, soon_days: int = DUE_SOON_DAYS) -> pd.DataFrame:
    """Action items with readable status, whether overdue (and by how many days) and whether due soon."""
    day = ts(as_of)
    i = t.action_items
    open_ = i["status"].isin(OPEN_STATUSES)
    overdue = _overdue(i, as_of)
    soon = open_ & i["due"].notna() & (i["due"] >= day) & (i["due"] <= day + pd.Timedelta(days=soon_days))
    return i.assign(
        priority=i["priority"].replace("", "(no priority named)"),
        status_label=i["status"].map(STATUS_LABELS),
        overdue=overdue,
        days_overdue=(day - i["due"]).dt.days.where(overdue).astype("Int64"),
        due_soon=soon,
        owner=i["owner"].replace("", "(no owner named)"),
    )


@figure(
    "Overdue action items",
    "Open action items (in progress, not started or stalled) whose due date has passed, longest overdue first",
)
def overdue_items(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Open action items past their due date, longest overdue first."""
    v = action_items_view(t, as_of)
    v = v[v["overdue"]].sort_values("days_overdue", ascending=False)
    columns = ["item_id", "priority", "description", "owner", "due", "days_overdue", "status", "status_label"]
    return v[columns].reset_index(drop=True)


@figure("Action items due soon", f"Open action items due in the next {DUE_SOON_DAYS} days, soonest first")
def items_due_soon(t: Tracker, as_of: dt.date, days: int = DUE_SOON_DAYS) -> pd.DataFrame:
    """Open action items due in the next ``days`` days, soonest first."""
    v = action_items_view(t, as_of, days)
    v = v[v["due_soon"]].sort_values("due")
    return v[["priority", "description", "owner", "due", "status_label"]].reset_index(drop=True)


@figure("Overdue items by owner", "Per priority and owner: how many open items are overdue")
def overdue_by_owner(t: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Per priority and owner: how many open items are overdue."""
    v = action_items_view(t, as_of)
    v = v[v["overdue"]]
    out = v.groupby(["priority", "owner"]).size().rename("overdue").reset_index()
    return out.sort_values(["priority", "overdue"], ascending=[True, False]).reset_index(drop=True)


@figure("Action items by priority and status", "Per priority: how many action items have each status")
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


@figure(
    "Priorities",
    "Per priority: items, done, average percent complete, overdue, due soon, status mix, champions and "
    "support partners",
)
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
                **progress(g),
                "mean_percent": mean_percent(g),
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


@figure(
    "Priority cards",
    "Each priority's figures, with its overdue items by owner and the items due soon",
    kind="list",
)
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


@figure("Champion bench", "Per priority: how many different businesses lead its action items, and which")
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


@figure(
    "Businesses leading action items",
    "Different businesses whose people own at least one action item: the champion bench",
    kind="count",
)
def businesses_leading(t: Tracker) -> int:
    """Different business organisations that own at least one action item."""
    orgs = t.organizations.set_index("org_id")
    leading = t.action_items["owner_org_id"].map(orgs["type"]).eq("business")
    return int(t.action_items.loc[leading, "owner_org_id"].nunique())


@figure("Priorities with a business lead", "Priorities with an action item owned by a business", kind="count")
def priorities_with_business_lead(t: Tracker) -> int:
    """Priorities (unnamed ones as one) with at least one action item owned by a business."""
    return len(champion_bench(t))
