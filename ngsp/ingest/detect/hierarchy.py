"""Rows under rows: the hierarchy a sheet shows (a meeting over its invitees, a priority over its tasks).

Smartsheet and other outliners export a parent row followed by its children. Their export to Excel keeps the
hierarchy as grouped rows (an outline level per row); people who build the same by hand indent the child's
cell, or type spaces before its text. The depth of each row is read from the first of these the sheet shows,
so a reader can tell parents (rows followed by deeper rows) from the rows under them.
"""

from __future__ import annotations

from ngsp.ingest.detect.table import filled
from ngsp.ingest.read import RawSheet

_SPACES = " \u00a0\u2007\u202f\t"  # what people type, or paste, to push a cell's text in


def _ranked(depth: dict[int, int]) -> dict[int, int]:
    """Depths renumbered 0, 1, 2 ... in order (indents of 2 and 4 are levels 1 and 2 below 0)."""
    order = {d: k for k, d in enumerate(sorted(set(depth.values())))}
    return {i: order[d] for i, d in depth.items()}


def levels(sheet: RawSheet, rows: list[list[object]], start: int, col: int) -> tuple[dict[int, int], str]:
    """(0-based row -> depth, 0 at the top; how the sheet shows it) for the non-blank rows from `start` down:
    grouped rows, else indented cells of column `col`, else leading spaces in column `col`'s text.
    ({}, "") when the sheet shows no hierarchy (every row at one depth)."""
    body = [i for i in range(start, len(rows)) if filled(rows[i])]
    if not body:
        return {}, ""
    ways = (
        ("rows grouped under their parent rows", {i: sheet.outline.get(i, 0) for i in body}),
        ("indented cells", {i: sheet.indent.get((i, col), 0) for i in body}),
        ("text pushed in with spaces", _space_levels({i: _lead(rows[i], col) for i in body})),
    )
    for how, depth in ways:
        if len(set(depth.values())) > 1:
            return _ranked(depth), how
    return {}, ""


STEP_MIN_ROWS = 2  # rows pushed in by the same number of spaces before that number is an indent step
STEP_MIN_SHARE = 0.05


def _space_levels(lead: dict[int, int]) -> dict[int, int]:
    """Leading spaces as levels of the sheet's own indent step (the smallest push-in many rows share): a stray
    space more or less ("     Robert Miller " among rows pushed in by four) is no level of its own."""
    pushed = [n for n in lead.values() if n]
    if not pushed:
        return lead
    counts = {n: pushed.count(n) for n in set(pushed)}
    common = [n for n, c in counts.items() if c >= max(STEP_MIN_ROWS, STEP_MIN_SHARE * len(pushed))]
    step = min(common) if common else min(pushed)
    return {i: (n + step // 2) // step for i, n in lead.items()}


def _lead(row: list[object], col: int) -> int:
    v = row[col] if col < len(row) else None
    if not isinstance(v, str) or not v.strip():
        return 0
    return len(v) - len(v.lstrip(_SPACES))


def parents(depth: dict[int, int]) -> set[int]:
    """The rows followed by a deeper row (each is the parent of the rows under it)."""
    order = sorted(depth)
    return {i for i, j in zip(order, order[1:], strict=False) if depth[j] > depth[i]}


def one_root(depth: dict[int, int]) -> int | None:
    """The one top row that holds every other row under it, two levels deep or more (a project's own name over
    its parts and their rows), or None. Over rows one level deep it is a parent like any other."""
    order = sorted(depth)
    tops = [i for i in order if depth[i] == 0]
    if len(tops) == 1 and tops[0] == order[0] and max(depth.values()) >= 2:
        return tops[0]
    return None


def find(
    sheet: RawSheet, rows: list[list[object]], start: int, cols: list[int]
) -> tuple[int, dict[int, int], str]:
    """(the column that shows the hierarchy, depth per row, how) trying `cols` in order; (-1, {}, "") when none
    does. Grouped rows hold for every column: the first of `cols` is then taken."""
    for j in cols:
        depth, how = levels(sheet, rows, start, j)
        if depth:
            return j, depth, how
    return -1, {}, ""
