"""A CRM's campaign-member or event-registration report (Salesforce campaign members, HubSpot or Dynamics event
registrations): one row per person with where they stand with the event (Invited, Sent, Registered, Responded,
No Show, Attended, Checked in ...).

Only a status that says the person came makes attendance (`vocab.member_came`). The others are kept on the
data-quality report as what they are (a row set aside with its status), and are not counted as people: a
campaign list is a mailing list, and the partnership's people are those on a roster or at a meeting. The
status column is found by its values whatever its header, and a yes/no column beside it ("Responded") is never
taken for attendance unless its header says so. The meeting is the campaign's or event's name (a column of a
few repeated values) and its date (a date column that holds one date per campaign), else the report's title
lines, the sheet's name or the file's name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date, to_date
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import _person_cells
from ngsp.ingest.detect.seen import PEOPLE_FIELDS, Seen
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.detect.values import PROFILE_ROWS, SOME
from ngsp.ingest.rows import Extracted, data_rows, reject, src

MIN_MEMBERS = 2  # rows with a member status before a sheet is read as a campaign report
FIELDS = PEOPLE_FIELDS - {"attended", "meeting_date", "meeting_type", "team", "priority"}


def _texts(rows, start: int, j: int) -> list[str]:
    out = []
    for r in rows[start : start + PROFILE_ROWS]:
        v = r[j] if j < len(r) else None
        if isinstance(v, str) and v.strip():
            out.append(" ".join(v.split()))
    return out


def _partner_types(rows, start: int, j: int) -> bool:
    vals = _texts(rows, start, j)
    return bool(vals) and sum(vocab.org_type_word(v) is not None for v in vals) >= SOME * len(vals)


def _status_column(seen: Seen) -> int | None:
    """The column whose values are member statuses, most of them words no action plan uses (Registered,
    No Show, Attended), at least one of them saying someone came."""
    rows, start = seen.rows, seen.hr + 1
    best = None
    for j in filled(rows[seen.hr]):
        vals = _texts(rows, start, j)
        said = [v for v in vals if vocab.member_came(v) is not None]
        if len(said) < MIN_MEMBERS or len(said) < SOME * len(vals):
            continue
        own = [v for v in said if vocab.status_of(v) is None]
        if len(own) < len(said) / 2 or not any(vocab.member_came(v) for v in said):
            continue
        if best is None or len(said) > best[0]:
            best = (len(said), j)
    return best[1] if best else None


def _meetingish(vals: list[str], dayfirst: bool) -> float:
    """The share of distinct values that name a meeting (a kind of meeting, or a date)."""
    distinct = set(vals)
    hits = sum(bool(vocab.meeting_type_of(v) or find_date(v, dayfirst)[0]) for v in distinct)
    return hits / len(distinct) if distinct else 0.0


def _member_rows(seen: Seen, status: int) -> list[list[object]]:
    """The rows under the header that carry a member status (not subtotals, footers or blank lines)."""
    rows, start = seen.rows, seen.hr + 1
    return [r for r in rows[start : start + PROFILE_ROWS] if status < len(r) and isinstance(r[status], str)]


def _member_texts(body: list[list[object]], j: int) -> list[str]:
    return [" ".join(r[j].split()) for r in body if j < len(r) and isinstance(r[j], str) and r[j].strip()]


def _carried(body: list[list[object]], j: int) -> list[object]:
    """Column j on each member's row, a value written once over its members (a report grouped by campaign)
    holding for the rows below it."""
    out, last = [], None
    for r in body:
        v = r[j] if j < len(r) else None
        if v is not None and (not isinstance(v, str) or v.strip()):
            last = v
        out.append(last)
    return out


def _event_columns(seen: Seen, used: set[int], status: int) -> tuple[int | None, int | None]:
    """(the campaign's name column, its date column): a text column of a few repeated values that name
    meetings (or hold one value throughout), and a date column holding one date for each campaign. A report
    grouped by campaign writes both on each campaign's first row only: they hold for the rows below."""
    rows, dayfirst = seen.rows, seen.dayfirst
    body = _member_rows(seen, status)
    name_col = None
    for j in filled(rows[seen.hr]):
        if j in used or j == status:
            continue
        vals = [cell_text(v) for v in _carried(body, j) if isinstance(v, str)]
        if len(vals) < max(MIN_MEMBERS, SOME * len(body)):
            continue
        distinct = set(vals)
        if _meetingish(vals, dayfirst) >= 0.5 and len(distinct) <= max(1, len(vals) // 2):
            name_col = j
            break
    names = _carried(body, name_col) if name_col is not None else [None] * len(body)
    date_col = None
    for j in filled(rows[seen.hr]):
        if j in used or j in (status, name_col):
            continue
        pairs = [(cell_text(k), to_date(v, dayfirst)) for k, v in zip(names, _carried(body, j), strict=True)]
        pairs = [(k, d) for k, d in pairs if d is not None]
        if len(pairs) < max(MIN_MEMBERS, SOME * len(body)):
            continue
        per: dict[str, set] = defaultdict(set)
        for k, d in pairs:
            per[k].add(d)
        if all(len(ds) == 1 for ds in per.values()) and len(pairs) >= 2 * len(per):
            date_col = j  # one date per campaign, repeated on its rows: the event's date, not a response date
            break
    return name_col, date_col


def _context(seen: Seen) -> tuple[object, str]:
    """(date, name) of the event when no column gives them: title lines, then the sheet's name, then the file's."""
    ctx = seen.ctx
    d = ctx.get("date")
    label = str(ctx.get("label") or ctx.get("title_label") or "")
    for text in (seen.sheet.name, Path(seen.sheet.file).stem.replace("_", " ")):
        found, rest = find_date(text, seen.dayfirst)
        if d is None and found is not None:
            d = found
            label = label or rest.strip(" -–—_")
        if not label and vocab.meeting_type_of(text):
            label = text
    return d, label


def _shape(seen: Seen) -> Table | None:
    if not seen.has_person:
        return None
    status = _status_column(seen)
    if status is None:
        return None
    t = seen.table("campaign_members", "", FIELDS)
    members = _member_rows(seen, status)
    # A CRM's "Member Type" (Contact / Lead) is no partner type: an org_type column must hold partner-type words.
    # A "Campaign Name" naming meetings is the event, not the member, whatever its header's word "name" says.
    t.columns = {
        j: f
        for j, f in t.columns.items()
        if j != status
        and (f != "org_type" or _partner_types(seen.rows, seen.hr + 1, j))
        and not (f == "person" and _meetingish(_member_texts(members, j), seen.dayfirst) >= SOME)
    }
    name_col, date_col = _event_columns(seen, set(t.columns), status)
    t.headers[status] = cell_text(seen.rows[seen.hr][status])
    d, label = _context(seen)
    t.context = {
        **t.context,
        "status": status,
        "name_col": name_col,
        "date_col": date_col,
        "date": d,
        "label": label,
    }
    where = []
    if name_col is not None:
        where.append(f"the event from '{cell_text(seen.rows[seen.hr][name_col])}'")
    if date_col is not None:
        where.append(f"its date from '{cell_text(seen.rows[seen.hr][date_col])}'")
    t.why = (
        f"a campaign or event report: attendance only where '{t.headers[status]}' says the person came"
        + (f" ({', '.join(where)})" if where else "")
    )
    return t


def claim(seen: Seen) -> Table | None:
    return _shape(seen)


def _as_kind(seen: Seen) -> Table:
    return _shape(seen) or seen.people_as("campaign_members", SAID)


def member_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    ctx = t.context
    status, name_col, date_col = ctx.get("status"), ctx.get("name_col"), ctx.get("date_col")
    used = set(t.columns) | {j for j in (status, name_col, date_col) if isinstance(j, int)}
    said: Counter = Counter()
    last_label, last_date = "", None  # a report grouped by campaign names it on its first member's row
    for i, row, cols in data_rows(t, rows, start, ex):
        if len(cols) == 1 and (status is None or cols[0] != status):
            ex.ledger.append((f, s, i + 1, "note", ""))  # "Grand Totals (40 records)", "Confidential ..."
            continue
        label = cell_text(row[name_col]) if isinstance(name_col, int) and name_col < len(row) else ""
        d = to_date(row[date_col], dayfirst) if isinstance(date_col, int) and date_col < len(row) else None
        if label or d is not None:
            last_label, last_date = label, d
        else:
            label, d = last_label, last_date
        word = cell_text(row[status]) if isinstance(status, int) and status < len(row) else ""
        came = vocab.member_came(word) if word else None
        cells = _person_cells(t, row, used)
        if not (cells["name"] or cells["email"]):
            reject(ex, t, i, row, "a member row with no person's name")
            continue
        if not came:
            said[word or "no status"] += 1
            what = f"status '{word}'" if word else "no status"
            ex.ledger.append(
                (f, s, i + 1, "set_aside", f"a campaign member who did not attend ({what}): not attendance")
            )
            continue
        if d is None and label:
            d, rest = find_date(label, dayfirst)
            label = rest.strip(" -–—:|,") if d is not None else label
        label = label or str(ctx.get("label") or "")
        d = d or ctx.get("date")
        if d is None:
            reject(ex, t, i, row, "an attendance row whose meeting has no date that can be read")
            continue
        where = src(t, i)
        ex.people.append({**cells, **where})
        ex.attendance.append(
            {
                "person": len(ex.people) - 1,
                "meeting": {"date": d, "label": label, "alt_label": s, "team": "", "location": ""},
                **where,
            }
        )
        ex.ledger.append((f, s, i + 1, "data", "person"))


READER = Reader("campaign_members", claim, member_rows, _as_kind)
