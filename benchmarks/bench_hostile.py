"""The hostile-file sweep as a table: time and peak memory of each file in tests/ingest/hostile.py.

    python benchmarks/bench_hostile.py [--only NAME,NAME]

Each file is loaded (read, detected, built) in a fresh Python process, as tests/ingest/test_hostile.py does.
Columns: the outcome; wall-clock seconds of the load; processor seconds of the process and the reader's child
(the budget, 30 s, is checked on these); peak memory of the loading process and of the reader's child process
(the budget is 3 GiB for either).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "ingest")]

import hostile  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", help="comma-separated case names (default: all)")
    args = p.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    print(
        f"{'file':36} {'outcome':10} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'reader MB':>9}  what happened"
    )
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for case in hostile.CASES:
            if only and case.name not in only:
                continue
            r = hostile.run(case, Path(tmp) / case.name.replace(".", "_"))
            what = r.get("message", "").split(": ", 1)[-1][:70] if r["outcome"] == "refused" else ""
            if r["outcome"] == "read":
                what = "nothing lost" if r.get("check") else f"CHECK FAILED: {case.check}"
            elif r["outcome"] not in ("refused",):
                what = r.get("stderr", "")[-70:].replace("\n", " ")
            cpu = r.get("cpu_seconds", float("nan"))
            worst = max(worst, cpu if cpu == cpu else 0.0)
            print(
                f"{case.name:36} {r['outcome']:10} {r.get('wall_seconds', r['seconds']):7.1f} {cpu:7.1f} "
                f"{r.get('peak_bytes', 0) / 2**20:8.0f} {r.get('reader_peak_bytes', 0) / 2**20:9.0f}  {what}"
            )
    print(
        f"\nbudget per file: {hostile.SECONDS} s of processor time, {hostile.MEMORY_BYTES / 2**30:.0f} GiB; "
        f"slowest here: {worst:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
