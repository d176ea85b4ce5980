"""The funder report opens in pypdf, holds the expected figures, and prints accented names and curly quotes."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from _trackers import empty_tracker, tiny_tracker
from pypdf import PdfReader

from ngsp.export import report_bytes

AS_OF = date(2025, 1, 15)


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # pypdf may put a line break where the PDF wraps; compare on single spaces.
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.fixture(scope="module")
def report() -> bytes:
    return report_bytes(tiny_tracker(), AS_OF)


def test_opens_and_is_a_few_pages(report):
    reader = PdfReader(io.BytesIO(report))
    assert 1 <= len(reader.pages) <= 6
    assert reader.metadata.title == "Northern Valley Manufacturing Partnership: sustainability report"


def test_accented_names_and_curly_quotes_survive(report):
    text = _text(report)
    assert "José Núñez" in text
    assert "“ride to work”" in text
    assert "partnership’s own tracker" in text


def test_sections_and_figures(report):
    text = _text(report)
    for section in (
        "Engagement and retention",
        "Cadence",
        "Progress per priority",
        "Funding and in-kind support",
        "A note on the data",
    ):
        assert section in text
    assert "figures as of 15 January 2025" in text
    assert "70%" in text  # business share at partnership meetings
    assert "It was met in 3 of 4 complete quarters." in text
    assert "Months since the first partnership meeting" in text
    assert "1 of 3 items done" in text  # Transportation
    assert "$67,500 recorded from 3 sources: $65,000 in cash and $2,500 in kind." in text
    assert "1 row could not be used" in text


def test_no_browser_is_involved():
    """Built in a fresh interpreter: neither plotly nor kaleido (which needs Chromium) is imported."""
    code = (
        "import sys; sys.path.insert(0, 'tests'); from datetime import date; from _trackers import tiny_tracker;"
        "from ngsp.export import report_bytes; report_bytes(tiny_tracker(), date(2025, 1, 15));"
        "print(sorted(m for m in ('kaleido', 'plotly', 'streamlit') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_empty_tracker_still_makes_a_report():
    text = _text(report_bytes(empty_tracker(), AS_OF))
    assert "No launch or full partnership meeting is recorded yet." in text
    assert "No funding or in-kind support is recorded" in text


def test_the_report_never_prints_an_infinite_amount() -> None:
    """Amounts of 1e308 summed to infinity and the report said "$inf recorded"."""
    import datetime as dt

    import pypdf
    from builders import xlsx_bytes

    from ngsp.export import report_bytes
    from ngsp.ingest.pipeline import load_files

    t = load_files(
        [
            (
                "t.xlsx",
                xlsx_bytes(
                    {"Funding": [["Funder", "Amount"], ["State", 1e308], ["Feds", 1e308], ["City", 5000]]}
                ),
            )
        ]
    )
    pdf = pypdf.PdfReader(io.BytesIO(report_bytes(t, dt.date(2025, 1, 1))))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert not re.search(r"\binf\b|\bnan\b", text, re.I) and "$5,000" in text
