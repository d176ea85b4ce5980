"""What detection sees of a sheet before any reader claims it: its header, title lines and columns."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from ngsp.ingest import vocab
from ngsp.ingest.detect import values
from ngsp.ingest.detect.header import (
    HEADER_SCAN_ROWS,
    Candidates,
    DateColumn,
    assign,
    find_header,
    find_header_across,
    find_header_by_values,
    header_candidates,
    refine_by_values,
)
from ngsp.ingest.detect.legend import sheet_legend
from ngsp.ingest.detect.table import Table, cell_text, date_cell, filled
from ngsp.ingest.detect.titles import title_context
from ngsp.ingest.names import given_names
from ngsp.ingest.read import RawSheet

# The column meanings a table of people reads (a roster, a sign-in sheet, a log, a grid).
PEOPLE_FIELDS = frozenset(
    {
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
    }
)


STRONG_HEADER_WORD = 90  # a header cell this close to a known header word names its field for sure
AGREE = 5  # a column's header words and its values naming the same field: that field's score, raised so much


def nonblank_rows(sheet: RawSheet) -> list[int]:
    """The first non-blank rows, where a header is looked for (a long log is not walked here)."""
    return list(islice((i for i, r in enumerate(sheet.rows) if filled(r)), HEADER_SCAN_ROWS))


@dataclass
class Seen:
    """A sheet's header row(s), title lines and the fields its columns may mean."""

    sheet: RawSheet
    dayfirst: bool
    hr: int  # the header row (0-based)
    header_rows: list[int]
    titles: list[int]  # non-blank rows above the header
    cands: Candidates
    dates: list[DateColumn]  # date columns of the header row (a grid's meetings)
    ctx: dict[str, object] = field(default_factory=dict)  # what the title lines say
    by_values: frozenset[int] = frozenset()  # columns whose fields come from their values alone

    @property
    def rows(self) -> list[list[object]]:
        return self.sheet.rows

    @classmethod
    def bare(cls, sheet: RawSheet, dayfirst: bool) -> Seen:
        """A sheet seen with no header (what a reader that reads cells alone is given)."""
        return cls(sheet, dayfirst, -1, [], [], {}, [])

    def table(self, kind: str, why: str, allowed: set[str] | frozenset[str]) -> Table:
        """The sheet as a table of this kind, its columns given the allowed fields they name best."""
        date_cols = {d[0] for d in self.dates}
        colmap = assign(
            {j: c for j, c in self.cands.items() if j not in date_cols or kind != "grid"}, set(allowed)
        )
        how = {
            j: "exact word"
            if self.cands[j][0][1] >= 100 and j not in self.by_values
            else ("its values" if j in self.by_values else "similar words")
            for j in colmap
        }
        rows, hr = self.rows, self.hr
        return Table(
            self.sheet,
            kind,
            why,
            hr,
            tuple(self.header_rows),
            tuple(i for i in self.titles if i not in self.header_rows),
            colmap,
            {j: cell_text(rows[hr][j]) or cell_text(rows[self.header_rows[0]][j]) for j in colmap},
            how,
            self.ctx,
        )

    @cached_property
    def people(self) -> Table:
        """The sheet read as a table of people (a roster); readers of people copy it under their own kind."""
        return self.table("roster", "", PEOPLE_FIELDS)

    def people_as(self, kind: str, why: str, **kw) -> Table:
        """A copy of `people` as this kind."""
        return dataclasses.replace(self.people, kind=kind, why=why, **kw)

    @cached_property
    def legend(self) -> dict[str, bool]:
        """What the sheet's legend says its marks mean (lower case mark -> present?)."""
        return sheet_legend(self.rows)

    @cached_property
    def pf(self) -> set[str]:
        """The fields the people columns were given."""
        return set(self.people.columns.values())

    @cached_property
    def has_person(self) -> bool:
        pf = self.pf
        return bool(pf & {"person", "first_name", "last_name"}) or ("email" in pf and "org" in pf)

    @cached_property
    def top(self) -> set[str]:
        """Each column's best field."""
        return {c[0][0] for c in self.cands.values()}

    @cached_property
    def anyf(self) -> set[str]:
        """Every field any column may mean."""
        return {f for c in self.cands.values() for f, _ in c}

    @cached_property
    def sname(self) -> str:
        return vocab.norm(self.sheet.name)


def see(sheet: RawSheet, dayfirst: bool, columns: dict[str, str] | None, forced: bool) -> Seen | None:
    """What detection sees of a sheet, or None when it has no header row (``forced``: a convener said what
    the sheet is, so its first non-blank row is taken as the header if none is found).

    ``columns`` ({header as written, normalised: field, "" to ignore the column}) are a user's corrections.
    """
    rows = sheet.rows
    nonblank = nonblank_rows(sheet)
    best = find_header(rows, nonblank, dayfirst)
    if best is not None and not any(sc >= STRONG_HEADER_WORD for fs in best[2].values() for _f, sc in fs):
        # Only words like header words ("Falcon Medical Group" near "organization"): a row of names over marks
        # beside a column of meetings is a transposed grid's header, whatever the words above it.
        # And a header found by what its columns hold, above the row of loose matches, is the header: the loose
        # matches were words of a data row ("Administrator", "Family Dental").
        across = find_header_across(rows, nonblank, dayfirst)
        by_values = None if across else find_header_by_values(rows, nonblank, dayfirst)
        best = across or (by_values if by_values is not None and by_values[1] < best[1] else best)
    best = (
        best
        or find_header_by_values(rows, nonblank, dayfirst)
        or find_header_across(rows, nonblank, dayfirst)
    )
    if best is None and forced:
        best = (0, nonblank[0], header_candidates(rows[nonblank[0]]), [])
    if best is None:
        return None
    _score, hr, cands, dates = best
    cands = refine_by_values(rows, hr, cands)
    cands, by_values = with_values(rows, hr, cands, {d[0] for d in dates}, dayfirst)
    for j, v in enumerate(rows[hr]):
        said = (columns or {}).get(vocab.norm(cell_text(v))) if v is not None else None
        if said is not None:
            if said:
                cands[j] = ((said, 1000),)
            else:
                cands.pop(j, None)
    titles = [i for i in nonblank if i < hr]
    title_lines = [" ".join(cell_text(rows[i][j]) for j in filled(rows[i])) for i in titles]
    ctx = title_context(title_lines, dayfirst)
    # Two-row headers: a row right above the header that labels columns the header leaves empty.
    header_rows = [hr]
    if hr - 1 in titles and len(filled(rows[hr - 1])) >= 2:
        upper = rows[hr - 1]
        for j in filled(upper):
            if j not in cands and isinstance(upper[j], str) and not date_cell(upper[j], dayfirst)[0]:
                f = vocab.header_fields(cell_text(upper[j]))
                if f and not (rows[hr][j] if j < len(rows[hr]) else None):
                    cands[j] = f
        header_rows.insert(0, hr - 1)
    return Seen(sheet, dayfirst, hr, header_rows, titles, cands, dates, ctx, by_values)


def with_values(
    rows, hr: int, cands: Candidates, skip: set[int], dayfirst: bool
) -> tuple[Candidates, frozenset[int]]:
    """Each column's fields from its header's words and its values together: fields the values rule out go,
    fields they propose join (below an exact word's score). Also the columns whose fields come from values
    alone (an unfamiliar header, or none). ``skip``: a grid's meeting columns."""
    width = max((len(r) for r in rows[hr : hr + 1 + values.PROFILE_ROWS]), default=0)
    out: Candidates = {}
    alone = set()
    for j in range(width):
        word = cands.get(j, ())
        if j in skip:
            if word:
                out[j] = word
            continue
        p = values.profile(rows, hr + 1, j, dayfirst)
        kept = tuple((f, sc) for f, sc in word if sc >= 1000 or not values.contradicts(f, p))
        # A header word that names its field exactly, and that the values do not rule out, stands alone;
        # otherwise the values' proposals join (an unfamiliar word, a loose match, or no header at all).
        proposed = () if any(sc >= 95 for _f, sc in kept) else values.value_fields(p)
        if not kept and proposed:
            alone.add(j)
        named = {f for f, _sc in kept}
        said = dict(proposed)
        # Words and values that agree are stronger than either; a loose word yields to a stronger value profile.
        ranked = tuple(
            sorted(
                (
                    *((f, max(sc, said[f]) + AGREE if f in said else sc) for f, sc in kept),
                    *((f, sc) for f, sc in proposed if f not in named),
                ),
                key=lambda fs: -fs[1],
            )
        )
        if ranked:
            out[j] = ranked
    _first_and_last_names(rows, hr, out, alone)
    return out, frozenset(alone)


NAME_PAIR_SHARE = 0.6  # of the rows, given names on the left and single-word family names on the right


def _single_words(rows, start: int, j: int) -> list[str]:
    vals = [r[j] if j < len(r) else None for r in rows[start : start + values.PROFILE_ROWS]]
    return [" ".join(v.split()) for v in vals if isinstance(v, str) and v.strip()]


def _first_and_last_names(rows, hr: int, cands: Candidates, alone: set[int]) -> None:
    """Two columns side by side whose header words tell nothing for sure ("Given", "Family"), the left of given
    names and the right of single family names: a person's first and last names, not a person and something
    else. Changes `cands` in place."""
    if {f for c in cands.values() for f, sc in c if sc >= 95} & {"first_name", "last_name", "person"}:
        return  # the header names its people for sure
    given = given_names()
    for j in sorted(cands):
        if j not in alone or cands[j][0][0] not in ("person", "first_name"):
            continue  # the left column's header says what it is, or its values are no names
        if any(sc >= 95 for _f, sc in cands.get(j + 1, ())):
            continue  # the right column's header says what it is
        left, right = _single_words(rows, hr + 1, j), _single_words(rows, hr + 1, j + 1)
        if len(left) < 3 or len(right) < 3:
            continue
        firsts = sum(" " not in v and v.lower() in given for v in left)
        lasts = sum(" " not in v and v[:1].isalpha() and "@" not in v for v in right)
        if firsts >= NAME_PAIR_SHARE * len(left) and lasts >= NAME_PAIR_SHARE * len(right):
            cands[j] = (("first_name", 90),)
            cands[j + 1] = (("last_name", 90),)
            return
