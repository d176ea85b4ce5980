"""One sheet -> its table(s): the registered readers are tried in order and the first that claims it reads it."""

from __future__ import annotations

from ngsp.ingest import vocab
from ngsp.ingest.detect.readers import BY_KIND, READERS, dashboard
from ngsp.ingest.detect.readers.base import SAID
from ngsp.ingest.detect.seen import Seen, nonblank_rows, see
from ngsp.ingest.detect.table import Table, filled
from ngsp.ingest.read import RawSheet

# A sheet whose name starts so holds instructions or lists, whatever its header says.
ASIDE_NAME_STARTS = ("instruction", "read me", "readme", "dropdown", "lookup", "list")


def claim_raw(sheet: RawSheet) -> Table | None:
    """The sheet's table when a reader that knows a sheet by its cells alone claims it (a meeting platform's or
    form's export), else None. Such a claim does not depend on the tracker's date order."""
    if not nonblank_rows(sheet):
        return None
    bare = Seen.bare(sheet, False)
    return next((t for r in READERS if r.raw and (t := r.claim(bare)) is not None), None)


def detect_sheet(
    sheet: RawSheet,
    dayfirst: bool = False,
    kind: str | None = None,
    columns: dict[str, str] | None = None,
    raw: bool = True,
) -> list[Table]:
    """What a sheet holds (one table per sheet; the action plan's repeated headers are one table).

    ``kind`` and ``columns`` ({header as written: field, "" to ignore the column}) are a user's corrections;
    ``raw``: try the readers that claim by cells alone (the caller already did when False).
    """
    if not nonblank_rows(sheet):
        return [Table(sheet, "set_aside", "the sheet is empty")]
    if kind == "set_aside":
        return [Table(sheet, "set_aside", "you said this sheet holds no partnership data")]
    if not kind and raw and (t := claim_raw(sheet)) is not None:
        return [t]
    seen = see(sheet, dayfirst, columns, forced=bool(kind))
    if seen is None:
        # A dashboard often has no header row at all: it is still said to be one.
        why = dashboard.WHY if dashboard.is_dashboard(sheet.rows) else _aside_reason(sheet.rows)
        return [Table(sheet, "set_aside", why)]
    if kind:
        reader = BY_KIND.get(kind)
        if reader is None:
            return [Table(sheet, "set_aside", f"{SAID} ({kind!r} is not a kind ngsp knows)")]
        return [reader.as_kind(seen)]
    sname = seen.sname
    if sname in vocab.SET_ASIDE_SHEET_WORDS or sname.startswith(ASIDE_NAME_STARTS):
        return [
            Table(
                sheet, "set_aside", f"the sheet's name ({sheet.name!r}) says it holds instructions or lists"
            )
        ]
    for reader in READERS:
        if reader.raw:
            continue
        t = reader.claim(seen)
        if t is not None:
            return [t]
    return [Table(sheet, "set_aside", _aside_reason(sheet.rows, seen.top))]


def _aside_reason(rows, top: set[str] | None = None) -> str:
    widths = [n for n in map(len, map(filled, rows)) if n]
    if max(widths) <= 1:
        return "one column of text (instructions or notes), no table"
    if top:
        return (
            "a table whose columns ("
            + ", ".join(sorted(top))
            + ") are not partners, meetings, attendance, action items or funding"
        )
    return "no header row that names partners, meetings, attendance, action items or funding"
