"""The whole path from files to the canonical tracker: read -> detect -> extract -> normalise."""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ngsp.core import schema
from ngsp.core.corrections import Corrections
from ngsp.core.errors import TrackerError
from ngsp.core.model import Tracker
from ngsp.ingest import vocab
from ngsp.ingest.dates import find_date, tracker_is_dayfirst
from ngsp.ingest.detect import Table, cell_text, claim_raw, detect_sheet
from ngsp.ingest.detect.readers import REPORT_KINDS
from ngsp.ingest.doubts import doubts
from ngsp.ingest.extract import extract
from ngsp.ingest.normalise import build as build_tracker
from ngsp.ingest.read import RawSheet, flag_notes, read_files, read_paths

DAYFIRST_SCAN_ROWS = 3000  # rows per sheet looked at to tell day-first dates (the evidence shows early)


def _texts(sheets) -> Iterable[str]:
    for s in sheets:
        yield s.name
        for r in s.rows[:DAYFIRST_SCAN_ROWS]:
            for v in r:
                if isinstance(v, str) and any(ch in v for ch in "/.-") and any(ch.isdigit() for ch in v):
                    yield v


def _strip_common_prefix(sheets: list[RawSheet]) -> list[RawSheet]:
    """CSV tables named "partnership - Roster", "partnership - Talent": their sheet names are what follows."""
    csv = [s for s in sheets if s.file.lower().endswith((".csv", ".txt"))]
    if len(csv) < 2:
        return sheets
    prefix = os.path.commonprefix([s.name for s in csv])
    cut = max(prefix.rfind(" - "), prefix.rfind(" – "), prefix.rfind("_-_"))
    cut = cut + 3 if cut >= 0 else max(prefix.rfind("__") + 2, prefix.rfind(" ") + 1, prefix.rfind("_") + 1)
    if cut < 4 or any(len(s.name) <= cut for s in csv):
        return sheets
    return [replace(s, name=s.name[cut:].strip(" _-–")) if s in csv else s for s in sheets]


def _partnership_name(tables) -> str:
    """The partnership's name from a sheet's title line ("Gallatin Valley Healthcare Partnership — Action Plan"),
    else "": a file's name ("tracker v3 final") is no partnership's name, and the app asks for one instead."""
    for t in tables:
        for i in t.title_rows[:1]:
            line = " ".join(cell_text(v) for v in t.sheet.rows[i] if v is not None).strip()
            if line and "partnership" in line.lower() and len(line) < 90:
                return line.split(" — ")[0].split(" - ")[0].strip()
    return ""


def structure_key(tables) -> str:
    """What makes a tracker the same tracker next week, whatever the file is called and whatever a user
    corrected: its sheet names and header words, with dates and numbers taken out (a new meeting's sheet or
    grid column does not make it another tracker)."""
    parts = set()
    # Attendance reports come and go beside a tracker (one more each meeting): they are not its structure,
    # unless the tracker is nothing but reports.
    own = [t for t in tables if t.kind not in REPORT_KINDS and t.kind != "set_aside"]
    if own:
        tables = [t for t in tables if t.kind not in REPORT_KINDS]
    for t in tables:
        name = re.sub(r"\d+", "#", find_date(t.sheet.name)[1])
        header = t.sheet.rows[t.header_row] if t.header_row >= 0 else []
        words = tuple(
            vocab.norm(v)
            for v in header
            if isinstance(v, str) and v.strip() and find_date(" ".join(v.split()))[0] is None
        )
        parts.add((vocab.norm(name), words))
    return hashlib.sha256(repr(sorted(parts)).encode()).hexdigest()[:16]


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a tracker loads.

    A load makes a great many small lists and dicts (a cell list per row, a record per row) and no reference
    cycles worth finding; the collector, set off by the number of allocations, would walk all of them again
    and again (0.7 s of 2.3 s on the benchmark's 100,000-row tracker). It is switched back on afterwards, and
    only by the load that switched it off, so loads running side by side never leave it off.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass(frozen=True)
class Detected:
    """A tracker read and detected, not yet built: its raw sheets, what each sheet was taken as (without any
    correction) and the structure key that recognises it next time. Building from it reads no file again."""

    names: tuple[str, ...]
    sheets: tuple[RawSheet, ...]
    dayfirst: bool
    tables: tuple[Table, ...]
    structure_key: str


def detect(files: list[tuple[str, bytes]]) -> Detected:
    """Read (name, bytes) pairs and work out what each sheet holds; raises TrackerError with a message a convener
    understands (no file, a file that cannot be read, nothing that looks like partnership data)."""
    with _without_cycle_collection():
        files = list(files)
        if not files:
            raise TrackerError("(no file)", "no file was given: choose your tracker file and try again")
        sheets = _strip_common_prefix(read_files(files))
        # Reports settle their own date order (the downloader's locale); only the tracker's sheets vote here.
        reports = [claim_raw(s) for s in sheets]
        dayfirst = tracker_is_dayfirst(_texts([s for s, r in zip(sheets, reports, strict=True) if r is None]))
        tables = tuple(
            t
            for s, r in zip(sheets, reports, strict=True)
            for t in ([r] if r is not None else detect_sheet(s, dayfirst, raw=False))
        )
        names = tuple(n for n, _ in files)
        _require_data(tables, names)
        return Detected(names, tuple(sheets), dayfirst, tables, structure_key(tables))


def _require_data(tables, names) -> None:
    """A blank tracker whose sheets are recognised (a new template) is fine; one with no recognisable table
    is not."""
    if all(t.kind == "set_aside" for t in tables):
        what = "; ".join(f"{t.sheet.name!r}: {t.why}" for t in tables[:4])
        raise TrackerError(
            names[0] if len(names) == 1 else ", ".join(names),
            "no partnership data found (no partners, meetings, attendance, action items or funding) — "
            f"{what}. Check that this is your partnership tracker, with a header row such as "
            "Name / Organization / Email or Action Item / Status.",
        )


def build(
    detected: Detected, corrections: Corrections | None = None, validate: bool = True, min_minutes: float = 0
) -> Tracker:
    """The canonical tracker from a detected one, with a convener's corrections applied. Only the sheets the
    corrections speak of are detected again; the key stays that of the uncorrected reading, so a correction
    never makes the tracker another tracker. ``min_minutes``: attendance an online report shows shorter than
    this is listed but not counted."""
    if min_minutes < 0:
        raise TrackerError("--min-minutes", "the minimum minutes of attendance cannot be below 0")
    with _without_cycle_collection():
        corr = corrections or Corrections()
        tables = list(detected.tables)
        if corr.sheet_kinds or corr.columns:
            said = {s for s, _k in corr.sheet_kinds} | {s for s, _h, _f in corr.columns}
            tables = [
                t
                for s in detected.sheets
                for t in (
                    detect_sheet(s, detected.dayfirst, corr.kind_of(s.name), corr.columns_of(s.name))
                    if s.name in said
                    else [x for x in detected.tables if x.sheet is s]
                )
            ]
        names = list(detected.names)
        _require_data(tables, names)
        ex = extract(tables, detected.dayfirst)
        t = build_tracker(
            ex,
            tables,
            detected.dayfirst,
            corr.name or _partnership_name(tables),
            detected.names,
            corr,
            detected.structure_key,
            min_minutes,
        )
        if validate:  # the schema on every load; every row only when asked (the tests do)
            for table in schema.TABLE_COLUMNS:
                schema.check(table, getattr(t, table))
            if schema.full_validation():
                for table, sch in schema.TABLES.items():
                    sch.validate(getattr(t, table))
        # cells the reader set aside (a formula error, a year 9999 ...), each named on the data-quality page
        notes = (*t.quality.notes, *flag_notes(detected.sheets))
        return replace(t, quality=replace(t.quality, notes=notes, warnings=doubts(t, ex, tables)))


def load_files(
    files: list[tuple[str, bytes]],
    validate: bool = True,
    corrections: Corrections | None = None,
    min_minutes: float = 0,
) -> Tracker:
    """Read one tracker from (name, bytes) pairs; raises TrackerError with a message a convener understands."""
    return build(detect(files), corrections, validate, min_minutes)


def load_paths(
    paths: Iterable[str | Path],
    validate: bool = True,
    corrections: Corrections | None = None,
    min_minutes: float = 0,
) -> Tracker:
    """Read one tracker from files on disk (several files together make one tracker; a folder is the files in
    it)."""
    return load_files(read_paths(paths), validate=validate, corrections=corrections, min_minutes=min_minutes)
