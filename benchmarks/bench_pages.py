"""Page-switch server time on the bundled sample tracker, measured with AppTest.

    python benchmarks/bench_pages.py [--rounds 5]

Each timing is one full script run after ``switch_page``: the frame (sidebar, filters, cached tracker) plus the
page. The parse happens once, before the first timing; the budget is 300 ms per page switch. Wall time
counts waiting for the CPU when other programs are busy; CPU time is this process's own work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest  # noqa: TID251 (a benchmark drives the app like the tests do)

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "overview",
    "engagement",
    "cadence",
    "priorities",
    "sustainability",
    "data_quality",
    "since_last_meeting",
]
BUDGET_MS = 300


def measure(rounds: int) -> dict[str, list[tuple[float, float]]]:
    """(wall ms, CPU ms) per page switch, for each page, over several rounds (after a warm-up round)."""
    os.environ["NGSP_DATA_DIR"] = tempfile.mkdtemp(prefix="ngsp-bench-")  # never the user's own store
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    times: dict[str, list[tuple[float, float]]] = {p: [] for p in PAGES}
    for round_ in range(rounds + 1):
        for page in PAGES:
            at.switch_page(f"pages/{page}.py")
            start, cpu = time.perf_counter(), time.process_time()
            at.run()
            elapsed = ((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
            assert not at.exception, (page, at.exception)
            if round_:  # round 0 warms imports and caches
                times[page].append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    times = measure(args.rounds)
    print(f"{'page':16s} {'wall median':>12s} {'wall max':>9s} {'CPU median':>11s}   (ms)")
    worst = 0.0
    for page, ms in times.items():
        wall, cpu = [w for w, _ in ms], [c for _, c in ms]
        worst = max(worst, statistics.median(wall))
        print(f"{page:16s} {statistics.median(wall):12.0f} {max(wall):9.0f} {statistics.median(cpu):11.0f}")
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    print(f"slowest wall median {worst:.0f} ms: {verdict} the {BUDGET_MS} ms budget")


if __name__ == "__main__":
    main()
