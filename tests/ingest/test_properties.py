"""Properties that hold for any messy table (hypothesis): nothing is lost, reading is deterministic,
and the clean workbook reads back to the same tracker."""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ngsp.core.errors import TrackerError
from ngsp.figures.summary import summary
from ngsp.ingest.pipeline import load_files

HEADERS = {
    "roster": ["Name", "Organization", "Partner Type", "Email", "Phone"],
    "log": ["Date", "Meeting", "Attendee", "Company", "E-mail"],
    "plan": ["Priority", "Action Item", "Owner", "Due", "Status", "% Complete"],
}
TEXT = st.one_of(
    st.sampled_from(
        [
            "NA",
            "N/A",
            "0123",
            "Acme Mfg",
            "acme  manufacturing",
            "Total",
            "Key: x = here",
            "-",
            "x",
            "Done",
            "On hold",
            "Q3 2024",
            "Sept '24",
            '=HYPERLINK("http://x")',
            "José Núñez",
            "✓",
            "Smith, Maria",
            "Business",
            "Public",
            "Quarterly",
            "Launch",
            "Talent AT",
            "50%",
            "TBD",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(-5, 200),
    st.floats(0, 2, allow_nan=False),
    st.dates(dt.date(2019, 1, 1), dt.date(2027, 12, 31)),
)


@st.composite
def messy_sheet(draw):
    kind = draw(st.sampled_from(sorted(HEADERS)))
    header = HEADERS[kind]
    rows: list[list[object]] = []
    if draw(st.booleans()):
        rows += [[draw(TEXT)], []]  # title lines above the header
    rows.append(header)
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.integers(0, 6)) == 0:
            rows.append([])  # a blank row
        elif draw(st.integers(0, 6)) == 0:
            rows.append([draw(TEXT)])  # a lone cell: a section, a note, a legend or a person
        else:
            rows.append([draw(CELL) for _ in header])
    return kind, rows


def _nonblank(rows: list[list[object]]) -> set[int]:
    return {i + 1 for i, r in enumerate(rows) if any(v is not None and str(v).strip() for v in r)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_sheet())
def test_every_nonblank_row_is_accounted_for_once(sheet) -> None:
    kind, rows = sheet
    data = xlsx_bytes({"Sheet1": rows})
    try:
        t = load_files([("t.xlsx", data)])
    except TrackerError:
        return  # a table ngsp could not recognise is refused whole, with a message: nothing silently kept
    ledger = t.quality.ledger
    got = list(ledger["source_row"])
    assert len(got) == len(set(got)), "a row was counted twice"
    assert set(got) == _nonblank(rows)
    rejected = set(ledger[ledger["role"] == "rejected"]["source_row"])
    assert rejected == set(t.quality.rejected["source_row"])
    # Rows taken as data reach the canonical tables (a person written twice is one person).
    data = ledger[ledger["role"] == "data"]
    if (data["detail"] == "person").any():
        assert not t.people.empty
    if (data["detail"] == "action item").any():
        assert len(t.action_items) == (data["detail"] == "action item").sum()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_sheet())
def test_reading_twice_gives_the_same_tracker(sheet) -> None:
    _kind, rows = sheet
    data = xlsx_bytes({"Sheet1": rows})
    try:
        a = load_files([("t.xlsx", data)])
    except TrackerError:
        return
    b = load_files([("t.xlsx", data)])
    for name in ("organizations", "people", "meetings", "attendance", "action_items", "funding"):
        assert getattr(a, name).equals(getattr(b, name)), name


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_sheet())
@example(sheet=("log", [HEADERS["log"], [None, dt.date(2019, 1, 1), "-", None, None]]))
@example(sheet=("roster", [HEADERS["roster"], ["NA", None, None, "NA", None]]))
@example(
    sheet=(
        "roster",
        [
            HEADERS["roster"],
            [None] * 5,
            ["NA"],
            *[[None] * 5] * 3,
            [],
            [],
            [],
            ["Key: x = here", None, None, "NA", None],
            [],
        ],
    )
)
@example(sheet=("roster", [HEADERS["roster"], [], ["Total"], [], ["NA"], ["TBD"], [], ["N/A"]]))
@example(sheet=("roster", [HEADERS["roster"], [None, "Business"], [None, "Key: x = here", None, None, "NA"],
                           [None, dt.date(2019, 1, 1)], [None, "Public"]]))  # fmt: skip
@example(sheet=("roster", [HEADERS["roster"], [None, None, "Business"], ["0123", None, None, None, dt.date(2022, 11, 29)],
                           ["Talent AT", None, "Public", None, "t"]]))  # fmt: skip
@example(sheet=("roster", [HEADERS["roster"], [None, None, "NA"], ["iÇ", None, None, None, dt.date(2019, 1, 1)],
                           ["Talent AT", None, None, None, "NA"]]))  # fmt: skip
@example(
    sheet=(
        "roster",
        [
            HEADERS["roster"],
            ["Q3 2024", None, None, None, dt.date(2019, 1, 1)],
            ["Ĳrcq", None, None, None, "NA"],
        ],
    )
)
@example(
    sheet=("log", [["Q3 2024"], [], ["Date", "Meeting", "Attendee", "Company", "E-mail"], [], ["NA"], ["NA"]])
)
def test_clean_export_reads_back_to_the_same_summary(sheet) -> None:
    from ngsp.export import workbook_bytes

    _kind, rows = sheet
    try:
        t = load_files([("t.xlsx", xlsx_bytes({"Sheet1": rows}))])
    except TrackerError:
        return
    as_of = dt.date(2025, 6, 30)
    # Rejected rows and warnings speak of the messy file's rows, which the clean copy no longer has.
    reading = ("rejected_rows", "warnings")
    want = {k: v for k, v in summary(t, as_of).items() if k not in reading}
    again = load_files([("clean.xlsx", workbook_bytes(t))])
    got = {k: v for k, v in summary(again, as_of).items() if k not in reading}
    assert got == want
