"""Reading cells with python-calamine, in this process or in a child process capped in memory and time."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

from ngsp.core import limits
from ngsp.core.errors import TrackerError
from ngsp.ingest.read.messages import RESAVE
from ngsp.ingest.read.ole2 import OLE2, xls_encrypted


def caps() -> tuple[int, int, int]:
    return limits.MAX_SHEET_ROWS, limits.MAX_SHEET_COLS, limits.MAX_CELLS


def calamine_parse(data: bytes, caps: tuple[int, int, int]) -> dict:
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
    f"damaged: {RESAVE}"
)
_CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from ngsp.ingest.read.sandbox import child_main; child_main()"


def parse_isolated(name: str, data: bytes) -> dict:
    """`calamine_parse` in a child process capped in memory (limits.MAX_PARSER_MEMORY_BYTES) and time."""
    root = str(Path(__file__).resolve().parents[3])
    args = [limits.MAX_PARSER_MEMORY_BYTES, *caps()]
    cmd = [sys.executable, "-I", "-c", _CHILD, root, *map(str, args)]
    try:
        done = subprocess.run(cmd, input=data, capture_output=True, timeout=limits.READ_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise TrackerError(
            name,
            f"reading this file took longer than {limits.READ_TIMEOUT_SECONDS} seconds, so ngsp stopped: "
            f"it may be damaged; {RESAVE}",
        ) from None
    except OSError:  # no child processes here: read in this process rather than not at all
        return calamine_parse(data, caps())
    if done.returncode != 0 or not done.stdout:
        raise TrackerError(name, _CRASHED)
    return json.loads(done.stdout, object_hook=_from_json)


def child_main() -> None:
    """The child process: workbook bytes on stdin, `calamine_parse`'s result as JSON on stdout."""
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
        result = calamine_parse(data, tuple(caps))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which words the message
        # calamine says only "cannot detect file format" for an encrypted .xls: ask xlrd why
        encrypted = data.startswith(OLE2) and xls_encrypted(data)
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
