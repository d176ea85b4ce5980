"""Bytes or paths -> raw sheets. The only module that touches input files.

A raw sheet is a rectangular list of rows of cells as the file holds them (str, float, int, bool,
datetime.date/datetime/time/timedelta, or None for an empty cell), starting at cell A1 so that
``rows[i][j]`` is spreadsheet row i+1, column j+1, with 0-based inclusive merged ranges. Text is kept
exactly as written ("NA" and "0123" stay strings); trailing empty rows and columns are dropped.

Formats are told from the bytes, not the file name: .xlsx/.xlsm and .ods (zip) and .xls (OLE2) are read
by python-calamine; anything textual is read as CSV (UTF-8 with or without BOM, UTF-16, Windows-1252;
delimiter detected), one sheet named after the file. Web pages, PDFs, Word files, encrypted workbooks and
the like are refused with a message saying what they are.

Safety, all against the named limits in `ngsp.core.limits`, before a parser sees the bytes:
- zips: the directory (entry count, compression, declared sizes and ratios, a plain layout), then every
  part inflated for real within the budget, XML parts refused if they carry a DTD (billion laughs),
  and each worksheet's extent scanned (its <dimension>, then the cell references themselves);
- .xls and .ods are read in a child process capped in memory and time: fuzzing found calamine aborting
  the process on a 4 GB allocation from a damaged .xls and looping forever on a cut-short content.xml;
- every sheet's extent is checked again before its cells become Python objects, and after.
A zip bomb or a sheet claiming cell XFD1048576 is refused in milliseconds. Every failure is a
`TrackerError` whose message says what is wrong and what to do; no other exception escapes.

Merged ranges: from calamine for .xlsx/.xlsm/.xls; for .ods from our own scan of content.xml (calamine
gives none); none for CSV. Ranges are clipped to the sheet limits.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import itertools
import json
import os
import posixpath
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ngsp.core import limits
from ngsp.core.errors import TrackerError


@dataclass(frozen=True)
class RawSheet:
    """One sheet (or one CSV) as read: ``rows[i][j]`` is the cell at spreadsheet row i+1, column j+1."""

    file: str
    name: str
    rows: list[list[object]]
    # (row0, col0, row1, col1), 0-based and inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------
# Messages a convener reads. Each says what is wrong and what to do.

_RESAVE = "open it in Excel (or LibreOffice), save a copy as .xlsx and upload that"
_FORMATS = "ngsp reads Excel workbooks (.xlsx, .xlsm, .xls), OpenDocument spreadsheets (.ods) and .csv files"
_PASSWORD = (
    "this file is password-protected, so it cannot be read: open it in Excel, remove the password "
    "(File > Info > Protect Workbook > Encrypt with Password, clear it), save an unprotected copy and upload that"
)
_DAMAGED = f"this file looks damaged or incomplete (perhaps the download or upload was cut short): {_RESAVE}"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.0f} KB"


def _col_label(n: int) -> str:
    """1 -> A, 27 -> AA."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _too_large(what: str, rows: int, cols: int) -> str:
    """The message for a sheet whose extent is over a limit."""
    where = f"{rows:,} rows by {cols:,} columns (up to cell {_col_label(cols)}{rows})"
    return (
        f"{what} reaches {where}, more than ngsp reads ({limits.MAX_SHEET_ROWS:,} rows, "
        f"{limits.MAX_SHEET_COLS:,} columns, {limits.MAX_CELLS:,} cells in all): delete the unused rows "
        "below and columns to the right of your data (or copy the data into a new sheet), save and upload again"
    )


def _check_extent(file: str, what: str, rows: int, cols: int) -> None:
    if rows > limits.MAX_SHEET_ROWS or cols > limits.MAX_SHEET_COLS or rows * cols > limits.MAX_CELLS:
        raise TrackerError(file, _too_large(what, rows, cols))


# ---------------------------------------------------------------------------------------------------------
# Public interface


FOLDER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")  # the files of a folder that make its tracker


def folder_files(folder: Path) -> list[Path]:
    """The spreadsheet files in a folder (a tracker and the attendance reports beside it), by name; lock and
    hidden files (~$…, .…) left out."""
    files = sorted(
        (p for p in folder.iterdir() if p.is_file() and p.name.lower().endswith(FOLDER_SUFFIXES)),
        key=lambda p: p.name.casefold(),
    )
    files = [p for p in files if not p.name.startswith(("~", "."))]
    if not files:
        raise TrackerError(
            str(folder),
            f"this folder holds no spreadsheet files ({', '.join(FOLDER_SUFFIXES)}): check the path",
        )
    if len(files) > limits.MAX_FOLDER_FILES:
        raise TrackerError(
            str(folder),
            f"this folder holds {len(files)} spreadsheets, more than the {limits.MAX_FOLDER_FILES} ngsp reads as one "
            "tracker: make a folder with just this partnership's tracker and its attendance reports",
        )
    return files


def read_paths(paths: Iterable[str | Path]) -> list[tuple[str, bytes]]:
    """Read files from disk into (display name, bytes) pairs, refusing oversized files before reading them.
    A folder stands for the spreadsheet files in it (not in its subfolders)."""
    out = []
    expanded: list[Path] = []
    for p in paths:
        p = Path(p)
        expanded += folder_files(p) if p.is_dir() else [p]
    for p in expanded:
        try:
            size = p.stat().st_size
            if p.is_file() and size > limits.MAX_FILE_BYTES:
                raise TrackerError(p.name, _file_too_big(size))
            out.append((p.name, p.read_bytes()))
        except TrackerError:
            raise
        except FileNotFoundError:
            raise TrackerError(str(p), "no such file: check the path and try again") from None
        except IsADirectoryError:
            raise TrackerError(str(p), "this is a folder: name the tracker files inside it") from None
        except OSError as e:
            raise TrackerError(
                str(p), f"could not be opened ({e.strerror}): check that you can open it"
            ) from None
    return out


def read_workbook(name: str, data: bytes) -> list[RawSheet]:
    """Every sheet of a spreadsheet file, or one sheet for a CSV; only `TrackerError` escapes."""
    try:
        return _read(name, bytes(data))
    except TrackerError:
        raise
    except MemoryError:
        raise TrackerError(
            name, f"this file is too large to read here: {_RESAVE} with fewer sheets"
        ) from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as e:  # noqa: BLE001 - parsers raise anything; calamine's Rust panics are BaseException
        raise TrackerError(name, _DAMAGED) from e


def read_files(files: Iterable[tuple[str, bytes]]) -> list[RawSheet]:
    """All sheets of all files that together make one tracker."""
    out: list[RawSheet] = []
    for name, data in files:
        out.extend(read_workbook(name, data))
    return out


# ---------------------------------------------------------------------------------------------------------
# Telling the format from the bytes

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def _file_too_big(size: int) -> str:
    return (
        f"this file is {_mb(size)}, larger than the {_mb(limits.MAX_FILE_BYTES)} ngsp accepts: save a copy "
        "without pictures and old sheets you do not need (or split it into several files) and upload that"
    )


def _read(name: str, data: bytes) -> list[RawSheet]:
    if not data:
        raise TrackerError(name, "this file is empty (0 bytes): upload the saved tracker itself")
    if len(data) > limits.MAX_FILE_BYTES:
        raise TrackerError(name, _file_too_big(len(data)))
    if data.startswith(_ZIP):
        return _read_zip(name, data)
    if data.startswith(_OLE2):
        return _read_ole2(name, data)
    for magic, msg in _NOT_SPREADSHEETS:
        if data.startswith(magic):
            raise TrackerError(name, msg)
    return [_read_text(name, data)]


# Binary formats people upload by mistake, recognised by their first bytes.
_NOT_SPREADSHEETS = (
    (
        b"%PDF",
        "this is a PDF, not a spreadsheet: upload the Excel tracker itself (or export it from where it lives)",
    ),
    (b"\x89PNG", "this is a picture, not a spreadsheet: upload the Excel tracker itself"),
    (b"\xff\xd8\xff", "this is a picture, not a spreadsheet: upload the Excel tracker itself"),
    (b"GIF8", "this is a picture, not a spreadsheet: upload the Excel tracker itself"),
    (b"{\\rtf", "this is a Word/RTF document, not a spreadsheet: upload the Excel tracker itself"),
    (b"bplist", "this is an Apple file, not a spreadsheet: export it to Excel (.xlsx) and upload that"),
)


# ---------------------------------------------------------------------------------------------------------
# OLE2 containers: legacy .xls, and password-protected .xlsx (an encrypted package inside OLE2)


def _ole_has(data: bytes, stream: str) -> bool:
    # Directory entries hold stream names in UTF-16LE; a byte search is enough to tell the kinds apart.
    return stream.encode("utf-16-le") in data


def _read_ole2(name: str, data: bytes) -> list[RawSheet]:
    if _ole_has(data, "EncryptedPackage") or _ole_has(data, "EncryptionInfo"):
        raise TrackerError(name, _PASSWORD)
    if _ole_has(data, "WordDocument"):
        raise TrackerError(
            name, "this is a Word document, not a spreadsheet: upload the Excel tracker itself"
        )
    if _ole_has(data, "PowerPoint Document"):
        raise TrackerError(
            name, "this is a PowerPoint file, not a spreadsheet: upload the Excel tracker itself"
        )
    if not (_ole_has(data, "Workbook") or _ole_has(data, "Book")):
        raise TrackerError(name, f"this is an Office file but not a spreadsheet ngsp can read: {_FORMATS}")
    # calamine's .xls reader trusts counts in the file: a damaged or hostile one can make it allocate
    # gigabytes and abort the whole process, so it runs in a child process with a memory cap.
    return _raw_sheets(name, _parse_isolated(name, data), {})


def _xls_encrypted(data: bytes) -> bool:
    """Whether a legacy .xls is encrypted (a FILEPASS record), as xlrd tells from the workbook globals."""
    import xlrd

    with open(os.devnull, "w") as quiet:  # xlrd prints warnings about odd files
        try:
            xlrd.open_workbook(file_contents=data, on_demand=True, logfile=quiet).release_resources()
        except xlrd.XLRDError as e:
            return "encrypted" in str(e).lower()
        except Exception:  # noqa: BLE001 - any other failure is not a diagnosis of encryption
            return False
    return False


# ---------------------------------------------------------------------------------------------------------
# Zip containers: .xlsx/.xlsm, .ods


def _zip_entry_count(data: bytes) -> int | None:
    """The number of entries the end-of-central-directory record declares; None if the zip is not laid
    out the one plain way (one end record at the very end, right after the central directory).

    Python's zipfile and calamine's Rust reader each find the directory their own way; with no slack
    anywhere they cannot be shown two different sets of parts, so what is checked is what is read.
    """
    i = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if i < 0 or i + 22 > len(data):
        return None
    n, cd_size, cd_offset, comment = struct.unpack_from("<HIIH", data, i + 10)
    if i + 22 + comment != len(data):
        return None
    end = i
    if i >= 20 and data[i - 20 : i - 16] == b"PK\x06\x07":  # zip64: the real figures are in its own record
        (off,) = struct.unpack_from("<Q", data, i - 12)
        if off + 56 > len(data) or data[off : off + 4] != b"PK\x06\x06":
            return None
        n, cd_size, cd_offset = struct.unpack_from("<QQQ", data, off + 32)
        end = off
    if cd_offset + cd_size != end:
        return None
    return n


class _Inflated(Exception):
    """A part inflates beyond what may be read (its declared size or the remaining budget)."""


_CHUNK = 1 << 20


def _inflate(data: bytes, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """A zip part's bytes in chunks as really inflated, never more than `limit` bytes.

    A zip's declared sizes can lie; this counts what deflate actually produces, so the check cannot be
    fooled. Python's zipfile would stop at the declared size, but the Rust reader calamine uses may not.
    """
    off = info.header_offset
    if data[off : off + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("no local header")
    nlen, elen = struct.unpack_from("<HH", data, off + 26)
    start = off + 30 + nlen + elen
    raw = memoryview(data)[start : start + info.compress_size]
    if len(raw) < info.compress_size:
        raise zipfile.BadZipFile("truncated part")
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) > limit:
            raise _Inflated
        for i in range(0, len(raw), _CHUNK):
            yield bytes(raw[i : i + _CHUNK])
        return
    d = zlib.decompressobj(-15)
    produced = 0
    for i in range(0, len(raw), _CHUNK):
        buf: bytes | memoryview = raw[i : i + _CHUNK]
        while buf:
            out = d.decompress(buf, _CHUNK)
            buf = d.unconsumed_tail
            if out:
                produced += len(out)
                if produced > limit:
                    raise _Inflated
                yield out
            if d.eof:
                return
    out = d.flush()
    if len(out) + produced > limit:
        raise _Inflated
    if out:
        yield out


def _head(data: bytes, info: zipfile.ZipInfo, n: int) -> bytes:
    """The first n bytes of a part once inflated (or all of it if shorter)."""
    got = bytearray()
    gen = _inflate(data, info, max(info.file_size, 0))
    for chunk in gen:
        got += chunk
        if len(got) >= n:
            gen.close()
            break
    return bytes(got[:n])


_NAME = re.compile(rb"[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?")


class _Dtd(Exception):
    """An XML part declares a DTD (where entity-expansion bombs live)."""


def _xml_root(head: bytes, whole: bool) -> bytes | None:
    """The root element's name of an XML part from its first bytes (None if the part is not XML).

    OOXML and ODF parts never carry a DTD; one that does (billion laughs, external entities) raises _Dtd,
    whichever parser would read it next. A prolog longer than the head is refused the same way.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<")):
        raise _Dtd  # UTF-16 XML: Excel and LibreOffice write UTF-8, and the byte scans assume it
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    i = 0
    n = len(head)
    while True:
        while i < n and head[i] in b" \t\r\n":
            i += 1
        if i >= n:
            if whole:
                return None
            raise _Dtd  # the prolog runs past the head: not how any spreadsheet writer saves
        if head[i] != 0x3C:  # '<'
            return None
        if head.startswith(b"<?", i):
            j = head.find(b"?>", i)
        elif head.startswith(b"<!--", i):
            j = head.find(b"-->", i)
        elif head.startswith(b"<!", i):
            raise _Dtd
        else:
            m = _NAME.match(head, i + 1)
            return m.group(0) if m else None
        if j < 0:
            if whole:
                return None
            raise _Dtd
        i = j + 2


_DIMENSION = re.compile(rb"<(?:[\w.\-]+:)?dimension\s+ref\s*=\s*[\"']([^\"']{1,40})[\"']")
_CELL_REF = re.compile(rb"([A-Za-z]{1,7})([0-9]{1,10})")


def _ref(ref: bytes) -> tuple[int, int] | None:
    """'XFD1048576' -> (1048576, 16384): the 1-based row and column of a cell reference."""
    m = _CELL_REF.fullmatch(ref)
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ch - 64
    return int(m.group(2)), col


def _dimension(head: bytes) -> tuple[int, int] | None:
    """A worksheet's declared extent (last row, last column) from its <dimension ref="A1:XFD1048576"/>."""
    m = _DIMENSION.search(head)
    if not m:
        return None
    return _ref(m.group(1).split(b":")[-1].replace(b"$", b""))


def _above(s: str, alphabet: str) -> str:
    """A regex matching strings over `alphabet` that sort after `s` (longer, or as long and greater)."""
    cls = f"[{alphabet[0]}-{alphabet[-1]}]"
    alts = [f"{cls}{{{len(s) + 1},}}"]
    for i, ch in enumerate(s):
        k = alphabet.index(ch)
        if k + 1 < len(alphabet):
            rest = f"{cls}{{{len(s) - i - 1}}}" if len(s) - i - 1 else ""
            alts.append(f"{re.escape(s[:i])}[{alphabet[k + 1]}-{alphabet[-1]}]{rest}")
    return "(?:" + "|".join(alts) + ")"


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# A <c> tag that does not start with a plain reference (r="B7"): the fast scan cannot place it.
_ODD_CELL = rb'<c(?:[\t\r\n/>]| (?!r="[A-Z]{1,3}[0-9]{1,7}"))'
_CELL_REFS = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')


class _SheetExtent:
    """Streams a worksheet's XML and finds how far its cells reach, without parsing it.

    A reader places a cell by its reference (r="B7"). Fast path, for what Excel, LibreOffice and openpyxl
    write (every <c> starting with r="..."): one regex search per chunk for a cell that is either odd or
    beyond the declared <dimension>; none found means the dimension (already checked) is the extent. With
    no dimension, or once a cell lies beyond it, every reference is read. An odd cell makes `result`
    return None, and the caller walks the tags one by one instead (`_SheetWalk`). Regexes start with a
    literal ("<c"), which Python's re scans for quickly.
    """

    def __init__(self, prefix: bytes, dim: tuple[int, int] | None) -> None:
        self.dim = dim
        self._odd = bool(prefix)  # a namespace prefix (<x:c>): leave it to the walk
        self._fast = None
        if dim:
            rows_above = _above(str(dim[0]), "0123456789").encode()
            cols_above = _above(_col_label(dim[1]), _LETTERS).encode()
            beyond = rb'<c r="(?:' + cols_above + rb"[0-9]+|[A-Z]+" + rows_above + rb')"'
            self._fast = re.compile(_ODD_CELL + b"|" + beyond)
        self.rows = self.cols = 0
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        buf = self._tail + chunk
        cut = buf.rfind(b">") + 1
        self._tail = buf[cut:]
        self._scan(buf[:cut])

    def _scan(self, piece: bytes) -> None:
        if self._odd or not piece:
            return
        if self._fast is not None and self._fast.search(piece) is None:
            return  # every cell here is plain and within the declared dimension
        self._fast = None  # from here on, read every reference
        if re.search(_ODD_CELL, piece):
            self._odd = True
            return
        refs = _CELL_REFS.findall(piece)
        if refs:
            # Distinct parts first: a chunk holds thousands of cells but few rows and fewer column letters.
            letters, digits = zip(*refs, strict=True)
            self.rows = max(self.rows, max(map(int, set(digits))))
            self.cols = max(self.cols, max(_ref(c + b"1")[1] for c in set(letters)))

    def result(self) -> tuple[int, int] | None:
        self._scan(self._tail)
        self._tail = b""
        if self._odd:
            return None
        # With a dimension, cells the fast search passed over lie within it.
        dim_rows, dim_cols = self.dim or (0, 0)
        return max(self.rows, dim_rows), max(self.cols, dim_cols)


# Attributes may hold ">" and look-alike text inside quotes: tags and attributes are tokenised quote-aware.
_QUOTED_ATTRS = rb"""((?:[^>"']|"[^"]*"|'[^']*')*?)"""
_TAG = re.compile(rb"<(/?)(?:[\w.\-]+:)?(row|c)(?=[\s/>])" + _QUOTED_ATTRS + rb"(/?)>")
_ATTR = re.compile(rb"""([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attr(attrs: bytes, local: bytes) -> bytes | None:
    """The value of the first attribute with this local name (prefix ignored), as an XML reader sees it."""
    for m in _ATTR.finditer(attrs):
        if m.group(1).rsplit(b":", 1)[-1] == local:
            return m.group(2) if m.group(2) is not None else m.group(3)
    return None


class _SheetWalk:
    """The slow, exact scan: every <row> and <c> in order, numbering unreferenced ones as a reader would."""

    def __init__(self) -> None:
        self.rows = self.cols = self._row = self._col = 0
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        buf = self._tail + chunk
        cut = buf.rfind(b">") + 1
        self._tail = buf[cut:]
        for m in _TAG.finditer(buf, 0, cut):
            if m.group(1):
                continue
            r = _attr(m.group(3), b"r")
            if m.group(2) == b"row":
                self._row = _int(r) if r and r.isdigit() else self._row + 1
                self._col = 0
            else:
                ref = _ref(r) if r else None
                if ref:
                    self._row, self._col = max(ref[0], self._row), ref[1]
                else:
                    self._col += 1
            self.rows = max(self.rows, self._row)
            self.cols = max(self.cols, self._col)

    def result(self) -> tuple[int, int]:
        return self.rows, self.cols


def _int(digits: bytes) -> int:
    return int(digits) if len(digits) < 12 else 10**12


_ODS_TAG = re.compile(
    rb"<(/?)(?:[\w.\-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])"
    + _QUOTED_ATTRS
    + rb"(/?)>"
)


@dataclass
class _OdsTable:
    name: str
    rows: int = 0
    cols: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


class _OdsWalk:
    """Streams an .ods content.xml and finds, per table, how far its non-empty cells reach and its merges.

    Repeated rows and cells count as many times as they repeat, but only when they hold something:
    LibreOffice pads every sheet with a million empty repeated rows, which no reader materialises.
    """

    def __init__(self) -> None:
        self.tables: list[_OdsTable] = []
        self._tail = b""
        # calamine's .ods reader loops forever on some malformed XML (a table cut short): a handler-less
        # expat parse (C speed) proves the XML well-formed first.
        self._xml = expat.ParserCreate(namespace_separator="}")  # an unbound prefix is an error too
        self._xml.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self._xml.StartDoctypeDeclHandler = self._no_dtd
        self._row = self._col = self._rep = self._row_cols = 0
        self._row_has = False

    @staticmethod
    def _no_dtd(*_args: object) -> None:
        raise _Dtd

    def finish(self) -> None:
        """Raise expat.ExpatError unless the whole content.xml was well-formed."""
        self._xml.Parse(b"", True)

    def _num(self, key: bytes, attrs: bytes) -> int:
        v = _attr(attrs, b"number-" + key)
        return max(_int(v), 1) if v and v.isdigit() else 1

    def feed(self, chunk: bytes) -> None:
        self._xml.Parse(chunk, False)
        buf = self._tail + chunk
        cut = buf.rfind(b">") + 1
        self._tail = buf[cut:]
        for m in _ODS_TAG.finditer(buf, 0, cut):
            closing, tag, attrs, empty = m.groups()
            if tag == b"table":
                if not closing:
                    nm = _attr(attrs, b"name") or b""
                    self.tables.append(_OdsTable(html.unescape(nm.decode("utf-8", "replace"))))
                    self._row = 0
                continue
            if not self.tables:
                continue
            t = self.tables[-1]
            if tag == b"table-row":
                if not closing:
                    self._rep = self._num(b"rows-repeated", attrs)
                    self._col = self._row_cols = 0
                    self._row_has = False
                if closing or empty:
                    if self._row_has:
                        t.rows = max(t.rows, self._row + self._rep)
                        t.cols = max(t.cols, self._row_cols)
                    self._row += self._rep
                    self._rep = 1
                continue
            if closing:
                continue
            reps = self._num(b"columns-repeated", attrs)
            if not empty or _attr(attrs, b"value-type") is not None:
                self._row_has = True
                self._row_cols = max(self._row_cols, self._col + reps)
            rs, cs = self._num(b"rows-spanned", attrs), self._num(b"columns-spanned", attrs)
            if (rs > 1 or cs > 1) and tag == b"table-cell":
                t.merged.append((self._row, self._col, self._row + rs - 1, self._col + cs - 1))
            self._col += reps


def _zip_kind(name: str, zf: zipfile.ZipFile, data: bytes) -> str:
    """'xlsx' or 'ods', or a TrackerError saying what the zip is instead."""
    names = {i.filename for i in zf.infolist()}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise TrackerError(
            name,
            "this is a binary Excel workbook (.xlsb): open it in Excel, save it as .xlsx and upload that",
        )
    if "mimetype" in names and "content.xml" in names:
        mt = _head(data, zf.getinfo("mimetype"), 200)
        if b"opendocument.spreadsheet" in mt:
            return "ods"
        raise TrackerError(name, f"this is an OpenDocument file but not a spreadsheet: {_FORMATS}")
    if "word/document.xml" in names:
        raise TrackerError(
            name, "this is a Word document, not a spreadsheet: upload the Excel tracker itself"
        )
    if "ppt/presentation.xml" in names:
        raise TrackerError(
            name, "this is a PowerPoint file, not a spreadsheet: upload the Excel tracker itself"
        )
    if any(n.startswith("Index/") for n in names):
        raise TrackerError(
            name, "this is an Apple Numbers file: export it to Excel (.xlsx) in Numbers and upload that"
        )
    if any(n.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods", ".csv")) for n in names):
        raise TrackerError(
            name, "this is a zip archive of several files: unzip it and upload the spreadsheet files inside"
        )
    raise TrackerError(name, f"this is a zip archive, not a spreadsheet: {_FORMATS}")


def _xlsx_sheets(name: str, data: bytes, zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part path -> sheet name, from workbook.xml and its relationships, as calamine finds them.

    These parts get the extent scan whatever they look like, so a sheet cannot dodge it by starting oddly.
    """
    from defusedxml import ElementTree as SafeET  # refuses DTDs and entities outright

    def load(path: str):
        info = zf.getinfo(path)
        return SafeET.fromstring(b"".join(_inflate(data, info, info.file_size)))

    try:
        wb, rels = load("xl/workbook.xml"), load("xl/_rels/workbook.xml.rels")
        targets = {}
        for rel in rels:
            t = rel.get("Target", "")
            targets[rel.get("Id")] = posixpath.normpath(t.lstrip("/") if t.startswith("/") else "xl/" + t)
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        return {targets.get(s.get(rid), ""): s.get("name", "") for s in wb.iter() if s.tag.endswith("}sheet")}
    except _Inflated:
        raise
    except Exception:  # noqa: BLE001 - Excel always writes these two parts, and writes them well-formed
        raise TrackerError(name, _DAMAGED) from None


def _read_zip(name: str, data: bytes) -> list[RawSheet]:
    n = _zip_entry_count(data)
    if n is None:
        raise TrackerError(name, _DAMAGED)
    if n > limits.MAX_ZIP_ENTRIES:
        raise TrackerError(
            name,
            f"this workbook holds {n:,} parts, more than the {limits.MAX_ZIP_ENTRIES:,} ngsp reads: {_RESAVE}",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # noqa: BLE001 - any failure to read the directory is damage
        raise TrackerError(name, _DAMAGED) from None
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise TrackerError(name, f"this workbook holds {len(infos):,} parts, more than ngsp reads: {_RESAVE}")
    kind = _zip_kind(name, zf, data)
    _check_directory(name, infos)
    try:
        sheets = _scan_parts(name, data, zf, infos, kind)
    except _Dtd:
        raise TrackerError(
            name,
            "this file contains XML that Excel never writes (a document type declaration, or an overlong "
            "preamble), so ngsp will not "
            f"open it: if it is your tracker, {_RESAVE}",
        ) from None
    except _Inflated:
        raise TrackerError(
            name,
            f"this file unzips to more data than it declares or than ngsp reads ({_mb(limits.MAX_UNCOMPRESSED_BYTES)}), "
            f"so ngsp will not open it: if it is your tracker, {_RESAVE}",
        ) from None
    except (zipfile.BadZipFile, expat.ExpatError, zlib.error):
        raise TrackerError(name, _DAMAGED) from None
    if kind == "ods":
        # calamine's .ods reader can loop forever on odd XML: it runs in a child process with a time limit.
        return _raw_sheets(name, _parse_isolated(name, data), {t.name: t.merged for t in sheets})
    return _raw_sheets(name, _calamine_parse(data, _caps()), {})


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse what the central directory alone gives away: encryption, odd compression, zip bombs."""
    total = 0
    for i in infos:
        if i.flag_bits & 0x1:
            raise TrackerError(name, _PASSWORD)
        if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise TrackerError(name, f"this file is compressed in a way Excel does not use: {_RESAVE}")
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > limits.RATIO_CHECK_MIN_BYTES and ratio > limits.MAX_COMPRESSION_RATIO:
            raise TrackerError(
                name,
                f"part of this file unzips {ratio:,.0f} times larger than it is stored (a 'zip bomb'; Excel "
                f"files stay under {limits.MAX_COMPRESSION_RATIO}), so ngsp will not open it: "
                f"if it is your tracker, {_RESAVE}",
            )
        total += i.file_size
    if total > limits.MAX_UNCOMPRESSED_BYTES:
        raise TrackerError(
            name,
            f"this file unzips to {_mb(total)}, more than the {_mb(limits.MAX_UNCOMPRESSED_BYTES)} ngsp reads: "
            "save a copy without sheets, pictures or pivot caches you do not need and upload that",
        )


_SHEET_ROOTS = (b"worksheet", b"macrosheet", b"dialogsheet")
_SST_TAG = re.compile(rb"<(?:[\w.\-]+:)?sst(?=[\s/>])[^>]*>")
_UNIQUE_COUNT = re.compile(rb"""\suniqueCount\s*=\s*["']\s*([0-9]*)""")


def _honest_string_count(head: bytes, size: int) -> bool:
    """Whether sharedStrings.xml's uniqueCount fits its size (each string takes at least 9 bytes).

    calamine reserves memory for uniqueCount strings up front: uniqueCount="4294967295" in a 1 KB part
    made it ask for 96 GB and abort the process.
    """
    tag = _SST_TAG.search(head)
    if tag is None:
        return False  # the start tag runs past the head: nothing Excel writes
    m = _UNIQUE_COUNT.search(tag.group(0))
    return m is None or len(m.group(1)) < 12 and int(m.group(1) or 0) <= size // 9 + 1


def _scan_parts(name: str, data: bytes, zf, infos, kind: str) -> list[_OdsTable]:
    """Check every part's head (DTD, declared dimension), then inflate everything once, counting for real.

    Returns the .ods tables found (empty for .xlsx).
    """
    sheet_names = _xlsx_sheets(name, data, zf) if kind == "xlsx" else {}
    sheet_parts = set(sheet_names) | {
        i.filename for i in infos if kind == "xlsx" and i.filename.startswith("xl/worksheets/")
    }
    sheet_parts.discard("")

    def label(path: str) -> str:
        return f'the sheet "{sheet_names[path]}"' if sheet_names.get(path) else f"a sheet ({path})"

    # 1. Heads only: cheap, and enough to refuse a sheet that claims a million rows.
    roots: dict[str, bytes] = {}
    dims: dict[str, tuple[int, int] | None] = {}
    for i in infos:
        if i.is_dir() or i.file_size == 0:
            continue
        head = _head(data, i, limits.XML_HEAD_BYTES)
        root = _xml_root(head, whole=len(head) < limits.XML_HEAD_BYTES)
        if root is None:
            if i.filename in sheet_parts:
                raise TrackerError(name, _DAMAGED)  # a sheet that is not XML: nothing Excel writes
            continue
        roots[i.filename] = root
        if root.rsplit(b":", 1)[-1] == b"sst" and not _honest_string_count(head, i.file_size):
            raise TrackerError(name, _DAMAGED)
        if root.rsplit(b":", 1)[-1] in _SHEET_ROOTS:
            sheet_parts.add(i.filename)
        if i.filename in sheet_parts:
            dims[i.filename] = dim = _dimension(head)
            if dim:
                _check_extent(name, label(i.filename) + " says it", *dim)

    # 2. Everything, inflated for real within the budget; worksheets and content.xml scanned on the way.
    budget = limits.MAX_UNCOMPRESSED_BYTES
    ods: list[_OdsTable] = []
    for i in infos:
        if i.is_dir():
            continue
        root = roots.get(i.filename, b"")
        local = root.rsplit(b":", 1)[-1]
        prefix = root[: len(root) - len(local)]
        scan: _SheetExtent | _OdsWalk | None = None
        if i.filename in sheet_parts:
            scan = _SheetExtent(prefix, dims.get(i.filename))
        elif kind == "ods" and i.filename == "content.xml":
            scan = _OdsWalk()
        limit = min(i.file_size, budget)
        for chunk in _inflate(data, i, limit):
            budget -= len(chunk)
            if scan is not None:
                scan.feed(chunk)
        if isinstance(scan, _SheetExtent):
            extent = scan.result()
            if extent is None:  # unusual XML: walk it tag by tag
                walk = _SheetWalk()
                for chunk in _inflate(data, i, i.file_size):
                    walk.feed(chunk)
                extent = walk.result()
            _check_extent(name, label(i.filename), *extent)
        elif isinstance(scan, _OdsWalk):
            scan.finish()
            for t in scan.tables:
                _check_extent(name, f'the sheet "{t.name}"', t.rows, t.cols)
            ods = scan.tables
    return ods


# ---------------------------------------------------------------------------------------------------------
# Reading cells with calamine, once the bytes are known to be safe


def _rectangle(rows: list[list[object]]) -> list[list[object]]:
    """Rows padded to one width, without trailing empty rows and columns; leading ones are kept."""
    width = max((len(r) for r in rows), default=0)
    rows = [r + [None] * (width - len(r)) if len(r) < width else r for r in rows]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    while width and all(r[width - 1] is None for r in rows):
        width -= 1
    return [r[:width] for r in rows] if rows and width < len(rows[0]) else rows


def _clip(merged: Iterable[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the sheet limits (a merge over A1:XFD1048576 must not reach later stages)."""
    last_row, last_col = limits.MAX_SHEET_ROWS - 1, limits.MAX_SHEET_COLS - 1
    return [
        (r0, c0, min(r1, last_row), min(c1, last_col))
        for r0, c0, r1, c1 in merged
        if 0 <= r0 <= min(r1, last_row) and 0 <= c0 <= min(c1, last_col)
    ]


def _caps() -> tuple[int, int, int]:
    return limits.MAX_SHEET_ROWS, limits.MAX_SHEET_COLS, limits.MAX_CELLS


def _calamine_parse(data: bytes, caps: tuple[int, int, int]) -> dict:
    """Every worksheet's cells via calamine, or why not.

    Returns {"sheets": [[name, rows, merged], ...]}, {"password": True} or {"extent": [name, rows, cols]};
    other failures raise. The extent is checked before any cell becomes a Python object.
    """
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

    max_rows, max_cols, max_cells = caps
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        out = []
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # chart sheets and the like hold no cells
            sh = wb.get_sheet_by_name(meta.name)
            end = sh.end
            if end is None:
                out.append([meta.name, [], []])
                continue
            rows, cols = end[0] + 1, end[1] + 1
            if rows > max_rows or cols > max_cols or rows * cols > max_cells:
                return {"extent": [meta.name, rows, cols]}
            merged = [[a[0], a[1], b[0], b[1]] for a, b in (sh.merged_cell_ranges or [])]
            out.append([meta.name, sh.to_python(skip_empty_area=False), merged])
        return {"sheets": out}
    except PasswordError:
        return {"password": True}


_CRASHED = (
    "this file could not be read safely (the reader ran out of memory or failed on it), so it may be "
    f"damaged: {_RESAVE}"
)
_CHILD = (
    "import sys; sys.path.insert(0, sys.argv[1]); from ngsp.ingest.read import _child_main; _child_main()"
)


def _parse_isolated(name: str, data: bytes) -> dict:
    """`_calamine_parse` in a child process capped in memory (limits.MAX_PARSER_MEMORY_BYTES) and time."""
    root = str(Path(__file__).resolve().parents[2])
    args = [limits.MAX_PARSER_MEMORY_BYTES, *_caps()]
    cmd = [sys.executable, "-I", "-c", _CHILD, root, *map(str, args)]
    try:
        done = subprocess.run(cmd, input=data, capture_output=True, timeout=limits.READ_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise TrackerError(
            name,
            f"reading this file took longer than {limits.READ_TIMEOUT_SECONDS} seconds, so ngsp stopped: "
            f"it may be damaged; {_RESAVE}",
        ) from None
    except OSError:  # no child processes here: read in this process rather than not at all
        return _calamine_parse(data, _caps())
    if done.returncode != 0 or not done.stdout:
        raise TrackerError(name, _CRASHED)
    return json.loads(done.stdout, object_hook=_from_json)


def _child_main() -> None:
    """The child process: workbook bytes on stdin, `_calamine_parse`'s result as JSON on stdout."""
    mem, *caps = (int(a) for a in sys.argv[2:6])
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit still holds
        pass
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # only the result goes down the pipe
    data = sys.stdin.buffer.read()
    try:
        result = _calamine_parse(data, tuple(caps))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which words the message
        # calamine says only "cannot detect file format" for an encrypted .xls: ask xlrd why
        encrypted = data.startswith(_OLE2) and _xls_encrypted(data)
        result = {"password": True} if encrypted else {"error": type(e).__name__}
    out.write(json.dumps(result, default=_to_json).encode())


def _to_json(v: object) -> dict:
    """Dates and times through JSON (the only non-JSON cell types calamine returns)."""
    if isinstance(v, dt.datetime):
        return {"$datetime": v.isoformat()}
    if isinstance(v, dt.date):
        return {"$date": v.isoformat()}
    if isinstance(v, dt.time):
        return {"$time": v.isoformat()}
    if isinstance(v, dt.timedelta):
        return {"$timedelta": v.total_seconds()}
    raise TypeError(type(v).__name__)


def _from_json(d: dict) -> object:
    if len(d) == 1:
        ((k, v),) = d.items()
        if k == "$datetime":
            return dt.datetime.fromisoformat(v)
        if k == "$date":
            return dt.date.fromisoformat(v)
        if k == "$time":
            return dt.time.fromisoformat(v)
        if k == "$timedelta":
            return dt.timedelta(seconds=v)
    return d


def _raw_sheets(
    name: str, parsed: dict, ods_merges: dict[str, list[tuple[int, int, int, int]]]
) -> list[RawSheet]:
    """Raw sheets from `_calamine_parse`'s result: empty text -> None, rectangular, limits checked again."""
    if "password" in parsed:
        raise TrackerError(name, _PASSWORD)
    if "extent" in parsed:
        sheet, rows, cols = parsed["extent"]
        raise TrackerError(name, _too_large(f'the sheet "{sheet}"', rows, cols))
    if "sheets" not in parsed:
        raise TrackerError(name, _DAMAGED)
    out = []
    for sheet, body, merged in parsed["sheets"]:
        rows = _rectangle([[None if v == "" else v for v in r] if "" in r else r for r in body])
        _check_extent(name, f'the sheet "{sheet}"', len(rows), len(rows[0]) if rows else 0)
        ranges = ods_merges.get(sheet, merged)
        out.append(RawSheet(name, sheet, rows, _clip(tuple(m) for m in ranges)))
    return out


# ---------------------------------------------------------------------------------------------------------
# Text: CSV (and a web page or other text saved with a spreadsheet's name)


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
        raise TrackerError(name, f"this is an Excel 2003 XML file: {_RESAVE}")
    if "opendocument" in head:
        raise TrackerError(name, f"this is a flat OpenDocument file: {_RESAVE}")
    raise TrackerError(name, f"this is an XML file, not a spreadsheet: {_FORMATS}")


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


def _read_text(name: str, data: bytes) -> RawSheet:
    text = _decode(data)
    if text is None:
        raise TrackerError(name, f"this is not a spreadsheet file ngsp can read: {_FORMATS}")
    _check_markup(name, text)
    first, _, rest = text.partition("\n")
    sep = re.fullmatch(r"sep=(.)\r?", first)  # Excel's hint line; Excel hides it, so do we
    if sep:
        text, delimiter = rest, sep.group(1)
    elif "\t" in text[:65_536] and (data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:8192]):
        delimiter = (
            "\t"  # UTF-16 text is tab-separated (Teams' reports, Excel's "Unicode Text"), whatever its lines
        )
    else:
        delimiter = _delimiter(text)
    rows: list[list[object]] = []
    width = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            width = max(width, len(row))
            if (len(rows) + 1) * width > limits.MAX_CELLS or len(rows) >= limits.MAX_SHEET_ROWS:
                _check_extent(name, "this file", len(rows) + 1, width)
            if width > limits.MAX_SHEET_COLS:
                _check_extent(name, "this file", len(rows) + 1, width)
            rows.append([c if c != "" else None for c in row])
    except csv.Error:
        raise TrackerError(
            name,
            f"this text file could not be read as CSV (a cell is far too long or a quote is never closed): {_RESAVE}",
        ) from None
    rows = _rectangle(rows)
    _check_extent(name, "this file", len(rows), len(rows[0]) if rows else 0)
    return RawSheet(name, Path(name).stem, rows, [])
