"""What the deck and the report show, taken from the figures of ``ngsp.figures`` (one definition per figure).

Only what the exports need on top of the app's figures lives here: the next steps of each priority, sentences
for "what needs attention" and the data-quality note, and a few formatting helpers.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ngsp.core import schema
from ngsp.core.model import Tracker
from ngsp.figures import compute, summary
from ngsp.figures import format as fmt

STATUS_LABELS = fmt.STATUS_LABELS
MEETING_LABELS = fmt.MEETING_TYPE_LABELS
money = fmt.fmt_money
pct = fmt.fmt_percent
when = fmt.fmt_date


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(t: Tracker) -> Tracker:
    """The tracker with invisible control characters removed from its text (slides and PDFs cannot hold them)."""
    tables = {}
    for name in schema.TABLE_COLUMNS:
        frame = getattr(t, name)
        text = [
            c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])
        ]
        tables[name] = frame.assign(**{c: frame[c].str.replace(CONTROL, "", regex=True) for c in text})
    q = t.quality
    rejected = q.rejected.assign(
        content=q.rejected["content"].astype(str).str.replace(CONTROL, "", regex=True)
    )
    quality = dataclasses.replace(q, rejected=rejected, notes=tuple(CONTROL.sub("", n) for n in q.notes))
    return dataclasses.replace(t, **tables, quality=quality, name=CONTROL.sub("", t.name))


MAX_DOUBTS = 6  # readings to check listed on a slide or the report's cover; the rest are counted


def doubts(t: Tracker) -> list[str]:
    """The readings to check (``reading_warnings``), as the deck and the report list them before any figure:
    at most MAX_DOUBTS, then how many more the data-quality report lists."""
    lines = [CONTROL.sub("", short(_for_the_room(w), 220)) for w in compute("reading_warnings", t)]
    if len(lines) > MAX_DOUBTS:
        more = len(lines) - MAX_DOUBTS + 1
        lines = lines[: MAX_DOUBTS - 1] + [f"… and {more} more."]
    return lines


_CONVENER_ONLY = re.compile(r"\s*Check\b[^.]*\bData quality page\b[^.]*\.?", re.I)


def _for_the_room(warning: str) -> str:
    """A warning as a slide or the report says it: without sending the room to the Data quality page, which
    only the convener has."""
    return _CONVENER_ONLY.sub("", warning).strip()


def engagement(t: Tracker, as_of: date) -> pd.DataFrame:
    """Per launch/full partnership meeting held by as-of: business, public and unknown attendees (views)."""
    e = compute("meeting_engagement", t, partnership_only=True)
    return e[e["date"] <= pd.Timestamp(as_of)].reset_index(drop=True)


def headline(t: Tracker, as_of: date) -> dict:
    """The numbers a partnership meeting opens with: the summary's, the Overview tiles' and the cadence's."""
    s = summary(t, as_of)
    k = compute("kpis", t, as_of).set_index("key")["value"]
    c = compute("cadence_status", t, as_of)
    items = s["action_items"]
    return {
        "organizations": s["organizations"]["total"],
        "business": s["organizations"]["business"],
        "public": s["organizations"]["public"],
        "people": s["people"],
        "active_businesses": int(k["active_businesses"]),
        "active_public": int(k["public_partners"]),
        "meetings_quarter": int(k["meetings_quarter"]),
        "partnership_meetings": compute("partnership_meeting_count", t, as_of),
        "business_share": s["attendance"]["business_share_full"],
        "items": items["total"],
        "done": items["done"],
        "in_progress": items["in_progress"],
        "overdue": items["overdue"],
        "quarters": c["quarters_complete"],
        "quarters_met": c["quarters_met"],
        "lapsed": s["lapsed_businesses"],
        "rejected": s["rejected_rows"],
    }


@dataclass(frozen=True)
class Priority:
    """One priority's progress (the priority_cards figure), its next steps and its champions."""

    name: str
    items: int
    counts: dict[str, int]
    overdue: int
    next_steps: list[dict] = field(default_factory=list)
    champions: str = ""
    support: str = ""

    @property
    def done(self) -> int:
        """Items done."""
        return self.counts.get("done", 0)


def priorities(t: Tracker, as_of: date, max_steps: int = 5) -> list[Priority]:
    """Each priority with its status counts, open items soonest-due first, champions and support partners."""
    cards = compute("priority_cards", t, as_of)
    items = compute("action_items_view", t, as_of)
    open_ = items[items["status"].isin(schema.OPEN_STATUSES)].sort_values(
        ["due", "source_row"], na_position="last", kind="stable"
    )
    out = []
    for c in cards.itertuples(index=False):
        mine = open_[open_["priority"] == c.priority].head(max_steps)
        steps = [
            {
                "description": r.description,
                "owner": "" if r.owner.startswith("(") else r.owner,
                "due": when(r.due) if pd.notna(r.due) else (r.due_text or "no date"),
                "status": r.status_label,
                "overdue": bool(r.overdue),
            }
            for r in mine.itertuples(index=False)
        ]
        out.append(
            Priority(
                name=c.priority,
                items=int(c.items),
                counts={k: int(getattr(c, f"status_{k}")) for k in STATUS_LABELS},
                overdue=int(c.overdue),
                next_steps=steps,
                champions=c.champions,
                support=c.support_partners,
            )
        )
    return out


def needs_attention(t: Tracker, as_of: date, examples: int = 3) -> list[str]:
    """The needs-attention list (ngsp.figures.headline) as a few sentences, one per kind, with the first few examples named."""
    frame = compute("needs_attention", t, as_of)
    out = []
    for kind, g in frame.groupby("kind", sort=False):
        names = [str(v) for v in g["item"].head(examples)]
        more = f" and {len(g) - examples} more" if len(g) > examples else ""
        out.append(f"{kind} ({len(g)}): {'; '.join(names)}{more}.")
    stalled = compute("item_counts", t, as_of)["stalled"]
    if stalled:
        out.append(f"Stalled action items ({stalled}): ask their champions what would unblock them.")
    n = compute("rejected_rows", t)
    if n:
        out.append(f"Rows of the tracker that could not be used ({n}): the convener has the list, with why.")
    return out


def quality_note(t: Tracker) -> list[str]:
    """A few sentences on how complete and clean the tracker is."""
    q = t.quality
    out = [f"Read from {join(list(t.files)) or 'the tracker'}."]
    read = q.sheets[q.sheets["taken_as"] != "set aside"] if len(q.sheets) else q.sheets
    if len(read):
        out.append(f"{len(read)} sheet{'s' if len(read) != 1 else ''} held partnership data.")
    if len(q.merges):
        out.append(
            f"{len(q.merges)} different spellings of names were recognised as the same organisation or person."
        )
    n = compute("rejected_rows", t)
    out.append(
        f"{n} row{'s' if n != 1 else ''} could not be used because a required field is missing; "
        "the convener has the list, with the reason for each."
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


def short(text: str, n: int) -> str:
    """The text cut to n characters with an ellipsis, so one long name cannot push a layout apart."""
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def join(words: list[str]) -> str:
    """a, b and c."""
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
