"""The example trackers in ../shared/trackers give exactly their expected summaries."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "trackers"
EXAMPLES = sorted(SHARED.glob("*.expected.json")) if SHARED.is_dir() else []

pytestmark = pytest.mark.skipif(
    not EXAMPLES, reason="../shared/trackers is absent (it is beside the repo in CI)"
)


def _tracker(expected: Path) -> Path:
    return expected.with_name(expected.name[: -len(".expected.json")])


@pytest.mark.parametrize("expected", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_example_summary_in_process(expected: Path) -> None:
    from ngsp.figures.summary import summary
    from ngsp.ingest.pipeline import load_paths

    want = json.loads(expected.read_text())
    got = summary(load_paths([_tracker(expected)]), dt.date.fromisoformat(want["as_of"]))
    assert {k: got.get(k) for k in want} == want


@pytest.mark.parametrize("expected", EXAMPLES[:1], ids=lambda p: p.name.split(".")[0])
def test_example_summary_command_line(expected: Path) -> None:
    want = json.loads(expected.read_text())
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "ngsp",
            "summary",
            str(_tracker(expected)),
            "--as-of",
            want["as_of"],
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert {k: got.get(k) for k in want} == want


@pytest.mark.parametrize("expected", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_example_loses_no_row(expected: Path) -> None:
    """Every non-blank row of every sheet is in the ledger exactly once."""
    from python_calamine import CalamineWorkbook

    from ngsp.ingest.pipeline import load_paths

    path = _tracker(expected)
    t = load_paths([path])
    wb = CalamineWorkbook.from_path(str(path))
    want = set()
    for name in wb.sheet_names:
        for i, row in enumerate(wb.get_sheet_by_name(name).to_python(skip_empty_area=False)):
            if any(str(v).strip() for v in row):
                want.add((name, i + 1))
    ledger = t.quality.ledger
    got = list(zip(ledger["source_sheet"], ledger["source_row"], strict=True))
    assert len(got) == len(set(got)), "a row is in the ledger twice"
    assert set(got) == want
