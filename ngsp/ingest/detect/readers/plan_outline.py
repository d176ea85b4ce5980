"""An action plan kept as an outline (a Smartsheet project, or rows indented by hand): each priority is a parent
row, its tasks are the rows under it. The parent carries its tasks' rolled-up dates and status, so it is the
priority (a section), never an action item itself; the tasks are the items.

Depth comes from `hierarchy.levels` (grouped rows, indented cells or leading spaces in the task column). The
rows at the top are the priorities; rows between a priority and its tasks (a strategy, a sub-project) go with
each task under them, into its notes; the rows with nothing under them are the action items. A single top row
over everything (the project's own name) is the plan's title, and the rows under it are the priorities.
"""

from __future__ import annotations

import dataclasses

from ngsp.ingest.detect import hierarchy
from ngsp.ingest.detect.readers import plan
from ngsp.ingest.detect.readers.base import Reader
from ngsp.ingest.detect.readers.items import item_record
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, cell_text
from ngsp.ingest.rows import Extracted, data_rows, reject, txt


def _outline(t: Table) -> tuple[dict[int, int], str]:
    j = next((j for j, f in t.columns.items() if f == "description"), None)
    if j is None:
        return {}, ""
    return hierarchy.levels(t.sheet, t.sheet.rows, t.header_row + 1, j)


def claim(seen: Seen) -> Table | None:
    """An action plan whose rows sit under parent rows."""
    t = plan.claim(seen)
    if t is None:
        return None
    depth, how = _outline(t)
    if not hierarchy.parents(depth):
        return None
    return dataclasses.replace(
        t, kind="plan_outline", why=f"action items under their priorities ({how}); {t.why}"
    )


def _as_kind(seen: Seen) -> Table:
    return dataclasses.replace(plan.READER.as_kind(seen), kind="plan_outline")


def outline_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns)
    depth, _how = _outline(t)
    above = hierarchy.parents(depth)
    root = hierarchy.one_root(depth)
    body = list(data_rows(t, rows, start, ex))
    path: list[tuple[int, str]] = []  # (depth, name) of the parent rows above the current row
    for i, row, _cols in body:
        d = depth.get(i, 0) - (1 if root is not None and i != root else 0)
        name = txt(t, row, "description") or " ".join(cell_text(row[j]) for j in _cols)
        while path and path[-1][0] >= d:
            path.pop()
        if i == root:
            ex.ledger.append((f, s, i + 1, "title", "the plan's name, over all its rows"))
            continue
        if i in above:
            path.append((d, plan._section_name(name)))
            what = "priority" if d <= 0 else f"a group of tasks under {path[0][1]}"
            ex.ledger.append(
                (f, s, i + 1, "section", f"{what}: {path[-1][1]} (its dates and status roll up its tasks)")
            )
            continue
        why = plan.no_task(txt(t, row, "description"))
        if why:
            reject(ex, t, i, row, why)
            continue
        top = path[0][1] if path and path[0][0] <= 0 else ""
        own = txt(t, row, "priority") or txt(t, row, "team")
        context = " › ".join(n for _d, n in path[1:] if n) if top else ""
        ex.items.append(item_record(t, row, i, used, top or own, context=context))
        ex.ledger.append((f, s, i + 1, "data", "action item"))


READER = Reader("plan_outline", claim, outline_rows, _as_kind)
