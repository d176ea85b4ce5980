"""Attendance reports against their known truth (tests/reportgen.py): every layout of Zoom, Teams, Meet, Webex,
Eventbrite and forms, in every encoding and locale it comes in (Excel re-saves as CSV, with semicolons and as
.xlsx; UTF-16 with and without its mark; UTF-8 with and without BOM; en-US, en-GB, German), read alone, and
folders mixing a roster (with a log of some meetings) with many Zoom and Teams reports. Each case is checked
for its distinct people, attendance records and meeting dates. ``python tests/reportgen.py`` prints the score.
"""

from __future__ import annotations

import pytest
import reportgen as rg

from ngsp.ingest.detect import filled
from ngsp.ingest.pipeline import build, detect

CASES = rg.sweep_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_report_case_reads_its_truth(case: rg.Case) -> None:
    detected = detect(case.files)
    t = build(detected)
    problems = rg.check(case, t)
    assert not problems, f"{case.label} ({[f for f, _ in case.files][:3]}): " + "; ".join(problems)
    # Nothing lost: every non-blank row of every file is in the ledger, once.
    led = t.quality.ledger
    got = list(zip(led["source_file"], led["source_sheet"], led["source_row"], strict=True))
    want = {(s.file, s.name, i + 1) for s in detected.sheets for i, r in enumerate(s.rows) if filled(r)}
    assert len(got) == len(set(got)) and set(got) == want


def test_the_sweep_covers_every_layout_encoding_and_locale() -> None:
    labels = {c.label for c in CASES}
    for layout in rg.LAYOUTS:
        assert any(lbl.startswith(f"{layout}/") for lbl in labels), layout
    for encoding in rg.ENCODINGS:
        assert any(lbl.endswith(f"/{encoding}") for lbl in labels), encoding
    assert any("/en-GB/" in lbl for lbl in labels) and any("/de/" in lbl for lbl in labels)
    folders = [c for c in CASES if c.label.startswith("folder/")]
    assert len(folders) >= 6 and any(c.dayfirst_tracker for c in folders)
    assert any(len(c.files) > 10 for c in folders)
    assert all(
        c.in_tracker and c.in_tracker < len(c.dates) for c in folders
    )  # meetings in the tracker and not
    assert sum(c.rejoins for c in CASES) > 100
