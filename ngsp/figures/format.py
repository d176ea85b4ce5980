"""Figures for people: plain-words labels for the tracker's codes and the formatting of numbers and dates."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from ngsp.core import formulas

MEETING_TYPE_LABELS = {
    "launch": "Launch",
    "full_partnership": "Full partnership",
    "action_team": "Action team",
    "planning": "Planning",
    "other": "Other",
}


STATUS_LABELS = {
    "done": "Done",
    "in_progress": "In progress",
    "not_started": "Not started",
    "stalled": "Stalled",
    "cancelled": "Cancelled",
}


ORG_TYPE_LABELS = {"business": "Business", "public": "Public partner", "unknown": "Type not known"}


SHEET_KIND_WORDS = {  # what a sheet is read as, in a convener's words
    "roster": "a partner list",
    "meetings": "a meetings list",
    "attendance_log": "an attendance log",
    "grid": "an attendance grid",
    "transposed_grid": "an attendance grid with meetings down the side",
    "signin": "a sign-in sheet",
    "signin_blocks": "sign-in sheets stacked on one sheet",
    "action_plan": "an action plan",
    "funding": "funding",
    "online_report": "an online meeting's attendance report",
    "registrations": "event registrations (only check-ins count)",
    "form_responses": "sign-in form responses",
    "set_aside": "not partnership data",
}
FIELD_WORDS = {  # what a column is read as, in a convener's words
    "person": "a person's full name",
    "first_name": "first name",
    "last_name": "last name",
    "email": "email",
    "org": "organisation",
    "org_type": "business or public partner",
    "title": "job title",
    "phone": "phone",
    "role": "role in the partnership",
    "meeting_date": "meeting date",
    "meeting_type": "meeting type",
    "team": "action team",
    "location": "location",
    "summary_sent": "date the summary was sent",
    "priority": "priority",
    "description": "action item",
    "owner": "owner",
    "due": "due date",
    "status": "status",
    "percent": "percent complete",
    "notes": "notes",
    "funder": "funder",
    "amount": "amount",
    "funding_kind": "cash or in-kind",
    "funding_status": "funding status",
    "period": "period",
    "attended": "attended (yes or no)",
    "": "nothing: ignore this column",
}


def quarter_label(day: dt.date | pd.Timestamp) -> str:
    """A date's calendar quarter as people write it: ``2024 Q3``."""
    p = pd.Timestamp(day).to_period("Q")
    return f"{p.year} Q{p.quarter}"


def meeting_name(date: pd.Timestamp, mtype: str, team: str, online: bool = False) -> str:
    """A short, unique-enough axis label for a meeting: ``12 Mar 2024 · Full partnership`` (``· online`` after a
    meeting held online, where the source says so)."""
    what = team if mtype == "action_team" and team else MEETING_TYPE_LABELS.get(mtype, mtype)
    when = date.strftime("%d %b %Y").lstrip("0") if pd.notna(date) else "date not known"
    return f"{when} · {what}" + (" · online" if online else "")


def status_words(card: dict) -> str:
    """A priority card's status mix in words: ``3 done · 1 in progress`` (statuses with no items left out)."""
    parts = [
        f"{card['status_' + k]} {label.lower()}" for k, label in STATUS_LABELS.items() if card["status_" + k]
    ]
    return " · ".join(parts) or "no items"


def fmt_count(n: object) -> str:
    """A whole number with thousands separators; an em dash when unknown."""
    return "—" if n is None or pd.isna(n) else f"{int(n):,}"


def fmt_percent(x: object) -> str:
    """A share as a whole percentage (0.8376 -> 84%); an em dash when unknown."""
    return "—" if x is None or pd.isna(x) else f"{float(x):.0%}"


def fmt_money(x: object) -> str:
    """US dollars without cents ($40,000); an em dash when unknown or not a finite sum (never "$inf")."""
    return "—" if x is None or pd.isna(x) or not math.isfinite(float(x)) else f"${float(x):,.0f}"


def fmt_date(d: object) -> str:
    """A date as people read it (5 Mar 2024); "not known" when missing."""
    return "not known" if d is None or pd.isna(d) else pd.Timestamp(d).strftime("%d %b %Y").lstrip("0")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 row``, ``3 rows``: a count with its noun."""
    return f"{fmt_count(n)} {word if n == 1 else (many or word + 's')}"


def fmt_value(value: object, kind: str) -> str:
    """A tile's value by its kind: count, percent, money or text."""
    if kind == "percent":
        return fmt_percent(value)
    if kind == "money":
        return fmt_money(value)
    if kind == "count":
        return fmt_count(value)
    return str(value)


def fmt_delta(delta: float, kind: str) -> str:
    """A signed change: +3, -1, +5 pts (percentages change in points)."""
    if kind == "percent":
        return f"{delta * 100:+.0f} pts"
    return f"{int(delta):+,}"


csv_bytes = formulas.csv_bytes  # every CSV download: one function, no formula left live (ngsp.core.formulas)
