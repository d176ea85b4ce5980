"""What a reader is: how it recognises its layout in a sheet, and how it reads the rows of a table so laid out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table
from ngsp.ingest.rows import Extracted

SAID = "you said what this sheet is"  # why a table is of the kind a convener gave it

Rows = Callable[[Table, list, int, Extracted, bool], None]  # (table, rows, first data row, records, dayfirst)


@dataclass(frozen=True)
class Reader:
    """One layout: ``claim`` returns the sheet's table when the sheet is laid out so (else None), ``as_kind`` reads
    the sheet so when a convener said it is, ``rows`` turns the table's rows into records and ledger entries."""

    kind: str  # as a convener's correction names it (ngsp.core.corrections.SHEET_KINDS)
    claim: Callable[[Seen], Table | None]
    rows: Rows
    as_kind: Callable[[Seen], Table]
    # Claims a sheet from its cells alone, before a tracker's header is looked for (a platform's report, whose
    # header words are no tracker's); its claim gets a Seen with no header (``Seen.bare``).
    raw: bool = False
