"""A project tool's tasks exported as the action plan (Asana, Trello, Microsoft Planner, Monday.com, Airtable ...).

Each tool names its columns its own way ("Name", "Card Name", "Task Name"; "Section/Column", "List Name", "Bucket
Name"; "Assignee", "Members", "Assigned To"), and a base in Airtable has whatever names its owner gave, so the
columns are told by what they hold:

- the task: text, nearly every value different and of several words, filled on every row (a notes or
  description column beside it is filled on few);
- the group of tasks (section, list, bucket) is the priority: a few values repeated down the column, which are
  no people, statuses or urgencies; where the groups are statuses ("To do", "Doing", "Done": a board used as
  a kanban) they give the status instead; a Monday board's groups are rows of their own, read as sections;
- the owner: people's names (not the column of who created or completed the task);
- the status: status words (Planner's "Progress"); a completion date ("Completed At") or a done checkbox
  ("Due Complete", "Done?") says the task is done; dates are due dates unless the header says otherwise;
- an urgency column ("Priority": Urgent / Important / High / Medium / Low) is never the partnership's priority:
  it is left out and listed as unused.
"""

from __future__ import annotations

import re

from ngsp.ingest import vocab
from ngsp.ingest.dates import to_date
from ngsp.ingest.detect import values
from ngsp.ingest.detect.readers import plan
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.items import item_record
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.rows import Extracted, data_rows, is_header_again, reject, txt

SOME = values.SOME
MIN_TASKS = 3  # tasks under the header before a sheet is read as a tool's export

# Words in a date column's header that say it is not when the task is due.
NOT_DUE_WORDS = frozenset(
    {"start", "started", "begin", "created", "modified", "updated", "last", "activity", "added"}
)
DEADLINE_ENDS = frozenset({"by", "before"})  # a header's last word that makes it a deadline, not a completion
_DONE_WORDS = frozenset(vocab.norm(w) for w in vocab.STATUS_WORDS["done"])
_TRUTHY = frozenset({"checked", "done", "complete", "completed"})
_TRAILING_COLOUR = re.compile(r"\s*\([A-Za-z_ ]{3,12}\)$")  # Trello's "Talent (green)"


def _texts(rows, start: int, j: int) -> list[str]:
    out = []
    for r in rows[start : start + values.PROFILE_ROWS]:
        v = r[j] if j < len(r) else None
        if isinstance(v, str) and v.strip():
            out.append(" ".join(v.split()))
    return out


def _codes(vals: list[str]) -> bool:
    """Identifiers ("1205001", "5f1a9c...", "PR9_-pI36"): single tokens holding a digit, no words."""
    return bool(vals) and sum(" " not in v and any(ch.isdigit() for ch in v) for v in vals) >= len(vals) / 2


def _worded(vals: list[str]) -> bool:
    """Text of words, most values several of them (notes, descriptions), not codes or single words."""
    return bool(vals) and sum(len(v.split()) >= 2 for v in vals) >= len(vals) / 2


# What a task column's header may say: a name, a task, a goal or initiative (an Airtable base's primary field), or
# nothing ngsp knows. A header that names anything else (phone, location, organisation, date ...) is that.
TASK_HEADER_FIELDS = frozenset({"person", "description", "priority", "team", "notes"})


def _may_name_tasks(header: str) -> bool:
    said = vocab.header_fields(header)
    return not said or said[0][0] in TASK_HEADER_FIELDS


def _notes_header(header: str) -> bool:
    said = dict(vocab.header_fields(header))
    return said.get("notes", 0) >= 95 or said.get("description", 0) >= 95


def _urgency(vals: list[str]) -> bool:
    return bool(vals) and sum(vocab.urgency_of(v) is not None for v in vals) >= SOME * len(vals)


def _words(h: str) -> set[str]:
    return set(vocab.norm(h).split())


def _says_done(header: str) -> bool:
    """A header that names the task's completion: "Completed At", "Date Completed", "Done?", "Due Complete"; not
    a deadline ("Complete by", "Done before": the date by which it is to be done)."""
    words = vocab.norm(header).split()
    return bool(set(words) & _DONE_WORDS) and words[-1] not in DEADLINE_ENDS


def _truthy(v: object) -> bool:
    if isinstance(v, str) and vocab.norm(v) in _TRUTHY:
        return True
    return vocab.mark_present(v) is True and not (isinstance(v, int | float) and not isinstance(v, bool))


class _Columns:
    """What each column of a task table holds, read from its values (and, where values cannot tell, its header)."""

    def __init__(self, seen: Seen) -> None:
        rows, hr, start = seen.rows, seen.hr, seen.hr + 1
        self.header = {j: cell_text(rows[hr][j]) for j in filled(rows[hr])}
        body = [r for r in rows[start : start + values.PROFILE_ROWS] if filled(r)]
        self.n = len(body)
        self.profile = {j: values.profile(rows, start, j, seen.dayfirst) for j in self.header}
        self.texts = {j: _texts(rows, start, j) for j in self.header}
        self.task = self._task()
        self.body = body
        self.urgency = {j for j in self.header if j != self.task and _urgency(self.texts[j])}
        # Dates, and periods as people write due dates ("Fall 2024", "Q3", "year-end").
        self.dates = [
            j for j, p in self.profile.items() if j != self.task and p.n and p["date"] + p["period"] >= SOME
        ]
        self.completed = next(
            (j for j in self.dates if _says_done(self.header[j]) and self.profile[j]["date"] >= SOME), None
        )
        self.done_flag = next(
            (
                j
                for j, p in self.profile.items()
                if j != self.task and p.n and p["mark"] + p["other"] >= SOME and _says_done(self.header[j])
                and all(isinstance(v, bool) or vocab.norm(str(v)) in _TRUTHY | {"true", "false", "yes", "no", "y", "n", "unchecked"}
                        for v in (r[j] for r in body if j < len(r)) if v not in (None, ""))
            ),
            None,
        )  # fmt: skip
        self.status = self._status()
        self.percent = next(
            (
                j
                for j, p in self.profile.items()
                if j not in (self.task, self.status) and p.n and p["percent"] >= SOME
            ),
            None,
        )
        self.owner = self._owner()
        self.due = self._due()
        self.group, self.group_is_status = self._group()
        self.notes = self._notes()

    def _task(self) -> int | None:
        """The column naming the tasks: several words, nearly all different; of several such, the one whose header
        says so, else the one filled on most rows (a notes or description column is filled on few)."""
        best = None
        said = {j: dict(vocab.header_fields(self.header[j])) for j in self.texts}
        # A goal's column ("Priority") may name an Airtable base's tasks, but not beside a column headed as them.
        tasks_headed = any(f.get("description", 0) >= 95 for f in said.values())
        for j, vals in self.texts.items():
            p = self.profile[j]
            named = said[j].get("description", 0) >= 95
            if (
                len(vals) < MIN_TASKS
                or not _may_name_tasks(self.header[j])
                or (
                    tasks_headed
                    and not named
                    and max(said[j].get("priority", 0), said[j].get("team", 0)) >= 95
                )
                or p["person"] >= 0.5
                or p["org"] >= values.STRONG  # tasks often read as organisations' names, but not nearly all
                # "Delivered in full", "Still to start": where each task stands; but tasks start with verbs
                # that are statuses too ("Draft a brief", "Pilot a program") under a header that says "Task"
                or (p["status"] >= SOME and not named)
                or p["email"] + p["phone"] + p["date"] + p["mark"] + p["number"] + p["money"] >= 0.3
            ):
                continue
            several = sum(len(v.split()) >= 2 for v in vals) / len(vals)
            fill = len(vals) / max(self.n, 1)
            # Nearly every row names its task (a priority written once over its tasks does not), mostly in
            # different words (one task may recur under two priorities, when the header says they are tasks).
            # (sentences on nearly every row are tasks though a few recur under two groups)
            worded = p["phrase"] + p["long"] >= values.STRONG
            if several < SOME or fill < SOME or p.distinct < (0.3 if named else 0.45 if worded else SOME):
                continue
            key = (named, fill // 0.05)  # a header naming tasks first, then the fullest
            if best is None or key > best[0]:
                best = (key, j)
        return best[1] if best else None

    def _status(self) -> int | None:
        """The column saying where each task stands: one whose header says so, else the first whose values are
        mostly statuses."""
        named = [
            j
            for j in self.texts
            if j != self.task and dict(vocab.header_fields(self.header[j])).get("status", 0) >= 95
        ]
        if named:
            return named[0]
        for j, vals in self.texts.items():
            if j == self.task or j in self.urgency or len(vals) < max(2, 0.3 * self.n):
                continue  # one "Kickoff done" in a notes column makes no status column
            if sum(vocab.status_of(v) is not None for v in vals) >= SOME * len(vals):
                return j
        return None

    def _owner(self) -> int | None:
        """People's names: the column whose header names the owner, else the first that is not who created or
        completed the task."""
        people = [
            j
            for j, p in self.profile.items()
            if j not in (self.task, self.status) and p.n and p["person"] + p["email"] * 0 >= SOME
        ]
        named = [j for j in people if dict(vocab.header_fields(self.header[j])).get("owner", 0) >= 95]
        if named:
            return named[0]
        plain = [
            j
            for j in people
            if not _says_done(self.header[j]) and not (_words(self.header[j]) & NOT_DUE_WORDS)
        ]
        return plain[0] if plain else None

    def _due(self) -> int | None:
        """The due date: a date column whose header names it, else the one date column left once those whose
        header says otherwise (start, created, modified, completed) are set apart."""
        cands = [j for j in self.dates if j != self.completed]
        named = [j for j in cands if dict(vocab.header_fields(self.header[j])).get("due", 0) >= 90]
        if named:
            return named[0]
        rest = [j for j in cands if not (_words(self.header[j]) & NOT_DUE_WORDS)]
        return rest[-1] if rest else None

    def _carried(self, j: int) -> list[str]:
        """Column j's text on each task's row, a value written once above its tasks (or merged over them) holding
        for the rows below it: a narrative plan writes each goal once, on its first task. A column whose values
        do not each make one run of rows keeps its own cells."""
        out, last = [], ""
        for r in self.body:
            v = r[j] if j < len(r) else None
            if isinstance(v, str) and v.strip():
                last = " ".join(v.split())
            task = r[self.task] if self.task is not None and self.task < len(r) else None
            if last and (v is not None or task is not None):
                out.append(last if v is None or isinstance(v, str) else cell_text(v))
        # Written once per group, each value holds one run of rows; a notes column repeating "See notes" here and
        # there is no grouping, and keeps its own cells.
        runs = [v for k, v in enumerate(out) if k == 0 or out[k - 1] != v]
        return out if len(runs) == len(set(runs)) else self.texts[j]

    def _group(self) -> tuple[int | None, bool]:
        """(the column grouping the tasks, whether its groups are statuses)."""
        taken = {self.task, self.status, self.owner, self.due, self.completed, self.percent, self.done_flag}
        cands = []
        for j in self.texts:
            vals = self._carried(j)
            p = self.profile[j]
            if (
                j in taken
                or j in self.urgency
                or len(vals) < 2
                or _codes(vals)
                or _notes_header(self.header[j])
            ):
                continue
            if p["person"] >= 0.5 or p["email"] or p["date"] + p["number"] + p["mark"] + p["money"] >= 0.3:
                continue
            distinct = len(set(vals))
            if distinct > max(1, len(vals) // 2):
                continue
            fill = len(vals) / max(self.n, 1)
            said = dict(vocab.header_fields(self.header[j]))
            named = max(said.get("priority", 0), said.get("team", 0)) >= 90
            statuses = sum(vocab.status_of(v) is not None for v in vals) >= SOME * len(vals)
            cands.append((named, distinct > 1, fill >= SOME, fill, -j, j, statuses))
        if not cands:
            return None, False
        cands.sort(reverse=True)
        plain = [c for c in cands if not c[6]]
        if self.status is None and cands[0][6]:
            return cands[0][5], True  # a board whose lists are statuses
        return (plain[0][5], False) if plain and plain[0][1] else (None, False)

    def _notes(self) -> int | None:
        taken = {self.task, self.status, self.owner, self.due, self.group}
        for j in self.texts:
            if j in taken or j in self.urgency:
                continue
            if (_notes_header(self.header[j]) or self.profile[j]["long"] >= SOME) and _worded(self.texts[j]):
                return j
        return None


def _shape(seen: Seen) -> Table | None:
    c = _Columns(seen)
    if c.task is None:
        return None
    said = dict(vocab.header_fields(c.header[c.task]))
    # What only a tool's export has: a completion date or done box, or an urgency rating beside the groups. Short
    # of that, a task column the plain plan reader would not find (headed "Name") with an owner or due date, and
    # groups or statuses, on a sheet that lists no organisations and no meetings.
    strong = c.completed is not None or c.done_flag is not None or (bool(c.urgency) and c.group is not None)
    weak = (
        said.get("description", 0) < 95
        and (c.owner is not None or c.due is not None)
        and (c.group is not None or c.status is not None)
        and not (seen.anyf & {"org", "meeting_type"} and _names_orgs_or_meetings(seen))
        # first and last names in columns of their own: a list of people (a CRM's contacts), whose job titles
        # repeat like a task's group and whose account names read like tasks
        and not {"first_name", "last_name"} <= seen.pf
        and not _a_list_of_people(seen, c)
    )
    if weak and not strong:
        plain = plan.claim(seen)
        if plain is not None and plain.columns.get(c.task) == "description":
            return (
                None  # the plain plan reader finds these tasks: it reads them (sections, priority column ...)
            )
    exported = strong or weak
    if not exported or not (
        c.owner is not None or c.due is not None or c.status is not None or c.completed is not None
    ):
        return None
    t = seen.table("task_list", "", frozenset())
    cols = {c.task: "description"}
    for j, f in (
        (c.group, "status" if c.group_is_status else "priority"),
        (c.owner, "owner"),
        (c.due, "due"),
        (c.status, "status"),
        (c.percent, "percent"),
        (c.notes, "notes"),
    ):
        if j is not None and j not in cols and f not in cols.values():
            cols[j] = f
    t.columns = cols
    t.headers = {j: c.header[j] for j in cols}
    t.how = {j: "its values" for j in cols}
    t.context = {**seen.ctx, "completed": c.completed, "done_flag": c.done_flag}
    parts = [f"task '{c.header[c.task]}'"]
    if c.group is not None and not c.group_is_status:
        parts.append(f"priority from '{c.header[c.group]}'")
    if c.completed is not None:
        parts.append(f"done when '{c.header[c.completed]}' has a date")
    elif c.done_flag is not None:
        parts.append(f"done when '{c.header[c.done_flag]}' is ticked")
    for j in sorted(c.urgency):
        parts.append(f"'{c.header[j]}' is urgency, not the partnership's priority")
    t.why = "tasks exported from a project tool (" + "; ".join(parts) + ")"
    return t


def _a_list_of_people(seen: Seen, c: _Columns) -> bool:
    """A column headed as people's names that holds them, beside "tasks" that are no sentences (firms' names,
    job titles): a directory of partners, not a tool's tasks (whose people are their assignees)."""
    task = c.profile[c.task] if c.task is not None else None
    if task is None or task["phrase"] + task["long"] >= 0.3:
        return False
    return any(
        j != c.task
        and fields
        and fields[0][0] == "person"
        and c.profile.get(j)
        and c.profile[j]["person"] >= SOME
        for j, fields in ((j, vocab.header_fields(h)) for j, h in c.header.items())
    )


def _names_orgs_or_meetings(seen: Seen) -> bool:
    """A column headed as organisations or meetings that holds them (a roster, a meetings list)."""
    for j, fields in seen.cands.items():
        if fields and fields[0][0] in ("org", "meeting_type") and fields[0][1] >= 95:
            p = values.profile(seen.rows, seen.hr + 1, j, seen.dayfirst)
            if p["org"] + p["meeting"] >= SOME:
                return True
    return False


def claim(seen: Seen) -> Table | None:
    return _shape(seen)


def _as_kind(seen: Seen) -> Table:
    return _shape(seen) or seen.table("task_list", SAID, plan.FIELDS)


def _status(t: Table, row: list[object]) -> str:
    own = txt(t, row, "status")
    if own:
        return own
    done_at, flag = t.context.get("completed"), t.context.get("done_flag")
    if isinstance(done_at, int) and done_at < len(row):
        d = to_date(row[done_at])
        if d is not None:
            return f"completed {d.isoformat()}"
    if isinstance(flag, int) and flag < len(row) and _truthy(row[flag]):
        return "done"
    return ""


def task_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns) | {
        j for j in (t.context.get("completed"), t.context.get("done_flag")) if isinstance(j, int)
    }
    priority = ""
    # A Monday board: the board's name, then the first group's name right above the first header.
    titles = [i for i in t.title_rows if i < t.header_row]
    if len(titles) > 1 and len(filled(rows[titles[-1]])) == 1:
        last = titles[-1]
        priority = plan._section_name(cell_text(rows[last][filled(rows[last])[0]]))
        ex.ledger[:] = [e for e in ex.ledger if not (e[0] == f and e[1] == s and e[2] == last + 1)]
        ex.ledger.append((f, s, last + 1, "section", f"priority: {priority}"))
    body = list(data_rows(t, rows, start, ex))
    last_group = ""
    for k, (i, row, cols) in enumerate(body):
        if len(cols) == 1:
            text = cell_text(row[cols[0]])
            following = body[k + 1][1] if k + 1 < len(body) else None
            nxt = rows[i + 1] if i + 1 < len(rows) else []
            heading = (
                cols[0] != t.col_of.get("description")
                or (following is not None and is_header_again(t, rows[body[k + 1][0]]))
                or is_header_again(t, nxt)
                or not filled(nxt)
            )
            if heading:
                priority = plan._section_name(text)
                ex.ledger.append((f, s, i + 1, "section", f"priority: {priority}"))
                continue
        why = plan.no_task(txt(t, row, "description"))
        if why:
            reject(ex, t, i, row, why)
            continue
        group = txt(t, row, "priority")
        group = _TRAILING_COLOUR.sub("", group) if group else ""
        if "priority" in t.col_of:
            # A goal written once over its tasks (or merged over them, saved as CSV) holds for those below.
            group = last_group = plan._section_name(group) if group else last_group
        ex.items.append(item_record(t, row, i, used, group or priority, status_text=_status(t, row)))
        ex.ledger.append((f, s, i + 1, "data", "action item"))


READER = Reader("task_list", claim, task_rows, _as_kind)
