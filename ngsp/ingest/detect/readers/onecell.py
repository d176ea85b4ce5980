"""Meetings with their attendees written in one cell: one row per meeting (its date, its name), and a cell listing
who came, one per line or separated by semicolons or commas ("Ana Ruiz (Acme Tool); Lee Chan - County EDC").

The list column is found by its values whatever its header: most of its cells split into several parts, and most
parts are people's names (`names.name_kind`), with or without their organisation in brackets or after a dash.
A part that names an organisation rather than a person stands for one person from it, as in a grid of
organisations. Each person in a list is one attendance record at the row's meeting; a count of attendees beside
the list ("Turnout 12") is kept as it is, not read as people.
"""

from __future__ import annotations

import dataclasses
import re

from nameparser.config import CONSTANTS as NAME_WORDS

from ngsp.ingest import vocab
from ngsp.ingest.dates import to_date
from ngsp.ingest.detect.readers.base import SAID, Reader
from ngsp.ingest.detect.readers.people import representative
from ngsp.ingest.detect.seen import Seen
from ngsp.ingest.detect.table import Table, cell_text
from ngsp.ingest.detect.values import PROFILE_ROWS, SOME
from ngsp.ingest.names import name_kind
from ngsp.ingest.rows import EMAIL, Extracted, data_rows, extra, get, reject, src, txt

KIND = "meeting_attendee_lists"
FIELDS = frozenset({"meeting_date", "meeting_type", "team", "location", "summary_sent", "notes"})
PLAN_FIELDS = frozenset({"status", "percent", "due"})  # what only an action plan's other columns hold
MIN_LISTS = 2  # cells listing two people or more before a column is read as lists of attendees

# "Ana Ruiz (Acme Tool)", "Ana Ruiz [Acme Tool]": the organisation in brackets at the end.
_BRACKETED = re.compile(r"^(?P<name>.*?)\s*[(\[](?P<org>[^()\[\]]+)[)\]]\s*$")
# "Ana Ruiz - Acme Tool", "Ana Ruiz – Acme", "Ana Ruiz — Acme": a dash with spaces around it (not "Ortiz-Lee").
_DASHED = re.compile(r"^(?P<name>.+?)\s+[-–—]\s+(?P<org>.+)$")
_CREDENTIAL = re.compile(r"^[A-Z][A-Za-z]{0,1}[A-Z.\-]{1,7}$")  # RN, MSN, SHRM-CP, Ed.D., PhD


def _credential(part: str) -> bool:
    """A part that is a credential or suffix cut off a name by a comma ("RN", "Jr.", "Ed.D.")."""
    w = part.strip()
    if " " in w or not w:
        return False
    low = w.lower().replace(".", "")
    if low in NAME_WORDS.suffix_acronyms or low in NAME_WORDS.suffix_not_acronyms:
        return True
    return bool(_CREDENTIAL.match(w)) and name_kind(w) != "person"


def _one_word(part: str) -> bool:
    return len(part.split()) == 1 and "," not in part


def split_people(cell: str) -> list[str]:
    """The entries of a cell listing people: one per line, else separated by semicolons, else by commas (a
    credential after a comma stays with its name, and a surname with the given name after it: "Emily Kim, RN,
    Lopez, Maria" is two people)."""
    text = cell.replace("\r", "\n")
    if "\n" in text:
        parts = text.split("\n")
    elif ";" in text:
        parts = text.split(";")
    else:
        parts = []
        for p in text.split(","):
            if parts and (_credential(p) or _one_word(p) and _one_word(parts[-1])):
                parts[-1] = f"{parts[-1]},{p}"  # "Kim, RN"; "Lopez, Maria" (a surname, then the given name)
            else:
                parts.append(p)
    return [" ".join(p.split()) for p in parts if p.strip(" ,;")]


def entry(part: str) -> tuple[str, str]:
    """(person, organisation) of one entry: "Ana Ruiz (Acme)" and "Ana Ruiz - Acme" give both; an entry naming
    only an organisation gives its representative."""
    m = _BRACKETED.match(part) or _DASHED.match(part)
    if m and m.group("name").strip():
        return m.group("name").strip(" ,;"), " ".join(m.group("org").split())
    if name_kind(part) == "org":
        return representative(part), part
    return part, ""


def _is_person(part: str) -> bool:
    name, org = entry(part)
    return bool(org) or name_kind(name) == "person"


def list_column(seen: Seen, least: int = MIN_LISTS) -> int | None:
    """The column whose cells list several people (found by its values): at least `least` such cells and a
    third of its cells, and most of its cells lists or one person's name."""
    rows, start = seen.rows, seen.hr + 1
    best = None
    for j in range(max((len(r) for r in rows[seen.hr : seen.hr + 2]), default=0)):
        lists = ones = n = 0
        for r in rows[start : start + PROFILE_ROWS]:
            v = r[j] if j < len(r) else None
            if not isinstance(v, str) or not v.strip():
                continue
            n += 1
            parts = split_people(v)
            people = sum(map(_is_person, parts))
            if len(parts) >= 2 and people >= SOME * len(parts):
                lists += 1
            elif len(parts) == 1 and people:
                ones += 1
        # Lists in a third of the cells at least: a plan's owner column naming two people now and then is no list.
        if lists >= max(least, n / 3) and lists + ones >= SOME * n and (best is None or lists > best[0]):
            best = (lists, j)
    return best[1] if best else None


def _by_values(seen: Seen, col: int, t: Table) -> dict[int, str]:
    """The table's columns, with the meeting's date and name from the columns holding them: the header's words
    stand where the values agree; otherwise the column of dates, and the column most of whose values name a
    kind of meeting ("Gathering date" may have read as a meeting's name, "Get-together" as nothing)."""
    cols = dict(t.columns)
    rows, start = seen.rows, seen.hr + 1
    width = len(rows[seen.hr])
    settled = {col}
    for fld, share in (("meeting_date", _date_share), ("meeting_type", _meeting_share)):
        said = next((j for j, f in cols.items() if f == fld), None)
        if said is not None and share(rows, start, said, seen.dayfirst) >= SOME:
            settled.add(said)
            continue
        free = [j for j in range(width) if j not in settled]
        best = max(((share(rows, start, j, seen.dayfirst), -j) for j in free), default=(0.0, 0))
        if best[0] >= SOME:
            j = -best[1]
            if said is not None:
                del cols[said]
            cols[j] = fld
            settled.add(j)
            t.headers[j] = cell_text(rows[seen.hr][j])
            t.how[j] = "its values"
    return cols


def _column(rows, start: int, j: int) -> list[object]:
    out = []
    for r in rows[start : start + PROFILE_ROWS]:
        v = r[j] if j < len(r) else None
        if v is not None and (not isinstance(v, str) or v.strip()):
            out.append(v)
    return out


def _date_share(rows, start: int, j: int, dayfirst: bool) -> float:
    vals = _column(rows, start, j)
    return sum(to_date(v, dayfirst) is not None for v in vals) / len(vals) if vals else 0.0


def _meeting_share(rows, start: int, j: int, dayfirst: bool) -> float:
    vals = [v for v in _column(rows, start, j) if isinstance(v, str)]
    return sum(vocab.meeting_type_of(v) is not None for v in vals) / len(vals) if vals else 0.0


def _shape(seen: Seen, least: int = MIN_LISTS) -> Table | None:
    col = list_column(seen, least)
    if col is None:
        return None
    rest = dataclasses.replace(seen, cands={j: c for j, c in seen.cands.items() if j != col})
    if rest.top & PLAN_FIELDS:
        return None  # a plan whose owner cells name several people: its rows are tasks, not meetings
    t = rest.table(KIND, "", FIELDS)
    t.columns = _by_values(seen, col, t)
    if "meeting_date" not in t.columns.values():
        return None
    header = cell_text(seen.rows[seen.hr][col]) if col < len(seen.rows[seen.hr]) else ""
    t.headers[col] = header
    t.context = {**t.context, "list": col}
    t.why = f"one row per meeting, who came listed in one cell ('{header or f'column {col + 1}'}')"
    return t


def claim(seen: Seen) -> Table | None:
    if "meeting_date" not in seen.anyf:
        return None
    return _shape(seen)


def _as_kind(seen: Seen) -> Table:
    t = _shape(seen, least=1)  # a convener said so: one cell listing people is enough
    if t is None:
        return seen.table(KIND, SAID, FIELDS)
    t.why = f"{SAID}: {t.why}"
    return t


def list_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    col = t.context.get("list")
    used = set(t.columns) | ({col} if isinstance(col, int) else set())
    for i, row, cols in data_rows(t, rows, start, ex):
        raw = get(t, row, "meeting_date")
        d = to_date(raw, dayfirst)
        if d is None:
            if len(cols) == 1:
                ex.ledger.append((f, s, i + 1, "note", ""))
            else:
                reject(ex, t, i, row, "a meeting row with no date that can be read")
            continue
        where = src(t, i)
        meeting = {
            "date": d,
            "label": txt(t, row, "meeting_type"),
            "alt_label": "",
            "team": txt(t, row, "team"),
            "location": txt(t, row, "location"),
        }
        ex.meetings.append(
            {
                **meeting,
                "summary_sent": to_date(get(t, row, "summary_sent"), dayfirst),
                "extra": extra(t, row, used),
                **where,
            }
        )
        ex.ledger.append((f, s, i + 1, "data", "meeting"))
        cell = row[col] if isinstance(col, int) and col < len(row) else None
        for part in split_people(cell_text(cell) if not isinstance(cell, str) else cell) if cell else ():
            name, org = entry(part)
            email = ""
            found = EMAIL.search(name)
            if found:
                email = found.group(0).lower()
                name = " ".join(name.replace(found.group(0), " ").strip(" <>()").split())
            ex.people.append(
                {
                    "name": name,
                    "email": email,
                    "org": org,
                    "org_type_text": "",
                    "section_type": "",
                    "title": "",
                    "phone": "",
                    "role": "",
                    "extra": "",
                    **where,
                }
            )
            ex.attendance.append({"person": len(ex.people) - 1, "meeting": meeting, **where})


READER = Reader(KIND, claim, list_rows, _as_kind)
