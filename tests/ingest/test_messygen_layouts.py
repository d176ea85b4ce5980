"""The generator of issue 13's layout and value families (tests/messylayouts.py), tested on its own.

These tests check the generator, not ngsp: the truth it returns is self-consistent, every family renders
and writes for several seeds, rendering is fixed by the seed, and the file written carries exactly the
truth returned (attendance marks, names and action items counted back from the sheets). How well ngsp
reads these files is measured by tests/sweep.py.
"""

from __future__ import annotations

import calendar
import random
import re
from datetime import date
from pathlib import Path

import messygen as mg
import messylayouts as ml
import pytest

SEEDS = (1, 2, 3, 4)


def _render(seed: int, family: str, **knobs) -> mg.Rendered:
    return ml.render_family(mg.make_partnership(seed), family, **knobs)


def _text(v) -> str:
    return "" if v is None else str(v)


@pytest.mark.parametrize("family", ml.FAMILIES)
@pytest.mark.parametrize("seed", SEEDS)
def test_rendered_truth_is_self_consistent(seed: int, family: str) -> None:
    truth = mg.make_partnership(seed)
    r = ml.render_family(truth, family)
    assert ml.check_truth(r.truth) == []
    s = r.expected()
    orgs, meetings, items = s["organizations"], s["meetings"], s["action_items"]
    assert orgs["total"] == orgs["business"] + orgs["public"] > 0
    assert meetings["total"] == sum(v for k, v in meetings.items() if k != "total") == len(truth.meetings)
    assert items["total"] == sum(items[k] for k in mg.STATUSES) == len(truth.items)
    assert sum(p["items"] for p in s["priorities"].values()) == items["total"]
    assert items["overdue"] <= items["in_progress"] + items["not_started"] + items["stalled"]
    # A layout drops what it cannot carry, never adds.
    assert {p.id for p in r.truth.counted_people()} <= {p.id for p in truth.counted_people()}
    assert set(r.truth.attendance) <= set(truth.attendance)
    assert len(r.truth.bad_attendance) <= len(truth.bad_attendance)
    assert len(r.truth.bad_items) <= len(truth.bad_items)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("family", ml.FAMILIES)
@pytest.mark.parametrize("seed", (1, 2, 3))
def test_every_family_writes(seed: int, family: str, fmt: str, tmp_path: Path) -> None:
    case = ml.make_case(seed, family, fmt, tmp_path)
    assert case.paths and all(p.stat().st_size > 0 for p in case.paths)
    assert case.expected["schema"] == "ngsp.summary/1"


@pytest.mark.parametrize("family", ml.FAMILIES)
@pytest.mark.parametrize("seed", (1, 2))
def test_rendering_is_fixed_by_the_seed(seed: int, family: str) -> None:
    a, b = _render(seed, family), _render(seed, family)

    def shape(r: mg.Rendered) -> list:
        return [(s.name, s.rows, s.merges, s.indents, s.outline, s.formulas) for s in r.book.sheets]

    assert shape(a) == shape(b)
    assert a.expected() == b.expected()
    assert shape(a) != shape(_render(seed + 100, family))


# -- the file carries exactly the truth returned ---------------------------------------------------


def _sheets(r: mg.Rendered, role: str) -> list[mg.Sheet]:
    return [s for s in r.book.sheets if s.role == role]


def _carried_records(r: mg.Rendered) -> int | None:
    """Attendance records (plus half-filled rows) counted back from the sheets, for the families where a
    record is one cell, one name or one member row; None where the family keeps attendance as a log."""
    v, fam = r.variant, r.layout
    sh = (_sheets(r, "attendance") or [None])[0]
    marks = v["present_marks"]
    if fam == "transposed" and v["across"] == "people":
        nl = 2 if v["date_col"] else 1
        body = sh.rows[4 : len(sh.rows) - (1 if v["total_row"] else 0)]
        return sum(c in marks for row in body for c in row[nl:])
    if fam == "transposed":
        nl = 2 if v["date_col"] else 1
        return sum(
            len([n for n in _text(c).split(v["sep"]) if n.strip()]) for row in sh.rows[1:] for c in row[nl:]
        )
    if fam == "onecell":
        return sum(len([n for n in _text(row[2]).split(v["sep"]) if n.strip()]) for row in sh.rows[1:])
    if fam == "smartsheet":
        return sum(row[4] is True for row in sh.rows)
    if fam == "crm":
        return sum(_text(row[2]).startswith("Attended") for row in sh.rows if len(row) > 2)
    if fam == "stacked":
        total = 0
        for s in _sheets(r, "attendance"):
            for row in s.rows:
                cells = [c for c in row if c not in (None, "")]
                if cells and re.search(r"total|headcount|attendees", _text(cells[0]), re.I):
                    total += int(re.search(r"\d+", " ".join(map(_text, cells))).group())
        return total
    if fam == "legend":
        return sum(c in marks for row in sh.rows for c in row[2:])
    if fam == "threerow":
        first = 2 + bool(v["with_type"]) + bool(v["spacer"])
        n = len(r.truth.meetings)
        return sum(c in marks for row in sh.rows for c in row[first : first + n] if not isinstance(c, date))
    return None


@pytest.mark.parametrize("family", ml.FAMILIES)
@pytest.mark.parametrize("seed", SEEDS)
def test_the_file_carries_the_returned_truth(seed: int, family: str) -> None:
    r = _render(seed, family)
    t = r.truth
    carried = _carried_records(r)
    if carried is not None:
        # A half-filled row carries one mark or is one member row too (where the family keeps them).
        assert carried == len(t.attendance) + len(t.bad_attendance), ml.relevant_knobs(family, r.variant)
    # Every action item is written once (descriptions repeat only across priorities, as in the truth).
    cells = [_text(c).strip() for s in _sheets(r, "plan") for row in s.rows for c in row]
    for desc in {i.description for i in t.items}:
        assert cells.count(desc) == sum(i.description == desc for i in t.items), desc
    # Everyone counted is written (first and last name in one cell or one row); the dropped are not.
    rows = [" ".join(_text(c) for c in row).casefold() for s in r.book.sheets for row in s.rows]
    for p in t.counted_people():
        firsts = {p.first.casefold(), mg.NICKNAMES.get(p.first, p.first).casefold()}
        assert any(p.last.casefold() in row and any(f in row for f in firsts) for row in rows), p
    dropped = {p.id for p in mg.make_partnership(seed).counted_people()} - {p.id for p in t.counted_people()}
    for p in (x for x in mg.make_partnership(seed).people if x.id in dropped):
        assert not any(f"{p.first} {p.last}".casefold() in row for row in rows), p


@pytest.mark.parametrize("seed", SEEDS)
def test_dashboard_formulas_have_cached_values(seed: int, tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    case = ml.make_case(seed, "dashboard", "xlsx", tmp_path)
    rows = CalamineWorkbook.from_path(str(case.paths[0])).get_sheet_by_index(0).to_python()
    kpis = [row for row in rows if row and row[0] == "Partner organizations"]
    assert kpis and kpis[0][1] == case.expected["organizations"]["total"]
    assert any(row and row[0] == "Grand Total" for row in rows)


@pytest.mark.parametrize("hier", ["outline+indent", "indent", "spaces"])
def test_smartsheet_hierarchy_is_written_as_the_export_does(hier: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    r = _render(1, "smartsheet", hier=hier)
    path = mg.write_xlsx(r.book, tmp_path / "s.xlsx")
    ws = load_workbook(path)[_sheets(r, "plan")[0].name]
    children = [row for row in ws.iter_rows(min_row=2) if row[1].value]  # tasks have an assignee
    if hier == "spaces":
        assert all(c[0].value.startswith("   ") for c in children)
    else:
        assert all(c[0].alignment.indent >= 1 for c in children)
        levels = {ws.row_dimensions[c[0].row].outlineLevel for c in children}
        assert levels == ({1} if hier == "outline+indent" else {0})
    (tmp_path / "csv").mkdir()
    text = "".join(p.read_text(encoding="utf-8-sig") for p in mg.write_csv(r.book, tmp_path / "csv"))
    assert "\n   " in text or '\n"   ' in text  # a CSV keeps the hierarchy as leading spaces


# -- value families -------------------------------------------------------------------------------

SEASON_END = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11}


def _resolve(text: str) -> date:
    """The documented rules for due periods, written again independently of the generator."""
    t = text.strip().lower()
    y4 = re.search(r"\b(20\d\d)\b", t)
    y2 = re.search(r"(?:'|/|q\d|\dq)(\d\d)$", t)
    y = int(y4.group(1)) if y4 else 2000 + int(y2.group(1))

    def end(month: int) -> date:
        return date(y, month, calendar.monthrange(y, month)[1])

    for season, month in SEASON_END.items():
        if t.startswith(season):
            return end(month)
    if re.search(r"year.end|eoy|end of 20|^ye |^20\d\d$|2h|h2|second half", t):
        return end(12)
    if re.search(r"1h|h1|first half|mid", t):
        return end(6)
    q = re.search(r"q(\d)|(\d)q", t)
    if q:
        return end(3 * int(q.group(1) or q.group(2)))
    month = next(m for m in range(1, 13) if calendar.month_abbr[m].lower() in t)
    return end(month)


def test_due_phrases_resolve_by_the_documented_rules() -> None:
    rng = random.Random(7)
    seen = set()
    for k in range(600):
        d = date(2024 + k % 3, 1 + k % 12, 1 + k % 28)
        text, due = ml.due_phrase(rng, d)
        seen.add(re.sub(r"\d", "9", text))
        assert due == _resolve(text), text
        assert due >= date(d.year, 1, 1)  # the period is around d: same year
    assert len(seen) > 25  # many ways of writing them


def test_status_phrases_say_one_status_each() -> None:
    words = [w.casefold() for ws in ml.STATUS_PHRASES.values() for w in ws]
    assert len(words) == len(set(words))
    assert set(ml.STATUS_PHRASES) == set(mg.STATUSES)
    assert (
        "Not done" in ml.STATUS_PHRASES["not_started"]
        and "Shelved for good" in ml.STATUS_PHRASES["cancelled"]
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_abbreviated_names_agree_only_with_their_own_organisation(seed: int) -> None:
    t = ml.value_truth(mg.make_partnership(seed), random.Random(seed), {"due_words": False})
    names = [o.name for o in t.orgs]
    made = 0
    for name in names:
        for a in ml.abbreviations(name, names):
            made += 1
            assert a != name and ml.agrees(a, name)
            assert not any(ml.agrees(a, other) for other in names if other != name), (a, name)
    assert made > len(names) // 2


def test_agreement_keeps_near_named_firms_apart() -> None:
    assert ml.agrees("Summit Mfg.", "Summit Manufacturing")
    assert ml.agrees("Natl Castings Inst.", "National Castings Institute")
    assert not ml.agrees("Summit Mach.", "Summit Manufacturing")
    assert not ml.agrees("Summit Machining", "Summit Manufacturing")
    assert not ml.agrees("Ridge Bros.", "Summit Brothers")


def test_names_carry_credentials_and_suffixes_on_some_rows_only() -> None:
    r = _render(3, "values")
    text = [" ".join(_text(c) for c in row) for s in r.book.sheets for row in s.rows]
    joined = "\n".join(text)
    assert re.search(r"\b(Dr\.?|Mr\.|Ms\.|Rev\.) [A-Z]", joined)
    assert re.search(r", (SPHR|PhD|MBA|RN|SHRM-CP|PE|CPA|Ed\.D\.)\b| PhD\b", joined)


@pytest.mark.parametrize("seed", SEEDS)
def test_without_a_type_column_public_partners_say_what_they_are(seed: int) -> None:
    r = _render(seed, "values")
    assert r.variant["with_type"] is False
    public_words = re.compile(
        r"college|universit|school|isd|boces|county|city of|workforce|chamber|edc|economic|department|agency|"
        r"consortium|library|institute of",
        re.I,
    )
    for o in r.truth.orgs:
        if o.kind == "public" and o.id not in r.variant["domain_only"]:
            assert public_words.search(o.name), o.name
        elif o.kind == "public":
            assert re.search(r"\.(gov|us|edu)$", o.domain)
            assert all(p.email for p in r.truth.people if p.org == o.id)
        else:
            assert not re.search(
                r"college|universit|school|county|city of|workforce|chamber|agency", o.name, re.I
            )
