"""A list of meetings: one row per meeting, with its date and type."""

from __future__ import annotations

from ngsp.ingest.dates import to_date
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, cell_text
from ngsp.ingest.rows import Extracted, data_rows, extra, get, reject, src, txt

FIELDS = frozenset({"meeting_date", "meeting_type", "team", "location", "summary_sent", "notes"})


def claim(seen: Seen) -> Table | None:
    if "meeting_date" not in seen.anyf or "amount" in seen.anyf:
        return None
    t = seen.table("meetings", "a list of meetings", FIELDS)
    return t if "meeting_date" in t.columns.values() else None


def meeting_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns)
    for i, row, cols in data_rows(t, rows, start, ex):
        raw_date = get(t, row, "meeting_date")
        d = to_date(raw_date, dayfirst)
        label = txt(t, row, "meeting_type")
        if d is None:
            if len(cols) == 1:
                ex.ledger.append((f, s, i + 1, "note", ""))
            else:
                reject(
                    ex,
                    t,
                    i,
                    row,
                    "a meeting row with no date that can be read"
                    + (f" ({cell_text(raw_date)!r})" if raw_date is not None else ""),
                )
            continue
        ex.meetings.append(
            {
                "date": d,
                "label": label,
                "team": txt(t, row, "team"),
                "location": txt(t, row, "location"),
                "summary_sent": to_date(get(t, row, "summary_sent"), dayfirst),
                "extra": extra(t, row, used),
                **src(t, i),
            }
        )
        ex.ledger.append((f, s, i + 1, "data", "meeting"))


READER = Reader("meetings", claim, meeting_rows, lambda seen: seen.table("meetings", SAID, FIELDS))
