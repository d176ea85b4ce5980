"""Take the README's screenshot: the dashboard's first look (the Overview of the bundled sample) in Chromium.

    python docs/screenshot.py

writes docs/dashboard.png. Needs Debian's chromium (/usr/bin/chromium) and playwright (requirements-dev.txt);
never `playwright install`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "dashboard.png"
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NGSP_DATA_DIR": tempfile.mkdtemp(), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "ngsp", "dashboard", "--server.headless", "true", "--server.port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://localhost:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"],
            )  # fmt: skip
            try:
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(url)
                page.get_by_role("heading", name="Overview").wait_for(timeout=120_000)
                page.wait_for_timeout(500)
                page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=120_000)
                page.wait_for_timeout(1500)  # charts and tiles finish drawing
                page.screenshot(path=str(OUT))
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
