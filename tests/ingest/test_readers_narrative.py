"""Action plans kept as a narrative table: a goal and a strategy written once (or merged) over their tasks, one
row per task (read by the plan reader, or by the task reader where the task column's header is unfamiliar)."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import xlsx_bytes

from ngsp.figures.summary import summary
from ngsp.ingest.pipeline import load_files

D = dt.date
AS_OF = D(2025, 7, 1)


def _plan(task_header: str) -> list[list[object]]:
    return [
        ["Fox Valley Partnership — Strategic Action Plan"],
        [],
        ["Priority Goal", "Approach", task_header, "Captain", "Timeline", "Status", "How we'll know"],
        [
            "Talent Pipeline",
            "Strategy 1.1: Build shared training",
            "Launch a welding pilot",
            "Ana Lopez",
            D(2025, 3, 1),
            "Done",
            None,
        ],
        [
            None,
            None,
            "Draft a shared job description",
            "Bo Chan",
            D(2025, 9, 1),
            "In progress",
            "Seats filled",
        ],
        [
            None,
            "Strategy 1.2: Grow awareness",
            "Host a build day",
            "Cy Dee",
            D(2025, 5, 1),
            "Not started",
            "Students reached",
        ],
        [
            "Goal 2: Transportation",
            "Strategy 2.1: Remove barriers",
            "Map transit routes",
            "Bo Chan",
            D(2025, 4, 1),
            "In progress",
            None,
        ],
        [None, None, "Run a vanpool pilot", "Ana Lopez", D(2025, 10, 1), "Done", "Students reached"],
        [
            None,
            "Strategy 2.2: Keep the workers",
            "Survey riders",
            "Cy Dee",
            D(2025, 12, 1),
            "Not started",
            "Seats filled",
        ],
        [None, None, "Publish a shift calendar", "Ana Lopez", D(2026, 1, 1), "Not started", None],
    ]


EXPECTED = {"Talent Pipeline": {"items": 3, "done": 1}, "Transportation": {"items": 4, "done": 1}}


@pytest.mark.parametrize("task_header", ["Tasks", "Undertaking"])
@pytest.mark.parametrize("merged", [False, True])
def test_each_task_belongs_to_the_goal_written_once_above_it(task_header: str, merged: bool) -> None:
    # Merged, as a narrative plan is kept in Excel: the goal over its tasks, each strategy over its own.
    merges = {"Plan": ["A4:A6", "A7:A10", "B4:B5", "B7:B8", "B9:B10"]} if merged else None
    t = load_files([("plan.xlsx", xlsx_bytes({"Plan": _plan(task_header)}, merges))])
    s = summary(t, AS_OF)
    assert s["priorities"] == EXPECTED  # never the few repeated words of "How we'll know"
    assert s["action_items"]["total"] == 7 and s["action_items"]["overdue"] == 2
    assert s["rejected_rows"] == 0
