"""An action plan kept as an outline (a Smartsheet project): priorities are parent rows with rolled-up dates and
status, their tasks the rows beneath (ngsp.ingest.detect.readers.plan_outline)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_read_outline import outlined

from ngsp.figures.summary import summary
from ngsp.ingest.pipeline import load_files

D = dt.date
AS_OF = D(2024, 7, 1)
HEADER = ["Task Name", "Assigned To", "Start Date", "End Date", "Status", "% Complete"]
PLAN = [
    HEADER,
    ["Talent Pipeline", None, D(2024, 1, 15), D(2024, 9, 30), "In Progress", 0.5],
    ["Recruit employers for job shadows", "Maria Lopez", D(2024, 1, 15), D(2024, 6, 30), "In Progress", 0.5],
    ["Publish a shadow-day calendar", "Sam Ortiz", D(2024, 2, 1), D(2024, 3, 31), "Complete", 1],
    ["Transportation", None, D(2024, 2, 1), D(2024, 12, 31), "Not Started", 0],
    ["Map bus routes to the industrial park", "Sam Ortiz", D(2024, 2, 1), D(2024, 5, 1), "On Hold", 0],
    ["Pilot a shuttle", None, D(2024, 6, 1), D(2024, 12, 31), "Not Started", 0],
]
CHILDREN = {2: 1, 3: 1, 5: 1, 6: 1}


def _csv(rows) -> bytes:
    lines = []
    for r in rows:
        lines.append(
            ",".join("" if v is None else (v.isoformat() if isinstance(v, D) else str(v)) for v in r)
        )
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("how", ["grouped rows", "indented cells", "leading spaces"])
def test_parents_are_priorities_and_their_children_the_items(how: str) -> None:
    if how == "grouped rows":
        files = [("plan.xlsx", outlined(PLAN, outline=CHILDREN))]
    elif how == "indented cells":
        files = [("plan.xlsx", outlined(PLAN, indent=CHILDREN))]
    else:
        spaced = [[("   " + r[0]) if i in CHILDREN else r[0], *r[1:]] for i, r in enumerate(PLAN)]
        files = [("plan.csv", _csv(spaced))]
    t = load_files(files)
    s = summary(t, AS_OF)
    assert s["action_items"]["total"] == 4  # the two parent rows are not items
    assert s["priorities"] == {
        "Talent Pipeline": {"items": 2, "done": 1},
        "Transportation": {"items": 2, "done": 0},
    }
    assert s["action_items"]["overdue"] == 2  # the recruiting task (June 30) and the routes (May 1)
    assert (
        sorted(t.action_items["description"])[0] == "Map bus routes to the industrial park"
    )  # no spaces kept
    led = t.quality.ledger
    sections = led[led["role"] == "section"]
    assert list(sections["source_row"]) == [2, 5]
    assert "roll up" in sections["detail"].iloc[0]
    assert s["warnings"] == []
    assert t.quality.sheets["taken_as"].iloc[0] == "plan outline"


def test_a_project_row_over_everything_is_the_title_and_a_middle_level_goes_with_the_task() -> None:
    rows = [
        HEADER,
        ["Partnership Plan 2024", None, D(2024, 1, 1), D(2024, 12, 31), "In Progress", 0.4],
        ["Talent Pipeline", None, D(2024, 1, 15), D(2024, 9, 30), "In Progress", 0.5],
        ["Work-based learning", None, D(2024, 1, 15), D(2024, 6, 30), "In Progress", 0.5],
        [
            "Recruit employers for job shadows",
            "Maria Lopez",
            D(2024, 1, 15),
            D(2024, 6, 30),
            "In Progress",
            0.5,
        ],
        ["Publish a shadow-day calendar", "Sam Ortiz", D(2024, 2, 1), D(2024, 3, 31), "Complete", 1],
        ["Transportation", None, D(2024, 2, 1), D(2024, 12, 31), "Not Started", 0],
        ["Pilot a shuttle", None, D(2024, 6, 1), D(2024, 12, 31), "Not Started", 0],
    ]
    t = load_files([("plan.xlsx", outlined(rows, outline={2: 1, 3: 2, 4: 3, 5: 3, 6: 1, 7: 2}))])
    s = summary(t, AS_OF)
    assert s["priorities"] == {
        "Talent Pipeline": {"items": 2, "done": 1},
        "Transportation": {"items": 1, "done": 0},
    }
    notes = dict(zip(t.action_items["description"], t.action_items["notes"], strict=True))
    assert notes["Recruit employers for job shadows"] == "Work-based learning"
    assert notes["Pilot a shuttle"] == ""
    roles = dict(zip(t.quality.ledger["source_row"], t.quality.ledger["role"], strict=True))
    assert roles[2] == "title" and roles[3] == roles[4] == roles[7] == "section"


def test_one_priority_over_all_its_tasks_stays_a_priority() -> None:
    rows = PLAN[:4]
    t = load_files([("plan.xlsx", outlined(rows, outline={2: 1, 3: 1}))])
    assert summary(t, AS_OF)["priorities"] == {"Talent Pipeline": {"items": 2, "done": 1}}


def test_a_flat_plan_is_left_to_the_plain_plan_reader() -> None:
    t = load_files([("plan.xlsx", outlined(PLAN))])
    assert t.quality.sheets["taken_as"].iloc[0] == "action plan"
    assert len(t.action_items) == 6  # no hierarchy shown: every row is an item, as before


def test_a_task_row_with_no_name_under_a_priority_is_rejected() -> None:
    rows = [*PLAN[:3], [None, "Ana Kim", D(2024, 1, 1), D(2024, 2, 1), "Done", 1]]
    t = load_files([("plan.xlsx", outlined(rows, outline={2: 1, 3: 1}))])
    assert list(t.quality.rejected["source_row"]) == [4]
    assert len(t.action_items) == 1
