"""How fast ngsp.ingest.read refuses hostile files, and how much memory it uses doing so.

    python benchmarks/bench_read_limits.py

Each case runs in a fresh Python process so that its peak memory (VmHWM) is its own; "baseline" is that
process importing ngsp.ingest.read and reading nothing; "reader" is the peak of the child process that reads
.xls and .ods files. The inputs are built in code by tests/_files.py.
For comparison (measured on the development machine before these checks existed): pandas+calamine on a
5 MB zip bomb used 7.8 GB for 57 s, and a 5 KB workbook whose sheet claims cell XFD1048576 aborted the
whole process under calamine and took 15 GB under openpyxl.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from _files import (  # noqa: E402
    BILLION_LAUGHS,
    SST,
    add_rows,
    encrypted_xlsx,
    ods_from_tables,
    set_dimension,
    understate_sizes,
    with_shared_strings,
    with_sheet_xml,
    xls_bytes,
    xlsx_bytes,
    zip_bomb,
)

CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from ngsp.core.errors import TrackerError
from ngsp.ingest.read import read_workbook
name, path = sys.argv[2], sys.argv[3]
data = open(path, "rb").read() if path else b""
t = time.perf_counter()
outcome = "read"
if path:
    try:
        read_workbook(name, data)
    except TrackerError as e:
        outcome = "refused: " + e.message[:70]
elapsed = time.perf_counter() - t
# VmHWM is this process's own peak (ru_maxrss would carry over the parent's across exec).
hwm = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1])
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the .xls/.ods reader process, if any
print(json.dumps({"s": elapsed, "rss_kb": hwm, "child_kb": child, "outcome": outcome}))
"""


def cases() -> dict[str, tuple[str, bytes]]:
    small = xlsx_bytes({"Roster": {"A1": "Org", "B2": "Acme"}})
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    rng = random.Random(1)
    grid = {
        f"{c}{r}": rng.choice(["x", "Acme Manufacturing", 3])
        for r in range(1, 20_001)
        for c in "ABCDEFGHIJKLMNOPQRST"
    }
    realistic = xlsx_bytes({"Attendance": grid})
    bomb_ods = (
        '<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384">'
        "<text:p>1</text:p></table:table-cell></table:table-row></table:table>"
    )
    seed = xls_bytes({(1, 1): "Org", (2, 1): "NA", (2, 2): 3.0})
    crash = bytes.fromhex("058fb521a84f") + bytes(41) + bytes.fromhex("85985183c1")
    big_bomb = zip_bomb(250 * 1024 * 1024)
    liar = understate_sizes(
        with_sheet_xml(small, lambda x: x.replace("<sheetData>", "<sheetData>" + " " * 200_000_000)),
        "xl/worksheets/sheet1.xml",
        2_000,
    )
    return {
        "zip bomb (250 MB sheet, ratio ~1000)": ("bomb.xlsx", big_bomb),
        "zip bomb lying about its size": ("liar.xlsx", liar),
        "dimension claims XFD1048576": ("dim.xlsx", with_sheet_xml(small, set_dimension("A1:XFD1048576"))),
        "real cell at XFD1048576, dimension lies": ("far.xlsx", with_sheet_xml(small, add_rows(far))),
        "real cell at XFD1048576, no dimension": (
            "far2.xlsx",
            with_sheet_xml(small, lambda x: add_rows(far)(set_dimension(None)(x))),
        ),
        "billion laughs in sharedStrings": (
            "lol.xlsx",
            with_shared_strings(BILLION_LAUGHS + SST + "<si><t>&lol9;</t></si></sst>"),
        ),
        ".ods repeating a cell 17 billion times": ("bomb.ods", ods_from_tables(bomb_ods)),
        ".xls that makes calamine allocate 4 GB": ("crash.xls", seed[:3346] + crash + seed[3346:]),
        ".xls with a cell at IV65536": ("far.xls", xls_bytes({(0, 0): "a", (65535, 255): "b"})),
        "password-protected .xlsx": ("locked.xlsx", encrypted_xlsx(small)),
        "realistic 20,000 x 20 attendance grid (read)": ("grid.xlsx", realistic),
    }


def run(name: str, data: bytes | None) -> dict:
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as f:
        if data is not None:
            f.write(data)
            f.flush()
        cmd = [sys.executable, "-c", CHILD, str(ROOT), name, f.name if data is not None else ""]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if done.returncode:
        return {"s": float("nan"), "rss_kb": 0, "child_kb": 0, "outcome": f"CRASHED ({done.returncode})"}
    return json.loads(done.stdout)


def main() -> None:
    base = run("none", None)
    print(f"{'case':45} {'size':>9} {'time':>8} {'peak RSS':>9} {'reader':>7}  outcome")
    print(f"{'baseline (import only)':45} {'':>9} {'':>8} {base['rss_kb'] / 1024:7.0f}MB")
    for label, (name, data) in cases().items():
        r = run(name, data)
        size = f"{len(data) / 1024:,.0f} KB"
        reader = f"{r['child_kb'] / 1024:5.0f}MB" if r["child_kb"] else ""
        print(
            f"{label:45} {size:>9} {r['s'] * 1000:6.0f}ms {r['rss_kb'] / 1024:7.0f}MB {reader:>7}  {r['outcome']}"
        )
    import time

    import python_calamine  # the same grid through calamine alone, for the cost of the checks

    grid = cases()["realistic 20,000 x 20 attendance grid (read)"][1]
    t = time.perf_counter()
    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(grid))
    wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    print(f"{'(same grid, calamine alone, no checks)':45} {'':>9} {(time.perf_counter() - t) * 1000:6.0f}ms")


if __name__ == "__main__":
    main()
