"""One real-browser test: the dashboard as `ngsp dashboard` serves it (`streamlit run app.py`, started from
another directory) in Debian's Chromium; upload a tracker, visit every page.

Needs /usr/bin/chromium (CI installs it; never `playwright install`). The tracker uploaded is the sample with
an employer renamed `<img src=x onerror=alert(1)>` and a priority renamed to a `<script>`: any dialog means
tracker text ran as markup.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, XSS_PRIORITY, xss_tracker_bytes

CHROMIUM = Path("/usr/bin/chromium")
NAV = [
    "Engagement",
    "Cadence",
    "Priorities",
    "Sustainability",
    "Data quality",
    "Since last meeting",
    "Overview",
]

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
CONVENER_PW, VIEWER_PW = "convener secret 1", "funder secret 22"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serving(data_dir: Path, *options: str):
    """`streamlit run app.py` on a free port with its own data folder (and any extra options); yields the URL."""
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NGSP_DATA_DIR": str(data_dir),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}  # fmt: skip
    proc = subprocess.Popen(  # as a user starts it, from any folder
        [sys.executable, "-m", "ngsp", "dashboard", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", *options],
        cwd=data_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with _serving(tmp_path_factory.mktemp("ngsp-data")) as url:
        yield url


@pytest.fixture(scope="module")
def password_server(tmp_path_factory):
    """The dashboard behind a shared password (a convener's and a funder's), as on a partnership's server."""
    from ngsp import access

    folder = tmp_path_factory.mktemp("ngsp-secrets")
    (folder / "secrets.toml").write_text(
        "[ngsp.auth]\n"
        'mode = "password"\n'
        f'convener_password_hash = "{access.hash_password(CONVENER_PW)}"\n'
        f'viewer_password_hash = "{access.hash_password(VIEWER_PW)}"\n'
    )
    with _serving(
        tmp_path_factory.mktemp("ngsp-data"), "--secrets.files", str(folder / "secrets.toml")
    ) as url:
        yield url


@contextlib.contextmanager
def _browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _settled(page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)


def _no_errors(page, where: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, f"an exception on {where}"
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, f"an error message on {where}"
    assert page.locator('img[src="x"]').count() == 0, f"tracker text became an image on {where}"


def test_upload_and_visit_every_page(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    tracker = tmp_path / "evil_tracker.xlsx"
    tracker.write_bytes(xss_tracker_bytes())
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(server)
            page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
            _settled(page)
            _no_errors(page, "the first look")

            page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(tracker))
            page.get_by_text("Showing your files: evil_tracker.xlsx").wait_for(timeout=60_000)
            _settled(page)
            _no_errors(page, "Overview after the upload")

            if page.get_by_role("button", name="Download slides (PowerPoint)").count():
                with page.expect_download(timeout=120_000) as download:  # the deck is built only on click
                    page.get_by_role("button", name="Download slides (PowerPoint)").click()
                assert download.value.suggested_filename.endswith(".pptx")
                assert Path(download.value.path()).stat().st_size > 10_000
            for name in NAV:
                page.locator('[data-testid="stSidebarNav"] a', has_text=name).first.click()
                page.get_by_role("heading", name=name, exact=True).first.wait_for(timeout=60_000)
                _settled(page)
                _no_errors(page, name)
                expect(page.get_by_text("Showing your files: evil_tracker.xlsx")).to_have_count(1)
                if name == "Priorities":  # expect waits for the page's last elements on a busy machine
                    script = page.get_by_text("<script>alert(2)</script>", exact=False)
                    expect(script).not_to_have_count(0, timeout=30_000)
                    as_written = page.get_by_text(XSS_PRIORITY, exact=True)
                    expect(as_written, "priority not shown as written").not_to_have_count(0, timeout=30_000)

            page.get_by_role("button", name="Present at a meeting").click()
            page.get_by_role("button", name="Exit presentation").wait_for(timeout=60_000)
            _settled(page)
            expect(page.locator('input[type="file"]')).to_have_count(0)  # no sidebar while presenting
            for _ in range(3):
                page.get_by_role("button", name="Next ▶").click()
                _settled(page)
                _no_errors(page, "presentation mode")
                expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(1, timeout=30_000)
            expect(page.get_by_text("Slide 4 of")).to_have_count(1)
            page.keyboard.press("ArrowRight")  # a presenter's remote or the keyboard moves on too
            expect(page.get_by_text("Slide 5 of")).to_have_count(1, timeout=30_000)
            _settled(page)
            page.get_by_role("button", name="Exit presentation").click()
            page.get_by_text("Showing your files: evil_tracker.xlsx").wait_for(timeout=60_000)
        finally:
            browser.close()
    assert dialogs == [], f"tracker text ran as script: {dialogs}"


def test_the_sign_in_screen_shows_only_the_sign_in(password_server):
    from playwright.sync_api import expect

    with _browser() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(password_server)
        page.get_by_role("heading", name="Sign in").wait_for(timeout=60_000)
        _settled(page)
        expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(0)
        for name in ["overview", "engagement", "data quality", "present"]:  # nor the pages/ folder's files
            expect(page.get_by_role("link", name=name, exact=True)).to_have_count(0)
        page.locator('input[type="password"]').fill(VIEWER_PW)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
        _settled(page)
        _no_errors(page, "the funder's Overview")
        expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(1)
        expect(page.locator('input[type="file"]')).to_have_count(0)  # a funder uploads nothing


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label, as a person does: open it, type, press Enter."""
    box = page.locator(f'input[role="combobox"][aria-label="{label}"]:visible').first
    box.click()
    box.fill(option)
    page.keyboard.press("Enter")
    _settled(page)


def test_a_convener_corrects_two_columns_on_three_yearly_sheets_in_a_minute(server, tmp_path):
    """Correcting in a minute, in the browser: every column is offered with its values, each correction is
    applied to the three yearly sheets at once, and the convener's place on the page stays put after saving."""
    from _like_sheets import yearly_tracker
    from playwright.sync_api import expect

    tracker = tmp_path / "yearly.xlsx"
    tracker.write_bytes(yearly_tracker())
    with _browser() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server)
        page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
        _settled(page)
        page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(tracker))
        page.get_by_text("Showing your files: yearly.xlsx").wait_for(timeout=60_000)
        _settled(page)
        started = time.monotonic()
        page.locator('[data-testid="stSidebarNav"] a', has_text="Data quality").first.click()
        page.get_by_role("heading", name="Data quality", exact=True).wait_for(timeout=60_000)
        _settled(page)
        page.get_by_role("tab", name="What a column means").click()
        _settled(page)
        for sheet, column, holds in (
            ("Attendance 2024", "Site", "organisation"),
            ("Plan 2024", "Deliver by", "due date"),
        ):
            _choose(page, "Sheet", sheet)
            _choose(page, "Column", column)
            _choose(page, "holds", holds)
            like = page.locator(
                '[data-testid="stCheckbox"]:visible', has_text="Apply to the 3 sheets with this header"
            )
            expect(like.locator("input")).to_be_checked()
            button = page.get_by_role("button", name="Set what this column means")
            before = button.bounding_box()["y"]
            button.click()
            _settled(page)
            _no_errors(page, "the corrections")
            expect(page.get_by_role("tab", name="What a column means")).to_have_attribute(
                "aria-selected", "true"
            )
            after = page.get_by_role("button", name="Set what this column means").bounding_box()["y"]
            assert abs(after - before) < 40, f"the page moved by {after - before:.0f} px after saving"
        elapsed = time.monotonic() - started
        for y in (2023, 2024, 2025):
            expect(page.get_by_text(f"Plan {y} › Deliver by → due date")).to_have_count(1)
        assert elapsed < 60, f"two corrections took {elapsed:.0f} s in the browser"
