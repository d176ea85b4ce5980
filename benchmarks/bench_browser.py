"""Speed as the convener feels it, in a real browser: the dashboard against a bare one-page Streamlit app.

    python benchmarks/bench_browser.py [--rounds 3] [--orgs 150] [--years 4]

One run serves, from this same Python, a bare app (a title and a metric) and the dashboard, drives Debian's
Chromium with Playwright (never ``playwright install``) and prints each figure as a ratio to the bare app's
first view, with the machine's load average (a loaded 2-core machine makes every figure slower, the ratios
less so):

- first view: from navigation until the Overview's figures show. "cold" is the first visit after the server
  started (Python imports and the sample's first reading included), "warm" a new browser on the running server;
- upload: a large tracker (``ngsp.bench.make_tracker``: 150 organisations, 4 years) from choosing the file until
  the Overview shows its figures;
- every page switch: from the click in the sidebar until the page's figures (charts, tiles, tables) show; a
  first time (the first page with charts loads the browser's chart code, once a browser) and again.

Figures are medians over ``--rounds`` fresh browsers. Nothing is asserted: the targets (each within 1.5x) are
for people to read, in the README's performance section.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ngsp from this checkout, without installing it
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
BARE_APP = 'import streamlit as st\n\nst.title("Bare")\nst.metric("A figure", 42)\n'
PAGES = [
    "Engagement",
    "Cadence",
    "Priorities",
    "Sustainability",
    "Data quality",
    "Since last meeting",
    "Overview",
]
TIMEOUT_MS = 180_000
TARGET = 1.5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(script: Path, cwd: Path, env: dict[str, str]) -> Iterator[str]:
    """`streamlit run script` on a free port (headless, this Python); yields its URL once it answers."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            time.sleep(0.25)
        else:
            raise SystemExit(f"{script.name} did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def settled(page) -> None:
    """Streamlit has finished the current run (the app's script state, which the viewer toolbar does not hide)."""
    page.wait_for_function(
        "() => !['running', 'rerunRequested'].includes("
        "document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState)",
        timeout=TIMEOUT_MS,
    )


def timed(action: Callable[[], object], done: Callable[[], object]) -> float:
    """Seconds from starting ``action`` until ``done`` returns."""
    start = time.perf_counter()
    action()
    done()
    return time.perf_counter() - start


def first_view(browser, url: str, shows: Callable) -> tuple[float, object]:
    """A new browser (no cache, no cookies) opening the app: seconds until ``shows``, and its open page."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    return timed(lambda: page.goto(url), lambda: shows(page)), page


def upload(page, tracker: Path, figure: str) -> float:
    """Seconds from choosing a tracker file in the sidebar until the Overview shows its figures."""
    chooser = page.locator('[data-testid="stSidebar"] input[type="file"]')
    return timed(lambda: chooser.set_input_files(str(tracker)), lambda: overview_shows(page, figure))


def done_of(data: bytes) -> str:
    """The large tracker's "Action items done" tile ("9 of 37"): the sign that the Overview shows it."""
    from ngsp.figures import actions
    from ngsp.ingest.pipeline import load_files

    items = actions.action_items_view(load_files([("t.xlsx", data)]), dt.date.today())
    return f"{int((items['status'] == 'done').sum())} of {len(items)}"


def switch(page, name: str) -> float:
    """Seconds from a click on a page in the sidebar until its figures show."""
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=name).first
    return timed(link.click, lambda: page_shows(page, name))


def bare_shows(page) -> None:
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=TIMEOUT_MS)


def overview_shows(page, figure: str | None = None) -> None:
    """The Overview's figures: its six tiles drawn (after an upload, with a figure only the new tracker has)."""
    tiles = page.locator('[data-testid="stMetric"]')
    if figure:
        tiles.filter(has_text=figure).first.wait_for(timeout=TIMEOUT_MS)
    tiles.nth(5).wait_for(timeout=TIMEOUT_MS)
    settled(page)


def page_shows(page, name: str) -> None:
    """A page's figures: its title, then the run finished and every chart it drew painted."""
    page.get_by_role("heading", name=name, exact=True).first.wait_for(timeout=TIMEOUT_MS)
    settled(page)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]') && [...document.querySelectorAll("
        "'[data-testid=\"stPlotlyChart\"]')].every(c => c.querySelector('.main-svg'))",
        timeout=TIMEOUT_MS,
    )


def measure(rounds: int, orgs: int, years: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    from ngsp.bench import make_tracker

    work = Path(tempfile.mkdtemp(prefix="ngsp-bench-browser-"))
    (work / "bare.py").write_text(BARE_APP)
    big = work / f"tracker {orgs} organisations {years} years.xlsx"
    big.write_bytes(make_tracker(orgs, years, None))
    figure = done_of(big.read_bytes())
    env = {"NGSP_DATA_DIR": str(work / "data"), "PYTHONUNBUFFERED": "1"}
    out: dict[str, list[float]] = {}
    add = lambda k, v: out.setdefault(k, []).append(v)  # noqa: E731
    with (
        serve(work / "bare.py", work, env) as bare,
        serve(ROOT / "app.py", ROOT, env) as dash,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for r in range(rounds + 1):  # round 0 is each server's first (cold) visit
                when = "cold" if r == 0 else "warm"
                add(f"bare first view ({when})", first_view(browser, bare, bare_shows)[0])
                seconds, page = first_view(browser, dash, overview_shows)
                add(f"dashboard first view ({when})", seconds)
                if r > 0:
                    add("upload of a large tracker", upload(page, big, figure))
                    for name in PAGES:  # the first chart page loads the browser's chart code (once a browser)
                        add(f"page switch: {name}", switch(page, name))
                    for name in PAGES:
                        add(f"page switch again: {name}", switch(page, name))
                page.context.close()
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="fresh browsers per figure (after a cold visit)")
    ap.add_argument("--orgs", type=int, default=150)
    ap.add_argument("--years", type=int, default=4)
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"needs Debian's chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    times = measure(args.rounds, args.orgs, args.years)
    load_after = os.getloadavg()
    bare = statistics.median(times["bare first view (warm)"])
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} ({os.cpu_count()} cores)")  # fmt: skip
    print(f"bare first view (warm, median of {args.rounds}): {bare * 1000:.0f} ms; ratios are to it "
          f"(target: each within {TARGET}x)\n")  # fmt: skip
    for name, values in times.items():
        med = statistics.median(values)
        verdict = "" if name.startswith("bare") else ("  met" if med / bare <= TARGET else "  NOT MET")
        print(f"{name:<42} {med * 1000:>7.0f} ms  {med / bare:>5.2f}x{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
