"""One action item record, as every reader of action items writes it (see normalise._items for its use)."""

from __future__ import annotations

from ngsp.ingest.detect.table import Table
from ngsp.ingest.rows import extra, get, src, txt


def item_record(
    t: Table,
    row: list[object],
    i: int,
    used: set[int],
    priority: str,
    *,
    description: str = "",
    status_text: str | None = None,
    context: str = "",
) -> dict:
    """Row i as an action item under `priority`. `description` and `status_text` replace the row's own cells
    (a task named in another column, a status a completion date gives); `context` (the rows or strategy the
    item sits under) goes first in its notes."""
    notes = txt(t, row, "notes")
    return {
        "priority": priority,
        "description": description or txt(t, row, "description"),
        "owner": txt(t, row, "owner"),
        "due_raw": get(t, row, "due"),
        "status_text": txt(t, row, "status") if status_text is None else status_text,
        "percent_raw": get(t, row, "percent"),
        "notes": " — ".join(x for x in (context, notes) if x),
        "team": txt(t, row, "team"),
        "extra": extra(t, row, used),
        **src(t, i),
    }
