"""Where a sheet's header is and what each of its columns may mean."""

from __future__ import annotations

from ngsp.ingest import vocab
from ngsp.ingest.detect import values
from ngsp.ingest.detect.table import cell_text, date_cell, filled
from ngsp.ingest.names import name_kind

HEADER_SCAN_ROWS = 40  # a header is looked for in this many first rows
MIN_GRID_DATE_COLUMNS = 2  # an attendance grid has at least this many meeting columns
VALUE_SAMPLE_ROWS = 60  # rows read under a header to settle what an ambiguous column holds
# Values above and below a date cell looked at to tell a column of dates from a grid's meeting column, and
# within how many rows each way.
DATES_NEAR_VALUES = 3
DATES_NEAR_SCAN = 200

Candidates = dict[int, tuple[tuple[str, int], ...]]  # column -> (field, score) pairs, best first
DateColumn = tuple[int, object, str]  # (column, date, the rest of the cell's text)


def header_candidates(row: list[object]) -> Candidates:
    """The fields each text cell of a row may name, by its words."""
    out = {}
    for j, v in enumerate(row):
        if isinstance(v, str):
            f = vocab.header_fields(" ".join(v.split()))
            if f:
                out[j] = f
    return out


def assign(cands: Candidates, allowed: set[str] | None = None) -> dict[int, str]:
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


def type_above(rows, i: int, j: int) -> bool:
    """A meeting type written over column j in the row above row i (a grid's type row)."""
    v = rows[i - 1][j] if i > 0 and j < len(rows[i - 1]) else None
    return isinstance(v, str) and vocab.meeting_type_of(v) is not None


def gridlike(rows, i: int, dates: list[DateColumn]) -> bool:
    """Meeting dates across row i: two or more, or one whose label (or the cell above) names the meeting."""
    return len(dates) >= MIN_GRID_DATE_COLUMNS or (
        len(dates) == 1 and bool(vocab.meeting_type_of(dates[0][2]) or type_above(rows, i, dates[0][0]))
    )


def _is_date_row(row: list[object], dates: list[DateColumn]) -> bool:
    """Meeting dates across, and little else: the date row of a grid whose labels sit in a row of their own."""
    return len(dates) >= MIN_GRID_DATE_COLUMNS and len(dates) >= 0.6 * len(filled(row))


def _data_row(rows, i: int, dates: list[DateColumn], dayfirst: bool) -> bool:
    """Whether row i's date cells are a row of data's (a meeting's date on each of its attendance rows, or on
    the first row of each meeting in a report grouped by meeting) rather than a grid's header: at least half of
    them sit in columns whose nearest other values, above or below, are more dates (a grid's meeting columns
    hold marks under their date, and titles above it)."""
    in_dates = 0
    for j, _d, _rest in dates:
        vals = _near(rows, range(i + 1, min(len(rows), i + 1 + DATES_NEAR_SCAN)), j)
        vals += _near(rows, range(i - 1, max(-1, i - 1 - DATES_NEAR_SCAN), -1), j)
        if vals and 2 * sum(date_cell(v, dayfirst)[0] is not None for v in vals) >= len(vals):
            in_dates += 1
    return 2 * in_dates >= len(dates)


def _near(rows, order: range, j: int) -> list[object]:
    """The first DATES_NEAR_VALUES values of column j, walking the rows in this order."""
    out = []
    for k in order:
        r = rows[k]
        if j < len(r) and r[j] is not None:
            out.append(r[j])
            if len(out) >= DATES_NEAR_VALUES:
                break
    return out


def _people_by_values(rows, i: int, cols: list[int], dayfirst: bool) -> list[int]:
    """Text cells of row i over columns of people's or organisations' names (labels in words ngsp does not
    know, "Guest name | Works for", told by what their columns hold)."""
    out = []
    for j in cols:
        if isinstance(rows[i][j], str) and vocab.mark_present(rows[i][j]) is None:  # "Present" labels nobody
            proposed = dict(values.value_fields(values.profile(rows, i + 1, j, dayfirst)))
            if max(proposed.get("person", 0), proposed.get("org", 0)) >= 75:
                out.append(j)
    return out


def find_header(
    rows, nonblank: list[int], dayfirst: bool
) -> tuple[int, int, Candidates, list[DateColumn]] | None:
    """(score, row, candidates, date columns) of the header among the first non-blank rows, or None.

    The first row that names nearly as many fields as the best one wins (a plan repeats its header). A grid
    may spread its header over rows: meeting names, then their dates, then the Name / Organisation labels; the
    labels' row is then the header and the dates come from the row above it."""
    found = []
    date_row: tuple[int, list[DateColumn]] | None = None  # the latest row of dates alone, and its dates
    for k, i in enumerate(nonblank):
        row = rows[i]
        cols = filled(row)
        cands = header_candidates(row)
        dates = []
        for j in cols:
            d, rest = date_cell(row[j], dayfirst)
            if d is not None:
                dates.append((j, d, rest))
        if _is_date_row(row, dates):
            date_row = (k, dates)
        elif date_row is not None and k - date_row[0] <= 2 and not dates:
            # Labels under a row of dates, with nothing of their own under the dates: the grid's header.
            above = date_row[1]
            named = [f for f in cands.values() if f[0][0] in vocab.PERSON_FIELDS | {"org"} and f[0][1] >= 90]
            if not named:
                named = _people_by_values(rows, i, cols, dayfirst)
            if named and not any(j < len(row) and row[j] is not None for j, _d, _r in above):
                found.append((100 + len({f[0][0] for f in cands.values()}), i, cands, above))
                continue
        text_share = sum(isinstance(row[j], str) for j in cols) / len(cols)
        score = len({f[0][0] for f in cands.values()})
        # A grid's meeting columns; one is enough when its label names the meeting ("12/24/25 Kick-off").
        grid = gridlike(rows, i, dates) and not _data_row(rows, i, dates, dayfirst)
        if grid:
            # A header names its columns: most of its other cells are header words (a data row holds names).
            date_cols = {d[0] for d in dates}
            others = [j for j in cols if j not in date_cols and isinstance(row[j], str)]
            worded = [j for j in others if j in cands and cands[j][0][1] >= 75]
            grid = bool(others) and len(worded) >= 0.5 * len(others)
        if len(cols) < 2 or (score < 2 and not grid):
            continue
        if grid and (
            any(f[0][0] in vocab.PERSON_FIELDS | {"org"} and f[0][1] >= 90 for f in cands.values())
            or (
                _people_by_values(rows, i, [j for j in cols if j not in {d[0] for d in dates}], dayfirst)
                and not _like_data(rows, i, cols, dayfirst)  # a meetings list's row with two dates in it
            )
        ):
            # People down (named so by the header's words or by the names under it), meeting dates across: a
            # grid's header outranks the type row above it.
            score += 100
        elif text_share < 0.6 or (dates and not grid) or _like_data(rows, i, cols, dayfirst):
            # A row holding a date outside a grid's header is a row of data (a meeting on that day), and so is a
            # row whose cells are like the values around them.
            continue
        found.append((score, i, cands, dates))
    top_score = max((f[0] for f in found), default=0)
    return next((f for f in found if f[0] >= max(2, top_score - 1)), None)


def refine_by_values(rows, hr: int, cands: Candidates) -> Candidates:
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


# Fields that tell what a table is about: a header found by values alone must have two of them beneath it.
TELLING_FIELDS = frozenset(
    {"person", "org", "email", "description", "meeting_date", "due", "status", "amount", "org_type", "percent",
     "meeting_type", "phone"}
)  # fmt: skip
VALUE_HEADER_ROWS = 15  # first non-blank rows looked at for a header whose words are all unfamiliar


def _dominant(p: values.Profile) -> str | None:
    return max(p.share, key=p.share.get) if p.share else None


DATA_LIKE_CELLS = 3  # a row with this many cells like the values around them (and half its cells) is data
ALIKE_SHARE = 0.3  # a cell is like its column's values when this share of them are its kind of thing


# Kinds of values that one column may mix: dates and periods ("Q3/25") in a due column, status words and
# sentences ("Done and dusted", "Publish a progress update") in a column of statuses or of tasks.
_KIND_FAMILIES = (("date", "period"), ("status", "phrase", "long"))


def _like_data(rows, i: int, cols: list[int], dayfirst: bool) -> bool:
    """A data row, though some of its words are header words ("To do", "See notes from last call"): most of its
    cells are the same kind of thing (a person's name, a date, a status, a sentence) as the values around them
    (under them, and above them for a table's last row)."""
    around = rows[i + 1 : i + 1 + values.PROFILE_ROWS] + rows[max(0, i - values.PROFILE_ROWS) : i]
    alike = 0
    for j in cols:
        kind = values.value_kind(rows[i][j], dayfirst)
        if vocab.mark_present(rows[i][j]) is not None and holds_marks(around, 0, j, dayfirst):
            alike += 1  # "Present" among marks of presence
            continue
        if kind in ("other", "org"):
            continue  # a header word may read as an organisation's name ("Organization", "Company")
        p = values.profile(around, 0, j, dayfirst)
        family = next((f for f in _KIND_FAMILIES if kind in f), (kind,))
        if sum(p[k] for k in family) >= ALIKE_SHARE:
            alike += 1
    return alike >= DATA_LIKE_CELLS and alike >= 0.5 * len(cols)


def _body_under(rows, i: int) -> list[list[object]]:
    """The rows under row i whose values tell what its columns hold: not the same header again (a header over
    each block of a sheet), title lines of one cell, or total lines ("Headcount 12")."""
    from ngsp.ingest.rows import is_total_label  # rows imports the detect package: imported when first used

    again = [cell_text(v).lower() for v in rows[i]]
    out = []
    for r in rows[i + 1 : i + 1 + 3 * values.PROFILE_ROWS]:
        cells = filled(r)
        if len(cells) < 2 or [cell_text(v).lower() for v in r[: len(again)]] == again[: len(r)]:
            continue
        first = r[cells[0]]
        if isinstance(first, str) and is_total_label(first):
            continue
        out.append(r)
        if len(out) >= values.PROFILE_ROWS:
            break
    return out


def find_header_by_values(
    rows, nonblank: list[int], dayfirst: bool
) -> tuple[int, int, Candidates, list[DateColumn]] | None:
    """A header whose words ngsp does not know, found by what the columns under it hold: the first row of text
    cells over columns whose values tell two things or more (names, addresses, dates ...), and which is not
    itself a row of such values."""
    found: list[tuple[int, int]] = []
    for i in nonblank[:VALUE_HEADER_ROWS]:
        row = rows[i]
        cols = filled(row)
        if len(cols) < 2 or sum(isinstance(row[j], str) for j in cols) < 0.8 * len(cols):
            continue
        fields, alike = set(), 0
        body = _body_under(rows, i)
        for j in cols:
            p = values.profile(body, 0, j, dayfirst)
            proposed = values.value_fields(p)
            if proposed:
                fields.add(proposed[0][0])
                kind = values.value_kind(row[j], dayfirst)
                # The cell is like the values under it: a data row, not a header (but a one-word header such as
                # "Outfit" over organisations' names of several words is a header word, not a name).
                # Nor is a short phrase ("Works for", "Their employer"): the other cells tell a data row.
                word = kind == "org" and p.multiword_org >= values.SOME and len(str(row[j]).split()) <= 3
                if kind == _dominant(p) and not word:
                    alike += 1
        telling = len(fields & TELLING_FIELDS)
        if telling >= 2 and alike < len(fields) / 2 and not _like_data(rows, i, cols, dayfirst):
            found.append((telling, i))
    # The first row that tells nearly as much as the best one (a data row under it may tell one thing more).
    top = max((f[0] for f in found), default=0)
    best = next((f for f in found if f[0] >= max(2, top - 1)), None)
    if best is None:
        return None
    return (best[0], best[1], header_candidates(rows[best[1]]), [])


MIN_NAMED_COLUMNS = 2  # a header of names across the top names at least this many people or organisations


def dated_column(rows, start: int, j: int, dayfirst: bool) -> bool:
    """Whether most of column j's values from row `start` down are dates or hold one ("Kickoff (Jul 21 2025)")."""
    vals = [r[j] for r in rows[start : start + values.PROFILE_ROWS] if j < len(r) and r[j] is not None]
    vals = [v for v in vals if not (isinstance(v, str) and not v.strip())][: values.PROFILE_VALUES]
    return len(vals) >= 2 and sum(date_cell(v, dayfirst)[0] is not None for v in vals) >= values.SOME * len(
        vals
    )


def find_header_across(
    rows, nonblank: list[int], dayfirst: bool
) -> tuple[int, int, Candidates, list[DateColumn]] | None:
    """A transposed grid's header, whatever its words: people's or organisations' names across the top over
    columns of marks, beside a column of meetings (their dates, perhaps inside their names). Of two such rows one
    above the other (organisations over their people), the lower is the header."""
    found = None
    for i in nonblank[:VALUE_HEADER_ROWS]:
        marked = _names_over_marks(rows, i, dayfirst)
        if marked is None:
            if found is not None:
                break
            continue
        width = max(len(r) for r in rows[i : i + values.PROFILE_ROWS])
        named = set(marked)
        if any(dated_column(rows, i + 1, j, dayfirst) for j in range(width) if j not in named):
            found = (len(marked), i, header_candidates(rows[i]), [])
    return found


def holds_marks(rows, start: int, j: int, dayfirst: bool) -> bool:
    """Whether most of column j's values from row `start` down are marks of presence (x, ✓, 1, Present,
    Absent ...). A column left blank has none."""
    p = values.profile(rows, start, j, dayfirst)
    if not p.n:
        return False
    if p["mark"] + p["number"] >= values.SOME:
        return True
    vals = [r[j] for r in rows[start : start + values.PROFILE_ROWS] if j < len(r) and r[j] is not None]
    vals = [v for v in vals if not (isinstance(v, str) and not v.strip())][: values.PROFILE_VALUES]
    return sum(vocab.mark_present(v) is not None for v in vals) >= values.SOME * len(vals)


def _names_over_marks(rows, i: int, dayfirst: bool) -> list[int] | None:
    """The columns of row i headed by a name over marks, when there are enough of them; else None."""
    row = rows[i]
    named = [
        j
        for j in filled(row)
        if isinstance(row[j], str)
        and name_kind(row[j]) in ("person", "org")
        and vocab.mark_present(row[j]) is None
    ]  # "Present", "Absent": marks, not names
    if len(named) < MIN_NAMED_COLUMNS:
        return None
    marked = [j for j in named if holds_marks(rows, i + 1, j, dayfirst)]
    return marked if len(marked) >= max(MIN_NAMED_COLUMNS, len(named) / 2) else None
