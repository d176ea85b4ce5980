"""Page-switch server time on the bundled sample tracker, measured with AppTest.

    python benchmarks/bench_pages.py [--rounds 5]

Each timing is one full script run after ``switch_page``: the frame (sidebar, filters, cached tracker) plus the
page. The parse happens once, before the first timing; the budget is 300 ms per page switch.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest  # noqa: TID251 (a benchmark drives the app like the tests do)

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["overview", "engagement", "cadence", "priorities", "sustainability", "data_quality"]
BUDGET_MS = 300


def measure(rounds: int) -> dict[str, list[float]]:
    """Milliseconds per page switch, for each page, over several rounds (after a warm-up round)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    times: dict[str, list[float]] = {p: [] for p in PAGES}
    for round_ in range(rounds + 1):
        for page in PAGES:
            at.switch_page(f"pages/{page}.py")
            start = time.perf_counter()
            at.run()
            elapsed = (time.perf_counter() - start) * 1000
            assert not at.exception, (page, at.exception)
            if round_:  # round 0 warms imports and caches
                times[page].append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    times = measure(args.rounds)
    print(f"{'page':16s} {'median ms':>10s} {'max ms':>8s}")
    worst = 0.0
    for page, ms in times.items():
        worst = max(worst, statistics.median(ms))
        print(f"{page:16s} {statistics.median(ms):10.0f} {max(ms):8.0f}")
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    print(f"slowest median {worst:.0f} ms: {verdict} the {BUDGET_MS} ms budget")


if __name__ == "__main__":
    main()
