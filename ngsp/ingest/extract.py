"""Detected tables -> raw records (one dict per data row) and a ledger of every non-blank row.

Each record keeps its source (file, sheet, 1-based row). Every non-blank row becomes a record, structure
(title, header, section, total, legend, note) or a rejected row with its reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date, to_date
from ngsp.ingest.detect import Table, cell_text, filled


@dataclass
class Extracted:
    """Everything the tables of a tracker hold, before identities are resolved."""

    people: list[dict] = field(default_factory=list)  # roster / sign-in / log / grid person rows
    orgs: list[dict] = field(default_factory=list)  # roster rows naming only an organisation
    meetings: list[dict] = field(default_factory=list)
    attendance: list[dict] = field(default_factory=list)  # {person_ref, meeting: {...}, src}
    items: list[dict] = field(default_factory=list)
    funding: list[dict] = field(default_factory=list)
    ledger: list[tuple[str, str, int, str, str]] = field(
        default_factory=list
    )  # file, sheet, row, role, reason
    columns: list[tuple[str, str, int, str, str, str]] = field(default_factory=list)


def _src(t: Table, i: int) -> dict:
    return {"source_file": t.sheet.file, "source_sheet": t.sheet.name, "source_row": i + 1}


def _row_text(row: list[object]) -> str:
    return " | ".join(cell_text(row[j]) for j in filled(row))


def _extra(t: Table, row: list[object], used: set[int]) -> str:
    """Columns that mean nothing known, kept as a JSON object {header: value}."""
    out = {}
    for j in filled(row):
        if j in used:
            continue
        hdr = (
            cell_text(t.sheet.rows[t.header_row][j])
            if t.header_row >= 0 and j < len(t.sheet.rows[t.header_row])
            else ""
        )
        out[hdr or f"column {j + 1}"] = cell_text(row[j])
    return json.dumps(out, ensure_ascii=False) if out else ""


def _is_total(row: list[object], cols: list[int] | None = None) -> bool:
    """A total or count row: "Total", "Grand total", or "# Present" over a count under each meeting."""
    cols = filled(row) if cols is None else cols
    words = [row[j] for j in cols[:2] if isinstance(row[j], str)]  # "Total" may follow a number column
    if not words:
        return False
    kind = _total_word(words[0])
    if kind == "total":
        return True
    if kind == "count":
        rest = [row[j] for j in cols[1:]]
        return bool(rest) and all(
            isinstance(v, int | float) or re.fullmatch(r"\d+(\.0)?", str(v)) for v in rest
        )
    return False


@lru_cache(maxsize=1 << 14)
def _total_word(text: str) -> str | None:
    """'total' for a word that makes its row a total, 'count' for one that does when numbers follow."""
    first = vocab.norm(text)
    if first in vocab.TOTAL_WORDS or re.match(
        r"^(grand |sub )?(totals?|sum|count|headcount)( (of|by|for|attending|attendance|present|attended)\b.*)?$",
        first,
    ):
        return "total"
    if re.match(r"^(#|no |number|count|how many|total )", first) or first in (
        "present",
        "attended",
        "attendance",
    ):
        return "count"
    return None


def _is_legend(text: str) -> bool:
    low = text.lower().strip()
    if any(
        low.startswith(p) and (len(low) == len(p) or not (low[len(p)].isalnum() or p[-1:] in "=*"))
        for p in vocab.LEGEND_PREFIXES
        if p[-1:].isalnum()
    ):
        return True  # "Key: x = attended", "Note - ...", but not "Keystone Medical Group"
    return low.startswith(("*", "x =", "✓ =", "1 =")) or bool(re.match(r"^\(?\w{1,3}\)?\s*=", low))


def _is_header_again(t: Table, row: list[object], cols: list[int] | None = None) -> bool:
    """A header row repeated under a section: its cells are the table's headers, or name their columns' fields."""
    cols = filled(row) if cols is None else cols
    if len(cols) < 2 or not all(isinstance(row[j], str) for j in cols):
        return False
    hdr = t.sheet.rows[t.header_row] if t.header_row >= 0 else []
    hits = 0
    for j in cols:
        v = row[j]
        if not isinstance(v, str):
            return False
        if j < len(hdr) and vocab.norm(v) == vocab.norm(cell_text(hdr[j])):
            hits += 1
            continue
        if any(ch.isdigit() for ch in v) or len(v.split()) > 5:
            continue
        fields = dict(vocab.header_fields(" ".join(v.split())))
        if fields.get(t.columns.get(j, ""), 0) >= 95:
            hits += 1
    return hits >= 2 and hits >= 0.5 * len(cols)


def _merged_single(t: Table, i: int, cols: list[int]) -> bool:
    return any(r0 <= i <= r1 and c0 <= cols[0] <= c1 and c1 > c0 for r0, c0, r1, c1 in t.sheet.merged)


def extract(tables: list[Table], dayfirst: bool) -> Extracted:
    """Walk every table's rows once."""
    ex = Extracted()
    for t in tables:
        rows = t.sheet.rows
        led = ex.ledger
        f, s = t.sheet.file, t.sheet.name
        if t.kind == "set_aside":
            for i, r in enumerate(rows):
                if filled(r):
                    led.append((f, s, i + 1, "set_aside", t.why))
            continue
        t.col_of = {fld: j for j, fld in sorted(t.columns.items(), reverse=True)}
        for j, fld in t.columns.items():
            ex.columns.append((f, s, j, t.headers.get(j, ""), fld, t.how.get(j, "")))
        for i in t.title_rows:
            led.append((f, s, i + 1, "title", ""))
        for i in t.header_rows:
            led.append((f, s, i + 1, "header", ""))
        start = max(t.header_rows) + 1 if t.header_rows else 0
        rows = _fill_vertical_merges(rows, t.sheet.merged, start)
        {
            "roster": _people_rows,
            "signin": _people_rows,
            "attendance_log": _people_rows,
            "grid": _people_rows,
            "meetings": _meeting_rows,
            "action_plan": _item_rows,
            "funding": _funding_rows,
        }[t.kind](t, rows, start, ex, dayfirst)
    return ex


def _fill_vertical_merges(rows: list[list[object]], merged, start: int) -> list[list[object]]:
    """A cell merged down over several rows (a priority spanning its items) holds its value on every row.

    Only rows that hold something else are filled, so a blank row stays blank.
    """
    vertical = [(r0, c0, r1, c1) for r0, c0, r1, c1 in merged if r1 > r0 and r1 >= start]
    if not vertical:
        return rows
    rows = [list(r) for r in rows]
    for r0, c0, r1, c1 in vertical:
        top = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else None
        if top is None:
            continue
        for i in range(max(r0 + 1, start), min(r1, len(rows) - 1) + 1):
            row = rows[i]
            if not any(v is not None and not (c0 <= j <= c1) for j, v in enumerate(row)):
                continue
            for j in range(c0, min(c1, len(row) - 1) + 1):
                if row[j] is None:
                    row[j] = top
    return rows


def _classify_structure(t: Table, row: list[object], i: int, cols: list[int] | None = None) -> str | None:
    """'total', 'legend', 'header' or 'note' for a structure row, or None for a data row."""
    cols = filled(row) if cols is None else cols
    if _is_total(row, cols):
        return "total"
    if _is_header_again(t, row, cols):
        return "header"
    if len(cols) == 1 or _merged_single(t, i, cols):
        text = cell_text(row[cols[0]])
        if _is_legend(text):
            return "legend"
    return None


def _data_rows(t: Table, rows, start: int, ex: Extracted):
    """(index, row, filled columns) of each row that is not blank and not structure; structure goes to the ledger."""
    for i in range(start, len(rows)):
        row = rows[i]
        cols = filled(row)
        if not cols:
            continue
        kind = _classify_structure(t, row, i, cols)
        if kind:
            ex.ledger.append((t.sheet.file, t.sheet.name, i + 1, kind, ""))
            continue
        yield i, row, cols


def _get(t: Table, row: list[object], fld: str) -> object:
    j = t.col_of.get(fld)
    return row[j] if j is not None and j < len(row) else None


def _txt(t: Table, row: list[object], fld: str) -> str:
    return cell_text(_get(t, row, fld))


_PERSON_FIELDS = ("person", "first_name", "last_name", "email", "org", "org_type", "title", "phone", "role")
_MEETING_FIELDS = ("meeting_date", "meeting_type", "team", "priority", "location")


def _cells_of(cols: tuple[int, ...], rectangular: bool):
    """A function giving a row's values in these columns as a tuple (None beyond a short row's end)."""
    if len(cols) >= 2 and rectangular:
        return itemgetter(*cols)
    return lambda row: tuple(row[j] if j < len(row) else None for j in cols)


def _memo_key(vals: tuple) -> tuple:
    """A memo key for these cell values. True equals 1 in Python (and 1 equals 1.0), yet True is written
    "True": values holding a 0 or a 1 of any kind carry their types in the key. (5 and 5.0 read alike.)"""
    return (*vals, *map(type, vals)) if True in vals or False in vals else vals


def _person_cells(t: Table, row: list[object], used: set[int]) -> dict:
    """What a row says about its person (name, email, organisation ...), before any section heading."""
    raw_name = _get(t, row, "person")
    name = raw_name.strip() if isinstance(raw_name, str) else ""  # a date or a number is nobody's name
    if not any(ch.isalnum() for ch in name):
        name = ""  # "-", "?", "…": a placeholder, not a name
    first, last = _txt(t, row, "first_name"), _txt(t, row, "last_name")
    if not name and (first or last):
        name = f"{first} {last}".strip()
    email = _txt(t, row, "email").strip().lower()
    if email and not EMAIL.fullmatch(email):
        email = ""  # "N/A", "none", "see Maria": not an address, so not who the person is
    raw_org = _get(t, row, "org")
    org = " ".join(raw_org.split()) if isinstance(raw_org, str) else ""  # a date is no organisation
    return {
        "name": name,
        "email": email,
        "org": org,
        "org_type_text": _txt(t, row, "org_type"),
        "section_type": "",
        "title": _txt(t, row, "title"),
        "phone": _txt(t, row, "phone"),
        "role": _txt(t, row, "role"),
        "extra": _extra(t, row, used),
    }


def _log_meeting(t: Table, row: list[object], dayfirst: bool) -> tuple:
    """(date, label, team, location, date cell empty) of a log row, before what earlier rows say."""
    raw_date = _get(t, row, "meeting_date")
    d = to_date(raw_date, dayfirst)
    label = _txt(t, row, "meeting_type")
    if d is None and label:  # "6/5/24 Quarterly": the date inside the meeting's name
        found, rest = find_date(label, dayfirst)
        if found is not None:
            d, label = found, rest
    team = _txt(t, row, "team") or _txt(t, row, "priority")
    return d, label, team, _txt(t, row, "location"), raw_date is None


def _people_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns) | {j for j, _d, _l in t.grid}
    section_type: str | None = None
    last_meeting: dict = {}
    person_cols = [j for j, fld in t.columns.items() if fld in ("person", "first_name", "last_name", "email")]
    # A long log repeats each person and each meeting on many rows: what a row says about its person and its
    # meeting is worked out once per distinct set of cells (the rows' own logic is unchanged).
    width = max(map(len, rows), default=0)
    rectangular = min(map(len, rows), default=0) == width  # as the readers give them
    person_cells = _cells_of(
        tuple(
            sorted({t.col_of[fld] for fld in _PERSON_FIELDS if fld in t.col_of} | (set(range(width)) - used))
        ),
        rectangular,
    )
    meeting_cells = _cells_of(
        tuple(sorted({t.col_of[fld] for fld in _MEETING_FIELDS if fld in t.col_of})), rectangular
    )
    person_memo: dict[tuple, dict] = {}
    meeting_memo: dict[tuple, tuple] = {}
    mark_memo: dict[tuple, bool | None] = {}
    has_attended = "attended" in t.columns.values()
    kind = t.kind
    for i, row, cols in _data_rows(t, rows, start, ex):
        key = _memo_key(person_cells(row))
        cells = person_memo.get(key)
        if cells is None:
            cells = person_memo[key] = _person_cells(t, row, used)
        name, email, org = cells["name"], cells["email"], cells["org"]
        only = cols[0] if len(cols) == 1 else None
        if only is not None and only not in person_cols and t.columns.get(only) != "org":
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
        src = _src(t, i)
        person = {**cells, "section_type": section_type or "", **src}
        if kind == "roster":
            if name or email:
                ex.people.append(person)
                ex.ledger.append((f, s, i + 1, "data", "person"))
            elif org:
                ex.orgs.append(person)
                ex.ledger.append((f, s, i + 1, "data", "organisation"))
            else:
                _reject(ex, t, i, row, "a partner row with no person and no organisation")
            continue
        if not (name or email):
            _reject(ex, t, i, row, "an attendance row with no person's name")
            continue
        if kind == "attendance_log":
            mkey = _memo_key(meeting_cells(row))
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
                _reject(ex, t, i, row, "an attendance row whose meeting has no date that can be read")
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
                    **src,
                }
            )
        elif kind == "attendance_log":
            last_meeting = meeting
            if has_attended and _mark(mark_memo, _get(t, row, "attended")) is False:
                continue
            ex.attendance.append({"person": ref, "meeting": meeting, **src})
        elif kind == "grid":
            for j, d, label in t.grid:
                v = row[j] if j < len(row) else None
                if v is not None and _mark(mark_memo, v):
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
                            **src,
                        }
                    )


def _mark(memo: dict, v: object) -> bool | None:
    """`vocab.mark_present`, once per distinct cell value."""
    key = _memo_key((v,))
    got = memo.get(key, memo)
    if got is memo:
        got = memo[key] = vocab.mark_present(v)
    return got


EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
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


def _reject(ex: Extracted, t: Table, i: int, row: list[object], reason: str) -> None:
    ex.ledger.append((t.sheet.file, t.sheet.name, i + 1, "rejected", reason))


def _meeting_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns)
    for i, row, cols in _data_rows(t, rows, start, ex):
        raw_date = _get(t, row, "meeting_date")
        d = to_date(raw_date, dayfirst)
        label = _txt(t, row, "meeting_type")
        if d is None:
            if len(cols) == 1:
                ex.ledger.append((f, s, i + 1, "note", ""))
            else:
                _reject(
                    ex,
                    t,
                    i,
                    row,
                    "a meeting row with no date that can be read"
                    + (f" ({cell_text(raw_date)!r})" if raw_date is not None else ""),
                )
            continue
        ex.meetings.append(
            {
                "date": d,
                "label": label,
                "team": _txt(t, row, "team"),
                "location": _txt(t, row, "location"),
                "summary_sent": to_date(_get(t, row, "summary_sent"), dayfirst),
                "extra": _extra(t, row, used),
                **_src(t, i),
            }
        )
        ex.ledger.append((f, s, i + 1, "data", "meeting"))


def _section_name(text: str) -> str:
    """A priority's name from a section row: 'PRIORITY 2: NURSING WORKFORCE' -> 'NURSING WORKFORCE'."""
    s = " ".join(text.split())
    for _ in range(2):
        s = vocab.PRIORITY_DECORATION.sub("", s, count=1).strip()
    s = vocab.PRIORITY_SUFFIX.sub("", s).strip()
    return s.strip(" :-–—|") or " ".join(text.split())


def _looks_like_section(t: Table, rows, i: int, col: int, text: str, in_sections: bool) -> bool:
    """A lone cell that names a priority, not an action item that has only its description."""
    if vocab.PRIORITY_DECORATION.match(text) or text.isupper() or _merged_single(t, i, [col]):
        return True
    if t.columns.get(col) != "description":
        return True
    after_break = i == 0 or not filled(rows[i - 1]) or (i - 1) in t.header_rows
    if in_sections and after_break:
        return True  # after a blank line or the header, in a plan divided into sections
    for k in range(i + 1, min(i + 4, len(rows))):
        if filled(rows[k]):
            return _is_header_again(t, rows[k])
    return False


def _item_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns)
    has_priority_col = bool({"priority", "team"} & set(t.columns.values()))
    priority = ""
    # A section row right above the first header (under the sheet's title) names the first priority.
    titles = [i for i in t.title_rows if i < t.header_row]
    ctx_priority = str(t.context.get("priority") or "")
    if titles:
        last = titles[-1]
        text = " | ".join(cell_text(rows[last][j]) for j in filled(rows[last]))
        if len(filled(rows[last])) == 1 and (len(titles) > 1 or vocab.PRIORITY_DECORATION.match(text)):
            priority = _section_name(text)
            ex.ledger[:] = [e for e in ex.ledger if not (e[0] == f and e[1] == s and e[2] == last + 1)]
            ex.ledger.append((f, s, last + 1, "section", f"priority: {priority}"))
    if not priority and ctx_priority:
        priority = _section_name(ctx_priority)
    if not priority and not has_priority_col:
        sname = vocab.norm(t.sheet.name)
        generic = any(w in sname for w in vocab.PLAN_SHEET_WORDS) or not sname or sname.startswith("sheet")
        if not generic:
            priority = _section_name(t.sheet.name.replace("_", " "))
    last_prio = ""
    # A plan whose priorities are bare names on lines of their own, each after a blank line.
    bare_sections = any(
        len(filled(rows[i])) == 1
        and not filled(rows[i - 1])
        and filled(rows[i])[0] == t.col_of.get("description")
        and i + 1 < len(rows)
        and len(filled(rows[i + 1])) > 1
        for i in range(start + 1, len(rows))
    )
    for i, row, cols in _data_rows(t, rows, start, ex):
        if len(cols) == 1 or _merged_single(t, i, cols):
            text = cell_text(row[cols[0]])
            if _looks_like_section(
                t, rows, i, cols[0], text, (bool(priority) or bare_sections) and not has_priority_col
            ):
                priority = _section_name(text)
                ex.ledger.append((f, s, i + 1, "section", f"priority: {priority}"))
                continue
        desc = _txt(t, row, "description")
        if not desc:
            _reject(ex, t, i, row, "an action item row with no description")
            continue
        prio = (_txt(t, row, "priority") or _txt(t, row, "team")) if has_priority_col else ""
        if has_priority_col:
            # A priority written once above its items (a merged cell saved as CSV) holds for those below.
            prio = prio or last_prio
            last_prio = prio
        ex.items.append(
            {
                "priority": _section_name(prio) if prio else priority,
                "description": desc,
                "owner": _txt(t, row, "owner"),
                "due_raw": _get(t, row, "due"),
                "status_text": _txt(t, row, "status"),
                "percent_raw": _get(t, row, "percent"),
                "notes": _txt(t, row, "notes"),
                "team": _txt(t, row, "team"),
                "extra": _extra(t, row, used),
                **_src(t, i),
            }
        )
        ex.ledger.append((f, s, i + 1, "data", "action item"))


def _funding_rows(t: Table, rows, start: int, ex: Extracted, dayfirst: bool) -> None:
    f, s = t.sheet.file, t.sheet.name
    used = set(t.columns)
    for i, row, _cols in _data_rows(t, rows, start, ex):
        funder = _txt(t, row, "funder")
        amount = _get(t, row, "amount")
        if not funder and amount is None:
            ex.ledger.append((f, s, i + 1, "note", ""))
            continue
        if not funder:
            _reject(ex, t, i, row, "a funding row with no source")
            continue
        ex.funding.append(
            {
                "funder": funder,
                "kind_text": _txt(t, row, "funding_kind"),
                "amount_raw": amount,
                "status_text": _txt(t, row, "funding_status"),
                "period": _txt(t, row, "period"),
                "notes": _txt(t, row, "notes"),
                "extra": _extra(t, row, used),
                **_src(t, i),
            }
        )
        ex.ledger.append((f, s, i + 1, "data", "funding"))
