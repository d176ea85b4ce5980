"""Re-importing the clean workbook gives the same summary as the original tracker (rejected rows aside)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from _trackers import tiny_tracker

from ngsp.export import workbook_bytes
from ngsp.figures.summary import summary
from ngsp.ingest.pipeline import load_files, load_paths

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "trackers"
SAMPLE = ROOT / "sample_data" / "demo_tracker.xlsx"
# The summary's keys that describe the partnership; rejected rows are listed in the workbook, not re-read.
KEYS = ("organizations", "people", "meetings", "attendance", "cadence", "action_items", "priorities",
        "lapsed_businesses")  # fmt: skip


def _trackers() -> list:
    out = [pytest.param(SAMPLE, id="demo_tracker")]
    shared = sorted(SHARED.glob("*.xlsx")) if SHARED.is_dir() else []
    out += [pytest.param(p, id=p.stem) for p in shared]
    if not shared:
        out.append(pytest.param(None, id="shared", marks=pytest.mark.skip(reason=f"{SHARED} is not here")))
    return out


def _as_of(path: Path) -> date:
    for expected in (Path(f"{path}.expected.json"), path.with_suffix(".expected.json")):
        if expected.exists():
            return date.fromisoformat(json.loads(expected.read_text())["as_of"])
    return date(2025, 10, 15)


def _report_sheets_set_aside(clean) -> None:
    """The two report sheets are set aside by the reader, not read as data."""
    taken = dict(zip(clean.quality.sheets["source_sheet"], clean.quality.sheets["taken_as"], strict=True))
    assert taken.get("Data Quality") == "set aside"
    assert taken.get("Rejected Rows") == "set aside"


@pytest.mark.parametrize("path", _trackers())
def test_clean_workbook_reimports_to_the_same_summary(path):
    as_of = _as_of(path)
    original = load_paths([path])
    clean = load_files([("clean.xlsx", workbook_bytes(original))])
    before, after = summary(original, as_of), summary(clean, as_of)
    _report_sheets_set_aside(clean)
    assert {k: after[k] for k in KEYS} == {k: before[k] for k in KEYS}
    assert after["rejected_rows"] == 0
    assert after.get("funding") == before.get("funding")


def test_hostile_names_survive_the_round_trip_as_text():
    t = tiny_tracker()
    clean = load_files([("clean.xlsx", workbook_bytes(t))])
    assert '=HYPERLINK("http://evil.example/x","click me")' in set(clean.organizations["name"])
    assert summary(clean, date(2025, 1, 15))["people"] == 5


def test_the_clean_workbook_of_the_clean_workbook_is_the_same():
    """Exporting is stable: a second round trip writes the same cells."""
    first = workbook_bytes(load_paths([SAMPLE]))
    second = workbook_bytes(load_files([("clean.xlsx", first)]))

    def cells(data: bytes) -> dict:
        wb = openpyxl.load_workbook(io.BytesIO(data))
        out = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb if ws.title not in skip}
        # Other spellings are known only from the original tracker.
        out["Organizations"] = [r[:2] for r in out["Organizations"]]
        return out

    skip = {"Data Quality", "Rejected Rows"}
    assert cells(second).keys() == cells(first).keys()
    for title in ("Meetings", "Attendance", "Action Plan", "Funding", "Organizations"):
        assert cells(second)[title] == cells(first)[title], title
    _report_sheets_set_aside(load_files([("clean.xlsx", first)]))
    assert cells(second)["People"] == cells(first)["People"]
