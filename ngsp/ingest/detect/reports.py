"""What the attendance reports of meeting platforms and sign-up tools look like, by shape rather than by line.

A report is recognised by a header row that names a person (a name, first and last names, or an e-mail) next
to times (join, leave, a timestamp) or a duration, checked against the values under it; a header in a language
ngsp has no words for is found from its values alone (names next to date-times with a clock, or durations).
Around its participant tables a report may carry a preamble (Zoom's "Meeting ID, Topic …" over its values,
Teams' "Meeting Summary" or "1. Summary" key/value lines, a webinar's "Attendee Report" block), section titles
("2. Participants", "Attendee Details", in any language) and further tables. Never a fixed line number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ngsp.ingest import stamps, vocab
from ngsp.ingest.dates import find_date
from ngsp.ingest.detect.table import cell_text, filled
from ngsp.ingest.rows import EMAIL

REPORT_SCAN_ROWS = 40  # a report's first participant header is looked for in this many first non-blank rows
VALUE_ROWS = 25  # rows read under a header to check what its columns hold
MIN_VALUE_SHARE = 0.6  # a column holds a kind of value when this share of its filled cells do

# Column roles, by header words; the first rule that matches wins (so "Participant ID (UPN)" is no name and
# "Time in Session (minutes)" no join time). Words of other languages where exports are known to use them.
_ROLE_RULES: tuple[tuple[str, str], ...] = (
    ("upn", r"\bupn\b|participant ?id|participantid"),
    ("waiting", r"waiting room|warteraum|salle d attente"),
    ("guest", r"^(is )?guest$|^gast$|^invite$"),
    ("attended", r"^attended$|^present$|^checked ?in$|^check ?in$|^attendance$|^teilgenommen$"),
    ("session", r"session ?id|sessionid"),
    ("email", r"e ?mail|courriel|correo|メール|อีเมล|邮件|邮箱|電子郵件"),
    (
        "duration",
        r"duration|dauer|duree|duracion|durata|czas trwania|time in (session|call|meeting)|in meeting time|"
        r"^minutes$|^total minutes$|ระยะเวลา|期間|出席時間|持续时间|所要時間",
    ),
    ("joined", r"join|first seen|beitritt|entrada|arrivee|entree|ingreso|加入|参加時刻|入室|เข้าร่วม|dolacz"),
    ("left", r"leave|\bleft\b|exit|last seen|verlass|salida|depart|sortie|退出|退室|เวลาออก|opuszcz"),
    (
        "timestamp",
        r"timestamp|zeitstempel|horodatage|marca (de tiempo|temporal)|^time$|^date time$|^datetime$",
    ),
    ("action", r"\baction\b|aktion\b|\baccion\b|操作|動作"),  # "Benutzeraktion", not "Reaction-Applause"
    ("role", r"^(participant |user )?role$|^rolle$|^rol$|^ruolo$|^rola$|役割|บทบาท|角色"),
    ("first_name", r"^(first|given|fore) ?name$|^vorname$|^prenom$|^imie$"),
    ("last_name", r"^(last|family|sur) ?name$|^surname$|^nachname$|^nom de famille$|^apellidos?$|^nazwisko$"),
    ("org", r"company|organi[sz]ation|employer|firma|empresa|unternehmen|affiliation|^agency$"),
    ("status", r"status"),
    ("name", r"name|participant|attendee|teilnehmer|nombre|^nom$|名前|氏名|ชื่อ|姓名|参加者|imie i nazwisko"),
)
_ROLE_RX = tuple((role, re.compile(rx)) for role, rx in _ROLE_RULES)
_NOT_A_PERSON_NAME = re.compile(
    r"meeting|event|topic|file|company|organi|business|group|host|webinar|session|#|\bno\b|number|\bid\b|"
    r"count|type|status|question"
)
TIME_ROLES = frozenset({"joined", "left", "duration", "timestamp"})
# What makes a table one of a meeting's participants: times of joining or leaving, a duration, or events
# (an action with its timestamp). A timestamp alone is a form's submission time, not a meeting's.
PRESENCE_ROLES = frozenset({"joined", "left", "duration"})
WHO_ROLES = frozenset({"name", "first_name", "last_name", "email", "upn"})


@lru_cache(maxsize=4096)
def header_role(text: str) -> str | None:
    """The role a report column's header names ("Join Time" -> "joined"), or None."""
    h, raw = vocab.norm(text), " ".join(text.lower().split())
    if not h and not raw:
        return None
    for role, rx in _ROLE_RX:
        if rx.search(h) or rx.search(raw):
            if role == "name" and _NOT_A_PERSON_NAME.search(h):
                return None
            return role
    return None


# ---------------------------------------------------------------------------------------------------------
# Values.
def is_email(v: object) -> bool:
    return isinstance(v, str) and bool(EMAIL.fullmatch(v.strip()))


def is_stamp(v: object) -> bool:
    """A date with a time of day (a date-time cell at midnight is a date only)."""
    if isinstance(v, dt.datetime):
        return v.time() != dt.time(0)
    if isinstance(v, str):
        p = stamps.parts(v)
        if p is not None:
            return p.hour is not None
        return bool(re.search(r"[a-z]{3}", v, re.I)) and ":" in v and stamps.to_datetime(v) is not None
    return False


def is_clock(v: object) -> bool:
    return stamps.clock(v) is not None


def is_duration(v: object) -> bool:
    """A duration written with units or as a clock ("1h 2m", "56 min", "0:45:12"); a bare number is not."""
    if isinstance(v, dt.timedelta):
        return True
    if isinstance(v, str) and re.search(r"\d", v) and not re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", v):
        return stamps.minutes(v) is not None and not is_stamp(v)
    return False


def is_namelike(v: object) -> bool:
    """Text that could be a person's display name: letters, a few words, no address or date."""
    if not isinstance(v, str):
        return False
    s = v.strip()
    if not s or len(s) > 80 or "@" in s or not any(ch.isalpha() for ch in s) or len(s.split()) > 8:
        return False
    return not any(ch.isdigit() for ch in s) or (not is_stamp(s) and stamps.minutes(s) is None)


def _cells(rows, i: int) -> list[object]:
    return rows[i] if i < len(rows) else []


def _val(row: list[object], j: int) -> object:
    return row[j] if j < len(row) else None


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def share(vals: list[object], test) -> float:
    vals = [v for v in vals if not _blank(v)]
    return sum(1 for v in vals if test(v)) / len(vals) if vals else 0.0


# ---------------------------------------------------------------------------------------------------------
# Participant tables.
@dataclass
class Block:
    """One table of a report: its header row, its column roles, and its rows (the header's first to last)."""

    header: int
    roles: dict[int, str]  # column -> role
    rows: list[int] = field(default_factory=list)  # data rows (non-blank rows that name somebody)
    other: list[int] = field(default_factory=list)  # non-blank rows inside it that name nobody
    end: int = 0  # the row after its last
    headers: dict[int, str] = field(default_factory=dict)

    def col(self, role: str) -> int | None:
        return next((j for j, r in self.roles.items() if r == role), None)

    def cols(self, role: str) -> list[int]:
        return [j for j, r in self.roles.items() if r == role]


def _header_cells(row: list[object]) -> list[int] | None:
    """The filled columns of a row that could be a header (two or more, all text, none a value)."""
    cols = filled(row)
    if len(cols) < 2:
        return None
    for j in cols:
        v = row[j]
        if not isinstance(v, str) or is_email(v) or is_stamp(v) or is_duration(v) or len(v) > 80:
            return None
    return cols


def _below(rows, i: int, n: int = VALUE_ROWS) -> list[int]:
    """The non-blank rows under row i up to the next blank row (at most n, looked for among 2n rows)."""
    out = []
    for k in range(i + 1, min(len(rows), i + 1 + 2 * n)):
        if not filled(rows[k]):
            if out:
                break
            continue
        out.append(k)
        if len(out) >= n:
            break
    return out


def roles_by_words(row: list[object], cols: list[int]) -> dict[int, str]:
    roles: dict[int, str] = {}
    taken: set[str] = set()
    for j in cols:
        r = header_role(cell_text(row[j]))
        if r is None:
            continue
        if r in taken and r not in ("joined", "left", "duration"):
            continue  # "User Name (Original Name)" then "First Name": the first column of a role wins
        if r == "joined" and "joined" in taken:
            r = "left" if "left" not in taken else None  # a second join column is rare; leave it unread
        if r is None:
            continue
        if r == "duration" and "duration" in taken:
            continue
        roles[j] = r
        taken.add(r)
    return roles


def roles_by_values(rows, i: int, cols: list[int]) -> dict[int, str]:
    """Column roles from the values under a header ngsp has no words for: names, addresses, date-times with a
    clock (the first a join, the second a leave time), durations."""
    below = _below(rows, i)
    if not below:
        return {}
    roles: dict[int, str] = {}
    stamps_cols = []
    for j in cols:
        vals = [_val(rows[k], j) for k in below]
        if share(vals, is_email) >= MIN_VALUE_SHARE:
            roles[j] = "email"
        elif share(vals, is_stamp) >= MIN_VALUE_SHARE:
            stamps_cols.append(j)
        elif share(vals, is_duration) >= MIN_VALUE_SHARE:
            if "duration" not in roles.values():
                roles[j] = "duration"
        elif share(vals, is_namelike) >= MIN_VALUE_SHARE and "name" not in roles.values():
            roles[j] = "name"
    for j, r in zip(stamps_cols, ("joined", "left"), strict=False):
        roles[j] = r
    return roles


def participant_roles(rows, i: int) -> dict[int, str]:
    """The column roles of row i when it heads a table of participants (somebody, and times or a duration,
    with values under it that agree), else None.

    Header words decide where they say enough. Values fill in only what the words left wholly unsaid: the
    person columns of a header that names times, or every column of a header in a language ngsp has no words
    for. A header whose words name people but no times ("Order Date", "Completion time") is no meeting's."""
    row = _cells(rows, i)
    cols = _header_cells(row)
    if cols is None:
        return None
    roles = roles_by_words(row, cols)
    found = set(roles.values())
    if found & WHO_ROLES and _present(found):
        return roles if _values_agree(rows, i, roles) else None
    if found & WHO_ROLES or len(cols) < 3:
        return None  # people without times; or two cells, a summary's key and value ("Meeting Title | …")
    if not _times_below(rows, i):
        return None  # no time of day or duration under it: no meeting's participants, whatever the words
    if _tracker_header(row):
        return None  # the words of a tracker's own table (a meetings list, an action plan), not a report's
    by_values = roles_by_values(rows, i, [j for j in cols if j not in roles])
    if found:  # times named, people not: the people columns from their values
        by_values = {j: r for j, r in by_values.items() if r in WHO_ROLES}
    elif len(by_values) < 2:
        return None
    if any(_is_person(_val(row, j)) or _is_date(_val(row, j)) for j in cols):
        return None  # a header never names a person: this row is one of a table's rows
    merged = {**by_values, **roles}
    found = set(merged.values())
    if not (found & WHO_ROLES and _present(found)):
        return None
    return merged if _values_agree(rows, i, merged, strict=True) else None


TRACKER_HEADER_CELLS = 3  # a row with this many cells in a tracker's header words heads a tracker's table


def _tracker_header(row: list[object]) -> bool:
    """Whether a row's words head one of a tracker's own tables (at least TRACKER_HEADER_CELLS known fields)."""
    from ngsp.ingest.detect.header import assign, header_candidates

    return len(assign(header_candidates(row))) >= TRACKER_HEADER_CELLS


def _is_date(v: object) -> bool:
    """Whether a cell holds a date (a header never does)."""
    from ngsp.ingest.dates import to_date

    if isinstance(v, dt.date):
        return True
    return isinstance(v, str) and any(ch.isdigit() for ch in v) and to_date(v) is not None


def _is_person(v: object) -> bool:
    """Whether a cell is a person's name (given-name evidence, not just two capitalised words)."""
    from ngsp.ingest.names import name_kind

    return isinstance(v, str) and name_kind(v) == "person"


def _times_below(rows, i: int, n: int = 3) -> bool:
    """A date-time with a clock or a duration with units in the first rows under row i (cheap to ask first)."""
    return any(
        is_stamp(v) or is_duration(v) or is_clock(v)
        for k in _below(rows, i, n)
        for v in rows[k]
        if v is not None and not (isinstance(v, str) and not any(ch.isdigit() for ch in v))
    )


def _present(found: set[str]) -> bool:
    return bool(found & PRESENCE_ROLES) or {"timestamp", "action"} <= found


def _values_agree(rows, i: int, roles: dict[int, str], strict: bool = False) -> bool:
    """The rows under a header hold somebody and times: a time column whose values read as times (or the
    table is empty, a header alone, when its words were clear)."""
    below = _below(rows, i)
    if not below:
        return not strict
    who = [j for j, r in roles.items() if r in WHO_ROLES]
    named = [k for k in below if any(not _blank(_val(rows[k], j)) for j in who)]
    if not named:
        return False
    names = [j for j, r in roles.items() if r in ("name", "first_name", "last_name")]
    if names and not any(share([_val(rows[k], j) for k in named], is_namelike) >= 0.5 for j in names):
        return False  # "Participants" over a count: a preamble's keys, not a table of people
    for j, r in roles.items():
        if r not in TIME_ROLES:
            continue
        vals = [_val(rows[k], j) for k in named]
        test = (lambda v: stamps.minutes(v) is not None) if r == "duration" else _timeish
        if share(vals, test) >= 0.5:
            return True
    return False


def _timeish(v: object) -> bool:
    return is_stamp(v) or is_clock(v) or (isinstance(v, dt.datetime))


def blocks(rows, first: int = 0) -> list[Block]:
    """Every participant table of a sheet, in order, each to the row before the next one or a section title."""
    heads = []
    for i in range(first, len(rows)):
        if len(filled(rows[i])) >= 2:
            roles = participant_roles(rows, i)
            if roles:
                heads.append((i, roles))
    out = []
    for n, (i, roles) in enumerate(heads):
        stop = heads[n + 1][0] if n + 1 < len(heads) else len(rows)
        b = Block(i, roles, headers={j: cell_text(rows[i][j]) for j in roles})
        who = [j for j, r in roles.items() if r in WHO_ROLES]
        k = i + 1
        while k < stop:
            cols = filled(rows[k])
            if not cols:
                # A blank row ends the table unless the next non-blank row is more of it.
                nxt = next((x for x in range(k + 1, stop) if filled(rows[x])), None)
                if nxt is None or not _continues(rows[nxt], roles, who):
                    break
                k += 1
                continue
            if any(not _blank(_val(rows[k], j)) for j in who) and len(cols) >= 2:
                b.rows.append(k)
            else:
                b.other.append(k)
            k += 1
        b.end = k
        out.append(b)
    return out


def _continues(row: list[object], roles: dict[int, str], who: list[int]) -> bool:
    cols = filled(row)
    return len(cols) >= max(2, len(roles) // 2) and any(not _blank(_val(row, j)) for j in who)


def first_report_header(rows, nonblank: list[int]) -> int | None:
    """The first participant header among the first non-blank rows, or None."""
    for i in nonblank[:REPORT_SCAN_ROWS]:
        if participant_roles(rows, i):
            return i
    return None


# ---------------------------------------------------------------------------------------------------------
# Preambles and summaries: the meeting's title, start, end and host.
@dataclass
class Details:
    """What a report says about its meeting, and where it says it."""

    title: str = ""
    start: object = None  # the cell as written (parsed once the file's date order is known)
    end: object = None
    host: str = ""  # the host's e-mail address
    meeting_id: str = ""
    stamps: list[object] = field(default_factory=list)  # every date-time written in the details
    rows: list[int] = field(default_factory=list)  # the rows the details came from (structure)
    titles: list[int] = field(default_factory=list)  # one-cell lines (report and section titles)


_TITLE_KEY = re.compile(
    r"topic|title|subject|meeting name|event name|betreff|titel|titre|titulo|tema|件名|タイトル|会議名|หัวข้อ|主题"
)
_START_KEY = re.compile(r"start|begin|debut|inicio|開始|เริ่ม|开始|rozpocz")
_END_KEY = re.compile(r"\bend\b|ende|\bfin\b|終了|สิ้นสุด|结束|zakoncz")
_NOT_MEETING_TIME = re.compile(r"generated|export|created|download|report date|erstellt|registration")
_HOST_KEY = re.compile(r"host|organi[sz]er|veranstalter|organisateur|organizador|開催者|主催者")
_ID_KEY = re.compile(r"(meeting|webinar|conference) ?id$|^id$|meeting number|besprechungs ?id")
_GUID = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$", re.I)


def details(rows, lines: list[int]) -> Details:
    """Harvest a report's details from its non-table lines: key/value lines ("Meeting Title<TAB>…"), a row of
    keys over a row of values (Zoom's "Meeting ID, Topic, Start Time …"), one-cell title lines."""
    d = Details()
    pairs: list[tuple[str, object]] = []
    k = 0
    while k < len(lines):
        i = lines[k]
        row = rows[i]
        cols = filled(row)
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if len(cols) == 1:
            d.titles.append(i)
            k += 1
            continue
        keys = _header_cells(row)
        if keys and len(keys) >= 3 and nxt is not None and nxt == _next_nonblank(rows, i):
            vals = rows[nxt]
            if sum(1 for j in keys if not _blank(_val(vals, j))) >= 2 and _header_cells(vals) is None:
                pairs += [(cell_text(row[j]), _val(vals, j)) for j in keys]
                d.rows += [i, nxt]
                k += 2
                continue
        if isinstance(row[cols[0]], str) and len(cols) <= 3:
            pairs.append((cell_text(row[cols[0]]).rstrip(":"), row[cols[1]]))
        d.rows.append(i)
        k += 1
    for key, v in pairs:
        h = vocab.norm(key)
        text = cell_text(v)
        if not text:
            continue
        when = is_stamp(v) or isinstance(v, dt.datetime | dt.date) or stamps.to_datetime(v) is not None
        if when and not _NOT_MEETING_TIME.search(h):
            d.stamps.append(v)
            if _END_KEY.search(h) and d.end is None:
                d.end = v
            elif _START_KEY.search(h) and d.start is None:
                d.start = v
            continue
        if _HOST_KEY.search(h):
            m = EMAIL.search(text)
            if m:
                d.host = m.group(0).lower()
            continue
        if _ID_KEY.search(h):
            d.meeting_id = text
            continue
        if _TITLE_KEY.search(h) and not d.title:
            d.title = text
            continue
        if is_email(text) and not d.host and re.search(r"user|host|e ?mail", h):
            d.host = text.lower()  # Zoom's preamble "User Email" is the host's
    if not d.title:
        d.title = _untitled_guess(pairs)
    return d


def _next_nonblank(rows, i: int) -> int | None:
    return next((k for k in range(i + 1, len(rows)) if filled(rows[k])), None)


def _untitled_guess(pairs: list[tuple[str, object]]) -> str:
    """The meeting's title when no key names it: the longest text value that is no date, number, address,
    duration or identifier (a localised "Meeting title" line)."""
    best = ""
    for _key, v in pairs:
        if not isinstance(v, str):
            continue
        s = " ".join(v.split())
        if (
            len(s) > len(best)
            and any(ch.isalpha() for ch in s)
            and not is_email(s)
            and not is_stamp(s)
            and stamps.minutes(s) is None
            and not _GUID.match(s)
            and not re.search(r"@|\(\S+@\S+\)", s)
        ):
            best = s
    return best


# ---------------------------------------------------------------------------------------------------------
# File names: "2025-03-05 13-58 Healthcare Talent Pipeline - Attendance Report.csv",
# "meetingAttendanceReport(Quarterly Roundtable).csv", "<title> - Attendance report 05-12-22.csv".
_BOILERPLATE = re.compile(
    r"meeting ?attendance ?(report|list)|attendance ?(report|list|summary)|attendee ?(report|summary)|"
    r"participants?(?: ?report)?|zoomus ?meeting ?report|meeting ?report|registrations?|responses?|"
    r"sign ?in ?sheet|\bexport\b|\breport\b|\(\d+\)$|\bcopy\b",
    re.IGNORECASE,
)


def title_from_name(name: str) -> str:
    """A meeting's title from a file or sheet name, with dates, times, identifiers and export words taken out."""
    stem = Path(name).stem if "." in name[-6:] else name
    inner = re.search(r"meeting ?attendance ?report\s*\((.+)\)", stem, re.IGNORECASE)
    s = inner.group(1) if inner else stem
    s = s.replace("_", " ")
    while True:
        d, rest = find_date(s)
        if d is None:
            break
        s = rest
    s = re.sub(r"\b\d{1,2}[-:.h]\d{2}(?:[-:.]\d{2})?\b", " ", s)  # a time: 13-58, 13:58
    s = re.sub(r"\b\d{5,}\b|\b\d{4}\b", " ", s)  # meeting ids, years
    s = _BOILERPLATE.sub(" ", s)
    s = re.sub(r"^[\s\-–—_:|,.()]+|[\s\-–—_:|,.()]+$", "", " ".join(s.split()))
    return s if sum(ch.isalpha() for ch in s) >= 3 else ""


def date_in_name(name: str, dayfirst: bool) -> dt.date | None:
    """A full date in a file or sheet name ("2025-03-05 13-58 …", "… Attendance report 05-12-22")."""
    return find_date(Path(name).stem.replace("_", " "), dayfirst)[0]
