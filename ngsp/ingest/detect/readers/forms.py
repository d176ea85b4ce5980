"""Sign-in form responses (Google Forms, Microsoft Forms and their like): one row per submission.

A row is somebody signing in: the submission's time is the only date, unless a question names the meeting
("Which partnership meeting are you signing in to?" - "Advanced Manufacturing - 14 Sept"), whose date (a day
and month take the submission's year) and name then say which meeting. One attendance per person per meeting:
a second submission is the same attendance. Identity from the e-mail address unless it is "anonymous", else
from a name question; the organisation from an organisation question.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ngsp.ingest import stamps, vocab
from ngsp.ingest.dates import find_date, find_day_month
from ngsp.ingest.detect.readers.attendees import Attendees, address, emit
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.reports import (
    PRESENCE_ROLES,
    REPORT_SCAN_ROWS,
    header_role,
    is_namelike,
    is_stamp,
    share,
    title_from_name,
)
from ngsp.ingest.detect.seen import Seen, nonblank_rows
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.rows import Extracted

KIND = "form_responses"

_SUBMITTED = re.compile(
    r"timestamp|zeitstempel|marca temporal|horodateur|horodatage|completion time|completed|submitted|"
    r"submission|date submitted|submit date|created|完了時刻|タイムスタンプ|ประทับเวลา"
)
_MEETING_Q = re.compile(
    r"meeting|event|session|workshop|convening|gathering|which .*(attend|sign)|signing in|sign in to|"
    r"what are you attending|reunion|sitzung|veranstaltung|evento|reunión|réunion"
)
_NAME_Q = re.compile(r"\bname\b|full ?name|your name|nombre|^nom$|名前|氏名")


def _header(seen: Seen) -> tuple[int, dict[str, int]] | None:
    rows = seen.sheet.rows
    for i in nonblank_rows(seen.sheet)[:REPORT_SCAN_ROWS]:
        row = rows[i]
        cols = filled(row)
        if len(cols) < 2 or not all(isinstance(row[j], str) for j in cols):
            continue
        heads = {j: vocab.norm(cell_text(row[j])) for j in cols}
        when = [j for j in cols if _SUBMITTED.search(heads[j]) and "start" not in heads[j]]
        if not when:
            continue
        roles = {j: header_role(cell_text(row[j])) for j in cols}
        if PRESENCE_ROLES & set(roles.values()) or "action" in roles.values():
            return None  # join and leave times: a meeting platform's report
        below = [k for k in range(i + 1, min(len(rows), i + 30)) if filled(rows[k])]
        if not below:
            continue
        when = [
            j
            for j in when
            if share([rows[k][j] if j < len(rows[k]) else None for k in below], is_stamp) >= 0.6
        ]
        if not when:
            continue
        col: dict[str, int] = {"when": when[-1] if any("complet" in heads[j] for j in when) else when[0]}
        emails = [j for j in cols if roles[j] == "email"]
        names = [
            j for j in cols if roles[j] in ("name", "first_name", "last_name") or _NAME_Q.search(heads[j])
        ]
        names = [j for j in names if not _MEETING_Q.search(heads[j])]
        if names:
            # The name question most answered with names (a form's account "Name" is often empty).
            col["name"] = max(
                names,
                key=lambda j: (
                    share([rows[k][j] if j < len(rows[k]) else None for k in below], is_namelike)
                    * sum(1 for k in below if j < len(rows[k]) and cell_text(rows[k][j]))
                ),
            )
        first = [j for j in cols if roles[j] == "first_name"]
        last = [j for j in cols if roles[j] == "last_name"]
        if first and last:
            col["first_name"], col["last_name"] = first[0], last[0]
        if emails:
            col["email"] = max(
                emails, key=lambda j: sum(1 for k in below if j < len(rows[k]) and address(rows[k][j]))
            )
        if not ({"name", "email", "first_name"} & set(col)):
            continue
        org = [j for j in cols if roles[j] == "org"]
        if org:
            col["org"] = org[0]
        meet = [
            j for j in cols if _MEETING_Q.search(heads[j]) and j not in col.values() and roles[j] != "org"
        ]
        if meet:
            col["meeting"] = meet[0]
        return i, col
    return None


def claim(seen: Seen) -> Table | None:
    found = _header(seen)
    if found is None:
        return None
    hr, col = found
    why = "sign-in form responses: one row per submission" + (
        " (the meeting named in a question)" if "meeting" in col else " (the meeting dated by the submission)"
    )
    return _table(seen, hr, col, why)


def as_kind(seen: Seen) -> Table:
    found = _header(seen)
    if found is None:
        return Table(seen.sheet, "set_aside", f"{SAID}, but it has no column of submission times")
    return _table(seen, *found, SAID)


_FIELD = {
    "when": "time of submission",
    "name": "person",
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "org": "org",
    "meeting": "meeting",
}


def _table(seen: Seen, hr: int, col: dict[str, int], why: str) -> Table:
    rows = seen.sheet.rows
    return Table(
        seen.sheet,
        KIND,
        why,
        hr,
        (hr,),
        tuple(i for i in nonblank_rows(seen.sheet) if i < hr),
        {j: _FIELD[r] for r, j in col.items()},
        {j: cell_text(rows[hr][j]) for j in col.values()},
        {j: "report column" for j in col.values()},
        {"columns": col},
    )


def _cell(row: list[object], j: int | None) -> object:
    return row[j] if j is not None and j < len(row) else None


def rows(t: Table, sheet_rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    col: dict[str, int] = t.context["columns"]
    f, s = t.sheet.file, t.sheet.name
    data = [i for i in range(start, len(sheet_rows)) if filled(sheet_rows[i])]
    order = stamps.settle_order((cell_text(_cell(sheet_rows[i], col["when"])) for i in data), dayfirst)
    groups: dict[tuple, Attendees] = defaultdict(Attendees)
    labels: dict[tuple, str] = {}
    dated_by_question: dict[tuple, bool] = {}
    for i in data:
        row = sheet_rows[i]
        name = cell_text(_cell(row, col.get("name")))
        if not is_namelike(name):
            name = ""
        if not name and "first_name" in col:
            name = " ".join(
                x
                for x in (cell_text(_cell(row, col["first_name"])), cell_text(_cell(row, col["last_name"])))
                if x
            )
        email = address(_cell(row, col.get("email")))
        if not (name or email):
            ex.ledger.append((f, s, i + 1, "rejected", "a sign-in with no name or e-mail address"))
            continue
        when = stamps.to_datetime(_cell(row, col["when"]), order.order)
        label = cell_text(_cell(row, col.get("meeting")))
        day = None
        named = False
        if label:
            day, rest = find_date(label, order.order == "dmy")
            if day is None and when is not None:
                day, rest = find_day_month(label, when.year)
            if day is not None:
                label, named = rest.strip(" -–—:|,"), True
        if day is None and when is not None:
            day = when.date()
        if day is None:
            ex.ledger.append((f, s, i + 1, "rejected", "a sign-in whose time cannot be read, so no meeting"))
            continue
        key = (day, vocab.norm(label))
        labels.setdefault(key, label)
        dated_by_question[key] = dated_by_question.get(key, False) or named
        _a, new = groups[key].add(name, email, "", i, cell_text(_cell(row, col.get("org"))))
        ex.ledger.append((f, s, i + 1, "data", "signed in" if new else "signed in again (one attendance)"))
    file_title = title_from_name(f) or title_from_name(s)
    for (day, _k), people in sorted(groups.items(), key=lambda kv: kv[0]):
        label = labels[(day, _k)]
        report = f"{f}|{s}|{day.isoformat()}|{_k}"
        meeting = {
            "date": day,
            "label": label or file_title,
            "alt_label": file_title if label else "",
            "team": "",
            "location": "",
            "online": False,
            "report": report,
            "alt_date": None,
        }
        emit(ex, f, s, report, people.people, meeting)
        ex.reports.append(
            {
                "report": report,
                "source_file": f,
                "source_sheet": s,
                "kind": "sign-in form",
                "title": label or file_title,
                "date": day,
                "date_from": "the meeting question"
                if dated_by_question[(day, _k)]
                else "the submission times",
                "alt_date": None,
                "joins": sum(len(a.rows) for a in people.people),
                "attendees": len(people.people),
                "registered": None,
            }
        )


READER = Reader(KIND, claim, rows, as_kind, raw=True)
