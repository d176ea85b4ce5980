"""Which of several files are versions of one tracker, and which are parts that together make one.

A convener who uploads this week's tracker on top of last week's (the uploader keeps both), or connects a folder
holding both, means the newer one, not the two added together. A workbook per year or a CSV per table are
parts of one tracker and stay together. Two files are versions of one tracker when they have the same name, or
when each alone reads as the same tracker (the same structure key) and they share meetings (a meeting date in
both, or neither has a dated meeting): a yearly workbook has the same structure as the year before but none of
its meetings. Pure functions: the app reads each file alone (cached) and hands in what it found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ngsp.core.model import Tracker


@dataclass(frozen=True)
class FileFacts:
    """What one file read alone says about it: enough to tell a version from a part."""

    name: str
    structure_key: str = ""  # "" when the file alone is not a tracker (a part that needs the others)
    meeting_dates: frozenset[dt.date] = frozenset()

    @property
    def latest(self) -> dt.date | None:
        """The date of its latest dated meeting (None when it has none)."""
        return max(self.meeting_dates) if self.meeting_dates else None


def facts(name: str, tracker: Tracker | None) -> FileFacts:
    """The facts of one file from the tracker it reads as alone (None: it is no tracker on its own)."""
    if tracker is None:
        return FileFacts(name)
    dates = frozenset(d.date() for d in tracker.meetings["date"].dropna())
    return FileFacts(name, tracker.structure_key, dates)


def same_tracker(a: FileFacts, b: FileFacts) -> bool:
    """Whether two files are versions of one tracker (not parts of one): the same file name, or the same
    structure with meetings in common (or no dated meetings in either)."""
    if a.name.strip().casefold() == b.name.strip().casefold():
        return True
    if not a.structure_key or a.structure_key != b.structure_key:
        return False
    return bool(a.meeting_dates & b.meeting_dates) or not (a.meeting_dates or b.meeting_dates)


@dataclass(frozen=True)
class Replacement:
    """A file set aside because a newer version of the same tracker came with it."""

    older: str
    newer: str


def latest_versions(
    found: Sequence[FileFacts], keep_together: frozenset[frozenset[str]] = frozenset()
) -> tuple[list[int], list[Replacement]]:
    """Given files oldest first, the positions of those to read (newer versions replace older ones; parts stay)
    and what was replaced. ``keep_together`` holds pairs of names a convener said are one tracker (an undo)."""
    kept: list[int] = []
    replaced: list[Replacement] = []
    for i, f in enumerate(found):
        older = [
            j
            for j in kept
            if same_tracker(found[j], f) and frozenset((found[j].name, f.name)) not in keep_together
        ]
        kept = [j for j in kept if j not in older] + [i]
        replaced += [Replacement(found[j].name, f.name) for j in older]
    return sorted(kept), replaced


def oldest_first(found: Sequence[FileFacts]) -> list[int]:
    """Files in a folder have no upload order: their order by the latest meeting each holds, then by name."""
    return sorted(range(len(found)), key=lambda i: (found[i].latest or dt.date.min, found[i].name.casefold()))
