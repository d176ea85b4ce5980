"""The canonical tracker: six tables and the data-quality report, as one immutable value."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ngsp.core import schema
from ngsp.core.corrections import Corrections


def empty(columns: list[str] | dict) -> pd.DataFrame:
    """An empty frame with the given columns (a pandera schema's or a list)."""
    cols = list(columns.columns) if hasattr(columns, "columns") else list(columns)
    return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})


@dataclass(frozen=True)
class Quality:
    """What the reader made of each sheet and column, which spellings were merged, which rows were rejected."""

    sheets: pd.DataFrame = field(default_factory=lambda: empty(schema.SHEETS))
    columns: pd.DataFrame = field(default_factory=lambda: empty(schema.COLUMNS))
    merges: pd.DataFrame = field(default_factory=lambda: empty(schema.MERGES))
    rejected: pd.DataFrame = field(default_factory=lambda: empty(schema.REJECTED))
    notes: tuple[str, ...] = ()
    # Signs that the reading may be wrong, in plain words naming the file, sheet and column (ngsp.ingest.doubts).
    warnings: tuple[str, ...] = ()
    # Every non-blank input row and what it became: data, title, header, section, total, legend, note,
    # set_aside or rejected.
    corrections: pd.DataFrame = field(default_factory=lambda: empty(["correction", "what", "now"]))
    ledger: pd.DataFrame = field(
        default_factory=lambda: empty(["source_file", "source_sheet", "source_row", "role", "detail"])
    )
    # Attendance reports (Zoom, Teams, Meet, registrations, sign-in forms): one row per report, and one per attendee.
    reports: pd.DataFrame = field(default_factory=lambda: empty(schema.REPORTS))
    attendees: pd.DataFrame = field(default_factory=lambda: empty(schema.ATTENDEES))


@dataclass(frozen=True)
class Tracker:
    """One partnership's tracker, normalised. Tables follow ``ngsp.core.schema``."""

    organizations: pd.DataFrame
    people: pd.DataFrame
    meetings: pd.DataFrame
    attendance: pd.DataFrame
    action_items: pd.DataFrame
    funding: pd.DataFrame
    quality: Quality
    name: str = ""  # the partnership's name: as the convener gave it, else from a title line, else ""
    files: tuple[str, ...] = ()
    # Recognises the same tracker next time (sheet names without dates, and headers), whatever the file is called.
    structure_key: str = ""
    corrections: Corrections = field(default_factory=Corrections)

    @property
    def is_empty(self) -> bool:
        """No partner, person, meeting, attendance, action item or funding at all (a blank template)."""
        tables = (
            self.organizations,
            self.people,
            self.meetings,
            self.attendance,
            self.action_items,
            self.funding,
        )
        return all(len(df) == 0 for df in tables)
