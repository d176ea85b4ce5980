"""The shared tracker on a server ([ngsp] tracker): each fetch whose bytes changed is kept as a snapshot, so a
funder's Overview and "Since last meeting" page show what changed since the last meeting, redacted as everything
else a funder sees."""

from __future__ import annotations

import os
from pathlib import Path

from _two_versions import V2_AS_OF, v1_bytes, v2_bytes
from test_app_roles import VIEWER_PW, leaks, new_app, password_secrets, rendered, sign_in, visit  # noqa: F401

from ngsp.app import loading, state
from ngsp.history.store import Store
from ngsp.ingest.pipeline import load_files


def test_funders_see_what_changed_in_the_shared_tracker_since_the_last_meeting(password_secrets):  # noqa: F811
    data_dir = Path(os.environ["NGSP_DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    shared = data_dir / "partnership.xlsx"
    shared.write_bytes(v1_bytes())
    settings = {**password_secrets, "tracker": str(shared)}
    secret = {
        str(v) for b in (v1_bytes(), v2_bytes()) for c in ("name", "email")
        for v in load_files([("t.xlsx", b)]).people[c] if len(str(v)) >= 2
    }  # fmt: skip

    funder = sign_in(new_app(settings), VIEWER_PW)
    assert "Since last meeting" not in [h.value for h in funder.header]
    assert len(Store(read_only=True).list_snapshots()) == 1, "the server kept the first fetch"

    shared.write_bytes(v2_bytes())  # the convener updated the shared tracker after the meeting
    loading._fetch_shared.clear()  # the next fetch (every few minutes) sees the new bytes
    funder = sign_in(new_app(settings), VIEWER_PW)
    funder.session_state[state.AS_OF] = V2_AS_OF
    funder.run()
    assert len(Store(read_only=True).list_snapshots()) == 2, "each fetch whose bytes changed is kept"
    assert "Since last meeting" in [h.value for h in funder.header]
    assert {m.label: m.value for m in funder.metric}["Action items completed"] == "1"
    assert not leaks(rendered(funder), secret)
    visit(funder, "since_last_meeting")
    assert not funder.exception and funder.expander, "the changes are listed"
    assert not any("No earlier version" in i.value for i in funder.info)
    assert not leaks(rendered(funder), secret)
