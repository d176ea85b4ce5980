"""A real office suite opens the deck, the clean workbook and the template (LibreOffice, headless)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from _trackers import tiny_tracker
from pypdf import PdfReader

from ngsp.export import deck_bytes, template_bytes, workbook_bytes

pytestmark = [
    pytest.mark.office,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def _convert(tmp_path: Path, name: str, data: bytes) -> PdfReader:
    """Convert one file to PDF with soffice in its own profile, and open the result."""
    src = tmp_path / name
    src.write_bytes(data)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = src.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice could not convert {name}"
    return PdfReader(pdf)


def test_libreoffice_opens_the_deck(tmp_path):
    reader = _convert(tmp_path, "deck.pptx", deck_bytes(tiny_tracker(), date(2025, 1, 15)))
    assert len(reader.pages) == 7
    assert "Who comes to partnership meetings" in reader.pages[2].extract_text()


def test_libreoffice_opens_the_workbook_and_template(tmp_path):
    reader = _convert(tmp_path, "clean.xlsx", workbook_bytes(tiny_tracker()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "José Núñez" in text
    assert "HYPERLINK" in text  # shown as text, not evaluated into a link
    reader = _convert(tmp_path, "template.xlsx", template_bytes())
    assert "How to use this tracker" in " ".join(p.extract_text() for p in reader.pages)
