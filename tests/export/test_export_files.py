"""export() and write_template(): the format from the file name, clear errors, and no crash on odd text."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from _trackers import tiny_tracker
from pptx import Presentation
from pypdf import PdfReader

from ngsp.__main__ import main
from ngsp.core.errors import TrackerError
from ngsp.export import deck_bytes, export, report_bytes, workbook_bytes, write_template

AS_OF = date(2025, 1, 15)
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("suffix", [".pptx", ".PDF", ".xlsx"])
def test_export_picks_the_format_from_the_name(tmp_path, suffix):
    out = export(tiny_tracker(), tmp_path / f"partnership{suffix}", AS_OF)
    assert out == tmp_path / f"partnership{suffix}"
    data = out.read_bytes()
    {".pptx": lambda: Presentation(io.BytesIO(data)), ".pdf": lambda: PdfReader(io.BytesIO(data)),
     ".xlsx": lambda: openpyxl.load_workbook(io.BytesIO(data))}[suffix.lower()]()  # fmt: skip


def test_an_unknown_extension_is_a_clear_error(tmp_path):
    with pytest.raises(TrackerError, match=r"use \.pptx, \.pdf or \.xlsx"):
        export(tiny_tracker(), tmp_path / "deck.docx", AS_OF)
    assert not (tmp_path / "deck.docx").exists()


def test_an_unwritable_place_is_a_clear_error(tmp_path):
    with pytest.raises(TrackerError, match="could not be written"):
        export(tiny_tracker(), tmp_path / "no such folder" / "deck.pptx", AS_OF)


def test_write_template(tmp_path):
    out = write_template(tmp_path / "tracker.xlsx")
    assert openpyxl.load_workbook(out).sheetnames[0] == "Instructions"
    with pytest.raises(TrackerError, match=r"\.xlsx"):
        write_template(tmp_path / "tracker.csv")


def test_odd_text_never_breaks_an_export():
    """Control characters, emoji, other scripts and very long names: every export still builds."""
    t = tiny_tracker()
    odd = ["李小龙 🚀", "Chair\x07\x00", "x" * 300, "Ünïcödé – “quotes” ‘single’ … €", "=1+1"]
    t = dataclasses.replace(
        t,
        name="Partnership\x07 " + "very long " * 20,
        people=t.people.assign(name=odd),
        action_items=t.action_items.assign(
            priority=["P " * 80, "Ü 🚀", "x", "\x0bctl", "=evil()"], description=odd
        ),
        organizations=t.organizations.assign(name=["李 Co", "O\x01", "y" * 200, "=A1"]),
    )
    deck = Presentation(io.BytesIO(deck_bytes(t, AS_OF)))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert all(len(x) <= 60 for x in titles)
    assert "ctl" in titles  # the control character is gone, the words stay
    assert PdfReader(io.BytesIO(report_bytes(t, AS_OF))).pages
    assert openpyxl.load_workbook(io.BytesIO(workbook_bytes(t)))["People"]["A3"].value == "Chair"


def test_command_line(tmp_path, capsys):
    sample = ROOT / "sample_data" / "demo_tracker.xlsx"
    out = tmp_path / "meeting.pptx"
    assert main(["export", str(sample), "--to", str(out), "--as-of", "2025-10-15"]) == 0
    assert "15 October 2025" in "".join(
        s.text_frame.text for s in Presentation(out).slides[0].shapes if s.has_text_frame
    )
    assert main(["template", str(tmp_path / "blank.xlsx")]) == 0
    assert main(["export", str(sample), "--to", str(tmp_path / "x.odp")]) == 2
    assert "use .pptx, .pdf or .xlsx" in capsys.readouterr().err


@pytest.mark.parametrize(
    "narrow",
    [
        {"partner_types": ["business"]},
        {"priorities": ["Transportation"]},
        {"start": date(2024, 5, 1)},
        {"partner_types": []},
    ],
    ids=["business only", "one priority", "from May 2024", "nothing left"],
)
def test_exports_of_a_filtered_tracker(narrow):
    """The app exports what its filters show: every export builds from a narrowed tracker."""
    from ngsp.figures import filters

    t = filters.filter_tracker(tiny_tracker(), **narrow)
    assert Presentation(io.BytesIO(deck_bytes(t, AS_OF))).slides
    assert PdfReader(io.BytesIO(report_bytes(t, AS_OF))).pages
    assert openpyxl.load_workbook(io.BytesIO(workbook_bytes(t))).sheetnames[0] == "Organizations"
