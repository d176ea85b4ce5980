"""Funding and in-kind contributions: one row per source."""

from __future__ import annotations

from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table
from ngsp.ingest.rows import Extracted, data_rows, extra, get, reject, src, txt

FIELDS = frozenset({"funder", "amount", "funding_kind", "funding_status", "period", "notes", "org"})


def claim(seen: Seen) -> Table | None:
    if "amount" not in seen.anyf or not (seen.anyf & {"funder", "funding_kind", "funding_status"}):
        return None
    t = seen.table("funding", "funding and in-kind contributions", FIELDS)
    if "org" in t.columns.values() and "funder" not in t.columns.values():
        t.columns = {j: ("funder" if f == "org" else f) for j, f in t.columns.items()}
    if "amount" not in t.columns.values():
        return None
    if "budget" in seen.sname or "expense" in seen.sname:
        return Table(seen.sheet, "set_aside", f"the sheet's name ({seen.sheet.name!r}) says it is a budget")
    return t


def funding_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns)
    for i, row, _cols in data_rows(t, rows, start, ex):
        funder = txt(t, row, "funder")
        amount = get(t, row, "amount")
        if not funder and amount is None:
            ex.ledger.append((f, s, i + 1, "note", ""))
            continue
        if not funder:
            reject(ex, t, i, row, "a funding row with no source")
            continue
        ex.funding.append(
            {
                "funder": funder,
                "kind_text": txt(t, row, "funding_kind"),
                "amount_raw": amount,
                "status_text": txt(t, row, "funding_status"),
                "period": txt(t, row, "period"),
                "notes": txt(t, row, "notes"),
                "extra": extra(t, row, used),
                **src(t, i),
            }
        )
        ex.ledger.append((f, s, i + 1, "data", "funding"))


READER = Reader("funding", claim, funding_rows, lambda seen: seen.table("funding", SAID, FIELDS))
