"""A transposed attendance grid: meetings down the side (a date, perhaps a name), people or organisations across
the top, a mark of presence in the cells. Organisations' names often sit in a merged row above their people.

Where only organisations head the columns, each mark is one person from that organisation (its
representative): the partnership's figures (who comes, the business share) then count organisations present.
"""

from __future__ import annotations

import re
from collections import Counter

from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date, to_date
from ngsp.ingest.detect import values
from ngsp.ingest.detect.header import dated_column, holds_marks
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import mark_reader, representative
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.names import name_kind, names_in_cell
from ngsp.ingest.rows import Extracted, data_rows, get, reject, src, txt

MIN_ATTENDEE_COLUMNS = 2  # people or organisations across the top
MEETING_FIELDS = frozenset({"meeting_date", "meeting_type", "team", "location", "notes"})


def _holds_names(seen: Seen, j: int) -> bool:
    """Whether column j's cells list people's names ("Ana Lopez; Bo Chan"): who of its organisation came."""
    cells = [r[j] for r in seen.rows[seen.hr + 1 : seen.hr + 1 + values.PROFILE_ROWS] if j < len(r)]
    texts = [c for c in cells if isinstance(c, str) and c.strip()]
    if not texts:
        return False
    named = sum(any(name_kind(n) == "person" for n in names_in_cell(c)) for c in texts)
    return named >= values.SOME * len(texts)


def _attendee_columns(seen: Seen) -> list[tuple[int, str, str]]:
    """(column, name, kind) of each column headed by a person's or an organisation's name over marks; kind
    "org+names" for an organisation's column whose cells name who of it came."""
    row = seen.rows[seen.hr]
    out = []
    for j in filled(row):
        v = row[j]
        # A header word naming a field heads a column of that field, not somebody (the values may say "person"
        # of a column of names under an organisation: that is what this reader reads).
        if not isinstance(v, str) or any(
            sc >= 90 for f, sc in vocab.header_fields(" ".join(v.split())) if f != "attended"
        ):
            continue
        kind = name_kind(v)
        if kind is None:
            continue
        p = values.profile(seen.rows, seen.hr + 1, j, seen.dayfirst)
        if p.n and not holds_marks(seen.rows, seen.hr + 1, j, seen.dayfirst):
            if kind == "org" and _holds_names(seen, j):
                out.append((j, " ".join(v.split()), "org+names"))
            continue  # its cells are not marks of presence
        out.append((j, " ".join(v.split()), kind))
    return out


def _orgs_above(seen: Seen, cols: list[int]) -> dict[int, str]:
    """Each person column's organisation from the row above the header: a merged cell spans its people; with
    no merge (or the merge lost in a CSV), an organisation written over its first person holds for the people to
    its right until the next one."""
    if seen.hr == 0:
        return {}
    above = seen.rows[seen.hr - 1]
    spans = {c0: c1 for r0, c0, r1, c1 in seen.sheet.merged if r0 <= seen.hr - 1 <= r1}
    texts = [above[j] for j in cols if j < len(above) and isinstance(above[j], str) and above[j].strip()]
    if sum(name_kind(v) == "org" for v in texts) < len(texts) / 2:
        return {}  # not a row of organisations ("Sterling Paving" may read as a person's name in a row of them)
    out: dict[int, str] = {}
    current = ""
    for j in sorted(cols):
        v = above[j] if j < len(above) else None
        if isinstance(v, str) and v.strip():
            current = " ".join(v.split())
            out[j] = current
            if j in spans:
                out.update({k: current for k in range(j + 1, spans[j] + 1) if k in cols})
                current = ""
        elif v is None and current and not spans:
            out[j] = current
        else:
            current = ""
    return out


def _meeting_date_column(seen: Seen, skip: set[int]) -> int | None:
    for j, c in seen.cands.items():
        if j not in skip and any(f == "meeting_date" for f, _ in c):
            return j
    for j in range(max(map(len, seen.rows[seen.hr : seen.hr + 40]), default=0)):
        if j not in skip and dated_column(seen.rows, seen.hr + 1, j, seen.dayfirst):
            return j  # dates, or meetings named with their dates ("Kickoff (Jul 21 2025)")
    return None


def claim(seen: Seen) -> Table | None:
    attendees = _attendee_columns(seen)
    if len(attendees) < max(MIN_ATTENDEE_COLUMNS, len(filled(seen.rows[seen.hr])) / 2):
        return None  # most of a transposed grid's columns are its people or organisations
    cols = {j for j, _n, _k in attendees}
    date_col = _meeting_date_column(seen, cols)
    if date_col is None:
        return None
    t = seen.table("transposed_grid", "", MEETING_FIELDS)
    t.columns = {j: f for j, f in t.columns.items() if j not in cols}
    t.columns[date_col] = "meeting_date"
    t.columns = {j: f for j, f in t.columns.items() if f != "meeting_date" or j == date_col}
    t.headers[date_col] = (
        cell_text(seen.rows[seen.hr][date_col]) if date_col < len(seen.rows[seen.hr]) else ""
    )
    people = sum(k == "person" for _j, _n, k in attendees)
    orgs = _orgs_above(seen, cols) if people else {}
    t.context = {
        **t.context,
        "attendees": [
            (j, n if k == "person" else "", orgs.get(j, "") if k == "person" else n)
            for j, n, k in attendees
            if k != "org+names"
        ],
        "named_in_cells": [(j, n) for j, n, k in attendees if k == "org+names"],
        "marks": seen.legend,
    }
    if orgs:
        t.header_rows = tuple(sorted({*t.header_rows, seen.hr - 1}))
        t.title_rows = tuple(i for i in t.title_rows if i != seen.hr - 1)
    across = (
        "people"
        if people >= len(attendees) / 2
        else "organisations, who came named in the cells"
        if t.context["named_in_cells"]
        else "organisations"
    )
    t.why = f"meetings down the side, {len(attendees)} {across} across the top"
    return t


def as_kind(seen: Seen) -> Table:
    t = claim(seen)
    return t if t is not None else seen.table("meetings", SAID, MEETING_FIELDS)


def _person(name: str, org: str) -> dict:
    return {"name": name, "email": "", "org": org, "org_type_text": "", "section_type": "", "title": "",
            "phone": "", "role": "", "extra": ""}  # fmt: skip


def transposed_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    refs = {}
    for j, name, org in t.context.get("attendees", []):
        # One record per column: the person (or the organisation's representative) heading it.
        ex.people.append({**_person(name or representative(org), org), **src(t, t.header_row)})
        refs[j] = len(ex.people) - 1
    named: dict[tuple[int, str], int] = {}  # (column, name written in its cells) -> person record
    mark = mark_reader(t.context.get("marks") or {}, ex.odd_marks.setdefault((f, s), Counter()))
    for i, row, _cols in data_rows(t, rows, start, ex):
        raw = get(t, row, "meeting_date")
        label = txt(t, row, "meeting_type")
        d, rest = find_date(" ".join(raw.split()), dayfirst) if isinstance(raw, str) else (None, "")
        if d is None:
            d = to_date(raw, dayfirst)
        else:  # "Kickoff (Jul 21 2025)": the meeting's name around its date
            label = label or re.sub(r"\(\s*\)|\[\s*\]", "", rest).strip(" -–—:|,")
        if d is None:
            reject(ex, t, i, row, "a meeting row with no date that can be read")
            continue
        meeting = {"date": d, "label": label, "alt_label": "", "team": txt(t, row, "team"),
                   "location": txt(t, row, "location")}  # fmt: skip
        ex.meetings.append({**meeting, "summary_sent": None, "extra": "", **src(t, i)})
        ex.ledger.append((f, s, i + 1, "data", "meeting"))
        for j, ref in refs.items():
            v = row[j] if j < len(row) else None
            if v is not None and mark(v):
                ex.attendance.append({"person": ref, "meeting": dict(meeting), **src(t, i)})
        for j, org in t.context.get("named_in_cells", []):
            v = row[j] if j < len(row) else None
            # one name a line: the cell as written, before its line breaks are made spaces
            for name in names_in_cell(v if isinstance(v, str) else cell_text(v)) if v is not None else []:
                key = (j, name)
                if key not in named:
                    ex.people.append({**_person(name, org), **src(t, i)})
                    named[key] = len(ex.people) - 1
                ex.attendance.append({"person": named[key], "meeting": dict(meeting), **src(t, i)})


READER = Reader("transposed_grid", claim, transposed_rows, as_kind)
