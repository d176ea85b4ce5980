"""People down the rows: a roster, a sign-in sheet, a long attendance log or an attendance grid, walked alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ngsp.ingest import vocab
from ngsp.ingest.dates import due_date, find_date, to_date
from ngsp.ingest.detect.table import Table, cell_text
from ngsp.ingest.rows import (
    EMAIL,
    Extracted,
    cells_of,
    data_rows,
    extra,
    get,
    is_legend,
    is_total_label,
    memo_key,
    reject,
    src,
    txt,
)

_PERSON_FIELDS = ("person", "first_name", "last_name", "email", "org", "org_type", "title", "phone", "role")
_MEETING_FIELDS = ("meeting_date", "meeting_type", "team", "priority", "location")


def _person_cells(t: Table, row: list[object], used: set[int]) -> dict:
    """What a row says about its person (name, email, organisation ...), before any section heading."""
    raw_name = get(t, row, "person")
    name = raw_name.strip() if isinstance(raw_name, str) else ""  # a date or a number is nobody's name
    if not any(ch.isalpha() for ch in name) or vocab.is_placeholder(name):
        name = ""  # "-", "?", "0123", "N/A", "TBD": a placeholder or a number, not a name
    elif any(ch.isdigit() for ch in name) and due_date(name, False)[0] is not None:
        name = ""  # "Q3 2024", "March 3, 2025": a date, nobody's name
    first, last = txt(t, row, "first_name"), txt(t, row, "last_name")
    if not name and (first or last):
        name = f"{first} {last}".strip()
    email = txt(t, row, "email").strip().lower()
    if email and not EMAIL.fullmatch(email):
        email = ""  # "N/A", "none", "see Maria": not an address, so not who the person is
    raw_org = get(t, row, "org")
    org = " ".join(raw_org.split()) if isinstance(raw_org, str) else ""  # a date is no organisation
    if vocab.is_placeholder(org) or is_total_label(org):
        org = ""  # "TBD", "Total": no organisation's name
    return {
        "name": name,
        "email": email,
        "org": org,
        "org_type_text": txt(t, row, "org_type"),
        "section_type": "",
        "title": txt(t, row, "title"),
        "phone": txt(t, row, "phone"),
        "role": txt(t, row, "role"),
        "extra": extra(t, row, used),
    }


def _bare_type(org: str) -> bool:
    """A partner type and nothing more ("Business", "Public partner"): no organisation's name."""
    h = vocab.norm(org)
    return h in vocab.BUSINESS_TYPE_WORDS or h in vocab.PUBLIC_TYPE_WORDS  # not "Larimer County": a name


def _log_meeting(t: Table, row: list[object], dayfirst: bool) -> tuple:
    """(date, label, team, location, date cell empty) of a log row, before what earlier rows say."""
    raw_date = get(t, row, "meeting_date")
    d = to_date(raw_date, dayfirst)
    label = txt(t, row, "meeting_type")
    if d is None and label:  # "6/5/24 Quarterly": the date inside the meeting's name
        found, rest = find_date(label, dayfirst)
        if found is not None:
            d, label = found, rest
    team = txt(t, row, "team") or txt(t, row, "priority")
    return d, label, team, txt(t, row, "location"), raw_date is None


def people_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns) | {j for j, _d, _l in t.grid}
    section_type: str | None = None
    last_meeting: dict = {}
    person_cols = [j for j, fld in t.columns.items() if fld in ("person", "first_name", "last_name", "email")]
    # A long log repeats each person and each meeting on many rows: what a row says about its person and its
    # meeting is worked out once per distinct set of cells (the rows' own logic is unchanged).
    width = max(map(len, rows), default=0)
    rectangular = min(map(len, rows), default=0) == width  # as the readers give them
    person_cells = cells_of(
        tuple(
            sorted({t.col_of[fld] for fld in _PERSON_FIELDS if fld in t.col_of} | (set(range(width)) - used))
        ),
        rectangular,
    )
    meeting_cells = cells_of(
        tuple(sorted({t.col_of[fld] for fld in _MEETING_FIELDS if fld in t.col_of})), rectangular
    )
    person_memo: dict[tuple, dict] = {}
    meeting_memo: dict[tuple, tuple] = {}
    odd = ex.odd_marks.setdefault((f, s), Counter())
    mark = mark_reader(t.context.get("marks") or {}, odd)
    has_attended = "attended" in t.columns.values()
    kind = t.kind
    for i, row, cols in data_rows(t, rows, start, ex):
        key = memo_key(person_cells(row))
        cells = person_memo.get(key)
        if cells is None:
            cells = person_memo[key] = _person_cells(t, row, used)
        name, email, org = cells["name"], cells["email"], cells["org"]
        said = [j for j in cols if not vocab.is_placeholder(row[j])]  # "N/A" in a cell says nothing
        only = said[0] if len(said) == 1 else None
        if only is not None and t.columns.get(only) == "org" and not _bare_type(org):
            only = None  # an organisation alone on its row is a partner; a type word alone heads a section
        if only is not None and only not in person_cols:
            text = cell_text(row[only])
            typ = vocab.org_type_word(text) or (
                vocab.org_type_word(text.split()[0]) if text.split() else None
            )
            if typ and len(text.split()) <= 4:
                section_type = typ
                ex.ledger.append((f, s, i + 1, "section", f"partner type heading: {typ}"))
            else:
                ex.ledger.append((f, s, i + 1, "note", ""))
            continue
        if only is not None and only in person_cols and not email and len(name.split()) <= 4:
            typ = vocab.org_type_word(name)
            if typ or name.isupper() and len(name.split()) >= 2 and "partner" in name.lower():
                section_type = typ
                ex.ledger.append((f, s, i + 1, "section", f"partner type heading: {typ}"))
                continue
            if (
                vocab.norm(name) in GROUP_HEADINGS
                or name.rstrip().endswith(":")
                # a word in capitals ("GUESTS"), not a code such as "A000"
                or (name.isupper() and sum(map(str.isalpha, name)) > 3 and len(name.split()) == 1)
            ):
                # "Walk-ins", "Guests": a heading over people, not a person (who has a first and last name)
                section_type = None
                ex.ledger.append((f, s, i + 1, "section", "a heading over people"))
                continue
        if name and not email and any(c in name for c in ":=*") and is_legend(name):
            # "Key: x = here" in the names' column (its punctuation too: "Key Largo" may be somebody's name)
            ex.ledger.append((f, s, i + 1, "legend", ""))
            continue
        where = src(t, i)
        person = {**cells, "section_type": section_type or "", **where}
        if kind == "roster":
            if name or email:
                ex.people.append(person)
                ex.ledger.append((f, s, i + 1, "data", "person"))
            elif org and is_legend(org):
                ex.ledger.append((f, s, i + 1, "legend", ""))  # "Key: x = here" in the organisations' column
            elif org and not _bare_type(org):
                ex.orgs.append(person)
                ex.ledger.append((f, s, i + 1, "data", "organisation"))
            elif vocab.is_placeholder(get(t, row, "person")):
                reject(
                    ex, t, i, row, f"'{txt(t, row, 'person')}' stands where a name will go: not a person yet"
                )
            else:
                reject(ex, t, i, row, "a partner row with no person and no organisation")
            continue
        if not (name or email) and org and kind == "grid" and not person_cols:
            # A grid of organisations, not people: each mark is one person from the organisation.
            person = {**person, "name": representative(org)}
            name = person["name"]
        if not (name or email):
            reject(ex, t, i, row, "an attendance row with no person's name")
            continue
        if kind == "attendance_log":
            mkey = memo_key(meeting_cells(row))
            found = meeting_memo.get(mkey)
            if found is None:
                found = meeting_memo[mkey] = _log_meeting(t, row, dayfirst)
            d, label, team, location, date_blank = found
            # A meeting's date, name and team are often written only on its first row.
            if d is None and date_blank and last_meeting:
                d = last_meeting.get("date")
            if last_meeting and d == last_meeting.get("date") and not label:
                label = last_meeting["label"]
                team = team or last_meeting["team"]
            meeting = {"date": d, "label": label, "alt_label": "", "team": team, "location": location}
            if d is None:
                reject(ex, t, i, row, "an attendance row whose meeting has no date that can be read")
                continue
        ex.people.append(person)
        ex.ledger.append((f, s, i + 1, "data", "person"))
        ref = len(ex.people) - 1
        if kind == "signin":
            ctx = t.context
            ex.attendance.append(
                {
                    "person": ref,
                    "meeting": {
                        "date": ctx.get("date"),
                        "label": str(ctx.get("label") or ""),
                        "alt_label": str(ctx.get("sheet_label") or ""),
                        "team": "",
                        "location": str(ctx.get("location") or ""),
                    },
                    **where,
                }
            )
        elif kind == "attendance_log":
            last_meeting = meeting
            said = mark(get(t, row, "attended")) if has_attended else True
            if said is False:
                continue
            ex.attendance.append({"person": ref, "meeting": meeting, **where})
        elif kind == "grid":
            for j, d, label in t.grid:
                v = row[j] if j < len(row) else None
                if v is None:
                    continue
                if mark(v):
                    ex.attendance.append(
                        {
                            "person": ref,
                            "meeting": {
                                "date": d,
                                "label": label,
                                "alt_label": "",
                                "team": "",
                                "location": "",
                                "grid_column": j,
                            },
                            **where,
                        }
                    )


def representative(org: str) -> str:
    """The person standing for an organisation where a sheet names organisations, not people."""
    return f"{org} (representative)"


def mark_reader(legend: dict[str, bool], odd: Counter) -> Callable[[object], bool | None]:
    """A reader of attendance marks: True present, False absent, None for a cell that is no mark (counted in
    `odd`). The sheet's legend ({mark: present?}), when it has one, comes before ngsp's own reading; each distinct
    value is read once (a long log repeats the same few marks)."""
    memo: dict[tuple, bool | None] = {}
    for k, b in legend.items():
        memo[memo_key((k,))] = memo[memo_key((k.upper(),))] = b

    def read(v: object) -> bool | None:
        if isinstance(v, str) and v.strip() != v:
            v = v.strip()
        key = memo_key((v,))
        got = memo.get(key, memo)
        if got is memo:
            # The legend's marks in any case ("Green" for "green"), then ngsp's own reading.
            said = legend.get(v.lower()) if isinstance(v, str) else None
            got = memo[key] = said if said is not None else vocab.mark_present(v)
        if got is None:
            odd[cell_text(v)] += 1
        return got

    return read


GROUP_HEADINGS = {
    "walk ins",
    "walk in",
    "guests",
    "visitors",
    "other attendees",
    "others",
    "staff",
    "new members",
    "no organization",
    "unaffiliated",
    "presenters",
    "speakers",
    "observers",
    "members",
    "partners",
}
