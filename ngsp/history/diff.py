"""What changed between two versions of one tracker ("since last meeting"): pure functions, no IO.

Rows are matched by what people wrote, never by ids (ids are given afresh on every load): organisations by
their comparable name (every spelling seen), people by email or else name, action items by priority and
description. The page, the Overview section, the command line and the deck all read the same ``Diff``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from ngsp.core.model import Tracker
from ngsp.figures import actions, base, engagement
from ngsp.figures.format import MEETING_TYPE_LABELS, ORG_TYPE_LABELS
from ngsp.figures.format import STATUS_LABELS as STATUS_NAMES
from ngsp.ingest.identity import org_key, person_key
from ngsp.ingest.vocab import norm

SCHEMA_ID = "ngsp.diff/1"
PERCENT_MOVE = 0.005  # a priority's mean percent complete moved when it changed by at least half a point

STATUS_LABELS = {**STATUS_NAMES, "": "Not in the plan"}  # as the Priorities page writes them
ITEM_COLUMNS = ["priority", "description", "owner", "due", "status", "before"]


@dataclass(frozen=True)
class Diff:
    """The differences between an earlier tracker (as of ``since``) and the current one (as of ``as_of``)."""

    as_of: dt.date
    since: dt.date
    new_organizations: pd.DataFrame  # name, type
    new_people: pd.DataFrame  # name, organization, email
    lapsed: pd.DataFrame  # organization, last_seen: businesses that lapsed since
    new_items: pd.DataFrame  # ITEM_COLUMNS: added to the action plan
    completed: pd.DataFrame  # ITEM_COLUMNS: done now, not done before
    started: pd.DataFrame  # ITEM_COLUMNS: not started before, in progress now
    stalled: pd.DataFrame  # ITEM_COLUMNS: stalled now, not before
    overdue: pd.DataFrame  # ITEM_COLUMNS: overdue now, not overdue then
    priorities: pd.DataFrame  # priority, items/done/percent before and now: those whose progress moved
    meetings: (
        pd.DataFrame
    )  # date, type, team, label, attendees: held since the earlier tracker's last meeting
    share_before: float | None
    share_now: float | None

    @property
    def share_change(self) -> float | None:
        """Change in the business share of partnership-meeting attendance (None when either is unknown)."""
        if self.share_before is None or self.share_now is None:
            return None
        return round(self.share_now - self.share_before, 4)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every table of differences by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.type == "pd.DataFrame"}

    def counts(self) -> dict[str, int]:
        """How many rows each kind of difference has."""
        return {name: int(len(df)) for name, df in self.frames().items()}

    def __bool__(self) -> bool:
        return any(self.counts().values()) or (self.share_change not in (None, 0))

    def to_dict(self) -> dict:
        """A JSON-able dictionary (``ngsp.diff/1``): dates as YYYY-MM-DD, unknowns as null."""
        return {
            "schema": SCHEMA_ID,
            "as_of": self.as_of.isoformat(),
            "since": self.since.isoformat(),
            "counts": self.counts(),
            **{name: _records(df) for name, df in self.frames().items()},
            "business_share_full": {
                "before": self.share_before,
                "now": self.share_now,
                "change": self.share_change,
            },
        }


def _records(df: pd.DataFrame) -> list[dict]:
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].map(lambda v: v.date().isoformat() if pd.notna(v) else None).astype(object)
    out = out.astype(object).where(out.notna(), None)
    return json.loads(json.dumps(out.to_dict(orient="records"), default=_plain))


def _plain(v: object) -> object:
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return None if np.isnan(v) else float(v)
    return str(v)


# ---------------------------------------------------------------- matching keys


def _org_keys(orgs: pd.DataFrame) -> list[set[str]]:
    """Each organisation's comparable names (every spelling seen), one set per row."""
    return [
        {org_key(x) for x in [name, *str(spellings).split(" | ")] if str(x).strip()}
        for name, spellings in zip(orgs["name"], orgs["spellings"], strict=True)
    ]


def _rows(df: pd.DataFrame, keep: Iterable[bool]) -> pd.DataFrame:
    """The rows of a frame where ``keep`` is true (also when the frame is empty)."""
    return df[np.fromiter(keep, dtype=bool, count=len(df))]


def _known_people(people: pd.DataFrame) -> tuple[set[str], set[str]]:
    emails = {e for e in people["email"].str.lower() if e}
    names = {k for k in people["name"].map(person_key) if k}
    return emails, names


def _items_keyed(t: Tracker) -> pd.DataFrame:
    """Action items with a matching key: priority and description compared without case or punctuation,
    and the n-th of identical rows matched to the n-th."""
    a = t.action_items
    return a.assign(pkey=a["priority"].map(norm), dkey=a["description"].map(norm)).assign(
        n=lambda d: d.groupby(["pkey", "dkey"]).cumcount()
    )


def _as_of_default(old: Tracker, as_of: dt.date) -> dt.date:
    """When an earlier tracker has no date of its own: the day of its latest meeting (else as-of)."""
    d = old.meetings["date"].dropna()
    d = d[d <= pd.Timestamp(as_of)]
    return d.max().date() if len(d) else as_of


# ---------------------------------------------------------------- the differences


def new_organizations(old: Tracker, new: Tracker) -> pd.DataFrame:
    """Organisations in the current tracker that the earlier one did not have under any spelling."""
    known = set().union(*_org_keys(old.organizations))
    orgs = new.organizations
    fresh = _rows(orgs, (not (keys & known) for keys in _org_keys(orgs)))
    return fresh[["name", "type"]].sort_values("name").reset_index(drop=True)


def new_people(old: Tracker, new: Tracker) -> pd.DataFrame:
    """People in the current tracker that the earlier one did not have (by email, else by name)."""
    emails, names = _known_people(old.people)
    p = new.people
    fresh = _rows(
        p,
        (
            not ((e and e in emails) or person_key(n) in names)
            for e, n in zip(p["email"], p["name"], strict=True)
        ),
    )
    org_names = new.organizations.set_index("org_id")["name"]
    return (
        fresh.assign(organization=fresh["org_id"].map(org_names).fillna("").astype(str))[
            ["name", "organization", "email"]
        ]
        .sort_values("name")
        .reset_index(drop=True)
    )


def lapsed(old: Tracker, new: Tracker, as_of: dt.date, since: dt.date) -> pd.DataFrame:
    """Businesses lapsed now (missed the last two partnership meetings) that had not lapsed before, with the
    day they were last at a partnership meeting (the lapsed_businesses figure, as the Engagement page shows)."""
    ids_then = engagement.lapsed_businesses(old, since)["org_id"]
    then = old.organizations[old.organizations["org_id"].isin(ids_then)]
    lapsed_then = set().union(*_org_keys(then))
    lapsed_now = engagement.lapsed_businesses(new, as_of)
    last = dict(zip(lapsed_now["org_id"], lapsed_now["last_seen"], strict=True))
    now = new.organizations[new.organizations["org_id"].isin(last)]
    fresh = _rows(now, (not (keys & lapsed_then) for keys in _org_keys(now)))
    return (
        pd.DataFrame(
            {
                "organization": fresh["name"].astype(str),
                "last_seen": pd.Series(
                    [last[o] for o in fresh["org_id"]], index=fresh.index, dtype="datetime64[ns]"
                ),
            }
        )
        .sort_values("organization")
        .reset_index(drop=True)
    )


def _item_changes(old: Tracker, new: Tracker) -> pd.DataFrame:
    """Current action items with their status in the earlier tracker ("" when the item is new)."""
    o = _items_keyed(old)[["pkey", "dkey", "n", "status"]].rename(columns={"status": "before"})
    n = _items_keyed(new)
    both = n.merge(o, on=["pkey", "dkey", "n"], how="left")
    return both.assign(before=both["before"].fillna("").astype(str))


def _items(df: pd.DataFrame) -> pd.DataFrame:
    return df.reindex(columns=ITEM_COLUMNS).sort_values(["priority", "description"]).reset_index(drop=True)


def item_changes(old: Tracker, new: Tracker, as_of: dt.date, since: dt.date) -> dict[str, pd.DataFrame]:
    """Action items new to the plan, completed, newly started, newly stalled and newly overdue."""
    c = _item_changes(old, new)
    overdue_then = _items_keyed(old).loc[
        lambda d: d["item_id"].isin(actions.overdue_items(old, since)["item_id"])
    ]
    then = set(zip(overdue_then["pkey"], overdue_then["dkey"], overdue_then["n"], strict=True))
    overdue_now = c[c["item_id"].isin(actions.overdue_items(new, as_of)["item_id"])]
    return {
        "new_items": _items(c[c["before"] == ""]),
        "completed": _items(c[(c["status"] == "done") & (c["before"] != "done")]),
        "started": _items(c[(c["status"] == "in_progress") & (c["before"] == "not_started")]),
        "stalled": _items(c[(c["status"] == "stalled") & (c["before"] != "stalled")]),
        "overdue": _items(
            _rows(
                overdue_now,
                (
                    k not in then
                    for k in zip(overdue_now["pkey"], overdue_now["dkey"], overdue_now["n"], strict=True)
                ),
            )
        ),
    }


def _priority_table(t: Tracker) -> pd.DataFrame:
    """Each priority's progress (the Priorities page's figures), keyed by its name compared loosely."""
    a = t.action_items[t.action_items["priority"] != ""]
    rows = {
        key: {"priority": g["priority"].iloc[0], **actions.progress(g), "percent": actions.mean_percent(g)}
        for key, g in a.groupby(a["priority"].map(norm))
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=["priority", "items", "done", "percent"])


def priority_moves(old: Tracker, new: Tracker) -> pd.DataFrame:
    """Priorities whose number of done items or mean percent complete moved."""
    before, now = _priority_table(old), _priority_table(new)
    both = now.merge(before, left_index=True, right_index=True, how="outer", suffixes=("_now", "_before"))
    both = both.assign(
        priority=both["priority_now"].fillna(both["priority_before"]).astype(str),
        items_before=both["items_before"].fillna(0).astype("int64"),
        items_now=both["items_now"].fillna(0).astype("int64"),
        done_before=both["done_before"].fillna(0).astype("int64"),
        done_now=both["done_now"].fillna(0).astype("int64"),
        percent_before=both["percent_before"].astype(float).round(4),
        percent_now=both["percent_now"].astype(float).round(4),
    )
    pct_moved = (both["percent_now"] - both["percent_before"]).abs() >= PERCENT_MOVE
    pct_moved |= both["percent_now"].isna() != both["percent_before"].isna()
    moved = both[(both["done_now"] != both["done_before"]) | pct_moved]
    cols = [
        "priority",
        "items_before",
        "items_now",
        "done_before",
        "done_now",
        "percent_before",
        "percent_now",
    ]
    return moved[cols].sort_values("priority").reset_index(drop=True)


def meetings_since(old: Tracker, new: Tracker, as_of: dt.date) -> pd.DataFrame:
    """Meetings in the current tracker dated after the earlier tracker's latest meeting, up to as-of."""
    last = old.meetings["date"].dropna()
    m = new.meetings[new.meetings["date"].notna() & (new.meetings["date"] <= pd.Timestamp(as_of))]
    if len(last):
        m = m[m["date"] > last.max()]
    came = new.attendance.groupby("meeting_id").size()
    return (
        m.assign(attendees=m["meeting_id"].map(came).fillna(0).astype("int64"))[
            ["date", "type", "team", "label", "attendees"]
        ]
        .sort_values(["date", "type", "team"])
        .reset_index(drop=True)
    )


def diff(old: Tracker, new: Tracker, as_of: dt.date, old_as_of: dt.date | None = None) -> Diff:
    """What changed from an earlier version of a tracker to the current one.

    ``old_as_of`` is the day the earlier version stood for (a snapshot's as-of date); by default the day of its
    latest meeting. It dates the earlier lapsed partners, overdue items and business share.
    """
    # Earlier -> later: a snapshot dated after the day counted as of (kept today, looked at "as of" an older
    # date) stands for the day of its own latest meeting by then.
    since = old_as_of if old_as_of is not None and old_as_of <= as_of else _as_of_default(old, as_of)
    return Diff(
        as_of=as_of,
        since=since,
        new_organizations=new_organizations(old, new),
        new_people=new_people(old, new),
        lapsed=lapsed(old, new, as_of, since),
        **item_changes(old, new, as_of, since),
        priorities=priority_moves(old, new),
        meetings=meetings_since(old, new, as_of),
        share_before=engagement.business_share_full(old, since),
        share_now=engagement.business_share_full(new, as_of),
    )


def default_baseline(
    snapshots: pd.DataFrame, tracker: Tracker, as_of: dt.date | None = None, exclude_sha: str | None = None
) -> int | None:
    """The snapshot to compare with by default: the latest taken on or before the day of the last full
    partnership (or launch) meeting held by as-of. None when there is no such snapshot.

    ``snapshots`` is ``Store.list_snapshots()``; ``exclude_sha`` leaves out the current load's own snapshot.
    """
    if snapshots.empty:
        return None
    held = base.partnership_meetings(tracker, as_of)
    if held.empty:
        return None
    last = held["date"].max().normalize() + pd.Timedelta(days=1)  # the whole day of the meeting
    s = snapshots[snapshots["structure_key"] == tracker.structure_key] if tracker.structure_key else snapshots
    if exclude_sha:
        s = s[s["content_sha256"] != exclude_sha]
    s = s[s["taken_at"] < last]
    return int(s.sort_values(["taken_at", "id"]).iloc[-1]["id"]) if len(s) else None


def baseline_options(
    snapshots: pd.DataFrame, tracker: Tracker, as_of: dt.date | None = None, exclude_sha: str | None = None
) -> tuple[pd.DataFrame, int]:
    """The earlier snapshots of this tracker to compare with (newest first), and the position of the default:
    ``default_baseline``, else the oldest (the nearest to "before the last meeting" there is)."""
    s = snapshots[snapshots["structure_key"] == tracker.structure_key] if tracker.structure_key else snapshots
    if exclude_sha:
        s = s[s["content_sha256"] != exclude_sha]
    s = s.sort_values(["taken_at", "id"], ascending=False).reset_index(drop=True)
    if s.empty:
        return s, 0
    chosen = default_baseline(s, tracker, as_of)
    return s, int(s.index[s["id"] == chosen][0]) if chosen is not None else len(s) - 1


# ---------------------------------------------------------------- for people: the page, the deck, the CLI


def snapshot_label(row: pd.Series | dict) -> str:
    """How a snapshot is named in a choice list: ``Q3 meeting · 3 Oct 2025 14:05 · tracker.xlsx``."""
    when = pd.Timestamp(row["taken_at"]).strftime("%d %b %Y %H:%M").lstrip("0")
    parts = [str(row["name"])] if row.get("name") else []
    return " · ".join([*parts, when, str(row.get("files", ""))]).strip(" ·") + f"  (#{int(row['id'])})"


def _n(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _few(names: pd.Series, k: int = 3) -> str:
    names = [str(x) for x in names]
    more = f" and {len(names) - k} more" if len(names) > k else ""
    return ", ".join(names[:k]) + more


def headlines(d: Diff, names: int = 3) -> list[str]:
    """Plain sentences for a slide or the command line, most important first; empty when nothing changed."""
    out = []
    if len(d.completed):
        out.append(
            f"{_n(len(d.completed), 'action item')} completed: {_few(d.completed['description'], names)}"
        )
    if len(d.meetings):
        out.append(f"{_n(len(d.meetings), 'meeting')} held")
    if len(d.new_organizations):
        out.append(
            f"{_n(len(d.new_organizations), 'new organisation')}: {_few(d.new_organizations['name'], names)}"
        )
    if len(d.new_people):
        out.append(f"{_n(len(d.new_people), 'new person', 'new people')}")
    if len(d.started):
        out.append(f"{_n(len(d.started), 'action item')} started")
    if len(d.new_items):
        out.append(f"{_n(len(d.new_items), 'action item')} added to the plan")
    if len(d.stalled):
        out.append(f"{_n(len(d.stalled), 'action item')} stalled: {_few(d.stalled['description'], names)}")
    if len(d.overdue):
        out.append(f"{_n(len(d.overdue), 'action item')} newly overdue")
    if len(d.lapsed):
        out.append(
            f"{_n(len(d.lapsed), 'business', 'businesses')} lapsed (missed the last two partnership meetings): "
            f"{_few(d.lapsed['organization'], names)}"
        )
    if d.share_change is not None and d.share_change != 0:
        out.append(
            f"Business share of partnership-meeting attendance {d.share_before:.0%} → {d.share_now:.0%} "
            f"({d.share_change * 100:+.0f} pts)"
        )
    return out


def tiles(d: Diff) -> pd.DataFrame:
    """Headline tiles for the page and the Overview section: label, value, kind, help."""
    rows = [
        ("Action items completed", len(d.completed), "count", "Done now, not done in the earlier version"),
        ("Meetings held", len(d.meetings), "count", "Dated after the earlier version's latest meeting"),
        (
            "New organisations",
            len(d.new_organizations),
            "count",
            "Not in the earlier version under any spelling",
        ),
        ("New people", len(d.new_people), "count", "Not in the earlier version (by email, else by name)"),
        ("Newly overdue", len(d.overdue), "count", "Overdue now, not overdue then"),
        (
            "Businesses lapsed",
            len(d.lapsed),
            "count",
            "Missed the last two partnership meetings; had not before",
        ),
        (
            "Business share now",
            d.share_now,
            "percent",
            "At launch and full partnership meetings"
            + (f"; it was {d.share_before:.0%}" if d.share_before is not None else ""),
        ),
    ]
    return pd.DataFrame(rows, columns=["label", "value", "kind", "help"])


def sections(d: Diff) -> list[tuple[str, pd.DataFrame]]:
    """The non-empty differences as (heading, table for people) pairs, in reading order."""

    def items(df: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Priority": df["priority"],
                "Action item": df["description"],
                "Owner": df["owner"],
                "Due": df["due"],
                "Status now": df["status"].map(STATUS_LABELS),
                "Before": df["before"].map(STATUS_LABELS),
            }
        )

    out = [
        ("Action items completed", items(d.completed)),
        ("Action items started", items(d.started)),
        ("Action items stalled", items(d.stalled)),
        ("Action items newly overdue", items(d.overdue)),
        ("Action items added to the plan", items(d.new_items)),
        (
            "Priorities whose progress moved",
            pd.DataFrame(
                {
                    "Priority": d.priorities["priority"],
                    "Done before": d.priorities["done_before"],
                    "Done now": d.priorities["done_now"],
                    "Items now": d.priorities["items_now"],
                    "Average percent complete before": d.priorities["percent_before"].map(_percent),
                    "Average percent complete now": d.priorities["percent_now"].map(_percent),
                }
            ),
        ),
        (
            "Meetings held",
            pd.DataFrame(
                {
                    "Date": d.meetings["date"],
                    "Meeting": d.meetings["type"].map(MEETING_TYPE_LABELS).fillna(d.meetings["type"]),
                    "Team": d.meetings["team"],
                    "As the tracker names it": d.meetings["label"],
                    "People present": d.meetings["attendees"],
                }
            ),
        ),
        (
            "New organisations",
            pd.DataFrame(
                {
                    "Organisation": d.new_organizations["name"],
                    "Type": d.new_organizations["type"]
                    .map(ORG_TYPE_LABELS)
                    .fillna(d.new_organizations["type"]),
                }
            ),
        ),
        (
            "New people",
            pd.DataFrame(
                {
                    "Name": d.new_people["name"],
                    "Organisation": d.new_people["organization"],
                    "Email": d.new_people["email"],
                }
            ),
        ),
        (
            "Businesses that lapsed",
            pd.DataFrame(
                {
                    "Organisation": d.lapsed["organization"],
                    "Last at a partnership meeting": d.lapsed["last_seen"],
                }
            ),
        ),
    ]
    return [(title, df.reset_index(drop=True)) for title, df in out if len(df)]


def _percent(x: object) -> str:
    """A share as the other pages write it (0.7167 -> 72%); an em dash when unknown."""
    return "—" if x is None or pd.isna(x) else f"{float(x):.0%}"


def print_diff(d: Diff, out) -> None:
    """The differences for a person to read (the command line)."""
    w = out.write
    w(f"Changes from {d.since.isoformat()} to {d.as_of.isoformat()}\n\n")
    lines = headlines(d, names=5)
    if not lines:
        w("Nothing changed.\n")
    for line in lines:
        w(f"- {line}\n")
    for title, df in sections(d):
        w(f"\n{title}\n")
        for r in df.astype(object).where(df.notna(), "").itertuples(index=False):
            w("  " + " | ".join(_cell(v) for v in r if _cell(v)) + "\n")


def _cell(v: object) -> str:
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, float):
        return f"{v:.0f}"
    return str(v)
