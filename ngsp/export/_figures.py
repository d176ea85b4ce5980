"""The figures the deck and the report show, from the canonical tracker (pure: tracker in, plain values out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ngsp import schema
from ngsp.model import Tracker

STATUS_LABELS = {
    "done": "Done",
    "in_progress": "In progress",
    "not_started": "Not started",
    "stalled": "Stalled",
    "cancelled": "Cancelled",
}
MEETING_LABELS = {
    "launch": "Launch",
    "full_partnership": "Full partnership",
    "action_team": "Action team",
    "planning": "Planning",
    "other": "Other",
}


def ts(as_of: date) -> pd.Timestamp:
    """as-of as a midnight Timestamp, comparable with the tracker's dates."""
    return pd.Timestamp(as_of).normalize()


def partnership_meetings(t: Tracker, as_of: date) -> pd.DataFrame:
    """Launch and full partnership meetings held on or before as-of, oldest first."""
    m = t.meetings
    held = m[m["type"].isin(schema.PARTNERSHIP_MEETINGS) & m["date"].notna() & (m["date"] <= ts(as_of))]
    return held.sort_values(["date", "meeting_id"]).reset_index(drop=True)


def _attendance_types(t: Tracker) -> pd.DataFrame:
    """Attendance rows with the type of the organisation each person came for."""
    types = t.organizations[["org_id", "type"]].rename(columns={"type": "org_type"})
    return t.attendance.merge(types, on="org_id", how="left").assign(
        org_type=lambda d: d["org_type"].fillna("unknown")
    )


def engagement(t: Tracker, as_of: date) -> pd.DataFrame:
    """Per partnership meeting: date, type, business, public and unknown attendees, business share."""
    pm = partnership_meetings(t, as_of)
    att = _attendance_types(t)
    att = att[att["meeting_id"].isin(pm["meeting_id"])]
    counts = pd.crosstab(att["meeting_id"], att["org_type"]) if len(att) else pd.DataFrame()
    rows = []
    for m in pm.itertuples():
        c = counts.loc[m.meeting_id] if m.meeting_id in counts.index else {}
        b, p, u = (int(c.get(k, 0)) for k in ("business", "public", "unknown"))
        rows.append(
            {
                "meeting_id": m.meeting_id,
                "date": m.date,
                "type": m.type,
                "business": b,
                "public": p,
                "unknown": u,
                "business_share": round(b / (b + p), 4) if b + p else None,
            }
        )
    return pd.DataFrame(
        rows, columns=["meeting_id", "date", "type", "business", "public", "unknown", "business_share"]
    )


def business_share(t: Tracker, as_of: date) -> float | None:
    """Share of business people among typed attendance records at partnership meetings."""
    e = engagement(t, as_of)
    b, p = int(e["business"].sum()), int(e["public"].sum())
    return round(b / (b + p), 4) if b + p else None


def quarter_key(d: pd.Timestamp) -> str:
    """2024Q3 for a date in July-September 2024."""
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def cadence(t: Tracker, as_of: date) -> pd.DataFrame:
    """Per complete quarter since the first partnership meeting: how many were held, and was the target met."""
    pm = partnership_meetings(t, as_of)
    if pm.empty:
        return pd.DataFrame(columns=["quarter", "meetings", "met"])
    first = pm["date"].min().to_period("Q")
    last = ts(as_of).to_period("Q") - 1
    per_q = pm["date"].dt.to_period("Q").value_counts()
    rows = []
    q = first
    while q <= last:
        n = int(per_q.get(q, 0))
        rows.append({"quarter": f"{q.year}Q{q.quarter}", "meetings": n, "met": n >= 1})
        q += 1
    return pd.DataFrame(rows, columns=["quarter", "meetings", "met"])


def _open_due(items: pd.DataFrame, as_of: date) -> pd.Series:
    """True for open items whose due date has passed."""
    return items["status"].isin(schema.OPEN_STATUSES) & items["due"].notna() & (items["due"] < ts(as_of))


def due_label(due: object, due_text: str) -> str:
    """A due date as a person reads it: 30 Sep 2024, or the words the tracker used."""
    if pd.notna(due):
        return pd.Timestamp(due).strftime("%-d %b %Y")
    return due_text or "no date"


@dataclass(frozen=True)
class Priority:
    """One priority's progress, next steps and champions."""

    name: str
    items: int
    counts: dict[str, int]
    overdue: int
    next_steps: list[dict] = field(default_factory=list)
    champions: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Items done."""
        return self.counts.get("done", 0)

    @property
    def share_done(self) -> float:
        """Done as a share of the items not cancelled."""
        live = self.items - self.counts.get("cancelled", 0)
        return self.done / live if live else 0.0


def priorities(t: Tracker, as_of: date, max_steps: int = 5) -> list[Priority]:
    """Each priority (in the tracker's order), with its open items soonest-due first and its champions."""
    items = t.action_items.assign(is_overdue=lambda d: _open_due(d, as_of))
    out = []
    for name, g in items.groupby(
        items["priority"].where(items["priority"] != "", "(no priority)"), sort=False
    ):
        open_ = g[g["status"].isin(schema.OPEN_STATUSES)].sort_values(
            ["due", "source_row"], na_position="last"
        )
        steps = [
            {
                "description": r.description,
                "owner": r.owner,
                "due": due_label(r.due, r.due_text),
                "status": STATUS_LABELS[r.status],
                "overdue": bool(r.is_overdue),
            }
            for r in open_.head(max_steps).itertuples()
        ]
        owners = [o for o in dict.fromkeys(g["owner"].str.strip()) if o]
        out.append(
            Priority(
                name=str(name),
                items=len(g),
                counts={s: int((g["status"] == s).sum()) for s in schema.STATUSES},
                overdue=int(g["is_overdue"].sum()),
                next_steps=steps,
                champions=owners,
            )
        )
    return out


def lapsed_businesses(t: Tracker, as_of: date) -> list[str]:
    """Businesses seen at a partnership meeting but at neither of the two most recent ones."""
    pm = partnership_meetings(t, as_of)
    att = _attendance_types(t)
    att = att[att["meeting_id"].isin(pm["meeting_id"]) & (att["org_type"] == "business")]
    recent = set(pm["meeting_id"].tail(2))
    ever = set(att["org_id"])
    lately = set(att.loc[att["meeting_id"].isin(recent), "org_id"])
    names = t.organizations.set_index("org_id")["name"]
    return sorted(names.get(o, o) for o in ever - lately)


def retention(t: Tracker, as_of: date) -> pd.DataFrame:
    """Per partnership meeting: businesses present, how many came back from an earlier one, how many were new."""
    pm = partnership_meetings(t, as_of)
    att = _attendance_types(t)
    att = att[att["org_type"] == "business"]
    seen: set[str] = set()
    rows = []
    for m in pm.itertuples():
        orgs = set(att.loc[att["meeting_id"] == m.meeting_id, "org_id"]) - {""}
        rows.append(
            {"date": m.date, "businesses": len(orgs), "returning": len(orgs & seen), "new": len(orgs - seen)}
        )
        seen |= orgs
    return pd.DataFrame(rows, columns=["date", "businesses", "returning", "new"])


def funding(t: Tracker) -> pd.DataFrame:
    """Funding and in-kind support by source, largest first."""
    f = t.funding.assign(amount=lambda d: d["amount"].fillna(0.0))
    return f.sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)


def funding_totals(t: Tracker) -> dict[str, float]:
    """Total cash, in-kind and all support; and how much of it is received or committed."""
    f = funding(t)
    secured = f["status"].isin(("received", "committed"))
    return {
        "cash": float(f.loc[f["kind"] == "cash", "amount"].sum()),
        "in_kind": float(f.loc[f["kind"] == "in_kind", "amount"].sum()),
        "total": float(f["amount"].sum()),
        "secured": float(f.loc[secured, "amount"].sum()),
        "pending": float(f.loc[f["status"] == "pending", "amount"].sum()),
    }


def money(x: float) -> str:
    """$40,000."""
    return f"${x:,.0f}"


def pct(x: float | None) -> str:
    """84% (or a dash when there is nothing to divide)."""
    return "–" if x is None else f"{x:.0%}"


def headline(t: Tracker, as_of: date) -> dict:
    """The few numbers a partnership meeting opens with."""
    items = t.action_items
    cad = cadence(t, as_of)
    m = t.meetings
    return {
        "organizations": len(t.organizations),
        "business": int((t.organizations["type"] == "business").sum()),
        "public": int((t.organizations["type"] == "public").sum()),
        "people": len(t.people),
        "meetings": len(m),
        "meetings_held": int((m["date"].notna() & (m["date"] <= ts(as_of))).sum()),
        "partnership_meetings": len(partnership_meetings(t, as_of)),
        "attendance": len(t.attendance),
        "business_share": business_share(t, as_of),
        "items": len(items),
        "done": int((items["status"] == "done").sum()),
        "in_progress": int((items["status"] == "in_progress").sum()),
        "overdue": int(_open_due(items, as_of).sum()),
        "quarters": len(cad),
        "quarters_met": int(cad["met"].sum()) if len(cad) else 0,
        "lapsed": len(lapsed_businesses(t, as_of)),
        "rejected": len(t.quality.rejected),
    }


def needs_attention(t: Tracker, as_of: date) -> list[str]:
    """Plain sentences about what the partnership should act on, most pressing first."""
    h = headline(t, as_of)
    out = []
    share = h["business_share"]
    if share is not None and share < 0.5:
        out.append(
            f"Public partners outnumber business leaders at partnership meetings ({pct(share)} business)."
        )
    cad = cadence(t, as_of)
    missed = cad.loc[~cad["met"].astype(bool), "quarter"].tolist() if len(cad) else []
    if missed:
        out.append(f"No partnership meeting in {_join(missed)}.")
    if cad.empty:
        out.append("No launch or full partnership meeting is recorded yet.")
    if h["overdue"]:
        out.append(f"{h['overdue']} action item{'s are' if h['overdue'] != 1 else ' is'} past due.")
    stalled = int((t.action_items["status"] == "stalled").sum())
    if stalled:
        out.append(f"{stalled} action item{'s are' if stalled != 1 else ' is'} stalled.")
    for p in priorities(t, as_of):
        if not p.champions:
            out.append(f"“{p.name}” has no champion named.")
    lapsed = lapsed_businesses(t, as_of)
    if lapsed:
        shown = _join(lapsed[:6]) + (f" and {len(lapsed) - 6} more" if len(lapsed) > 6 else "")
        out.append(
            f"{len(lapsed)} business{'es' if len(lapsed) != 1 else ''} missed the last two meetings: {shown}."
        )
    if h["rejected"]:
        out.append(
            f"{h['rejected']} row{'s' if h['rejected'] != 1 else ''} of the tracker could not be used "
            "(see the data-quality report)."
        )
    return out


def quality_note(t: Tracker) -> list[str]:
    """A few sentences on how complete and clean the tracker is."""
    q = t.quality
    out = [f"Read from {_join(list(t.files)) or 'the tracker'}."]
    if len(q.sheets):
        out.append(f"{len(q.sheets)} sheet{'s' if len(q.sheets) != 1 else ''} read.")
    if len(q.merges):
        out.append(
            f"{len(q.merges)} different spellings of names were recognised as the same organisation or person."
        )
    n = len(q.rejected)
    out.append(
        f"{n} row{'s' if n != 1 else ''} could not be used (a required field is missing) and {'are' if n != 1 else 'is'} "
        "listed in the clean workbook."
        if n
        else "No row had to be set aside."
    )
    unknown = int((t.organizations["type"] == "unknown").sum())
    if unknown:
        out.append(f"{unknown} organisation{'s have' if unknown != 1 else ' has'} no partner type.")
    no_email = int((t.people["email"] == "").sum())
    if no_email:
        out.append(f"{no_email} of {len(t.people)} people have no email address recorded.")
    out.extend(q.notes)
    return out


def _join(words: list[str]) -> str:
    """a, b and c."""
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
