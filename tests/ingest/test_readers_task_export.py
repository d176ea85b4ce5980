"""Project tools' tasks exported as the action plan: Asana, Trello, Planner, Monday, Airtable
(ngsp.ingest.detect.readers.task_export). Columns are told by their values; an urgency is never the priority."""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes

from ngsp.figures.summary import summary
from ngsp.ingest import vocab
from ngsp.ingest.pipeline import load_files

D = dt.date
AS_OF = D(2024, 7, 1)
PRIORITIES = {"Talent Pipeline": {"items": 2, "done": 1}, "Transportation": {"items": 2, "done": 0}}


def _load(name: str, data: bytes | str):
    t = load_files([(name, data.encode() if isinstance(data, str) else data)])
    return t, summary(t, AS_OF)


ASANA = """Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,Assignee Email,Start Date,Due Date,Tags,Notes,Projects,Parent task,Priority
1205001,2024-01-10,2024-03-02,2024-03-02,Launch apprenticeship pilot with two employers,Talent Pipeline,Maria Lopez,maria@acme.com,2024-01-15,2024-03-01,,Kickoff done,Partnership Plan,,High
1205002,2024-01-10,,2024-05-02,Map transit routes to industrial park,Transportation,Sam Ortiz,sam@rtd.gov,,2024-06-30,,,Partnership Plan,,Medium
1205003,2024-01-11,,2024-05-02,Survey employers on shift times,Transportation,Ana Kim,ana@beta.com,,2024-09-15,,,Partnership Plan,,Low
1205004,2024-01-11,,2024-01-11,Draft shared job description for welders,Talent Pipeline,,,,2024-04-30,,,Partnership Plan,,
"""


def test_asana() -> None:
    t, s = _load("asana_export.csv", ASANA)
    assert s["priorities"] == PRIORITIES  # from Section/Column, never from the urgency in "Priority"
    assert s["action_items"]["done"] == 1  # the one with a Completed At date
    assert s["action_items"]["overdue"] == 2  # routes (June 30) and the job description (April 30)
    assert set(t.action_items["owner"]) == {"Maria Lopez", "Sam Ortiz", "Ana Kim", ""}
    assert t.action_items.set_index("description").loc[
        "Launch apprenticeship pilot with two employers", "notes"
    ] == ("Kickoff done")
    assert s["people"] == 0  # a task's assignee is an owner, not a partner
    sheet = t.quality.sheets.iloc[0]
    assert sheet["taken_as"] == "task list" and "'Priority' is urgency" in sheet["why"]
    assert s["warnings"] == []


TRELLO = """Card ID,Card Name,Card URL,Card Description,Labels,Members,Due Date,Due Complete,List ID,List Name,Board ID,Board Name,Archived
5f1a01,Launch apprenticeship pilot,https://trello.com/c/a1,,Talent (green),Maria Lopez,2024-03-01T17:00:00.000Z,true,5f0b01,Talent Pipeline,5e9c01,Partnership,false
5f1a02,Map transit routes,https://trello.com/c/a2,,,Sam Ortiz,2024-06-30T17:00:00.000Z,false,5f0b02,Transportation,5e9c01,Partnership,false
5f1a03,Survey employers on shift times,https://trello.com/c/a3,Ask HR leads,,Ana Kim,2024-09-15T17:00:00.000Z,false,5f0b02,Transportation,5e9c01,Partnership,false
5f1a04,Draft a shared job description,https://trello.com/c/a4,,,,2024-04-30T17:00:00.000Z,false,5f0b01,Talent Pipeline,5e9c01,Partnership,false
"""


def test_trello_lists_are_priorities_and_due_complete_is_done() -> None:
    t, s = _load("trello.csv", TRELLO)
    assert s["priorities"] == PRIORITIES  # List Name, not the List ID codes beside it
    assert s["action_items"]["overdue"] == 2


def test_a_trello_board_whose_lists_are_statuses() -> None:
    text = """Card Name,Labels,Members,Due Date,List Name
Launch apprenticeship pilot,Talent Pipeline (green),Maria Lopez,2024-03-01,Done
Map transit routes,Transportation (blue),Sam Ortiz,2024-06-30,Doing
Survey employers on shift times,Transportation (blue),Ana Kim,2024-09-15,To Do
Draft a shared job description,Talent Pipeline (green),Bo Chan,2024-04-30,To Do
"""
    t, s = _load("board.csv", text)
    assert s["priorities"] == PRIORITIES  # the labels, without their colour
    assert s["action_items"]["done"] == 1 and s["action_items"]["not_started"] == 2


def test_planner_with_its_plan_lines_above_the_header() -> None:
    header = ["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Assigned To", "Created By",
              "Created Date", "Start Date", "Due Date", "Is Recurring", "Late", "Completed Date", "Completed By",
              "Completed Checklist Items", "Checklist Items", "Labels", "Description"]  # fmt: skip
    rows = [
        ["Plan name", "Partnership Action Plan"],
        ["Plan ID", "xqJ1"],
        ["Date of export", "7/1/2024"],
        [],
        header,
        ["PR9a", "Recruit employers for job shadows", "Talent Pipeline", "In progress", "Important", "Maria Lopez",
         "Ana Kim", "01/10/2024", None, "06/30/2024", "false", "true", None, None, None, None, None, None],
        ["PR9b", "Publish shadow calendar", "Talent Pipeline", "Completed", "Medium", "Sam Ortiz", "Ana Kim",
         "01/10/2024", None, "03/31/2024", "false", "false", "03/20/2024", "Sam Ortiz", None, None, None, None],
        ["PR9c", "Map routes to the industrial park", "Transportation", "Not started", "Urgent", "Sam Ortiz;Bo Chan",
         "Ana Kim", "01/11/2024", None, "05/01/2024", "false", "true", None, None, None, None, None, "Ask county"],
        ["PR9d", "Pilot a shuttle", "Transportation", "Not started", "Low", None, "Ana Kim", "01/11/2024", None,
         "12/31/2024", "false", "false", None, None, None, None, None, None],
    ]  # fmt: skip
    t, s = _load("planner.xlsx", xlsx_bytes({"Tasks": rows}))
    assert s["priorities"] == PRIORITIES
    assert s["action_items"]["in_progress"] == 1 and s["action_items"]["overdue"] == 2
    assert set(t.action_items["owner"]) - {""} <= {
        "Maria Lopez",
        "Sam Ortiz",
        "Sam Ortiz;Bo Chan",
    }  # not "Ana Kim"
    mapped = dict(zip(t.quality.columns["header"], t.quality.columns["field"], strict=True))
    assert "Priority" not in mapped and mapped["Bucket Name"] == "priority"


def test_monday_groups_are_sections_under_the_board_title() -> None:
    head = ["Name", "Person", "Status", "Date", "Notes"]
    rows = [
        ["Partnership Action Plan"],
        [],
        ["Talent Pipeline"],
        head,
        ["Recruit employers for job shadows", "Maria Lopez", "Working on it", D(2024, 6, 30), None],
        ["Publish the shadow-day calendar", "Sam Ortiz", "Done", D(2024, 3, 31), None],
        [],
        ["Transportation"],
        head,
        ["Map bus routes", "Sam Ortiz", "Stuck", D(2024, 5, 1), "waiting on data"],
        ["Pilot a shuttle service", None, None, D(2024, 12, 31), None],
    ]
    t, s = _load("monday.xlsx", xlsx_bytes({"Action Plan": rows}))
    assert s["priorities"] == PRIORITIES
    assert s["action_items"]["stalled"] == 1 and s["action_items"]["overdue"] == 2
    assert s["people"] == 0  # "Name" over tasks is no list of people
    roles = dict(zip(t.quality.ledger["source_row"], t.quality.ledger["role"], strict=True))
    assert roles[1] == "title" and roles[3] == roles[8] == "section" and roles[9] == "header"


def test_airtable_with_its_own_field_names_and_a_checkbox() -> None:
    text = """Initiative,Focus,Who,Landing date,Done?,Notes
Recruit ten employers for job shadows,Talent Pipeline,Maria Lopez,6/30/2024,,
Publish a shadow-day calendar,Talent Pipeline,Sam Ortiz,3/31/2024,checked,sent to schools
Map bus routes to the industrial park,Transportation,Sam Ortiz,5/1/2024,,waiting on county data
Pilot a shuttle with two employers,Transportation,Bo Chan,12/31/2024,,
"""
    t, s = _load("initiatives.csv", text)
    assert s["priorities"] == PRIORITIES
    assert s["action_items"]["done"] == 1 and s["action_items"]["overdue"] == 2


def test_a_hand_made_plan_with_an_urgency_column_takes_its_priority_from_the_goal() -> None:
    rows = [
        ["Goal", "Action Item", "Owner", "Due", "Status", "Priority"],
        ["Talent Pipeline", "Recruit employers", "Maria Lopez", D(2024, 6, 30), "In progress", "High"],
        ["Talent Pipeline", "Publish calendar", "Sam Ortiz", D(2024, 3, 31), "Done", "Low"],
        ["Transportation", "Map routes", "Sam Ortiz", D(2024, 5, 1), "Not started", "Medium"],
        ["Transportation", "Pilot a shuttle", "Bo Chan", D(2024, 12, 31), "Not started", "High"],
    ]
    t, s = _load("plan.xlsx", xlsx_bytes({"Plan": rows}))
    assert s["priorities"] == PRIORITIES


def test_a_roster_or_a_meetings_list_is_no_task_list() -> None:
    roster = [
        ["Name", "Organization", "Sector", "Phone", "Title"],
        ["Ana Lopez", "Acme Manufacturing", "Business", "(970) 555-0101", "HR Director"],
        ["Bo Chan", "Larimer Workforce Center", "Public", "(970) 555-0102", "Business Services Lead"],
        ["Cy Dee", "Beta Tools", "Business", "(970) 555-0103", "Plant Manager"],
    ]
    t, _s = _load("roster.xlsx", xlsx_bytes({"Partners": roster}))
    assert t.quality.sheets["taken_as"].iloc[0] == "roster"
    meetings = [
        ["Date", "Meeting", "Team", "Location"],
        [D(2024, 3, 5), "Quarterly Partnership Meeting", None, "Loveland Community Center"],
        [D(2024, 4, 2), "Action Team", "Talent", "Acme Manufacturing training room"],
        [D(2024, 5, 7), "Action Team", "Transportation", "City of Loveland council chambers"],
    ]
    t, _s = _load("meetings.xlsx", xlsx_bytes({"Calendar": meetings}))
    assert t.quality.sheets["taken_as"].iloc[0] == "meetings"


def test_urgency_words() -> None:
    for w in ("High", "medium", "LOW", "Urgent", "Important", "P1", "2 - Medium", "High priority"):
        assert vocab.urgency_of(w) is not None, w
    for w in ("Talent Pipeline", "Transportation", "In progress", "Highway safety"):
        assert vocab.urgency_of(w) is None, w


def test_a_column_of_urgencies_is_never_a_priority_or_a_team_whatever_its_header() -> None:
    from ngsp.ingest.detect import values

    rows = [["Priority"], ["High"], ["Low"], ["Medium"], ["High"], ["Urgent"]]
    p = values.profile(rows, 1, 0, False)
    assert p["urgency"] == 1.0
    assert values.contradicts("priority", p) and values.contradicts("team", p)
    assert not any(f in ("priority", "team") for f, _sc in values.value_fields(p))


def test_a_deadline_headed_complete_by_is_when_the_task_is_due_not_when_it_was_done() -> None:
    rows = [
        ["Big goal", "Thing to do", "Handled by", "Complete by", "Standing"],
        ["Talent Pipeline", "Launch apprenticeship pilot", "Maria Lopez", D(2024, 3, 1), "Done"],
        ["Talent Pipeline", "Draft welder job description", "Ana Kim", D(2024, 4, 30), "In progress"],
        ["Transportation", "Map transit routes", "Sam Ortiz", D(2024, 6, 30), "Not started"],
        ["Transportation", "Survey employers on shift times", "Ana Kim", D(2024, 9, 15), "Not started"],
    ]
    t, s = _load("plan.xlsx", xlsx_bytes({"Commitments": rows}))
    assert s["action_items"]["done"] == 1  # a date under "Complete by" is a deadline, not a completion
    assert s["action_items"]["overdue"] == 2
    assert "done when" not in t.quality.sheets["why"].iloc[0]


def test_a_column_of_status_phrases_is_never_the_task() -> None:
    # The same tasks under two goals, so the task column repeats itself; the status column's phrases are all
    # different. The phrases say where each task stands, never what is to be done.
    tasks = [
        "Standardise OSHA-10 for new hires",
        "Survey employers on skills",
        "Host a build day",
        "Map routes",
    ]
    said = ["Delivered in full", "Underway", "Not started yet", "On hold for now"]
    said += ["Completed", "In progress", "Still to start", "Cancelled"]
    rows = [["Big goal", "Thing to do", "Handled by", "Complete by", "Standing"]]
    for k, goal in enumerate(["Talent Pipeline"] * 4 + ["Transportation"] * 4):
        rows.append([goal, tasks[k % 4], "Ana Kim", D(2024, 3 + k, 1), said[k]])
    t, s = _load("plan.xlsx", xlsx_bytes({"Commitments": rows}))
    assert set(t.action_items["description"]) == set(tasks)
    assert s["action_items"]["done"] == 2 and s["action_items"]["cancelled"] == 1


def test_tasks_that_start_with_a_status_verb_stay_the_tasks_under_a_task_header() -> None:
    """Tasks read as statuses by their values ('Publish … update', 'Draft a brief'): the Task column was passed
    over, the notes became the tasks and the tasks the statuses (a generated plan's priority as it was)."""
    import datetime as dt

    from builders import load

    rows = [["Nursing Workforce — Action Plan", None, None, None, None, None], [None] * 6,
            ["Task", "Lead", "When", "Status", "% complete", "Notes"],
            ["Create a shared job board", "Brenda Castillo", "Q2-24", "Started", 90.0, "Needs a champion"],
            ["Publish a quarterly progress update", "Joseph Anderson", dt.date(2025, 7, 12), "Active", 60.0,
             "Needs a champion"],
            ["Draft a one-page brief for elected officials", "Sharon Kowalski", dt.date(2023, 12, 29), "Started",
             40.0, "See notes from last call"]]  # fmt: skip
    items = load({"Nursing Workforce": rows}).action_items
    assert list(items["description"]) == [r[0] for r in rows[3:]]
    assert list(items["status"]) == ["in_progress"] * 3
    assert set(items["owner"]) == {"Brenda Castillo", "Joseph Anderson", "Sharon Kowalski"}


def test_an_asana_export_whose_tasks_recur_under_two_sections_is_still_a_task_list() -> None:
    # The same task under several sections (each team pilots its own program): fewer distinct names than a
    # column of tasks usually has, but sentences on every row under a "Name" header with a completion date.
    head = "Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,Due Date,Parent task\n"
    tasks = ["Pilot a joint program", "Map rural clinic staffing gaps", "Survey member businesses on skill gaps",
             "Host a listening session with employees", "Publish a quarterly progress update"]  # fmt: skip
    rows = [("Nursing", k) for k in (0, 1, 2)] + [("Allied Health", k) for k in (3, 0, 1)]
    rows += [("Housing", k) for k in (4, 2, 3)]  # 5 different tasks on 9 rows
    lines = []
    for k, (section, task) in enumerate((s, tasks[i]) for s, i in rows):
        done = "2024-03-02" if k % 4 == 0 else ""
        lines.append(f"12{k:04d},2024-01-10,{done},2024-03-02,{task},{section},Ana Kim,2024-06-30,")
    t, s = _load("asana.csv", head + "\n".join(lines) + "\n")
    assert t.quality.sheets.iloc[0]["taken_as"] == "task list"
    assert s["action_items"]["total"] == 9 and s["action_items"]["done"] == 3
    assert set(s["priorities"]) == {"Nursing", "Allied Health", "Housing"}
