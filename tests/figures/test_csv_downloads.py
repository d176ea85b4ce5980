"""Every CSV ngsp offers goes through one function, and no cell or header in it is a live formula (issue 16).

12 of 16 CSV downloads kept formula text as written (=cmd|..., -2+3+cmd|..., @SUM(...)), which Excel runs.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from ngsp.core.formulas import FORMULA_STARTS, csv_bytes
from ngsp.figures import format as fmt

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "=cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1",
]


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("text", HOSTILE)
def test_no_cell_starts_a_formula(text: str) -> None:
    df = pd.DataFrame({"Name": [text, "Acme"], "Count": [-5, 3], text: ["x", "y"]})
    rows = _cells(csv_bytes(df))
    for row in rows:
        for j in (0, 2):  # the text columns (and the header over them)
            assert not row[j].startswith(FORMULA_STARTS), row
    assert rows[1][0] == "'" + text  # kept, as text Excel shows
    assert rows[1][1] == "-5"  # a number is a number


def test_a_carriage_return_inside_a_cell_starts_no_row_and_no_cell() -> None:
    df = pd.DataFrame({"Note": ["call back\r=1+cmd|' /C calc'!A0", "fine"]})
    rows = _cells(csv_bytes(df))
    assert len(rows) == 3 and rows[1] == ["call back\r=1+cmd|' /C calc'!A0"]


def test_text_columns_of_the_string_dtype_too() -> None:
    df = pd.DataFrame({"Note": pd.array(['=HYPERLINK("http://x")', "fine"], dtype="string")})
    assert _cells(csv_bytes(df))[1] == ['\'=HYPERLINK("http://x")']


def test_the_pages_use_the_same_function() -> None:
    assert fmt.csv_bytes is csv_bytes


def test_nothing_else_in_ngsp_writes_a_csv() -> None:
    """One function: a second to_csv (or csv.writer) somewhere would be a download nobody neutralised."""
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (ROOT / "ngsp").rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.to_csv\(|csv\.writer\(|csv\.DictWriter\(", line)
    ]
    assert [o.split(":")[0] for o in offenders] == ["ngsp/core/formulas.py"], offenders
