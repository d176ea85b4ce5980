"""Text: CSV (and a web page or other text saved with a spreadsheet's name)."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from pathlib import Path

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read.messages import FORMATS, RESAVE, check_extent
from ngsp.ingest.read.sheet import RawSheet, rectangle


def _decode(data: bytes) -> str | None:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; None if binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    sample = data[:8192]
    if b"\x00" in sample:
        return None
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f")
    if controls > len(sample) / 100:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # never fails: the five bytes cp1252 leaves undefined


def _check_markup(name: str, text: str) -> None:
    """Refuse web pages and XML saved under a spreadsheet's name, with a message saying what they are."""
    head = text[:2048].lstrip().lower()
    if not head.startswith("<"):
        return
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<table", "<meta")) or "<html" in head:
        raise TrackerError(
            name,
            "this is a web page, not a spreadsheet: download the file itself (for a shared or online sheet, "
            "use File > Download > Microsoft Excel), or if a system exported it, open it in Excel, save it "
            "as .xlsx and upload that",
        )
    if "urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise TrackerError(name, f"this is an Excel 2003 XML file: {RESAVE}")
    if "opendocument" in head:
        raise TrackerError(name, f"this is a flat OpenDocument file: {RESAVE}")
    raise TrackerError(name, f"this is an XML file, not a spreadsheet: {FORMATS}")


_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number (>1) of fields."""
    sample = text[:65_536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    best, best_score = ",", (False, 0.0, 0)
    for d in _DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=d)
            counts = [len(r) for r in itertools.islice(reader, 50) if r]
        except csv.Error:
            continue
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        score = (mode > 1, freq / len(counts), mode)
        if score > best_score:
            best, best_score = d, score
    return best


def read_text(name: str, data: bytes) -> RawSheet:
    text = _decode(data)
    if text is None:
        raise TrackerError(name, f"this is not a spreadsheet file ngsp can read: {FORMATS}")
    _check_markup(name, text)
    first, _, rest = text.partition("\n")
    sep = re.fullmatch(r"sep=(.)\r?", first)  # Excel's hint line; Excel hides it, so do we
    if sep:
        text, delimiter = rest, sep.group(1)
    else:
        delimiter = _delimiter(text)
    rows: list[list[object]] = []
    width = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            width = max(width, len(row))
            if (len(rows) + 1) * width > limits.MAX_CELLS or len(rows) >= limits.MAX_SHEET_ROWS:
                check_extent(name, "this file", len(rows) + 1, width)
            if width > limits.MAX_SHEET_COLS:
                check_extent(name, "this file", len(rows) + 1, width)
            rows.append([c if c != "" else None for c in row])
    except csv.Error:
        raise TrackerError(
            name,
            f"this text file could not be read as CSV (a cell is far too long or a quote is never closed): {RESAVE}",
        ) from None
    rows = rectangle(rows)
    check_extent(name, "this file", len(rows), len(rows[0]) if rows else 0)
    return RawSheet(name, Path(name).stem, rows, [])
