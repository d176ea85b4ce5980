"""What each row of a table is (data, or structure: a total, a legend, a repeated header) and the records and
ledger a tracker's tables become. Every non-blank row becomes a record, structure or a rejected row with its
reason; the readers of ngsp.ingest.detect.readers fill these in."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from ngsp.ingest import vocab
from ngsp.ingest.detect.legend import legend_entries, legend_pair
from ngsp.ingest.detect.table import Table, cell_text, filled


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
    # (file, sheet) -> cells of attendance that ngsp could not read as present or absent, and how often
    odd_marks: dict[tuple[str, str], Counter] = field(default_factory=dict)
    reports: list[dict] = field(default_factory=list)  # one per attendance report (and meeting of a form)


def src(t: Table, i: int) -> dict:
    """Where row i of a table came from (file, sheet, 1-based row)."""
    return {"source_file": t.sheet.file, "source_sheet": t.sheet.name, "source_row": i + 1}


def extra(t: Table, row: list[object], used: set[int]) -> str:
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


def is_total_label(text: str) -> bool:
    """A label that makes its row a total ("Total", "Grand Total", "Sum", "Headcount")."""
    return _total_word(text) == "total"


@lru_cache(maxsize=1 << 14)
def _total_word(text: str) -> str | None:
    """'total' for a word that makes its row a total, 'count' for one that does when numbers follow."""
    first = vocab.norm(text)
    if first in vocab.TOTAL_WORDS or re.match(
        r"^(grand |sub )?(totals?|sum|count|headcount)( (of|by|for|attending|attendance|present|attended)\b.*)?$",
        first,
    ):
        return "total"
    if re.match(
        r"^(?:(?:grand |sub )?totals?|headcount|head count|count|attendance|attended|present|number (?:present|"
        r"attending)|in attendance|sign ins?|signed in)(?: total)? \d+$|^\d+ (?:attended|attending|attendees|"
        r"present|signed in|people|participants|in attendance)$",
        first,
    ):
        return "total"  # "Total: 12", "Headcount 9", "14 attended": a count in the one cell
    if re.match(r"^(#|no |number|count|how many|total )", first) or first in (
        "present",
        "attended",
        "attendance",
    ):
        return "count"
    return None


def is_legend(text: str) -> bool:
    low = text.lower().strip()
    if any(
        low.startswith(p) and (len(low) == len(p) or not (low[len(p)].isalnum() or p[-1:] in "=*"))
        for p in vocab.LEGEND_PREFIXES
        if p[-1:].isalnum()
    ):
        return True  # "Key: x = attended", "Note - ...", but not "Keystone Medical Group"
    if low.startswith(("*", "x =", "✓ =", "1 =")) or re.match(r"^\(?\w{1,3}\)?\s*=", low):
        return True
    return len(legend_entries(text)) >= 2  # "● present / ○ absent"


def is_header_again(t: Table, row: list[object], cols: list[int] | None = None) -> bool:
    """A header row repeated under a section: its cells are the table's headers, or name their columns' fields."""
    cols = filled(row) if cols is None else cols
    if len(cols) < 2 or not all(isinstance(row[j], str) for j in cols):
        return False
    hdr = t.sheet.rows[t.header_row] if t.header_row >= 0 else []
    hits = 0
    for n, j in enumerate(cols):
        left = len(cols) - n  # cells still to look at, this one included
        if hits + left < 2 or hits + left < 0.5 * len(cols):
            return False  # too few left to make it a header (all are text, checked above)
        v = row[j]
        if j < len(hdr) and vocab.norm(v) and vocab.norm(v) == vocab.norm(cell_text(hdr[j])):
            hits += 1
            continue
        if any(ch.isdigit() for ch in v) or len(v.split()) > 5:
            continue
        fields = dict(vocab.header_fields(" ".join(v.split())))
        if fields.get(t.columns.get(j, ""), 0) >= 95:
            hits += 1
    return hits >= 2 and hits >= 0.5 * len(cols)


def merged_single(t: Table, i: int, cols: list[int]) -> bool:
    return t.sheet.merged_across(i, cols[0])


def fill_vertical_merges(rows: list[list[object]], merged, start: int) -> list[list[object]]:
    """A cell merged down over several rows (a priority spanning its items) holds its value on every row.

    Only rows that hold something else are filled, so a blank row stays blank. Each row's count of filled
    cells is kept as cells are filled, so the work is about the merged cells, not merges x row width.
    """
    vertical = [(r0, c0, r1, c1) for r0, c0, r1, c1 in merged if r1 > r0 and r1 >= start]
    if not vertical:
        return rows
    rows = [list(r) for r in rows]
    filled_in: dict[int, int] = {}  # row -> cells holding something, counted once and kept up to date
    for r0, c0, r1, c1 in vertical:
        top = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else None
        if top is None:
            continue
        for i in range(max(r0 + 1, start), min(r1, len(rows) - 1) + 1):
            row = rows[i]
            if i not in filled_in:
                filled_in[i] = sum(v is not None for v in row)
            span = range(c0, min(c1, len(row) - 1) + 1)
            if filled_in[i] == sum(row[j] is not None for j in span):
                continue  # nothing outside the merged columns
            for j in span:
                if row[j] is None:
                    row[j] = top
                    filled_in[i] += 1
    return rows


def classify_structure(t: Table, row: list[object], i: int, cols: list[int] | None = None) -> str | None:
    """'total', 'legend', 'header' or 'note' for a structure row, or None for a data row."""
    cols = filled(row) if cols is None else cols
    if _is_total(row, cols):
        return "total"
    if is_header_again(t, row, cols):
        return "header"
    if len(cols) == 1 or merged_single(t, i, cols):
        text = cell_text(row[cols[0]])
        if is_legend(text):
            return "legend"
    marks = t.context.get("marks")
    if len(cols) == 2 and marks and set(legend_pair(row)) <= set(marks) and legend_pair(row):
        return "legend"  # "IP | in person": a line of the sheet's legend
    return None


def _plainly_data(t: Table, row: list[object], i: int, cols: list[int]) -> bool:
    """True for a row `classify_structure` would find no structure in, told cheaply: two cells or more, not all
    text (so no header), no total word in its first text cell, and not merged across (so no legend). A long log's
    rows are all like this; any other row is classified in full."""
    if len(cols) < 2:
        return False
    a, b = row[cols[0]], row[cols[1]]
    a_text = isinstance(a, str)
    if a_text or isinstance(b, str):
        if _total_word(a if a_text else b) is not None:
            return False
        if all(isinstance(row[j], str) for j in cols):
            return False
    return not t.sheet.merged_across(i, cols[0])


def data_rows(t: Table, rows, start: int, ex: Extracted):
    """(index, row, filled columns) of each row that is not blank and not structure; structure goes to the ledger."""
    for i in range(start, len(rows)):
        row = rows[i]
        cols = filled(row)
        if not cols:
            continue
        if _plainly_data(t, row, i, cols):
            yield i, row, cols
            continue
        kind = classify_structure(t, row, i, cols)
        if kind:
            ex.ledger.append((t.sheet.file, t.sheet.name, i + 1, kind, ""))
            continue
        yield i, row, cols


def get(t: Table, row: list[object], fld: str) -> object:
    j = t.col_of.get(fld)
    return row[j] if j is not None and j < len(row) else None


def txt(t: Table, row: list[object], fld: str) -> str:
    return cell_text(get(t, row, fld))


def cells_of(cols: tuple[int, ...], rectangular: bool):
    """A function giving a row's values in these columns as a tuple (None beyond a short row's end)."""
    if len(cols) >= 2 and rectangular:
        return itemgetter(*cols)
    return lambda row: tuple(row[j] if j < len(row) else None for j in cols)


def memo_key(vals: tuple) -> tuple:
    """A memo key for these cell values. True equals 1 in Python (and 1 equals 1.0), yet True is written
    "True": values holding a 0 or a 1 of any kind carry their types in the key. (5 and 5.0 read alike.)"""
    return (*vals, *map(type, vals)) if True in vals or False in vals else vals


EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


def reject(ex: Extracted, t: Table, i: int, row: list[object], reason: str) -> None:
    ex.ledger.append((t.sheet.file, t.sheet.name, i + 1, "rejected", reason))
