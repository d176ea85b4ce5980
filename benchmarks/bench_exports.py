"""Build time of each export on the bundled sample tracker (a benchmark, not a test).

    python benchmarks/bench_exports.py [--rounds 5] [--as-of 2025-10-15]

The budget is 5 s each for the deck and the report; the tracker is read once, before the timings.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ngsp.export import deck_bytes, report_bytes, template_bytes, workbook_bytes  # noqa: E402
from ngsp.ingest.pipeline import load_paths  # noqa: E402

BUDGET_S = 5.0


def measure(rounds: int, as_of: date) -> dict[str, list[float]]:
    """Seconds per build, for each export, over several rounds (the first, cold one included)."""
    t = load_paths([ROOT / "sample_data" / "demo_tracker.xlsx"])
    builds = {
        "deck (.pptx)": lambda: deck_bytes(t, as_of),
        "report (.pdf)": lambda: report_bytes(t, as_of),
        "clean workbook (.xlsx)": lambda: workbook_bytes(t),
        "template (.xlsx)": template_bytes,
    }
    times: dict[str, list[float]] = {k: [] for k in builds}
    for _ in range(rounds):
        for name, build in builds.items():
            start = time.perf_counter()
            build()
            times[name].append(time.perf_counter() - start)
    return times


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--as-of", default="2025-10-15")
    args = p.parse_args()
    times = measure(args.rounds, date.fromisoformat(args.as_of))
    over = False
    print(f"{'export':<24}{'first':>8}{'median':>8}{'max':>8}   (seconds, {args.rounds} rounds)")
    for name, ts in times.items():
        print(f"{name:<24}{ts[0]:>8.2f}{statistics.median(ts):>8.2f}{max(ts):>8.2f}")
        over |= name.startswith(("deck", "report")) and max(ts) > BUDGET_S
    print(f"budget: deck and report under {BUDGET_S:.0f} s each: {'MISSED' if over else 'met'}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
