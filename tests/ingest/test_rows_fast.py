"""The cheap test that a row is plainly data agrees with the full classification of structure rows, on rows made
up by hypothesis (total and header words, marks, dates, numbers, merged cells) and on every row of the sample."""

from __future__ import annotations

import datetime as dt

from conftest import SAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from ngsp.ingest import pipeline, rows
from ngsp.ingest.detect.table import Table, filled
from ngsp.ingest.read import RawSheet

WORDS = ["Total", "Grand total", "# Present", "Count", "Name", "Organization", "Email", "Date", "Key: x = attended",
         "Pat Lee", "Acme Mfg", "x", "Y", "Full Partnership", "Note - bring badges", "Headcount 9", "12"]  # fmt: skip
CELL = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.integers(-3, 30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(2020, 1, 1), dt.date(2027, 1, 1)),
    st.booleans(),
)
HEADER = ["Date", "Name", "Organization", "Email", "Attended"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=8), st.booleans())
def test_plainly_data_is_never_structure(body: list[list[object]], merged: bool) -> None:
    sheet = RawSheet("t.xlsx", "Log", [HEADER, *body], [(1, 0, 1, 2)] if merged else [])
    t = Table(sheet, "log", "", header_row=0, columns={0: "date", 1: "person", 2: "org", 3: "email"})
    for i, row in enumerate(sheet.rows[1:], start=1):
        cols = filled(row)
        if cols and rows._plainly_data(t, row, i, cols):
            assert rows.classify_structure(t, row, i, cols) is None


def test_plainly_data_agrees_on_every_row_of_the_sample() -> None:
    d = pipeline.detect([(SAMPLE.name, SAMPLE.read_bytes())])
    plain = 0
    for t in d.tables:
        for i in range(max(t.header_row + 1, 0), len(t.sheet.rows)):
            row = t.sheet.rows[i]
            cols = filled(row)
            if cols and rows._plainly_data(t, row, i, cols):
                plain += 1
                assert rows.classify_structure(t, row, i, cols) is None
    assert plain > 100
