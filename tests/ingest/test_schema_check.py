"""What each load checks of the canonical tables: their columns and dtypes every time (at a cost that does not
grow with the rows); every row with pandera when NGSP_VALIDATE_ROWS asks for it, as every test does."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pandera.pandas as pa
import pytest
from conftest import ROOT, SAMPLE

from ngsp.core import schema
from ngsp.ingest import pipeline


@pytest.fixture(scope="module")
def sample_detected() -> pipeline.Detected:
    return pipeline.detect([(SAMPLE.name, SAMPLE.read_bytes())])


def test_the_tests_validate_every_row() -> None:
    assert schema.full_validation()


@pytest.mark.parametrize(
    ("value", "on"), [("1", True), ("yes", True), ("", False), ("0", False), ("off", False)]
)
def test_full_validation_is_asked_for_by_the_setting(
    monkeypatch: pytest.MonkeyPatch, value: str, on: bool
) -> None:
    monkeypatch.setenv(schema.FULL_VALIDATION_ENV, value)
    assert schema.full_validation() is on


def test_the_pandera_schemas_are_the_declared_ones() -> None:
    for name, cols in schema.TABLE_COLUMNS.items():
        sch = schema.TABLES[name]
        assert list(sch.columns) == list(cols) and sch.strict is True and sch.coerce is True
        for c, col in cols.items():
            assert sch.columns[c].unique is col.unique and sch.columns[c].nullable is col.nullable
            assert bool(sch.columns[c].checks) is bool(col.isin)
    assert schema.ATTENDANCE.unique == ["meeting_id", "person_id"] and schema.MEETINGS.add_missing_columns


@pytest.mark.parametrize("validate_rows", ["1", "0"])
def test_a_load_checks_the_schema_and_validates_rows_only_when_asked(
    monkeypatch: pytest.MonkeyPatch, sample_detected: pipeline.Detected, validate_rows: str
) -> None:
    checked, validated = [], []
    check, validate = schema.check, pa.DataFrameSchema.validate
    monkeypatch.setattr(schema, "check", lambda table, df: (checked.append(table), check(table, df)))
    monkeypatch.setattr(
        pa.DataFrameSchema,
        "validate",
        lambda self, df, *a, **k: (validated.append(1), validate(self, df, *a, **k))[1],
    )
    monkeypatch.setenv(schema.FULL_VALIDATION_ENV, validate_rows)
    pipeline.build(sample_detected)
    assert checked == list(schema.TABLE_COLUMNS)
    assert len(validated) == (6 if validate_rows == "1" else 0)


def _tables(detected: pipeline.Detected) -> dict[str, pd.DataFrame]:
    t = pipeline.build(detected)
    return {name: getattr(t, name) for name in schema.TABLE_COLUMNS}


def test_the_schema_check_refuses_a_table_not_as_declared(sample_detected: pipeline.Detected) -> None:
    tables = _tables(sample_detected)
    for name, df in tables.items():
        schema.check(name, df)  # as built
    people = tables["people"]
    wrong = {
        "a column missing": people.drop(columns=["phone"]),
        "a column more": people.assign(nickname=""),
        "columns out of order": people[list(reversed(people.columns))],
        "text as objects": people.astype({"name": object}),
        "a row number as a float": people.astype({"source_row": float}),
    }
    for df in wrong.values():
        with pytest.raises(schema.SchemaMismatch):
            schema.check("people", df)
    with pytest.raises(schema.SchemaMismatch, match="date is"):
        schema.check("meetings", tables["meetings"].astype({"date": str}))
    with pytest.raises(schema.SchemaMismatch, match="online is"):
        schema.check("meetings", tables["meetings"].astype({"online": object}))


def test_the_summary_command_imports_only_what_it_needs(tmp_path) -> None:
    """No pandera (rows are validated in the tests), no charts, dashboard or exports for `ngsp summary`."""
    code = (
        "import sys, io, contextlib\n"
        "from ngsp.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['summary', '--sample', '--json', '--as-of', '2026-11-25']) == 0\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != schema.FULL_VALIDATION_ENV}
    env["NGSP_DATA_DIR"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    ).stdout.split()
    assert "pandas" in out and "ngsp" in out
    assert not {"pandera", "plotly", "streamlit", "pptx", "fpdf", "openpyxl", "hypothesis"} & set(out)
