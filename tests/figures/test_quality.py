"""ngsp.figures.quality: the data-quality tables, on the five-partner tracker of conftest.py."""

from __future__ import annotations

from ngsp.figures import format as fmt
from ngsp.figures import quality


def test_quality_tables_and_csv(tiny_tracker):
    tables = quality.quality_tables(tiny_tracker)
    assert len(tables) == 4 and set(tables) == set(quality.QUALITY_EMPTY)
    csv = fmt.csv_bytes(tables["Rows set aside"]).decode("utf-8-sig")
    assert csv.splitlines()[0] == "File,Sheet,Row,Reason,What the row held"
