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

The package, one concept per module: `zipguard` (zip directory and parts) with `xmlscan` (XML prolog and
worksheet extent) and `ods` (.ods tables and merges); `ole2` (legacy .xls and encrypted files); `sandbox`
(calamine, in this process or a capped child); `text` (CSV); `sheet` (RawSheet); `outline` (an .xlsx's
grouped rows and indented cells, which calamine does not give); `messages` (the words).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read import outline, sandbox, zipguard
from ngsp.ingest.read.local import read_regular_file
from ngsp.ingest.read.messages import DAMAGED, RESAVE, file_too_big
from ngsp.ingest.read.ole2 import OLE2, check_ole2
from ngsp.ingest.read.sheet import RawSheet, flag_notes, raw_sheets
from ngsp.ingest.read.text import read_text

__all__ = ["RawSheet", "flag_notes", "read_files", "read_paths", "read_workbook"]

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
    """Read files from disk into (display name, bytes) pairs: regular files only, refusing oversized ones
    before reading them. A folder stands for the spreadsheet files in it (not in its subfolders)."""
    out = []
    expanded: list[Path] = []
    for p in paths:
        p = Path(p)
        expanded += folder_files(p) if p.is_dir() else [p]
    for p in expanded:
        try:
            out.append((p.name, read_regular_file(p, limits.MAX_FILE_BYTES, p.name, file_too_big)))
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
        raise TrackerError(name, f"this file is too large to read here: {RESAVE} with fewer sheets") from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as e:  # noqa: BLE001 - parsers raise anything; calamine's Rust panics are BaseException
        raise TrackerError(name, DAMAGED) from e


def read_files(files: Iterable[tuple[str, bytes]]) -> list[RawSheet]:
    """All sheets of all files that together make one tracker."""
    out: list[RawSheet] = []
    for name, data in files:
        out.extend(read_workbook(name, data))
    return out


# ---------------------------------------------------------------------------------------------------------
# Telling the format from the bytes

_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def _read(name: str, data: bytes) -> list[RawSheet]:
    if not data:
        raise TrackerError(name, "this file is empty (0 bytes): upload the saved tracker itself")
    if len(data) > limits.MAX_FILE_BYTES:
        raise TrackerError(name, file_too_big(len(data)))
    if data.startswith(_ZIP):
        return _read_zip(name, data)
    if data.startswith(OLE2):
        check_ole2(name, data)
        # calamine's .xls reader trusts counts in the file: a damaged or hostile one can make it allocate
        # gigabytes and abort the whole process, so it runs in a child process with a memory cap.
        return raw_sheets(name, sandbox.parse_isolated(name, data), {})
    for magic, msg in _NOT_SPREADSHEETS:
        if data.startswith(magic):
            raise TrackerError(name, msg)
    return [read_text(name, data)]


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


def _read_zip(name: str, data: bytes) -> list[RawSheet]:
    z = zipguard.check_zip(name, data)
    checked = data
    if z.error_parts:
        data = zipguard.with_errors_marked(name, z)
    # calamine can abort or loop on a hostile workbook: it reads in a child process capped in memory and time.
    sheets = raw_sheets(name, sandbox.parse_isolated(name, data), {t.name: t.merged for t in z.ods_tables})
    return outline.with_outline(z.zf, checked, sheets) if z.kind == "xlsx" else sheets
