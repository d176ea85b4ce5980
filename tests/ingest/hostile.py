"""Hostile files, made in code: every class of input that once took ngsp down, hung it, or refused a tracker.

Each case is a file name, a way to make the file (bytes, or a path set up in a folder for the cases that are
about what is on disk) and what must happen: refused with one clear line holding `words`, or read with
`check` holding on the tracker. `test_hostile.py` runs each in a fresh process within the budget below;
`benchmarks/bench_hostile.py` prints the time and peak memory of each.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SECONDS = 30
"""Most seconds one hostile file may take, refused or read (issue 16): counted as processor time of the
process and the reader's child, so a machine busy with other work does not fail a file; a file that makes
the process wait instead (a pipe) is stopped by the clock at HANG_SECONDS."""
HANG_SECONDS = 5 * SECONDS
"""Wall-clock seconds after which a run counts as stuck: generous, for a machine shared with other work."""
MEMORY_BYTES = 3 * 1024**3
"""Most memory (peak resident set) one hostile file may take, in any one process."""

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_STYLES = (
    f'<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def col(n: int) -> str:
    """0 -> A, 26 -> AA."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(r: int, c: int, v: object) -> str:
    """One <c> for row r, column c (0-based): text inline, numbers as numbers, dates as styled serials."""
    ref = f"{col(c)}{r + 1}"
    if v is None:
        return ""
    if isinstance(v, dt.date):
        serial = (v - dt.date(1899, 12, 30)).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    if isinstance(v, int | float) and not isinstance(v, bool):
        return f'<c r="{ref}"><v>{v!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{esc(str(v))}</t></is></c>'


def sheet_xml(rows: list[list[object]], extra: str = "", dimension: str | None = None, tail: str = "") -> str:
    """A worksheet: rows of values; `extra` goes inside <sheetData>, `tail` after it (merges)."""
    body = "".join(
        f'<row r="{i + 1}">' + "".join(cell(i, j, v) for j, v in enumerate(r)) + "</row>"
        for i, r in enumerate(rows)
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN_NS}">{dim}<sheetData>{body}{extra}</sheetData>{tail}</worksheet>'


def xlsx(sheets: dict[str, str], listed: list[tuple[str, str]] | None = None) -> bytes:
    """A workbook from {sheet name: worksheet XML}, written by hand (fast, and anything may be put in it).

    `listed` overrides the workbook's sheet list as (name, part) pairs, e.g. many names for one part.
    """
    parts = {f"xl/worksheets/sheet{i + 1}.xml": xml for i, xml in enumerate(sheets.values())}
    listed = listed or [(n, f"xl/worksheets/sheet{i + 1}.xml") for i, n in enumerate(sheets)]
    rid = {p: f"rId{i + 1}" for i, p in enumerate(parts)}
    wb = (
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
        + "".join(
            f'<sheet name="{esc(n)}" sheetId="{i + 1}" r:id="{rid[p]}"/>' for i, (n, p) in enumerate(listed)
        )
        + "</sheets></workbook>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{rid[p]}" Type="{_SHEET_REL}" Target="{p[3:]}"/>' for p in parts)
        + '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'styles" Target="styles.xml"/></Relationships>'
    )
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/{p}" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for p in parts
        )
        + "</Types>"
    )
    root_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/styles.xml", _STYLES)
        for p, xml in parts.items():
            z.writestr(p, xml)
    return out.getvalue()


ROSTER = [
    ["Name", "Organization", "Partner Type", "Email"],
    ["Ann Lee", "Acme Manufacturing", "Business", "ann@acme.example"],
    ["Bo Kim", "County Workforce Board", "Public", "bo@county.example"],
    ["Cy Diaz", "Beta Tools", "Business", "cy@beta.example"],
]


def roster(extra: str = "", tail: str = "", dimension: str | None = None) -> str:
    return sheet_xml(ROSTER, extra, dimension, tail)


# --- the cases ---------------------------------------------------------------------------------------------

EXCEL_365_ERRORS = (
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#GETTING_DATA",
    "#PYTHON!",
)


def prefixed_far_cell() -> bytes:
    """A cell written with a namespace prefix at XFD1048576: calamine asked for 550 GB and aborted."""
    far = f'<row r="1048576"><x:c xmlns:x="{MAIN_NS}" r="XFD1048576"><x:v>1</x:v></x:c></row>'
    return xlsx({"Roster": roster(extra=far)})


def far_cell_single_quotes_reordered() -> bytes:
    """The far cell with its attributes in another order and quoted with single quotes."""
    return xlsx({"Roster": roster(extra="<row r='1048576'><c t='n' r='XFD1048576'><v>1</v></c></row>")})


def far_cell_character_reference() -> bytes:
    """The far cell's reference spelled with a character reference (&#88; is X)."""
    return xlsx({"Roster": roster(extra='<row r="1048576"><c r="&#88;FD1048576"><v>1</v></c></row>')})


def dimension_after_another_attribute() -> bytes:
    """A <dimension> whose ref comes after another attribute, claiming the whole sheet."""
    xml = roster().replace("<sheetData>", '<dimension x="1" ref="A1:XFD1048576"/><sheetData>', 1)
    return xlsx({"Roster": xml})


def one_part_many_sheets(n: int = 2000) -> bytes:
    """2,000 sheet entries naming one worksheet part: 272 KB took 265 s and 11.3 GB."""
    rows = [ROSTER[0]] + [[f"P{i}", f"Org {i}", "Business", ""] for i in range(2000)]
    return xlsx({"Roster": sheet_xml(rows)}, listed=[(f"S{i}", "xl/worksheets/sheet1.xml") for i in range(n)])


def overlapping_merges(n: int = 34_000) -> bytes:
    """34,000 overlapping merged ranges: 144 KB took 135 s of CPU."""
    rows = [ROSTER[0]] + [[f"P{i}", f"Org {i % 50}", "Business", ""] for i in range(600)]
    merges = "".join(f'<mergeCell ref="A{2 + i % 500}:B{100 + i % 500}"/>' for i in range(n))
    return xlsx({"Roster": sheet_xml(rows, tail=f'<mergeCells count="{n}">{merges}</mergeCells>')})


def overlapping_merges_under_the_cap(n: int = 5000) -> bytes:
    """Fewer merges than the cap, all over the same rows: filling them would cost merges x rows."""
    rows = [ROSTER[0]] + [[f"P{i}", f"Org {i % 50}", "Business", ""] for i in range(2000)]
    merges = "".join(f'<mergeCell ref="A2:A{2001 - i % 7}"/>' for i in range(n))
    return xlsx({"Roster": sheet_xml(rows, tail=f'<mergeCells count="{n}">{merges}</mergeCells>')})


def wide_vertical_merges(cols: int = 60, rows: int = 3000) -> bytes:
    """A legal sheet (no overlaps) where every column is merged top to bottom: merges x rows x width before."""
    header = ["Name", "Organization", "Partner Type"] + [f"Col {j}" for j in range(cols - 3)]
    body = [header, ["x"] * cols] + [[f"P{i}", f"Org {i % 50}", "Business"] for i in range(rows)]
    merges = "".join(f'<mergeCell ref="{col(j)}2:{col(j)}{rows + 2}"/>' for j in range(3, cols))
    return xlsx({"Roster": sheet_xml(body, tail=f'<mergeCells count="{cols - 3}">{merges}</mergeCells>')})


def many_row_merges(n: int = 19_000) -> bytes:
    """One merged range across two columns on each of 19,000 rows: every row asked about every merge before."""
    rows = [["Action Item", "", "Status", "Owner"]] + [
        [f"Do thing {i}", None, "Done", "Ann Lee"] for i in range(n)
    ]
    merges = "".join(f'<mergeCell ref="A{i + 2}:B{i + 2}"/>' for i in range(n))
    return xlsx({"Action Plan": sheet_xml(rows, tail=f'<mergeCells count="{n}">{merges}</mergeCells>')})


def one_line_csv(size: int = 49 * 1024 * 1024) -> bytes:
    """A 49 MB CSV on one line: 1.7 GB before the column limit was checked."""
    return b"ab," * (size // 3)


def many_lines_csv(lines: int = 12_000_000) -> bytes:
    return b"a,b\n" * lines


def out_of_range_dates() -> bytes:
    """Dates a pandas column cannot hold (9999-12-31, a year 1600 written as text) refused the tracker."""
    meetings = [
        ["Meeting", "Date", "Type"],
        ["Launch", dt.date(2024, 1, 10), "Launch"],
        ["Q2 meeting", dt.date(9999, 12, 31), "Full partnership"],
        ["Q3 meeting", "1600-03-01", "Full partnership"],
        ["Q4 meeting", dt.date(2024, 10, 2), "Full partnership"],
    ]
    items = [
        ["Action Item", "Owner", "Status", "Due"],
        ["Map the pipeline", "Ann Lee", "In progress", dt.date(9999, 12, 31)],
        ["Host a tour", "Bo Kim", "Not started", "Q3 9999"],
    ]
    return xlsx({"Roster": roster(), "Meetings": sheet_xml(meetings), "Action Plan": sheet_xml(items)})


def excel_365_errors() -> bytes:
    """Error values calamine does not know (#SPILL! ...): one such cell refused the whole tracker."""
    rows = ROSTER + [[f"Err {i}", None, "Business", None] for i in range(len(EXCEL_365_ERRORS) + 2)]
    errors = [*EXCEL_365_ERRORS, "#N/A", "#REF!"]
    xml = sheet_xml(rows)
    for i, e in enumerate(errors):
        r = len(ROSTER) + i + 1
        xml = xml.replace(
            f'<c r="C{r}" t="inlineStr">',
            f'<c r="B{r}" t="e"><f>XLOOKUP(A{r},X:X,Y:Y)</f><v>{esc(e)}</v></c><c r="C{r}" t="inlineStr">',
        )
    return xlsx({"Roster": xml})


def huge_amounts() -> bytes:
    """Amounts of 1e308 summed to infinity: "Infinity" in the summary JSON, "$inf" in the report."""
    funding = [
        ["Funder", "Amount", "Status"],
        ["State grant", 1e308, "Received"],
        ["Federal grant", 1e308, "Committed"],
        ["Local foundation", 25000, "Received"],
    ]
    xml = sheet_xml(
        funding,
        extra='<row r="9"><c r="A9" t="inlineStr"><is><t>Overflow</t></is></c>'
        '<c r="B9"><v>1e400</v></c></row>',
    )
    return xlsx({"Roster": roster(), "Funding": xml})


def workbook_at_the_cell_limit(rows: int = 99_000, cols: int = 25) -> bytes:
    """The largest workbook ngsp reads (limits.MAX_WORKBOOK_CELLS), as an attendance log: read, in time."""
    header = ["Name", "Organization", "Date", "Meeting"] + [f"Note {j}" for j in range(cols - 4)]
    start = dt.date(2024, 1, 1)
    people = rows // 100  # 100 meetings, each attended by every person once: every row a distinct record
    body = [header] + [
        [
            f"Person {i % people}",
            f"Org {i % people % 400}",
            start + dt.timedelta(days=7 * (i // people)),
            "Full partnership",
        ]
        + [f"n{j}" for j in range(cols - 4)]
        for i in range(rows)
    ]
    return xlsx({"Attendance": sheet_xml(body)})


def many_small_sheets(n: int = 2400) -> bytes:
    """Thousands of one-row sheets, each a part of its own."""
    return xlsx({f"S{i}": sheet_xml([["Name", "Organization"], [f"P{i}", "Acme"]]) for i in range(n)})


def zip_bomb() -> bytes:
    from _files import zip_bomb as bomb

    return bomb(250 * 1024 * 1024)


def shared_string_count_lie() -> bytes:
    from _files import SST, with_shared_strings

    return with_shared_strings(
        SST.replace('uniqueCount="1"', 'uniqueCount="4294967295"') + "<si><t>x</t></si></sst>"
    )


def xls_allocating_gigabytes() -> bytes:
    """Found by fuzzing: 52 bytes inserted into a tiny .xls made calamine allocate gigabytes and abort."""
    from _files import xls_bytes

    seed = xls_bytes({(1, 1): "Org", (2, 1): "NA", (2, 2): 3.0})
    insert = bytes.fromhex("058fb521a84f") + bytes(41) + bytes.fromhex("85985183c1")
    return seed[:3346] + insert + seed[3346:]


def ods_cut_short() -> bytes:
    """A content.xml cut short, on which calamine's .ods reader loops forever."""
    from _files import ods_from_tables

    data = ods_from_tables(
        '<table:table table:name="S"><table:table-row><table:table-cell office:value-type='
        '"string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>'
    )
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "content.xml":
                body = body[: body.index(b"</table:table>")]
            z.writestr(info if info.filename == "mimetype" else info.filename, body)
    return out.getvalue()


# --- files on disk -------------------------------------------------------------------------------------------


def dev_zero_link(folder: Path) -> Path:
    """/dev/zero behind a link with a tracker's name: it was read until memory ran out."""
    p = folder / "tracker.xlsx"
    p.symlink_to("/dev/zero")
    return p


def fifo(folder: Path) -> Path:
    """A named pipe with a tracker's name: the command line waited on it forever."""
    p = folder / "tracker.csv"
    os.mkfifo(p)
    return p


@dataclass(frozen=True)
class Case:
    name: str  # the file name the reader is given
    make: Callable[[], bytes] | None = None  # the bytes, or
    place: Callable[[Path], Path] | None = None  # a path set up in a folder
    refused: str = ""  # words the one-line refusal holds; "" = read
    check: str = ""  # for a file that is read: a Python expression over the tracker `t` that must hold


CASES = [
    Case("prefixed-cell.xlsx", prefixed_far_cell, refused="1,048,576 rows"),
    Case("reordered-cell.xlsx", far_cell_single_quotes_reordered, refused="1,048,576 rows"),
    Case("char-ref-cell.xlsx", far_cell_character_reference, refused="1,048,576 rows"),
    Case("dimension.xlsx", dimension_after_another_attribute, refused="1,048,576 rows"),
    Case("one-part-many-sheets.xlsx", one_part_many_sheets, refused="same sheet"),
    Case("overlapping-merges.xlsx", overlapping_merges, refused="merged cell ranges"),
    Case("overlapping-merges-under-cap.xlsx", overlapping_merges_under_the_cap, refused="overlap"),
    Case("wide-vertical-merges.xlsx", wide_vertical_merges, check="len(t.people) == 3001"),
    Case(
        "many-row-merges.xlsx",
        many_row_merges,  # each row merged across is a heading: every one is accounted for in the ledger
        check="len(t.quality.ledger) == 19_001",
    ),
    Case("one-line.csv", one_line_csv, refused="columns"),
    Case("many-lines.csv", many_lines_csv, refused="rows"),
    Case(
        "dates.xlsx",
        out_of_range_dates,
        check="len(t.meetings) == 2 and len(t.action_items) == 2 and "
        "any('9999-12-31' in n for n in t.quality.notes) and len(t.quality.rejected) == 2",
    ),
    Case(
        "errors.xlsx",
        excel_365_errors,
        check="all(e in ' '.join(t.quality.notes) for e in hostile.EXCEL_365_ERRORS) and len(t.people) == 14",
    ),
    Case(
        "amounts.xlsx",
        huge_amounts,
        check="t.funding['amount'].fillna(0).abs().max() <= 1e12 and len(t.funding) == 4 "
        "and sum('sum of money' in n for n in t.quality.notes) == 2",
    ),
    Case("at-the-limit.xlsx", workbook_at_the_cell_limit, check="len(t.attendance) == 99_000"),
    Case("many-sheets.xlsx", many_small_sheets, check="len(t.people) == 2400"),
    Case("bomb.xlsx", zip_bomb, refused="zip bomb"),
    Case("string-count.xlsx", shared_string_count_lie, refused="damaged"),
    Case("gigabytes.xls", xls_allocating_gigabytes, refused="could not be read safely"),
    Case("cut-short.ods", ods_cut_short, refused="damaged"),
    Case("zero.xlsx", place=dev_zero_link, refused="not a file ngsp can read"),
    Case("pipe.csv", place=fifo, refused="not a file ngsp can read"),
]


# --- running one case in a fresh process ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, resource, sys, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests", sys.argv[1] + "/tests/ingest"]
import hostile
from ngsp.core.errors import TrackerError
from ngsp.ingest.pipeline import load_paths
path, check = sys.argv[2], sys.argv[3]
start = time.perf_counter()
out = {}
try:
    t = load_paths([path])
    out["outcome"] = "read"
    out["check"] = bool(eval(check, {"t": t, "hostile": hostile})) if check else True
except TrackerError as e:
    out["outcome"] = "refused"
    out["message"] = str(e)
out["seconds"] = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
out["cpu_seconds"] = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime  # the reader's child too
# VmHWM is this process's own peak; the reader's child process reports its own through RUSAGE_CHILDREN.
out["peak_bytes"] = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) * 1024
out["reader_peak_bytes"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps(out))
"""


def run(case: Case, folder: Path) -> dict:
    """Load the case's file in a fresh Python process: outcome, message or check, seconds and peak memory.

    A process that dies (an abort, a signal) or outlives the budget is an outcome too ("crashed", "timeout").
    """
    import json
    import subprocess
    import sys
    import time

    folder.mkdir(parents=True, exist_ok=True)
    if case.place is not None:
        path = case.place(folder)
    else:
        path = folder / case.name
        path.write_bytes(case.make())
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(ROOT), str(path), case.check],
            capture_output=True,
            text=True,
            timeout=HANG_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": "timeout", "seconds": time.perf_counter() - start}
    wall = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        return {"outcome": "crashed", "seconds": wall, "stderr": done.stderr[-2000:], "rc": done.returncode}
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["wall_seconds"] = wall
    return out
