"""The "Since last meeting" page on its own (app.py registers it): an earlier snapshot compared with the tracker
shown, and a friendly word when there is none. The store lives in this test's temporary folder."""

from __future__ import annotations

from pathlib import Path

from _two_versions import v1_bytes, v1_sheets
from builders import xlsx_bytes
from streamlit.testing.v1 import AppTest

from ngsp import access
from ngsp.app import state
from ngsp.history.store import Store, files_sha256
from ngsp.ingest.pipeline import load_files

PAGE = Path(__file__).resolve().parents[2] / "pages" / "since_last_meeting.py"


def _page(files: tuple[tuple[str, bytes], ...]) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    for key, value in state.DEFAULTS.items():
        at.session_state[key] = value
    at.session_state[state.ROLE] = access.CONVENER  # as the frame's sign-in sets it with nothing configured
    at.session_state[state.SOURCE] = files
    return at.run()


def test_compares_with_the_kept_snapshot() -> None:
    earlier = [("tracker.xlsx", v1_bytes())]
    Store().take_snapshot(load_files(earlier), files_sha256(earlier))
    sheets = v1_sheets()
    sheets["Action Plan"][1][4] = "Done"
    at = _page((("tracker.xlsx", xlsx_bytes(sheets)),))
    assert not at.exception
    assert at.title[0].value == "Since last meeting"
    assert {m.label: m.value for m in at.metric}["Action items completed"] == "1"
    assert "Action items completed (1)" in [e.label for e in at.expander]


def test_no_earlier_snapshot_says_what_to_do(data_dir: Path) -> None:
    at = _page((("tracker.xlsx", v1_bytes()),))
    assert not at.exception
    assert "No earlier version" in at.info[0].value
    assert not data_dir.exists()  # the page only reads


def test_changes_read_earlier_to_later_with_dates_statuses_and_percents_as_elsewhere() -> None:
    """A snapshot kept today, looked at as of an older date, still reads from the earlier day to the later; the
    tables write dates, statuses and percents as the other pages do, never 2025-01-21 00:00:00, done or 71.67."""
    import datetime as dt
    import json

    from _two_versions import V2_AS_OF, v2_bytes

    earlier = [("tracker.xlsx", v1_bytes())]
    Store().take_snapshot(load_files(earlier), files_sha256(earlier), as_of=dt.date.today())
    at = _page((("tracker.xlsx", v2_bytes()),))
    at.session_state[ui_as_of()] = V2_AS_OF  # counted as of a day before the snapshot was kept
    at.run()
    assert not at.exception
    since, until = (dt.datetime.strptime(x, "%d %b %Y").date() for x in _caption_dates(at))
    assert since <= until == V2_AS_OF
    for table in at.dataframe:
        df, config = table.value, json.loads(table.proto.columns or "{}")
        for column in df.columns:
            if str(df[column].dtype).startswith("datetime64"):
                assert config[column]["type_config"]["format"].startswith("D MMM YYYY"), column
        for column in ("Status now", "Before"):
            if column in df:
                assert set(df[column]) <= {
                    "Done",
                    "In progress",
                    "Not started",
                    "Stalled",
                    "Cancelled",
                    "Not in the plan",
                }
        for column in ("Average percent complete before", "Average percent complete now"):
            if column in df:
                assert all(str(v).endswith("%") or v == "—" for v in df[column]), df[column]


def ui_as_of() -> str:
    from ngsp.app import state

    return state.AS_OF


def _caption_dates(at) -> tuple[str, str]:
    import re

    caption = next(c.value for c in at.caption if c.value.startswith("Changes from"))
    return re.fullmatch(r"Changes from (.+) to (.+)", caption).groups()
