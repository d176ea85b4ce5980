"""Attendance reports of online meetings: Zoom (participant, unique-user, "zoomus" and webinar reports), Microsoft
Teams (the attendance list of join/leave events, the "Meeting Summary" report, the numbered-section report and
Live Event reports), Google Meet and Webex, as downloaded or re-saved by Excel.

One meeting per report, one attendance per person however many times they joined. The tables are found by
their shape (``ngsp.ingest.detect.reports``): a first table of participants is read; a later table whose people
all appear in an earlier one is the same attendances' join sessions (Teams' "3. In-Meeting Activities") and adds
no one, while a later table of other people (a webinar's panelists and attendees after its host) is read too.
Join and leave events are paired per person; an unpaired join runs to the report's last time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from ngsp.ingest import stamps, vocab
from ngsp.ingest.detect.readers.attendees import Attendee, Attendees, address, emit
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.reports import (
    Block,
    Details,
    blocks,
    date_in_name,
    details,
    first_report_header,
    is_stamp,
    title_from_name,
)
from ngsp.ingest.detect.seen import Seen, nonblank_rows
from ngsp.ingest.detect.table import Table, cell_text, filled
from ngsp.ingest.read import RawSheet
from ngsp.ingest.rows import Extracted

KIND = "online_report"

FIELD_OF_ROLE = {
    "name": "person",
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "upn": "sign-in (UPN)",
    "org": "org",
    "role": "meeting role",
    "joined": "joined",
    "left": "left",
    "duration": "time present",
    "timestamp": "time of event",
    "action": "joined or left",
    "attended": "attended",
    "waiting": "in the waiting room",
    "status": "status",
}
_LEAVE = re.compile(r"left|leave|verlass|quitt|sali[oó]|sortie|退出|退室|ออก|opu[sś]ci", re.IGNORECASE)
_JOIN = re.compile(r"join|beitr|getreten|uni[oó]|entr|rejoi|参加|入室|เข้าร่วม|do[lł][aą]cz", re.IGNORECASE)
_TOTAL = re.compile(r"^(grand )?totals?\b|^sum\b|^count\b", re.IGNORECASE)


@dataclass
class Plan:
    """Where a report's parts are."""

    blocks: list[Block]
    details: Details
    preamble: list[int]  # the non-blank rows above the first table


def plan(sheet: RawSheet) -> Plan | None:
    """A report's parts when the sheet is an online meeting's attendance report, else None."""
    rows = sheet.rows
    hr = first_report_header(rows, nonblank_rows(sheet))
    if hr is None:
        return None
    found = blocks(rows, hr)
    preamble = [i for i in range(hr) if filled(rows[i])]
    return Plan(found, details(rows, preamble), preamble)


def platform(sheet: RawSheet, p: Plan) -> str:
    """Which platform the report looks like it came from (shown to the convener; nothing depends on it)."""
    words = " ".join(
        vocab.norm(cell_text(v)) for i in (*p.preamble, *(b.header for b in p.blocks)) for v in sheet.rows[i]
    )
    name = sheet.file.lower()
    if "zoom" in name or re.search(r"original ?name|attentiveness|webinar|in waiting room|recording", words):
        return "Zoom"
    if re.search(r"\bupn\b|user action|in meeting|meeting summary|utceventtimestamp|\bsummary\b", words):
        return "Microsoft Teams"
    if "time joined" in words or "time exited" in words:
        return "Google Meet"
    if "webex" in name or "webex" in words:
        return "Webex"
    return "an online meeting platform"


def _table(seen: Seen, p: Plan, why: str) -> Table:
    sheet = seen.sheet
    first = p.blocks[0]
    return Table(
        sheet,
        KIND,
        why,
        first.header,
        tuple(b.header for b in p.blocks),
        tuple(p.preamble),
        {j: FIELD_OF_ROLE[r] for j, r in first.roles.items() if r in FIELD_OF_ROLE},
        dict(first.headers),
        {j: "report column" for j in first.roles},
        {"report": p},
    )


def claim(seen: Seen) -> Table | None:
    p = plan(seen.sheet)
    if p is None:
        return None
    return _table(seen, p, f"an attendance report from {platform(seen.sheet, p)}")


def as_kind(seen: Seen) -> Table:
    p = plan(seen.sheet)
    if p is None:
        return Table(seen.sheet, "set_aside", f"{SAID}, but no table of participants was found in it")
    return _table(seen, p, SAID)


# ---------------------------------------------------------------------------------------------------------
def _cell(row: list[object], j: int | None) -> object:
    return row[j] if j is not None and j < len(row) else None


def who(b: Block, row: list[object]) -> tuple[str, str, str]:
    """(display name, e-mail, sign-in) a row names."""
    name = cell_text(_cell(row, b.col("name")))
    if not name:
        name = " ".join(
            x
            for x in (cell_text(_cell(row, b.col("first_name"))), cell_text(_cell(row, b.col("last_name"))))
            if x
        )
    return name, address(_cell(row, b.col("email"))), address(_cell(row, b.col("upn")))


def _when(v: object, order: str, day: dt.date | None = None) -> dt.datetime | None:
    t = stamps.to_datetime(v, order)
    if t is None and day is not None:
        c = stamps.clock(v)
        if c is not None:
            t = dt.datetime.combine(day, c)
    return t


def _stamp_values(rows, p: Plan) -> list[object]:
    out = list(p.details.stamps)
    for b in p.blocks:
        cols = [j for j, r in b.roles.items() if r in ("joined", "left", "timestamp")]
        for i in b.rows:
            out += [rows[i][j] for j in cols if j < len(rows[i])]
    return out


def _event_kind(values: list[str]) -> dict[str, bool]:
    """Each action word -> True for a join, False for a leave; words in no known language take the meaning of
    the word most people's first event has (their join)."""
    out: dict[str, bool] = {}
    for v in set(values):
        if _LEAVE.search(v):
            out[v] = False
        elif _JOIN.search(v):
            out[v] = True
    return out


def rows(t: Table, sheet_rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    p: Plan = t.context["report"]
    f, s = t.sheet.file, t.sheet.name
    led: dict[int, tuple[str, str]] = {}
    order = stamps.settle_order(
        (v for v in _stamp_values(sheet_rows, p) if isinstance(v, str)), dayfirst, native=True
    )
    o = order.order
    name_day = date_in_name(f, o == "dmy") or date_in_name(s, o == "dmy")
    people = Attendees()
    no_shows: set[str] = set()
    joins = session_rows = 0  # join sessions read, and those of a later table of the same people's sessions
    times: list[dt.datetime] = []
    for n, b in enumerate(p.blocks):
        named = [(i, who(b, sheet_rows[i])) for i in b.rows]
        if n > 0 and named and all(people.known(*w) for _i, w in named):
            for i, w in named:
                led[i] = ("data", f"a join session of {w[0] or w[1]}, counted once in the table above")
            session_rows += len(named)
            continue
        if b.col("action") is not None and (b.col("timestamp") is not None or b.col("joined") is not None):
            joins += _events(b, sheet_rows, named, people, led, o, times)
        else:
            joins += _sessions(b, sheet_rows, named, people, led, o, name_day, no_shows, times)
        for i in b.other:
            row = sheet_rows[i]
            first = cell_text(row[filled(row)[0]])
            if _TOTAL.match(first):
                led[i] = ("total", "")
            else:
                led[i] = ("rejected", "a row of the participants table with no name or e-mail address")
    done = set(t.title_rows) | set(t.header_rows)
    for i, row in enumerate(sheet_rows):
        if i in done or i in led or not filled(row):
            continue
        cols = filled(row)
        led[i] = (
            ("section", "a title in the report")
            if len(cols) == 1
            else ("note", "a part of the report that is not attendance")
        )
    joins = session_rows or joins
    dated_times = any(is_stamp(v) for v in _stamp_values(sheet_rows, p))
    for i in sorted(led):
        role, detail = led[i]
        ex.ledger.append((f, s, i + 1, role, detail))

    d = p.details
    start_at = _when(d.start, o) if d.start is not None else None
    day, source, raw = None, "", None
    if start_at is not None:
        day, source, raw = start_at.date(), "the report's start time", d.start
    elif times:
        first_time = min(times)
        day, source = first_time.date(), "the first join time" if dated_times else "the file's name"
        raw = next((v for v in _stamp_values(sheet_rows, p) if _when(v, o) == first_time), None)
    elif name_day is not None:
        day, source = name_day, "the file's name"
    alt = None
    if raw is not None and order.guess:
        other = stamps.alternative(raw, o)
        alt = other.date() if other else None
    # The host is a participant like any other; the preamble names them so the data-quality page can say so.
    if d.host:
        for a in people.people:
            if d.host in (a.email, a.upn) and not a.role:
                a.role = "host"
    title = d.title
    file_title = title_from_name(f) or (title_from_name(s) if s != f.rsplit(".", 1)[0] else "")
    report = f"{f}|{s}"
    meeting = {
        "date": day,
        "label": title or file_title,
        "alt_label": file_title if title else "",
        "team": "",
        "location": "",
        "online": True,
        "report": report,
        "alt_date": alt,
    }
    emit(ex, f, s, report, people.people, meeting)
    ex.reports.append(
        {
            "report": report,
            "source_file": f,
            "source_sheet": s,
            "kind": f"online meeting ({t.why.rsplit(' from ', 1)[-1]})",
            "title": title or file_title,
            "date": day,
            "date_from": source,
            "alt_date": alt,
            "joins": joins,
            "attendees": len(people.people),
            "registered": len(people.people) + len(no_shows) if no_shows else None,
        }
    )


def _sessions(
    b: Block,
    sheet_rows,
    named: list[tuple[int, tuple[str, str, str]]],
    people: Attendees,
    led: dict,
    order: str,
    name_day: dt.date | None,
    no_shows: set[str],
    times: list[dt.datetime],
) -> int:
    """Rows of join sessions (or of people, once each): one attendee per person, minutes summed."""
    jcol, lcol, dcol = b.col("joined"), b.col("left"), b.col("duration")
    unit = stamps.unit_of_header(b.headers.get(dcol, "")) if dcol is not None else "minutes"
    acol, wcol, rcol, ocol = b.col("attended"), b.col("waiting"), b.col("role"), b.col("org")
    joins = 0
    for i, (name, email, upn) in named:
        row = sheet_rows[i]
        if acol is not None and vocab.mark_present(_cell(row, acol)) is False:
            led[i] = ("data", "registered but did not attend")
            no_shows.add(email or name)
            continue
        if wcol is not None and vocab.mark_present(_cell(row, wcol)) is True:
            led[i] = ("data", "in the waiting room, not admitted")
            continue
        a, new = people.add(name, email, upn, i, cell_text(_cell(row, ocol)))
        join = _when(_cell(row, jcol), order, name_day)
        leave = _when(_cell(row, lcol), order, name_day)
        m = stamps.minutes(_cell(row, dcol), unit) if dcol is not None else None
        if m is None and join and leave and leave >= join:
            m = (leave - join).total_seconds() / 60
        a.sessions += 1
        a.add_minutes(m)
        a.add_time(join)
        if join is not None:
            times.append(join)
        if rcol is not None and not a.role:
            a.role = cell_text(_cell(row, rcol))
        joins += 1
        led[i] = ("data", "attendee" if new else f"{a.name or a.email} joined again (one attendance)")
    return joins


def _events(
    b: Block,
    sheet_rows,
    named: list[tuple[int, tuple[str, str, str]]],
    people: Attendees,
    led: dict,
    order: str,
    times: list[dt.datetime],
) -> int:
    """Join and leave events (Teams' attendance list, Live Event reports), paired per person in file order."""
    acol = b.col("action")
    tcol = b.col("timestamp") if b.col("timestamp") is not None else b.col("joined")
    rcol = b.col("role")
    words = [cell_text(_cell(sheet_rows[i], acol)) for i, _w in named]
    kind = _event_kind(words)
    events: dict[int, list[tuple[dt.datetime | None, bool | None, int]]] = defaultdict(list)
    index: dict[int, Attendee] = {}
    first_words: list[str] = []
    last_time: dt.datetime | None = None
    for i, (name, email, upn) in named:
        row = sheet_rows[i]
        a, new = people.add(name, email, upn, i)
        word = cell_text(_cell(row, acol))
        if new:
            first_words.append(word)
        when = _when(_cell(row, tcol), order)
        if when is not None:
            last_time = when if last_time is None or when > last_time else last_time
        events[id(a)].append((when, kind.get(word), i))
        index[id(a)] = a
        if rcol is not None and not a.role:
            a.role = cell_text(_cell(row, rcol))
    # A word in no known language: the one most people's first event has is the join.
    if first_words:
        common = max(set(first_words), key=first_words.count)
        for evs in events.values():
            for k, (w, is_join, i) in enumerate(evs):
                if is_join is None:
                    word = cell_text(_cell(sheet_rows[i], acol))
                    evs[k] = (w, word == common, i)
    joins = 0
    for key, evs in events.items():
        a = index[key]
        opened: dt.datetime | None = None
        is_open = False
        for when, is_join, i in evs:
            if is_join:
                joins += 1
                a.sessions += 1
                if when is not None:
                    times.append(when)
                    a.add_time(when)
                if is_open and opened is not None and when is not None:
                    a.add_minutes(max((when - opened).total_seconds() / 60, 0))  # a join with no leave
                opened, is_open = when, True
                led[i] = (
                    "data",
                    "attendee (joined)" if i == a.row else f"{a.name} joined again (one attendance)",
                )
            else:
                if is_open:
                    a.add_minutes(
                        (when - opened).total_seconds() / 60
                        if when is not None and opened is not None
                        else None
                    )
                elif not a.sessions:
                    a.sessions += 1  # left without a recorded join: they were there
                    joins += 1
                is_open = False
                led[i] = ("data", f"{a.name} left")
        if is_open:
            if opened is not None and last_time is not None:
                a.add_minutes(
                    (last_time - opened).total_seconds() / 60
                )  # still there when the list was saved
            else:
                a.add_minutes(None)
    return joins


READER = Reader(KIND, claim, rows, as_kind, raw=True)
