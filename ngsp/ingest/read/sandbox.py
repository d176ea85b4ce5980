"""Reading cells with python-calamine in a child process capped in memory and time.

Every workbook (.xlsx/.xlsm, .xls, .ods) is parsed here, not in the server's own process: calamine trusts
counts and references in the file, and fuzzing and hostile files found it aborting the whole process on a
huge allocation (a damaged .xls, a cell reference written with a namespace prefix the scans did not expect)
and looping forever (a cut-short .ods). In the child such a file costs that child, and the user gets a
sentence. The scans in `zipguard` still run first, so the usual refusals name what is wrong.

The child also does the per-cell clean-up, so the server's process spends no time on it: empty text becomes
None, and a cell that cannot be a value is set aside with its reason (`FLAG_*`): a formula error (the
workbook is rewritten by `cellerrors` so that calamine hands those over, marked), a number that is not finite.
A date outside the years ngsp reads stays in its cell and is reported the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import signal
import subprocess
import sys
from pathlib import Path

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read.cellerrors import MARK
from ngsp.ingest.read.messages import RESAVE
from ngsp.ingest.read.ole2 import OLE2, xls_encrypted
from ngsp.ingest.read.sheet import overlapping

FLAG_ERROR = "error"  # a formula error such as #SPILL! or #N/A: read as empty
FLAG_NUMBER = "number"  # a number that is not finite (1e400 overflows to infinity): read as empty
FLAG_DATE = "date"  # a date outside limits.FIRST_YEAR..LAST_YEAR: kept, never read as a date


def caps() -> tuple[int, ...]:
    """The limits the child checks, in the order `calamine_parse` takes them."""
    return (
        limits.MAX_SHEET_ROWS,
        limits.MAX_SHEET_COLS,
        limits.MAX_CELLS,
        limits.MAX_WORKBOOK_CELLS,
        limits.MAX_MERGED_RANGES,
        limits.FIRST_YEAR,
        limits.LAST_YEAR,
    )


def calamine_parse(data: bytes, caps: tuple[int, ...]) -> dict:
    """Every worksheet's cells via calamine, or why not.

    Returns {"sheets": [[name, rows, merged, flagged], ...]}, {"password": True}, {"extent": [name, rows,
    cols]}, {"total": cells so far}, {"merges": count}, {"overlap": name} or {"error_value": [name, text]};
    other failures raise. Extents, the workbook's total and its merges are checked before any cell becomes a
    Python object; a sheet listed twice is read (and counted) twice.
    """
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

    max_rows, max_cols, max_cells, max_total, max_merges, first_year, last_year = caps
    total = merges = 0
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        out = []
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # chart sheets and the like hold no cells
            try:
                sh = wb.get_sheet_by_name(meta.name)
            except CalamineError as e:
                if "error value" in str(e):  # one `cellerrors` did not mark: say which, not "damaged"
                    return {"error_value": [meta.name, str(e).rsplit(" ", 1)[-1].strip("'")]}
                raise
            end = sh.end
            ranges = sh.merged_cell_ranges or []
            merges += len(ranges)
            if merges > max_merges:
                return {"merges": merges}
            if end is None:
                out.append([meta.name, [], [], []])
                continue
            rows, cols = end[0] + 1, end[1] + 1
            if rows > max_rows or cols > max_cols or rows * cols > max_cells:
                return {"extent": [meta.name, rows, cols]}
            total += rows * cols
            if total > max_total:
                return {"total": total}
            merged = [[a[0], a[1], b[0], b[1]] for a, b in ranges]
            if overlapping(merged, rows, cols):
                return {"overlap": meta.name}
            body = sh.to_python(skip_empty_area=False)
            out.append([meta.name, body, merged, _clean(body, first_year, last_year)])
        return {"sheets": out}
    except PasswordError:
        return {"password": True}


def _clean(body: list[list[object]], first_year: int, last_year: int) -> list[list[object]]:
    """Empty text -> None in place; cells that cannot be values -> [row, col, kind, as written] flags."""
    flagged: list[list[object]] = []
    for i, row in enumerate(body):
        for j, v in enumerate(row):
            t = type(v)
            if t is str:
                if not v:
                    row[j] = None
                elif v[0] == MARK:
                    flagged.append([i, j, FLAG_ERROR, v[1:]])
                    row[j] = None
            elif t is float:
                if not math.isfinite(v):
                    flagged.append([i, j, FLAG_NUMBER, repr(v)])
                    row[j] = None
            elif (t is dt.date or t is dt.datetime) and not first_year <= v.year <= last_year:
                flagged.append([i, j, FLAG_DATE, v.isoformat()[:10]])
    return flagged


_CRASHED = (
    "this file could not be read safely (the reader ran out of memory or failed on it), so it may be "
    f"damaged: {RESAVE}"
)
_CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from ngsp.ingest.read.sandbox import child_main; child_main()"


def parse_isolated(name: str, data: bytes) -> dict:
    """`calamine_parse` in a child process capped in memory (limits.MAX_PARSER_MEMORY_BYTES), processor time
    (limits.READ_TIMEOUT_SECONDS) and time by the clock (that times limits.READ_WALL_FACTOR)."""
    root = str(Path(__file__).resolve().parents[3])
    args = [limits.MAX_PARSER_MEMORY_BYTES, limits.READ_TIMEOUT_SECONDS, *caps()]
    cmd = [sys.executable, "-I", "-c", _CHILD, root, *map(str, args)]
    too_long = TrackerError(
        name,
        f"reading this file took longer than {limits.READ_TIMEOUT_SECONDS} seconds, so ngsp stopped: "
        f"it may be damaged; {RESAVE}",
    )
    try:
        wall = limits.READ_TIMEOUT_SECONDS * limits.READ_WALL_FACTOR
        done = subprocess.run(cmd, input=data, capture_output=True, timeout=wall)
    except subprocess.TimeoutExpired:
        raise too_long from None
    except OSError:  # no child processes here: read in this process rather than not at all
        return calamine_parse(data, caps())
    if done.returncode == -getattr(signal, "SIGXCPU", -1):  # its processor time ran out
        raise too_long
    if done.returncode != 0 or not done.stdout:
        raise TrackerError(name, _CRASHED)
    return _dates_in(json.loads(done.stdout, object_hook=_from_json))


def child_main() -> None:
    """The child process: workbook bytes on stdin, `calamine_parse`'s result as JSON on stdout."""
    mem, cpu, *caps = (int(a) for a in sys.argv[2:])
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU at cpu seconds, then SIGKILL
    except (ImportError, ValueError, OSError):  # not on this platform: the clock's limit still holds
        pass
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # only the result goes down the pipe
    data = sys.stdin.buffer.read()
    try:
        result = calamine_parse(data, tuple(caps))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which words the message
        # calamine says only "cannot detect file format" for an encrypted .xls: ask xlrd why
        encrypted = data.startswith(OLE2) and xls_encrypted(data)
        result = {"password": True} if encrypted else {"error": type(e).__name__}
    out.write(json.dumps(_dates_out(result), default=_to_json).encode())


def _dates_out(result: dict) -> dict:
    """Each sheet's date and datetime cells taken out of its rows into one list [[row, col, as written in ISO
    form], ...] after the sheet's others: JSON then carries them as plain lists, not one object per cell (a long
    attendance log has a date on every row). `_dates_in` puts them back."""
    for sheet in result.get("sheets", ()):
        dated = []
        for i, row in enumerate(sheet[1]):
            for j, v in enumerate(row):
                t = type(v)
                if t is dt.datetime or t is dt.date:
                    dated.append([i, j, v.isoformat()])
                    row[j] = None
        sheet.append(dated)
    return result


def _dates_in(result: dict) -> dict:
    """The date and datetime cells `_dates_out` took out, back in their places (a datetime's ISO form has a T)."""
    for sheet in result.get("sheets", ()):
        if len(sheet) == 5:
            rows = sheet[1]
            for i, j, iso in sheet.pop():
                rows[i][j] = dt.datetime.fromisoformat(iso) if "T" in iso else dt.date.fromisoformat(iso)
    return result


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
