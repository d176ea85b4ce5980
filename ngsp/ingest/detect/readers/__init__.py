"""The readers detection tries, in order: the first that claims a sheet reads it. One module per layout."""

from __future__ import annotations

from ngsp.ingest.detect.readers import blocks, funding, grid, log, meetings, plan, roster, signin, transposed
from ngsp.ingest.detect.readers.base import Reader

# Order matters: a grid's header also names people (so the grid comes before the people readers), a plan may
# name its owners (so it comes before them too), and a sign-in sheet or a log is a roster with a meeting;
# stacked sign-in blocks are sign-in sheets with title lines under their header, so they come before one;
# a transposed grid's header names its meeting columns, so it comes before a list of meetings.
READERS: tuple[Reader, ...] = (
    grid.READER,
    plan.READER,
    log.READER,
    blocks.READER,
    signin.READER,
    roster.READER,
    transposed.READER,
    meetings.READER,
    funding.READER,
)
BY_KIND: dict[str, Reader] = {r.kind: r for r in READERS}
