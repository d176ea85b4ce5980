"""What a viewer sees: the tracker (and the changes since a snapshot) without any person in it."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from ngsp.core.corrections import Corrections
from ngsp.core.model import Quality, Tracker

PERSON = "Person"  # people's names become "Person 1", "Person 2" ...
SOME_PARTNER = "a partner"  # an action-item owner whose organisation is not known
NAME_REMOVED, EMAIL_REMOVED, PHONE_REMOVED = "[name]", "[email]", "[phone]"


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w-])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{3})[\s.-]?\d{3,4}[\s.-]?\d{4}(?![\w-])"
)
_ID_COLUMNS = {"org_id", "person_id", "meeting_id", "item_id", "owner_person_id", "owner_org_id"}


class Scrubber:
    """Takes known people's names, and any email or phone number, out of free text."""

    def __init__(self, people: pd.DataFrame) -> None:
        names = {str(n).strip() for n in people["name"] if len(str(n).strip()) >= 2}
        phones = {str(p).strip() for p in people["phone"] if len(re.sub(r"\D", "", str(p))) >= 6}
        # a one-word name ("Ann") is taken out only as a whole word, so "Annapolis" survives
        words = sorted(names | phones, key=len, reverse=True)
        self._known = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I) if words else None
        )

    def __call__(self, text: object) -> str:
        text = str(text)
        if not text:
            return text
        text = _EMAIL.sub(EMAIL_REMOVED, text)
        if self._known is not None:
            text = self._known.sub(NAME_REMOVED, text)
        return _PHONE.sub(PHONE_REMOVED, text)

    def frame(self, df: pd.DataFrame, skip: set[str] = frozenset()) -> pd.DataFrame:
        """Every text column scrubbed (ids and the columns in ``skip`` as they are)."""
        text = lambda v: self(v) if isinstance(v, str) else v  # noqa: E731
        cols = {
            c: df[c].map(text)
            for c in df.columns
            if c not in _ID_COLUMNS | skip and (pd.api.types.is_string_dtype(df[c]) or df[c].dtype == object)
        }
        return df.assign(**cols) if cols and len(df) else df


def _blank(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return df.assign(**{c: "" for c in columns if c in df.columns}) if len(df) else df


def redact(t: Tracker) -> Tracker:
    """The tracker a viewer may see: no person's name, email, phone or title; owners shown as organisations.

    Organisations (their names are aggregates, and what funders ask about), meetings, counts, statuses and
    money stay. People become "Person 1", "Person 2" ...; free text (descriptions, meeting labels, the
    data-quality report) loses known names, emails and phone numbers; notes, the unmapped columns kept as JSON
    and the content of rejected rows (raw cells, names included) are emptied.
    """
    scrub = Scrubber(t.people)
    people = t.people.assign(
        name=[f"{PERSON} {i + 1}" for i in range(len(t.people))],
        email="",
        phone="",
        title="",
        extra="",
    ) if len(t.people) else t.people  # fmt: skip
    org_name = dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))
    items = t.action_items
    if len(items):
        owners = [
            org_name.get(o) or (SOME_PARTNER if str(w).strip() else "")
            for o, w in zip(items["owner_org_id"], items["owner"], strict=True)
        ]
        items = scrub.frame(_blank(items, "notes", "extra"), skip={"owner"}).assign(owner=owners)
    q = t.quality
    merges = q.merges[q.merges["kind"].astype(str).str.startswith("org")] if len(q.merges) else q.merges
    quality = Quality(
        sheets=scrub.frame(q.sheets),
        columns=scrub.frame(q.columns),
        merges=scrub.frame(merges.reset_index(drop=True)),
        rejected=scrub.frame(_blank(q.rejected, "content")),
        notes=tuple(scrub(n) for n in q.notes),
        corrections=scrub.frame(q.corrections),
        ledger=scrub.frame(q.ledger),
    )
    return replace(
        t,
        organizations=scrub.frame(t.organizations, skip={"name", "spellings"}),
        people=people,
        meetings=scrub.frame(_blank(t.meetings, "extra")),
        attendance=t.attendance,
        action_items=items,
        funding=scrub.frame(_blank(t.funding, "notes", "extra"), skip={"funder"}),
        quality=quality,
        name=scrub(t.name),
        files=tuple(scrub(f) for f in t.files),
        corrections=Corrections(),  # a viewer corrects nothing; the kept notes are free text
    )


def redact_diff(d, t: Tracker):
    """A ``ngsp.history.diff.Diff`` a viewer may see (``t``: the unredacted current tracker, for names and owners)."""
    scrub = Scrubber(t.people)
    owner_org = dict(zip(t.action_items["owner"], t.action_items["owner_org_id"], strict=True))
    org_name = dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))

    def items(df: pd.DataFrame) -> pd.DataFrame:
        if not len(df):
            return df
        owners = [
            org_name.get(owner_org.get(w, ""), "") or (SOME_PARTNER if str(w).strip() else "")
            for w in df["owner"]
        ]
        return scrub.frame(df, skip={"owner"}).assign(owner=owners)

    people = d.new_people
    if len(people):
        people = people.assign(name=[f"New {PERSON.lower()} {i + 1}" for i in range(len(people))], email="")
    return replace(
        d,
        new_people=people,
        new_items=items(d.new_items),
        completed=items(d.completed),
        started=items(d.started),
        stalled=items(d.stalled),
        overdue=items(d.overdue),
        meetings=scrub.frame(d.meetings),
    )
