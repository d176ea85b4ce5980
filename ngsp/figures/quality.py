"""The data-quality report as tables for people: how each sheet and column was read, what was merged, and
which rows were set aside."""

from __future__ import annotations

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.figures.registry import figure

QUALITY_HEADERS = {
    "source_file": "File",
    "source_sheet": "Sheet",
    "source_row": "Row",
    "taken_as": "Read as",
    "why": "Why",
    "header_row": "Header row",
    "data_rows": "Data rows",
    "structure_rows": "Layout rows (titles, totals, notes)",
    "rejected_rows": "Rows set aside",
    "column": "Column",
    "header": "Header in the file",
    "field": "Taken as",
    "how": "How",
    "kind": "Kind",
    "canonical": "Shown as",
    "spelling": "Spelling in the file",
    "reason": "Reason",
    "content": "What the row held",
}


QUALITY_EMPTY = {
    "How each sheet was read": "No sheets were read.",
    "Column mapping": "No columns needed mapping.",
    "Organisations and people merged": "No names needed merging: every organisation and person was spelled one way.",
    "Rows set aside": "Every row that looked like data was used.",
}


@figure(
    "Data quality",
    "How each sheet and column was read, which spellings were merged, and which rows were set aside",
    kind="mapping",
)
def quality_tables(t: Tracker) -> dict[str, pd.DataFrame]:
    """The data-quality report as four frames, with column names for people."""
    q = t.quality
    tables = {
        "How each sheet was read": q.sheets,
        "Column mapping": q.columns,
        "Organisations and people merged": q.merges,
        "Rows set aside": q.rejected,
    }
    return {name: df.rename(columns=QUALITY_HEADERS) for name, df in tables.items()}


@figure(
    "Rows set aside",
    "Rows that look like data but miss a required field; each is listed in the data-quality report",
    kind="count",
)
def rejected_rows(t: Tracker) -> int:
    """Rows set aside with a reason (an attendance row with no person, an action item with no description)."""
    return int(len(t.quality.rejected))


@figure(
    "Readings to check",
    "Signs that the tracker may have been read wrongly, in plain words naming the file, sheet and column",
    kind="list",
)
def reading_warnings(t: Tracker) -> list[str]:
    """The reader's doubts about the tracker (empty when nothing looks wrong)."""
    return list(t.quality.warnings)
