"""What the capped child process that parses a workbook hands back is exactly what calamine read, dates and
times in their cells, however it travels."""

from __future__ import annotations

import datetime as dt
import json

from builders import xlsx_bytes

from ngsp.ingest.read import sandbox

ROWS = [
    ["Date", "Start", "Length", "Name", "Note"],
    [dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 9, 30), dt.time(1, 15), "Pat Lee", "2024-03-05"],
    [dt.datetime(2025, 12, 31), dt.datetime(2025, 12, 31, 23, 59, 59), None, "2024-03-05T09:30:00", 7],
    [None, None, None, "", 1.5],
]


def test_the_child_hands_back_what_calamine_read() -> None:
    data = xlsx_bytes({"Log": ROWS, "Other": [["When", dt.date(2023, 1, 2)]]})
    assert sandbox.parse_isolated("log.xlsx", data) == sandbox.calamine_parse(data, sandbox.caps())


def test_dates_travel_as_plain_lists_and_come_back_in_their_cells() -> None:
    rows = [
        [dt.date(2024, 3, 5), "2024-03-05", dt.datetime(2024, 3, 5, 0, 0), dt.datetime(2024, 3, 5, 9, 30, 1)]
    ]
    result = {"sheets": [["Log", [list(r) for r in rows], [], []]]}
    text = json.dumps(sandbox._dates_out(result), default=sandbox._to_json)
    assert "$date" not in text  # no object per date cell
    back = sandbox._dates_in(json.loads(text, object_hook=sandbox._from_json))
    assert back == {"sheets": [["Log", rows, [], []]]}
    assert [type(v) for v in back["sheets"][0][1][0]] == [dt.date, str, dt.datetime, dt.datetime]
