"""What the title lines above a table say: the meeting of a sign-in sheet, the priority of a plan."""

from __future__ import annotations

import re

from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date, to_date


def title_context(lines: list[str], dayfirst: bool) -> dict[str, object]:
    """Meeting name, date, location and priority from title lines above a table."""
    ctx: dict[str, object] = {}
    for line in lines:
        m = re.match(r"^\s*([A-Za-z][A-Za-z /#]{1,30}?)\s*[:\-–—]\s*(.+)$", line)
        key, val = (vocab.norm(m.group(1)), m.group(2).strip()) if m else ("", line)
        if key in ("date", "meeting date", "event date", "when", "date of meeting", "session date", "day"):
            d = to_date(val, dayfirst) or find_date(val, dayfirst)[0]
            if d:
                ctx["date"] = d
            continue
        if key in ("location", "venue", "where", "place", "host", "site"):
            ctx["location"] = val
            continue
        if key in (
            "meeting",
            "event",
            "session",
            "meeting name",
            "meeting type",
            "type",
            "title",
            "topic",
            "gathering",
            "convening",
        ):
            d, rest = find_date(val, dayfirst)
            if d and "date" not in ctx:
                ctx["date"] = d
            ctx["label"] = rest or val
            continue
        if key in (
            "priority",
            "priority area",
            "goal",
            "focus area",
            "action area",
            "action team",
            "team",
            "strategy",
            "initiative",
            "objective",
        ):
            ctx["priority"] = val
            continue
        if re.search(
            r"\b(updated|as of|revised|printed|prepared|generated|saved|edited|through)\b", line, re.I
        ):
            continue  # "Partner roster — updated 9/30/2025" dates the file, not a meeting
        d, rest = find_date(line, dayfirst)
        if d and re.search(
            r"roster|contact|directory|partner list|member list|membership|mailing", rest, re.I
        ):
            d = None  # "Partner roster 2025-01-15" dates a list, not a meeting
        if d and "date" not in ctx:
            ctx["date"] = d
            if rest and vocab.meeting_type_of(rest) and "label" not in ctx:
                ctx["label"] = rest
        elif vocab.meeting_type_of(line) and "label" not in ctx and "sign" not in line.lower():
            ctx.setdefault("title_label", line)
        if re.match(r"^\s*(?:priority|goal|focus area)\b", line, re.IGNORECASE) and "priority" not in ctx:
            ctx["priority"] = line
    return ctx


def signin_context(ctx: dict, sheet_name: str, sheet_date, sheet_rest: str) -> dict:
    """A sign-in sheet's meeting: its date and label from the title lines, else from the sheet's name."""
    out = dict(ctx)
    out.setdefault("date", sheet_date)
    label = str(ctx.get("label") or ctx.get("title_label") or "")
    if not label or not vocab.meeting_type_of(label):
        label = label or sheet_rest or sheet_name
        if not vocab.meeting_type_of(label) and vocab.meeting_type_of(sheet_rest):
            label = sheet_rest
    out["label"] = label
    out["sheet_label"] = sheet_rest
    return out
