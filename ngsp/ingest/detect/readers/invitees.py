"""Meetings over their invitees (a Smartsheet of meetings, or an outline kept by hand): a parent row per meeting
(its name, its date), the people invited beneath it, and a checkbox (or any mark) saying who came.

Only a checked invitee is attendance. An invitee left unchecked is still one of the partnership's people (as a
person with no mark in a grid is), never attendance. Each meeting row is a meeting, with or without anyone
checked. Depth comes from `hierarchy` (grouped rows, indented cells, leading spaces); where the sheet keeps
none (a CSV export), a meeting row is told by its shape: its first cell is no person's name, it carries a date,
and its checkbox is empty.
"""

from __future__ import annotations

from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date, to_date
from ngsp.ingest.detect import hierarchy
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import _person_cells
from ngsp.ingest.detect.seen import PEOPLE_FIELDS, Seen
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.names import name_kind
from ngsp.ingest.rows import Extracted, data_rows, extra, get, reject, src, txt

MIN_INVITEES = 2  # people under meeting rows before a sheet is read so


def _meeting_of(t: Table, row: list[object], col: int, dayfirst: bool) -> tuple[object, str]:
    """(date, name) of a meeting row: the date from its date column or its text, the name from its text."""
    text = cell_text(row[col]) if col < len(row) else ""
    d = to_date(get(t, row, "meeting_date"), dayfirst)
    found, rest = find_date(text, dayfirst)
    if d is None:
        d = found
    if found is not None:
        text = rest.strip(" -–—:|,")
    return d, text or txt(t, row, "meeting_type")


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _shape(seen: Seen) -> tuple[Table, set[int], str] | None:
    """The sheet as meetings over invitees: (table, meeting rows, how the rows are nested), or None."""
    t = seen.table("meeting_invitees", "", PEOPLE_FIELDS)
    fields = set(t.columns.values())
    if "attended" not in fields:
        return None
    rows, start = seen.rows, seen.hr + 1
    t.col_of = {fld: j for j, fld in sorted(t.columns.items(), reverse=True)}  # as extraction will set it
    text_cols = [
        j
        for j in sorted({*t.columns, *filled(rows[seen.hr])})
        if t.columns.get(j) not in ("attended", "email")
    ]
    person_col = next((j for j, f in t.columns.items() if f == "person"), None)
    order = ([person_col] if person_col is not None else []) + [j for j in text_cols if j != person_col]
    col, depth, how = hierarchy.find(seen.sheet, rows, start, order)
    mark = next(j for j, f in t.columns.items() if f == "attended")
    if depth:
        above = hierarchy.parents(depth)
        ordered = sorted(depth)
        nxt = dict(zip(ordered, ordered[1:], strict=False))
        heads = {p for p in above if nxt.get(p) is not None and nxt[p] not in above}
        groups = above - heads  # parents of meeting rows ("2024 meetings"): headings
    else:
        if not order:
            return None
        col, how = order[0], "meeting rows between the people"
        heads, groups = set(), set()
        for i in range(start, len(rows)):
            row = rows[i]
            v = row[col] if col < len(row) else None
            if not isinstance(v, str) or not v.strip() or not _blank(row[mark] if mark < len(row) else None):
                continue
            if name_kind(v) != "person" and _meeting_of(t, row, col, seen.dayfirst)[0] is not None:
                heads.add(i)
    if not heads:
        return None
    dated = sum(
        _meeting_of(t, rows[i], col, seen.dayfirst)[0] is not None
        or vocab.meeting_type_of(cell_text(rows[i][col])) is not None
        for i in heads
    )
    under = [i for i in range(min(heads) + 1, len(rows)) if i not in heads and filled(rows[i])]
    named = [cell_text(rows[i][col]) for i in under if col < len(rows[i]) and isinstance(rows[i][col], str)]
    people = sum(name_kind(v.strip()) == "person" for v in named)
    if dated < len(heads) / 2 or len(under) < MIN_INVITEES or people < max(MIN_INVITEES, len(named) / 2):
        return None
    # The column that shows the nesting names the invitees (whatever its header says), unless another column
    # already holds their names.
    if person_col is None or person_col == col:
        t.columns = {j: f for j, f in t.columns.items() if f not in ("person", "first_name", "last_name")}
        t.columns[col] = "person"
        t.headers[col] = cell_text(rows[seen.hr][col]) if col < len(rows[seen.hr]) else ""
        t.how[col] = "the names under each meeting row"
        t.col_of = {fld: j for j, fld in sorted(t.columns.items(), reverse=True)}
    t.context = {
        **t.context,
        "heads": frozenset(heads),
        "groups": frozenset(groups),
        "primary": col,
        "marks": seen.legend,  # what a legend on the sheet says its marks mean
    }
    t.why = f"meetings with their invitees beneath them ({how}); attendance from '{t.headers.get(mark, '')}'"
    return t, heads, how


def claim(seen: Seen) -> Table | None:
    got = _shape(seen)
    return got[0] if got else None


def _as_kind(seen: Seen) -> Table:
    got = _shape(seen)
    return (
        got[0]
        if got
        else seen.people_as("meeting_invitees", SAID, context={"heads": frozenset(), "primary": 0})
    )


def invitee_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns)
    heads = t.context.get("heads", frozenset())
    col = int(t.context.get("primary", 0))  # type: ignore[arg-type]
    meeting: dict | None = None
    groups = t.context.get("groups", frozenset())
    legend = t.context.get("marks") or {}
    for i, row, _cols in data_rows(t, rows, start, ex):
        if i in groups:
            ex.ledger.append((f, s, i + 1, "section", "a heading over meetings"))
            continue
        if i in heads:
            d, label = _meeting_of(t, row, col, dayfirst)
            if d is None:
                meeting = None
                reject(ex, t, i, row, "a meeting row with no date that can be read")
                continue
            location = txt(t, row, "location")
            meeting = {
                "date": d,
                "label": label,
                "alt_label": "",
                "team": txt(t, row, "team"),
                "location": location,
            }
            ex.meetings.append(
                {
                    "date": d,
                    "label": label,
                    "team": meeting["team"],
                    "location": location,
                    "summary_sent": None,
                    "extra": extra(t, row, used),
                    **src(t, i),
                }
            )
            ex.ledger.append((f, s, i + 1, "data", "meeting"))
            continue
        cells = _person_cells(t, row, used)
        cells["name"] = cells["name"].strip()
        if not (cells["name"] or cells["email"]):
            if meeting is None and len(_cols) == 1:
                ex.ledger.append((f, s, i + 1, "section", "a heading over meetings"))
            else:
                reject(ex, t, i, row, "an invitee row with no person's name")
            continue
        where = src(t, i)
        ex.people.append({**cells, **where})
        came = _came(get(t, row, "attended"), legend)
        if came and meeting is not None:
            ex.attendance.append({"person": len(ex.people) - 1, "meeting": dict(meeting), **where})
            ex.ledger.append((f, s, i + 1, "data", "person"))
        elif came:
            ex.ledger.append(
                (f, s, i + 1, "data", "person (checked, but under no dated meeting: no attendance)")
            )
        else:
            ex.ledger.append(
                (f, s, i + 1, "data", "person (invited, not checked as attended: no attendance)")
            )


def _came(v: object, legend: dict) -> bool | None:
    """Whether an invitee's mark says they came: the sheet's legend first, then ngsp's own reading of marks."""
    if legend and isinstance(v, str) and v.strip().lower() in legend:
        return legend[v.strip().lower()]
    return vocab.mark_present(v)


READER = Reader("meeting_invitees", claim, invitee_rows, _as_kind)
