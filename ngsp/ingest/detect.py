"""Raw sheets -> what each table is: where its header is, what each column means, what kind of table it is.

Kinds: ``roster`` (people and/or organisations), ``meetings`` (a meetings list), ``attendance_log`` (one row
per person per meeting), ``grid`` (people down, one column per meeting), ``signin`` (one meeting's sign-in
sheet), ``action_plan``, ``funding``; anything else is ``set_aside`` with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import islice

from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date, to_date
from ngsp.ingest.read import RawSheet

HEADER_SCAN_ROWS = 40  # a header is looked for in this many first rows
MIN_GRID_DATE_COLUMNS = 2  # an attendance grid has at least this many meeting columns


@dataclass
class Table:
    """One detected table of a sheet."""

    sheet: RawSheet
    kind: str
    why: str
    header_row: int = -1  # 0-based index of the (last) header row; -1 when none
    header_rows: tuple[int, ...] = ()  # every header row (two-row headers, type rows of a grid)
    title_rows: tuple[int, ...] = ()
    columns: dict[int, str] = field(default_factory=dict)  # column -> field
    headers: dict[int, str] = field(default_factory=dict)  # column -> header text as written
    how: dict[int, str] = field(default_factory=dict)  # column -> how the field was recognised
    context: dict[str, object] = field(default_factory=dict)  # meeting of a sign-in sheet, priority of a plan
    grid: list[tuple[int, dt.date, str]] = field(default_factory=list)  # (column, date, label) of a grid
    col_of: dict[str, int] = field(default_factory=dict)  # field -> column, set when the rows are read


def cell_text(v: object) -> str:
    """A cell as one line of text ("" for empty)."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date().isoformat()
    return " ".join(str(v).split())


def filled(row: list[object]) -> list[int]:
    """Columns of a row that hold something."""
    return [
        j for j, v in enumerate(row) if v is not None and (v.__class__ is not str or v and not v.isspace())
    ]


def _is_date_cell(v: object, dayfirst: bool) -> tuple[dt.date | None, str]:
    if isinstance(v, dt.datetime | dt.date):
        return to_date(v), ""
    if isinstance(v, str):
        d, rest = find_date(" ".join(v.split()), dayfirst)
        if d is not None:
            return d, rest
        d = to_date(v, dayfirst)
        if d is not None:
            return d, ""
    return None, ""


def _assign(cands: dict[int, tuple[tuple[str, int], ...]], allowed: set[str] | None = None) -> dict[int, str]:
    """Give each column its best field, each field to one column (highest score wins)."""
    pairs = []
    for col, fields in cands.items():
        for rank, (fld, score) in enumerate(fields):
            if allowed is None or fld in allowed:
                pairs.append((score - rank, -col, col, fld))
    pairs.sort(reverse=True)
    taken_cols: set[int] = set()
    taken_fields: set[str] = set()
    out = {}
    for _score, _neg, col, fld in pairs:
        if col in taken_cols or fld in taken_fields:
            continue
        out[col] = fld
        taken_cols.add(col)
        taken_fields.add(fld)
    return out


KIND_FIELDS = {
    "action_plan": {"priority", "description", "owner", "due", "status", "percent", "notes", "team"},
    "funding": {"funder", "amount", "funding_kind", "funding_status", "period", "notes", "org"},
    "meetings": {"meeting_date", "meeting_type", "team", "location", "summary_sent", "notes"},
    "people": {
        "person",
        "first_name",
        "last_name",
        "email",
        "org",
        "org_type",
        "title",
        "phone",
        "role",
        "meeting_date",
        "meeting_type",
        "team",
        "priority",
        "attended",
        "notes",
        "location",
    },
}


def _header_candidates(row: list[object]) -> dict[int, tuple[tuple[str, int], ...]]:
    out = {}
    for j, v in enumerate(row):
        if isinstance(v, str):
            f = vocab.header_fields(" ".join(v.split()))
            if f:
                out[j] = f
    return out


def _title_context(lines: list[str], dayfirst: bool) -> dict[str, object]:
    """Meeting name, date, location and priority from title lines above a table."""
    ctx: dict[str, object] = {}
    for line in lines:
        m = re.match(r"^\s*([A-Za-z][A-Za-z /#]{1,30}?)\s*[:\-–—]\s*(.+)$", line)
        key, val = (vocab.norm(m.group(1)), m.group(2).strip()) if m else ("", line)
        if key in ("date", "meeting date", "event date", "when", "date of meeting", "session date", "day"):
            d = to_date(val, dayfirst) or find_date(val, dayfirst)[0]
            if d:
                ctx["date"] = d
            continue
        if key in ("location", "venue", "where", "place", "host", "site"):
            ctx["location"] = val
            continue
        if key in (
            "meeting",
            "event",
            "session",
            "meeting name",
            "meeting type",
            "type",
            "title",
            "topic",
            "gathering",
            "convening",
        ):
            d, rest = find_date(val, dayfirst)
            if d and "date" not in ctx:
                ctx["date"] = d
            ctx["label"] = rest or val
            continue
        if key in (
            "priority",
            "priority area",
            "goal",
            "focus area",
            "action area",
            "action team",
            "team",
            "strategy",
            "initiative",
            "objective",
        ):
            ctx["priority"] = val
            continue
        if re.search(
            r"\b(updated|as of|revised|printed|prepared|generated|saved|edited|through)\b", line, re.I
        ):
            continue  # "Partner roster — updated 9/30/2025" dates the file, not a meeting
        d, rest = find_date(line, dayfirst)
        if d and re.search(
            r"roster|contact|directory|partner list|member list|membership|mailing", rest, re.I
        ):
            d = None  # "Partner roster 2025-01-15" dates a list, not a meeting
        if d and "date" not in ctx:
            ctx["date"] = d
            if rest and vocab.meeting_type_of(rest) and "label" not in ctx:
                ctx["label"] = rest
        elif vocab.meeting_type_of(line) and "label" not in ctx and "sign" not in line.lower():
            ctx.setdefault("title_label", line)
        if re.match(r"^\s*(?:priority|goal|focus area)\b", line, re.IGNORECASE) and "priority" not in ctx:
            ctx["priority"] = line
    return ctx


def detect_sheet(
    sheet: RawSheet, dayfirst: bool = False, kind: str | None = None, columns: dict[str, str] | None = None
) -> list[Table]:
    """What a sheet holds (one table per sheet; the action plan's repeated headers are one table).

    ``kind`` and ``columns`` ({header as written: field, "" to ignore the column}) are a user's corrections.
    """
    rows = sheet.rows
    # The header is looked for among the first non-blank rows: a long log is not walked here.
    nonblank = list(islice((i for i, r in enumerate(rows) if filled(r)), HEADER_SCAN_ROWS))
    sname = vocab.norm(sheet.name)
    if not nonblank:
        return [Table(sheet, "set_aside", "the sheet is empty")]
    if kind == "set_aside":
        return [Table(sheet, "set_aside", "you said this sheet holds no partnership data")]

    found = []
    for i in nonblank:
        row = rows[i]
        cols = filled(row)
        cands = _header_candidates(row)
        dates = []
        for j in cols:
            d, rest = _is_date_cell(row[j], dayfirst)
            if d is not None:
                dates.append((j, d, rest))
        text_share = sum(isinstance(row[j], str) for j in cols) / len(cols)
        score = len({f[0][0] for f in cands.values()})
        # A grid's meeting columns; one is enough when its label names the meeting ("12/24/25 Kick-off").
        gridlike = len(dates) >= MIN_GRID_DATE_COLUMNS or (
            len(dates) == 1 and bool(vocab.meeting_type_of(dates[0][2]) or _type_above(rows, i, dates[0][0]))
        )
        if gridlike:
            # A header names its columns: most of its other cells are header words (a data row holds names).
            date_cols = {d[0] for d in dates}
            others = [j for j in cols if j not in date_cols and isinstance(row[j], str)]
            worded = [j for j in others if j in cands and cands[j][0][1] >= 75]
            gridlike = bool(others) and len(worded) >= 0.5 * len(others)
        if len(cols) < 2 or (score < 2 and not gridlike):
            continue
        if gridlike and any(
            f[0][0] in vocab.PERSON_FIELDS | {"org"} and f[0][1] >= 90 for f in cands.values()
        ):
            score += 100  # people down, meeting dates across: a grid's header outranks the type row above it
        elif text_share < 0.6:
            continue
        found.append((score, i, cands, dates))
    # The first header row that names nearly as many fields as the best one (a plan repeats its header).
    top_score = max((f[0] for f in found), default=0)
    best = next((f for f in found if f[0] >= max(2, top_score - 1)), None)
    if best is None and kind:
        best = (0, nonblank[0], _header_candidates(rows[nonblank[0]]), [])
    if best is None:
        return [Table(sheet, "set_aside", _aside_reason(sheet, rows))]

    _score, hr, cands, dates = best
    cands = _refine_by_values(rows, hr, cands)
    for j, v in enumerate(rows[hr]):
        said = (columns or {}).get(vocab.norm(cell_text(v))) if v is not None else None
        if said is not None:
            if said:
                cands[j] = ((said, 1000),)
            else:
                cands.pop(j, None)
    titles = [i for i in nonblank if i < hr]
    title_lines = [" ".join(cell_text(rows[i][j]) for j in filled(rows[i])) for i in titles]
    ctx = _title_context(title_lines, dayfirst)
    forced_aside = sname in vocab.SET_ASIDE_SHEET_WORDS or any(
        sname.startswith(w) for w in ("instruction", "read me", "readme", "dropdown", "lookup", "list")
    )

    # Two-row headers: a row right above the header that labels columns the header leaves empty.
    header_rows = [hr]
    if hr - 1 in titles and len(filled(rows[hr - 1])) >= 2:
        upper = rows[hr - 1]
        for j in filled(upper):
            if j not in cands and isinstance(upper[j], str) and not _is_date_cell(upper[j], dayfirst)[0]:
                f = vocab.header_fields(cell_text(upper[j]))
                if f and not (rows[hr][j] if j < len(rows[hr]) else None):
                    cands[j] = f
        header_rows.insert(0, hr - 1)

    def table(kind: str, why: str, allowed: set[str]) -> Table:
        colmap = _assign(
            {j: c for j, c in cands.items() if j not in {d[0] for d in dates} or kind != "grid"}, allowed
        )
        how = {j: ("exact word" if cands[j][0][1] >= 100 else "similar words") for j in colmap}
        return Table(
            sheet,
            kind,
            why,
            hr,
            tuple(header_rows),
            tuple(i for i in titles if i not in header_rows),
            colmap,
            {j: cell_text(rows[hr][j]) or cell_text(rows[header_rows[0]][j]) for j in colmap},
            how,
            ctx,
        )

    top = {c[0][0] for c in cands.values()}
    anyf = {f for c in cands.values() for f, _ in c}
    people = table("roster", "", KIND_FIELDS["people"])
    pf = set(people.columns.values())
    has_person = bool(pf & {"person", "first_name", "last_name"}) or ("email" in pf and "org" in pf)

    if kind:
        return [_as_kind(kind, table, people, sheet, rows, hr, dates, titles, ctx, dayfirst)]

    if forced_aside:
        return [
            Table(
                sheet, "set_aside", f"the sheet's name ({sheet.name!r}) says it holds instructions or lists"
            )
        ]

    # Attendance grid: people (or their organisations) down, meeting dates across.
    gridlike = len(dates) >= MIN_GRID_DATE_COLUMNS or (
        len(dates) == 1 and bool(vocab.meeting_type_of(dates[0][2]) or _type_above(rows, hr, dates[0][0]))
    )
    if gridlike and (has_person or "org" in pf):
        t = table(
            "grid",
            f"{len(dates)} meeting dates across the top, people down the side",
            KIND_FIELDS["people"] - {"meeting_date", "meeting_type", "team", "attended"},
        )
        t.grid = _grid_meetings(rows, hr, dates, titles, dayfirst)
        # Meeting types may sit in a row under the dates, before the first person.
        below = []
        for i in range(hr + 1, min(hr + 4, len(rows))):
            r = rows[i]
            named = [
                j
                for j, _d, _r in dates
                if j < len(r) and isinstance(r[j], str) and vocab.meeting_type_of(r[j])
            ]
            if not named or len(named) < len(dates) / 2:
                break
            below.append(i)
            labels = {j: " ".join(r[j].split()) for j in named}
            t.grid = [(j, d, (lbl + " " + labels.get(j, "")).strip()) for j, d, lbl in t.grid]
        type_rows = {
            i
            for i in titles
            if any(isinstance(rows[i][j] if j < len(rows[i]) else None, str) for j, _d, _r in dates)
        }
        t.header_rows = tuple(sorted(set(t.header_rows) | type_rows | set(below)))
        t.title_rows = tuple(i for i in titles if i not in t.header_rows)
        return [t]

    # Action plan: tasks with a status, owner, due date or percent.
    if "description" in anyf and len(anyf & {"status", "percent", "due", "owner", "priority"}) >= 1:
        t = table("action_plan", "", KIND_FIELDS["action_plan"])
        fs = set(t.columns.values())
        if (
            "description" in fs
            and len(fs & {"status", "percent", "due", "owner", "priority"}) >= 1
            and not (has_person and "status" not in fs and "percent" not in fs and "due" not in fs)
        ):
            t.why = "action items with " + ", ".join(sorted(fs & {"status", "percent", "due", "owner"}))
            return [t]

    if has_person:
        meet = pf & {"meeting_date", "meeting_type"}
        if meet:
            people.kind = "attendance_log"
            people.why = (
                "one row per person per meeting (columns: "
                + ", ".join(people.headers[j] for j, f in people.columns.items() if f in meet)
                + ")"
            )
            return [people]
        sheet_date, sheet_rest = find_date(sheet.name, dayfirst)
        if ctx.get("date") or sheet_date or (ctx.get("label") and vocab.meeting_type_of(str(ctx["label"]))):
            people.kind = "signin"
            people.context = _signin_context(ctx, sheet.name, sheet_date, sheet_rest)
            people.why = "a sign-in sheet for one meeting" + (
                " (meeting named in the title lines)"
                if ctx.get("date") or ctx.get("label")
                else " (meeting named in the sheet's name)"
            )
            return [people]
        people.kind = "roster"
        people.why = "a list of partners and their people"
        return [people]

    if "org" in pf and ("org_type" in pf or not (anyf & FUNDING_ONLY)):
        if not ({"amount", "funder"} & anyf) or "org_type" in pf:
            people.kind = "roster"
            people.why = "a list of partner organisations"
            return [people]

    if "meeting_date" in anyf and not (anyf & {"amount"}):
        t = table("meetings", "a list of meetings", KIND_FIELDS["meetings"])
        if "meeting_date" in t.columns.values():
            return [t]

    if "amount" in anyf and (anyf & {"funder", "funding_kind", "funding_status"}):
        t = table("funding", "funding and in-kind contributions", KIND_FIELDS["funding"])
        if "org" in t.columns.values() and "funder" not in t.columns.values():
            t.columns = {j: ("funder" if f == "org" else f) for j, f in t.columns.items()}
        if "amount" in t.columns.values():
            if "budget" in sname or "expense" in sname:
                return [Table(sheet, "set_aside", f"the sheet's name ({sheet.name!r}) says it is a budget")]
            return [t]

    return [Table(sheet, "set_aside", _aside_reason(sheet, rows, top))]


def _type_above(rows, i: int, j: int) -> bool:
    """A meeting type written over column j in the row above row i (a grid's type row)."""
    v = rows[i - 1][j] if i > 0 and j < len(rows[i - 1]) else None
    return isinstance(v, str) and vocab.meeting_type_of(v) is not None


def _as_kind(kind, table, people, sheet, rows, hr, dates, titles, ctx, dayfirst) -> Table:
    """The table read as the kind a user said it is."""
    why = "you said what this sheet is"
    if kind == "grid" and dates:
        t = table("grid", why, KIND_FIELDS["people"] - {"meeting_date", "meeting_type", "team", "attended"})
        t.grid = _grid_meetings(rows, hr, dates, titles, dayfirst)
        return t
    if kind in ("roster", "attendance_log", "signin", "grid"):
        people.kind, people.why = ("roster" if kind == "grid" else kind), why
        if kind == "signin":
            sheet_date, sheet_rest = find_date(sheet.name, dayfirst)
            people.context = _signin_context(ctx, sheet.name, sheet_date, sheet_rest)
        return people
    fields = {
        "action_plan": KIND_FIELDS["action_plan"],
        "meetings": KIND_FIELDS["meetings"],
        "funding": KIND_FIELDS["funding"],
    }.get(kind)
    if fields is None:
        return Table(sheet, "set_aside", f"{why} ({kind!r} is not a kind ngsp knows)")
    return table(kind, why, fields)


FUNDING_ONLY = {"amount", "funder", "funding_kind", "funding_status"}
VALUE_SAMPLE_ROWS = 60  # rows read under a header to settle what an ambiguous column holds


def _refine_by_values(rows, hr: int, cands: dict) -> dict:
    """Settle a "Type" column by what it holds: meeting types (Quarterly, Action Team) or partner types."""
    out = dict(cands)
    for j, fields in cands.items():
        names = {f for f, _ in fields}
        if not names & {"org_type", "meeting_type", "funding_kind"}:
            continue
        vals = []
        for r in rows[hr + 1 : hr + 1 + 20 * VALUE_SAMPLE_ROWS]:  # a log may name its meeting once per block
            if j < len(r) and isinstance(r[j], str) and r[j].strip():
                vals.append(r[j])
                if len(vals) >= VALUE_SAMPLE_ROWS:
                    break
        if len(vals) < 2:
            continue
        meet = sum(vocab.meeting_type_of(v) is not None for v in vals)
        org = sum(vocab.org_type_word(v) is not None for v in vals)
        rest = tuple((f, sc) for f, sc in fields if f not in ("org_type", "meeting_type", "funding_kind"))
        if meet >= 0.6 * len(vals) and meet > org:
            out[j] = (("meeting_type", 100), *rest)
        elif org >= 0.6 * len(vals) and org > meet:
            out[j] = (("org_type", 100), *rest)
    return out


def _aside_reason(sheet: RawSheet, rows, top: set[str] | None = None) -> str:
    widths = [n for n in map(len, map(filled, rows)) if n]
    if max(widths) <= 1:
        return "one column of text (instructions or notes), no table"
    if top:
        return (
            "a table whose columns ("
            + ", ".join(sorted(top))
            + ") are not partners, meetings, attendance, action items or funding"
        )
    return "no header row that names partners, meetings, attendance, action items or funding"


def _signin_context(ctx: dict, sheet_name: str, sheet_date, sheet_rest: str) -> dict:
    out = dict(ctx)
    out.setdefault("date", sheet_date)
    label = str(ctx.get("label") or ctx.get("title_label") or "")
    if not label or not vocab.meeting_type_of(label):
        label = label or sheet_rest or sheet_name
        if not vocab.meeting_type_of(label) and vocab.meeting_type_of(sheet_rest):
            label = sheet_rest
    out["label"] = label
    out["sheet_label"] = sheet_rest
    return out


def _grid_meetings(rows, hr, dates, titles, dayfirst) -> list[tuple[int, dt.date, str]]:
    """(column, date, label) per meeting column: the label from the cell itself or the header rows above."""
    out = []
    for j, d, rest in dates:
        parts = []
        for i in titles[-3:]:
            v = rows[i][j] if j < len(rows[i]) else None
            if isinstance(v, str) and v.strip() and not _is_date_cell(v, dayfirst)[0]:
                parts.append(" ".join(v.split()))
        if rest:
            parts.append(rest)
        out.append((j, d, " ".join(parts)))
    return out
