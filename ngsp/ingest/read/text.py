"""Text: CSV (and a web page or other text saved with a spreadsheet's name)."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator
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
        return _utf16_without_bom(data)
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


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without its byte-order mark (a Teams report re-encoded by a user): a NUL in nearly
    every other byte, all on one side; None for anything else with NULs in it (a binary file)."""
    sample = data[: 8192 - 8192 % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        other = even if zeros is odd else odd
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                text = data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
            return text if controls <= len(text[:4096]) / 100 else None
    return None


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
    lines = [ln for ln in itertools.islice(sample.splitlines(), 50) if ln.strip()]
    if lines and sum("\t" in ln for ln in lines) >= 0.6 * len(lines):
        return "\t"  # tabs on most lines: nobody types a tab in a cell, while commas sit in dates and names
    best, best_score = ",", (False, False, 0.0, 0)
    for d in _DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=d)
            rows = [r for r in itertools.islice(reader, 50) if r]
        except csv.Error:
            continue
        if not rows:
            continue
        counts = [len(r) for r in rows]
        mode, freq = Counter(counts).most_common(1)[0]
        # A header: three or more cells of words, no figures. A report of several sections (a summary of two
        # columns, tables of six and seven) has no one common width, but its tables' headers split only one way.
        header = any(
            sum(1 for c in r if c.strip()) >= 3 and not any(ch.isdigit() for c in r for ch in c) for r in rows
        )
        score = (mode > 1 or header, header, freq / len(counts), mode)
        if score > best_score:
            best, best_score = d, score
    return best


def _lines(text: str) -> Iterator[str]:
    """The physical lines of a text as the csv module splits them (at \\r\\n, \\r or \\n), one at a time.

    io.StringIO would hold a second copy of the text at four bytes a character.
    """
    for m in _LINE.finditer(text):
        yield m.group()


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_SKELETON_CHUNK = 1 << 20


def _skeleton_lines(text: str, delimiter: str) -> Iterator[str]:
    """The lines of the text's skeleton: every run of characters that is not the delimiter, a quote, a line
    break or NUL becomes one "x". Made a chunk at a time (as UTF-8 bytes, where those five are single bytes
    and no other character's bytes are), so it never holds more than a chunk of the text at once."""
    keep = {ord(delimiter), ord('"'), ord("\r"), ord("\n"), 0}
    table = bytes(b if b in keep else ord("x") for b in range(256))
    run = re.compile(f'[^{re.escape(delimiter)}"\r\n\0]+') if ord(delimiter) > 127 else None
    carry: list[str] = []  # the line that goes on into the next chunk, in pieces (joined once, when it ends)
    for i in range(0, len(text), _SKELETON_CHUNK):
        if run is not None:  # a delimiter outside ASCII (from a "sep=" line): the slow way
            part = run.sub("x", text[i : i + _SKELETON_CHUNK])
        else:
            raw = text[i : i + _SKELETON_CHUNK].encode("utf-8", "surrogatepass").translate(table)
            while b"xx" in raw:  # runs halve at each pass: a field of 100,000 characters takes 17
                raw = raw.replace(b"xx", b"x")
            part = raw.decode("ascii")
        # The last line may go on in the next chunk (a "\r" too: "\n" may follow it there).
        end = max(part.rfind("\n") + 1, part.rfind("\r", 0, len(part) - 1) + 1)
        if end == 0:
            carry.append(part)
            continue
        yield from _lines("".join(carry) + part[:end])
        carry = [part[end:]]
    if carry:
        yield from _lines("".join(carry))


def _extent(text: str, delimiter: str) -> tuple[int, int]:
    """The rows and widest row the csv module will make of a text, found without holding its cells (or as
    far as the first limit it passes).

    The reader runs over the text's skeleton: the csv module changes state on the first character of a run
    of ordinary characters and never within it, so the skeleton splits into exactly the rows and fields the
    text does, while each field costs no memory of its own (one line of 49 MB held 1.7 GB of cells before
    the column limit could be checked). A text with fewer delimiters and line breaks than the cell limit
    cannot hold more cells than that, and needs no skeleton.
    """
    breaks = text.count("\n") + text.count("\r")
    if breaks < limits.MAX_SHEET_ROWS and text.count(delimiter) + breaks < limits.MAX_CELLS:
        return 0, 0  # within every limit whatever its shape; the reading itself checks the extent as it goes
    rows = width = 0
    for row in csv.reader(_skeleton_lines(text, delimiter), delimiter=delimiter):
        rows += 1
        width = max(width, len(row))
        if rows > limits.MAX_SHEET_ROWS or width > limits.MAX_SHEET_COLS or rows * width > limits.MAX_CELLS:
            break  # over a limit already: no need to walk a million more lines
    return rows, width


def read_text(name: str, data: bytes) -> RawSheet:
    """One sheet from a CSV (or other delimited text), named after the file; its extent is checked first."""
    text = _decode(data)
    if text is None:
        raise TrackerError(name, f"this is not a spreadsheet file ngsp can read: {FORMATS}")
    _check_markup(name, text)
    sep = re.match(r"sep=(.)(?:\r?\n|\Z)", text)  # Excel's hint line; Excel hides it, so do we
    if sep:
        text, delimiter = text[sep.end() :], sep.group(1)
    elif "\t" in text[:65_536] and (data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:8192]):
        delimiter = (
            "\t"  # UTF-16 text is tab-separated (Teams' reports, Excel's "Unicode Text"), whatever its lines
        )
    else:
        delimiter = _delimiter(text)
    rows: list[list[object]] = []
    width = 0
    try:
        check_extent(name, "this file", *_extent(text, delimiter))
        for row in csv.reader(_lines(text), delimiter=delimiter):
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
