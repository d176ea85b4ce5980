"""A doubtful reading is said before any figure: at the top of the Overview and the Data quality page, on a slide
before the deck's figures and on the report's cover (issue 13: "never a doubtful figure without the warning")."""

from __future__ import annotations

import datetime as dt
import io

from builders import load
from pptx import Presentation
from pypdf import PdfReader

from ngsp.core.corrections import Corrections
from ngsp.export import _figures as fig
from ngsp.export import deck_bytes, report_bytes

AS_OF = dt.date(2025, 1, 15)
LOG = [["Meeting", "Date", "Name", "Sector"]] + [
    ["Quarterly partnership meeting", dt.datetime(2024, 1 + 2 * k, 5), name, sector]
    for k in range(5)
    for name, sector in [
        ("Ana Lopez", "Business"),
        ("Bo Chan", "Public"),
        ("Cy Diaz", "Business"),
        ("Di Evans", "Public"),
        ("Ed Fox", "Business"),
    ]  # fmt: skip
]
# The organisation column is the sector column: 25 attendance records from "Business" and "Public".
MISREAD = Corrections().with_column("Log", "Sector", "org")
FINE = [["Name", "Organization", "Partner Type"], ["Ana Lopez", "Acme Manufacturing", "Business"],
        ["Bo Chan", "Front Range Community College", "Public"]]  # fmt: skip


def _doubtful():
    t = load({"Log": LOG}, corrections=MISREAD)
    assert t.quality.warnings, "the test needs a doubtful reading"
    return t


def _slides(data: bytes) -> list[str]:
    out = []
    for s in Presentation(io.BytesIO(data)).slides:
        out.append(" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame))
    return out


def test_the_deck_says_what_to_check_before_its_first_figure() -> None:
    slides = _slides(deck_bytes(_doubtful(), AS_OF))
    first = next(i for i, s in enumerate(slides) if "readings to check" in s.lower())
    figures_at = next(i for i, s in enumerate(slides) if "Where the partnership stands" in s)
    assert first < figures_at
    assert "25 attendance records but only 2 organisation" in " ".join(slides[first].split())
    assert not any("readings to check" in s.lower() for s in _slides(deck_bytes(load({"P": FINE}), AS_OF)))


def test_the_report_says_it_on_its_cover() -> None:
    cover = " ".join(PdfReader(io.BytesIO(report_bytes(_doubtful(), AS_OF))).pages[0].extract_text().split())
    assert "Readings to check" in cover and "25 attendance records but only 2 organisation" in cover
    fine = PdfReader(io.BytesIO(report_bytes(load({"P": FINE}), AS_OF))).pages[0].extract_text()
    assert "Readings to check" not in fine


def test_a_long_list_is_cut_with_a_count_and_never_sends_the_room_to_the_convener_page() -> None:
    import dataclasses

    t = _doubtful()
    many = dataclasses.replace(t.quality, warnings=tuple(f"doubt {i}" for i in range(10)))
    lines = fig.doubts(dataclasses.replace(t, quality=many))
    assert len(lines) == fig.MAX_DOUBTS and lines[-1] == "… and 5 more."
    assert not any("data quality" in line.lower() or "data-quality" in line.lower() for line in lines)
    said = fig.doubts(
        _doubtful()
    )  # the reader's own words send the convener to the page; the room is not sent
    assert said and not any("Data quality page" in line for line in said)
    assert all(line.endswith(".") for line in said)
