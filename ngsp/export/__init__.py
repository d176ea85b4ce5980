"""Exports: the quarterly meeting deck (.pptx), the funder report (.pdf), the clean workbook and the template (.xlsx).

Each builder is a function of the tracker (and as-of) returning bytes, so the app can offer a download and
the command line can write a file; no browser is involved anywhere.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ngsp.core.errors import TrackerError
from ngsp.core.model import Tracker

if TYPE_CHECKING:
    from ngsp.history.diff import Diff

FORMATS = (".pptx", ".pdf", ".xlsx")


def deck_bytes(t: Tracker, as_of: date, logo: bytes | None = None, since: Diff | None = None) -> bytes:
    """The quarterly meeting deck as .pptx bytes (native, editable charts; optional logo; a "Since our last
    meeting" slide when ``since``, an ``ngsp.history.diff.Diff``, holds changes)."""
    from ngsp.export import deck

    return deck.deck_bytes(t, as_of, logo, since)


def report_bytes(t: Tracker, as_of: date) -> bytes:
    """The funder report on sustainability as .pdf bytes."""
    from ngsp.export import report

    return report.report_bytes(t, as_of)


def workbook_bytes(t: Tracker) -> bytes:
    """The clean workbook (.xlsx): canonical tables, data-quality report and rejected rows."""
    from ngsp.export import workbook

    return workbook.workbook_bytes(t)


def template_bytes() -> bytes:
    """The blank tracker template (.xlsx) with dropdowns and instructions."""
    from ngsp.export import template

    return template.template_bytes()


def export(t: Tracker, out: Path, as_of: date, logo: bytes | None = None, since: Diff | None = None) -> Path:
    """Write the export the file name asks for (.pptx, .pdf or .xlsx) and return its path; ``since`` adds the
    deck's "Since our last meeting" slide."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".pptx":
        data = deck_bytes(t, as_of, logo, since)
    elif suffix == ".pdf":
        data = report_bytes(t, as_of)
    elif suffix == ".xlsx":
        data = workbook_bytes(t)
    else:
        raise TrackerError(str(out), "cannot tell what to make from this name: use .pptx, .pdf or .xlsx")
    _write(out, data)
    return out


def write_template(out: Path) -> Path:
    """Write the blank tracker template and return its path."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise TrackerError(str(out), "the template is an Excel workbook: use a name ending in .xlsx")
    _write(out, template_bytes())
    return out


def _write(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as e:
        raise TrackerError(
            str(out), f"could not be written ({e.strerror}): check the folder exists and is writable"
        ) from None
