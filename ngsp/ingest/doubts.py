"""Signs that a reading went wrong, in plain words naming the file, sheet and column.

A wrong dashboard shown with confidence is worse than a question: every reading is checked for organisations
named with single letters, yes/no words or numbers; people named like headers, totals or roles; a meeting with
more attendees than the roster has people; many attendance rows but one or two organisations; a business share
of exactly 0 or 100% from a handful of organisations; a sheet read by a reader that covered few of its rows.
The warnings travel with the tracker (``Quality.warnings``) to the summary, the pages and the exports.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.ingest import vocab
from ngsp.ingest.detect.readers import REPORT_KINDS
from ngsp.ingest.detect.table import Table
from ngsp.ingest.detect.values import first_kind, value_kind
from ngsp.ingest.normalise import parse_percent, status_meanings
from ngsp.ingest.rows import Extracted

MIN_VALUES = 3  # values a column needs before its values can look wrong
PLAIN_SHARE = 0.6  # this share of an organisation column's names being marks, letters or numbers is a doubt
MIN_ROWS_ONE_ORG = 20  # attendance records from which one or two organisations in all is a doubt
HANDFUL = 5  # a business share of 0 or 100% from this many organisations or fewer is a doubt
LOW_COVERAGE = 0.5  # a sheet whose reader used less than this share of its rows ...
COVERAGE_MIN_ROWS = 10  # ... of at least this many non-blank rows
ROLE_WORDS = frozenset(
    {"champion", "co chair", "cochair", "chair", "member", "staff", "guest", "guests", "presenter", "facilitator",
     "speaker", "host", "convener", "walk in", "walk ins", "tbd", "vacant", "open", "n a", "none", "unknown"}
)  # fmt: skip


def _where(file: str, sheet: str) -> str:
    return f"sheet '{sheet}'" + (f" of {file}" if file and file != sheet else "")


def _examples(values: list[str], n: int = 3) -> str:
    shown = [f"'{v}'" for v in list(dict.fromkeys(values))[:n]]
    return " and ".join(shown) if len(shown) <= 2 else ", ".join(shown[:-1]) + " and " + shown[-1]


PLAIN_KINDS = ("mark", "number", "date", "percent", "money", "org_type")  # all read before any name


def _plain(value: str) -> bool:
    """A value that is no organisation's or person's name: a mark, a letter or code, a number, a date."""
    v = value.strip()
    return len(v) <= 1 or first_kind(v, False) in PLAIN_KINDS


def _org_column_doubts(ex: Extracted, tables: list[Table]) -> list[str]:
    by_sheet: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in (*ex.people, *ex.orgs):
        if r["org"]:
            by_sheet[(r["source_file"], r["source_sheet"])].append(r["org"])
    out = []
    for t in tables:
        if "org" not in t.columns.values():
            continue
        header = next((t.headers.get(j, "") for j, f in t.columns.items() if f == "org"), "")
        orgs = by_sheet.get((t.sheet.file, t.sheet.name), [])
        if len(orgs) < MIN_VALUES:
            continue
        distinct = list(dict.fromkeys(orgs))
        plain, named = [], 0
        for o in distinct:  # stops once too many are names for the plain ones to reach their share
            if _plain(o):
                plain.append(o)
            else:
                named += 1
                if len(distinct) - named < PLAIN_SHARE * len(distinct):
                    break
        where = _where(t.sheet.file, t.sheet.name)
        if len(plain) >= PLAIN_SHARE * len(distinct):
            out.append(
                f"ngsp may have misread {where}: its organisation column '{header}' holds "
                f"{'only ' if len(plain) == len(distinct) else ''}{_examples(plain)}, which are not organisations' "
                "names. Check what that column holds on the Data quality page."
            )
    return out


def _named_like_heading(name: str) -> bool:
    """A person's name that is a role, a total or a header's words."""
    h = vocab.norm(name)
    return h in ROLE_WORDS or h in vocab.TOTAL_WORDS or any(sc >= 100 for _f, sc in vocab.header_fields(name))


def _people_doubts(ex: Extracted) -> list[str]:
    odd: dict[tuple[str, str], list[str]] = defaultdict(list)
    total: Counter = Counter()
    seen: dict[str, bool] = {}  # a long log names each person on many rows: each name is judged once
    for r in ex.people:
        where = (r["source_file"], r["source_sheet"])
        total[where] += 1
        name = r["name"]
        if not name:
            continue
        if name not in seen:
            seen[name] = _named_like_heading(name)
        if seen[name]:
            odd[where].append(name)
    out = []
    for (file, sheet), names in odd.items():
        if len(names) >= 2 and len(names) >= 0.05 * total[(file, sheet)]:
            out.append(
                f"ngsp may have misread {_where(file, sheet)}: {len(names)} people are named like headings, "
                f"totals or roles ({_examples(names)}). Check that sheet's rows and columns on the Data quality page."
            )
    return out


def _attendance_doubts(t: Tracker, ex: Extracted, tables: list[Table]) -> list[str]:
    out = []
    att = t.attendance
    # An online meeting can be larger than the partner list (a webinar): only the tracker's own sheets count here.
    reports = {(x.sheet.file, x.sheet.name) for x in tables if x.kind in REPORT_KINDS}
    if reports:
        own = [(f, s) not in reports for f, s in zip(att["source_file"], att["source_sheet"], strict=True)]
        att = att.loc[pd.Series(own, index=att.index, dtype=bool)]
    roster_sheets = {(x.sheet.file, x.sheet.name) for x in tables if x.kind == "roster"}
    roster_people = {
        i for i, r in enumerate(ex.people) if (r["source_file"], r["source_sheet"]) in roster_sheets
    }
    if len(roster_people) >= 5 and not att.empty:
        per = att.groupby("meeting_id").size()
        biggest = int(per.max())
        if biggest > len(roster_people) * 1.5 and biggest >= len(roster_people) + 5:
            m = t.meetings.set_index("meeting_id").loc[per.idxmax()]
            when = m["date"].strftime("%d %b %Y").lstrip("0") if m["date"] == m["date"] else "a meeting"
            out.append(
                f"ngsp may have misread the attendance: the meeting of {when} has {biggest} attendees, more than "
                f"the {len(roster_people)} people on the partner list. Check the attendance sheets on the Data "
                "quality page."
            )
    known = att[att["org_id"] != ""]
    if len(att) >= MIN_ROWS_ONE_ORG and known["org_id"].nunique() <= 2 and len(t.organizations) <= 2:
        sheets = sorted({f"'{s}'" for s in att["source_sheet"]})
        out.append(
            f"ngsp may have misread the attendance: {len(att)} attendance records but only "
            f"{known['org_id'].nunique()} organisation(s) in all (sheets {', '.join(sheets[:3])}). Check which "
            "column was read as the organisation on the Data quality page."
        )
    return out


def _share_doubt(t: Tracker) -> list[str]:
    """A business share of exactly 0 or 100% from a handful of organisations."""
    full = t.meetings[t.meetings["type"].isin(("launch", "full_partnership"))]["meeting_id"]
    a = t.attendance[t.attendance["meeting_id"].isin(full)]
    types = t.organizations.set_index("org_id")["type"]
    orgs = [o for o in a["org_id"].unique() if o in types.index and types[o] in ("business", "public")]
    if not orgs or len(orgs) > HANDFUL:
        return []
    kinds = {types[o] for o in orgs}
    if len(kinds) != 1:
        return []
    share = "100%" if kinds == {"business"} else "0%"
    return [
        f"The business share of partnership meetings is {share}, from only {len(orgs)} organisation"
        f"{'s' if len(orgs) != 1 else ''}: check that organisations and their partner types were read right "
        "(Data quality page) before relying on it."
    ]


def _report_doubts(t: Tracker) -> list[str]:
    """Attendance reports that name no date: nobody in them is counted until the convener gives one."""
    r = t.quality.reports
    waiting = r[r["needs_date"].astype(bool)]
    return [
        f"ngsp found no date in the attendance report {_where(f, s)}, so nobody in it is counted yet: give its "
        "meeting's date on the Data quality page."
        for f, s in zip(waiting["source_file"], waiting["source_sheet"], strict=True)
    ]


def _coverage_doubts(t: Tracker) -> list[str]:
    """Sheets whose reader used few of the rows under their header (titles and headers aside); a report that
    waits for its date is said so on its own."""
    led = t.quality.ledger
    # Rows of one cell (notes, sections, legends) say nothing about whether the reader missed data.
    body = led[~led["role"].isin(("title", "header", "set_aside", "note", "section", "legend"))]
    r = t.quality.reports[t.quality.reports["needs_date"].astype(bool)]
    waiting = set(zip(r["source_file"], r["source_sheet"], strict=True))
    out = []
    for (file, sheet), rows in body.groupby(["source_file", "source_sheet"], sort=False):
        if (file, sheet) in waiting:
            continue
        roles = rows["role"].value_counts()
        used, seen = int(roles.get("data", 0)), len(rows)
        if (seen >= COVERAGE_MIN_ROWS and used < LOW_COVERAGE * seen) or (seen >= 3 and used == 0):
            taken = t.quality.sheets
            kind = taken[(taken["source_file"] == file) & (taken["source_sheet"] == sheet)]["taken_as"]
            other = seen - used - int(roles.get("rejected", 0))
            out.append(
                f"ngsp may have misread {_where(file, sheet)}: read as {kind.iloc[0] if len(kind) else 'a table'}, "
                f"only {used} of the {seen} rows under its header were used ({int(roles.get('rejected', 0))} "
                f"rejected, {other} taken as headings, totals or notes). Check what it was taken as on the Data "
                "quality page."
            )
    return out


def _mark_doubts(ex: Extracted) -> list[str]:
    """Attendance cells that are neither a known mark nor explained by a legend on the sheet."""
    out = []
    for (file, sheet), odd in ex.odd_marks.items():
        if not odd:
            continue
        cells = sum(odd.values())
        out.append(
            f"ngsp could not tell whether {_examples([k for k, _n in odd.most_common()])} in "
            f"{_where(file, sheet)} mean present or absent, so {cells} cell{'s' if cells != 1 else ''} "
            "were not counted as attendance. A legend on the sheet (such as 'R = regrets') settles it."
        )
    return out


def _status_doubts(ex: Extracted) -> list[str]:
    """Action items whose status is a phrase ngsp does not know, with no percent on the row and no meaning learnt
    from the percents beside that phrase elsewhere on its sheet: they are counted as not started, which may be
    wrong."""
    meanings = status_meanings(ex.items)
    unread: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for it in ex.items:
        text = (it["status_text"] or "").strip()
        if not text or vocab.status_of(text) is not None or parse_percent(it["percent_raw"]) is not None:
            continue
        if (it["source_file"], it["source_sheet"], vocab.norm(text)) not in meanings:
            unread[(it["source_file"], it["source_sheet"])][text] += 1
    out = []
    for (f, sh), texts in unread.items():
        n = sum(texts.values())
        out.append(
            f"ngsp could not tell where {n} action item{'s' if n != 1 else ''} in {_where(f, sh)} stand from "
            f"their status ({_examples(list(texts))}), so {'they are' if n != 1 else 'it is'} counted as not "
            "started. Write such statuses as Done, In progress, Not started, Stalled or Cancelled, or give a "
            "percent done."
        )
    return out


def _people_named(rows: list[list[object]]) -> int:
    """How many cells of these rows hold what reads as a person's name."""
    return sum(isinstance(v, str) and value_kind(v, False) == "person" for r in rows for v in r)


PEOPLE_IN_SET_ASIDE = 8  # people's names on a sheet set aside for want of a header that make it a doubt
SET_ASIDE_LOOK_ROWS = 200


def _set_aside_doubts(tables: list[Table]) -> list[str]:
    """Sheets set aside because no header row was understood, though they hold people's names: their
    attendance or partners are missing from every figure."""
    out = []
    for tb in tables:
        if tb.kind != "set_aside" or not tb.why.startswith("no header row"):
            continue
        if _people_named(tb.sheet.rows[:SET_ASIDE_LOOK_ROWS]) >= PEOPLE_IN_SET_ASIDE:
            out.append(
                f"ngsp could not read {_where(tb.sheet.file, tb.sheet.name)}: it holds people's names but no "
                "header row ngsp understood, so nobody on it is counted. Say what the sheet and its columns "
                "are on the Data quality page."
            )
    return out


PEOPLE_ABOVE_HEADER = 5  # people's names in the title lines above a header that make it a doubt


def _header_low_doubts(tables: list[Table]) -> list[str]:
    """A header found far down a sheet, over title lines that name people: the rows above it may be data that
    the header's row was taken for."""
    out = []
    for tb in tables:
        if tb.kind == "set_aside" or not tb.title_rows:
            continue
        above = [tb.sheet.rows[i] for i in tb.title_rows if i < tb.header_row]
        if _people_named(above) >= PEOPLE_ABOVE_HEADER:
            out.append(
                f"ngsp may have misread {_where(tb.sheet.file, tb.sheet.name)}: it took row {tb.header_row + 1} "
                f"for the header and the {len(above)} rows above it, which name people, for titles. Check what "
                "it was taken as on the Data quality page."
            )
    return out


def doubts(t: Tracker, ex: Extracted, tables: list[Table]) -> tuple[str, ...]:
    """Every sign that this reading may be wrong, most telling first."""
    return tuple(
        [
            *_report_doubts(t),
            *_org_column_doubts(ex, tables),
            *_people_doubts(ex),
            *_mark_doubts(ex),
            *_status_doubts(ex),
            *_attendance_doubts(t, ex, tables),
            *_share_doubt(t),
            *_coverage_doubts(t),
            *_set_aside_doubts(tables),
            *_header_low_doubts(tables),
        ]
    )
