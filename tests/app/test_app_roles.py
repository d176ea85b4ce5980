"""Sign-in and roles in the app (AppTest): no sign-in by default, a shared password, OIDC, and what a viewer sees.

A viewer (a funder) must meet no person's name, email or phone number anywhere: page text, tables, chart
labels, the slides and the report. The convener sees everything, as on a laptop.
"""

from __future__ import annotations

import tomllib

import pytest
from _pages import PAGES
from conftest import ROOT, SAMPLE
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from ngsp import access
from ngsp.app import signin, state, widgets

CONVENER_PW, VIEWER_PW = "convener secret 1", "funder secret 22"


@pytest.fixture(scope="module")
def password_secrets() -> dict:
    return {
        "auth": {
            "mode": "password",
            "convener_password_hash": access.hash_password(CONVENER_PW),
            "viewer_password_hash": access.hash_password(VIEWER_PW),
        }
    }


@pytest.fixture(scope="module")
def pii() -> set[str]:
    """Every name, email and phone number of a person in the sample tracker."""
    from ngsp.ingest.pipeline import load_files

    p = load_files([(SAMPLE.name, SAMPLE.read_bytes())]).people
    return {str(v) for col in ("name", "email", "phone") for v in p[col] if len(str(v).strip()) >= 2}


def new_app(ngsp: dict | None = None, user: dict | None = None, auth: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if ngsp is not None:
        at.secrets["ngsp"] = ngsp
    if auth is not None:
        at.secrets["auth"] = auth
    if user is not None:
        at.user = user
    return at.run()


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key=state.W_PASSWORD).input(password)
    at.button[0].click()
    return at.run()


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    return at.run()


def rendered(at: AppTest) -> str:
    """Everything the browser is sent for this run: every element and block, every table's cells, as text."""
    out = []
    for node in at._tree:
        if getattr(node, "proto", None) is not None:
            out.append(text_format.MessageToString(node.proto, as_utf8=True))
        if getattr(node, "type", "") in ("arrow_data_frame", "dataframe"):
            out.append(node.value.to_csv())
    return "\n".join(out)


def leaks(text: str, pii: set[str]) -> list[str]:
    low = text.lower()
    return sorted(s for s in pii if s.lower() in low)


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.get("download_button")}


# ---------------------------------------------------------------- by default: one local convener


def test_nothing_configured_asks_nothing_and_shows_everything(pii):
    at = new_app()
    assert titles(at) == ["Overview"] and not at.exception
    assert at.session_state[state.ROLE] == access.CONVENER
    assert at.sidebar.file_uploader
    assert not [b for b in at.button if b.key == "w.sign_out"]
    visit(at, "priorities")
    assert leaks(rendered(at), pii), "the convener sees the owners' names"
    visit(at, "data_quality")
    assert "Download the clean tracker (Excel)" in labels(at)


# ---------------------------------------------------------------- a shared password


def test_password_mode_shows_nothing_before_sign_in(password_secrets, pii):
    at = new_app(password_secrets)
    assert titles(at) == [signin.SIGN_IN_TITLE]
    assert not at.sidebar.file_uploader and not at.get("plotly_chart") and not at.metric
    assert not leaks(rendered(at), pii)
    at.session_state[state.SOURCE] = ((SAMPLE.name, SAMPLE.read_bytes()),)
    for page in PAGES:  # a page asked for directly (as a fresh server may run it) draws no tracker
        visit(at, page)
        assert not at.dataframe and not at.metric and not at.get("plotly_chart"), page
        assert not leaks(rendered(at), pii), page


def test_a_wrong_password_is_refused_and_too_many_make_the_session_wait(password_secrets):
    at = new_app(password_secrets)
    sign_in(at, "not the password")
    assert titles(at) == [signin.SIGN_IN_TITLE]
    assert any("not right" in e.value for e in at.error)
    for _ in range(access.MAX_SIGN_IN_FAILURES - 1):
        sign_in(at, "still not it")
    assert any("Too many wrong passwords" in w.value for w in at.warning)
    assert at.button[0].disabled  # (and the callback checks the wait too, whatever a browser sends)
    at.session_state[state.SIGN_IN_LAST_FAILURE] = 0.0  # the wait is over
    at.run()
    sign_in(at, CONVENER_PW)
    assert titles(at) == ["Overview"]


def test_the_convener_password_opens_everything_and_signs_out(password_secrets, pii):
    at = sign_in(new_app(password_secrets), CONVENER_PW)
    assert titles(at) == ["Overview"] and at.session_state[state.ROLE] == access.CONVENER
    assert at.sidebar.file_uploader
    assert {"Download slides (PowerPoint)", "Download the report (PDF)"} <= labels(at)
    visit(at, "engagement")
    assert any("(CSV)" in label for label in labels(at))
    at.button(key="w.sign_out").click().run()
    assert titles(at) == [signin.SIGN_IN_TITLE] and at.session_state[state.ROLE] is None


def test_the_viewer_password_shows_aggregates_only(password_secrets, pii):
    at = sign_in(new_app(password_secrets), VIEWER_PW)
    assert titles(at) == ["Overview"] and at.session_state[state.ROLE] == access.VIEWER
    assert not at.sidebar.file_uploader, "viewers upload nothing"
    assert not [t for t in at.sidebar.text_input if t.key == state.W_CONNECT], "nor connect a tracker"
    assert at.metric, "the figures are all there"
    for page in PAGES:
        visit(at, page)
        assert titles(at)[:1] == [page.replace("_", " ").capitalize()] or page == "since_last_meeting"
        assert not at.exception and not [e for e in at.error if widgets.PAGE_FAILED in e.value]
        leaked = leaks(rendered(at), pii)
        assert not leaked, f"{page} shows {leaked[:5]}"
        assert not any("(CSV)" in label or "clean tracker" in label for label in labels(at)), page
        if page in ("engagement", "cadence", "priorities", "sustainability"):
            assert at.get("plotly_chart"), f"{page} drew no chart for the viewer"
    visit(at, "overview")
    assert {"Download slides (PowerPoint)", "Download the report (PDF)"} <= labels(at)
    # presentation mode: every slide
    at.button(key="w.present").click().run()
    from ngsp.figures import charts

    for _ in charts.SLIDES:
        assert not leaks(rendered(at), pii)
        at.button(key="w.next").click().run()


def test_the_viewer_writes_nothing_to_the_local_store(password_secrets, monkeypatch):
    from ngsp.history import store

    def refuse(*args, **kwargs):
        raise AssertionError("a viewer's session wrote to the store")

    monkeypatch.setattr(store.Store, "take_snapshot", refuse)
    monkeypatch.setattr(store.Store, "save_corrections", refuse)
    at = sign_in(new_app(password_secrets), VIEWER_PW)
    for page in PAGES:
        visit(at, page)
        assert not at.exception


def test_broken_sign_in_settings_show_nothing():
    at = new_app({"auth": {"mode": "password", "convener_password_hash": "plain text password"}})
    assert any(e.value == signin.NOT_SET_UP for e in at.error)
    assert not at.metric and not at.sidebar.file_uploader
    assert "plain text password" not in rendered(at)


# ---------------------------------------------------------------- single sign-on (OIDC)

OIDC_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-some-length",
    "client_id": "ngsp-test",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}
OIDC = {"auth": {"mode": "oidc", "conveners": ["convener@partnership.org"], "viewers": ["*@funder.org"]}}


def test_oidc_asks_to_sign_in():
    at = new_app(OIDC, user={"is_logged_in": False}, auth=OIDC_AUTH)
    assert titles(at) == [signin.SIGN_IN_TITLE]
    assert at.button(key="w.login").label == "Sign in"
    assert not at.metric


def test_oidc_roles_follow_the_email(pii):
    at = new_app(OIDC, user={"is_logged_in": True, "email": "convener@partnership.org"}, auth=OIDC_AUTH)
    assert titles(at) == ["Overview"] and at.sidebar.file_uploader
    at = new_app(OIDC, user={"is_logged_in": True, "email": "board@funder.org"}, auth=OIDC_AUTH)
    assert titles(at) == ["Overview"] and not at.sidebar.file_uploader
    visit(at, "priorities")
    assert not leaks(rendered(at), pii)


def test_oidc_refuses_an_address_without_a_role():
    at = new_app(OIDC, user={"is_logged_in": True, "email": "someone@elsewhere.org"}, auth=OIDC_AUTH)
    assert titles(at) == [signin.SIGN_IN_TITLE]
    assert any("has not been shared with that address" in e.value for e in at.error)
    assert at.button(key="w.logout") and not at.metric


# ---------------------------------------------------------------- serving settings


def test_streamlit_config_is_set_for_serving():
    from ngsp.core import limits

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == limits.MAX_FILE_BYTES
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"].get("enableCORS", True) is True
    assert config["server"]["address"] == "localhost"  # one user on this computer unless a proxy serves it
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["browser"]["gatherUsageStats"] is False


def test_secrets_stay_out_of_git_and_the_example_is_valid():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".streamlit/secrets.toml" in ignored
    example = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text())
    s = access.settings(example)
    assert s.mode in access.MODES


def test_the_deployment_guides_csp_allows_streamlits_inline_script():
    """The deployment guide's Content-Security-Policy names Streamlit's one inline script by hash: recompute it
    when Streamlit's index.html changes (this test says so)."""
    import base64
    import hashlib
    import re
    from pathlib import Path

    import streamlit

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    for script in re.findall(r"<script>(.*?)</script>", index, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in guide, (
            f"docs/deployment.md's CSP: use 'sha256-{digest}' for Streamlit's inline script"
        )


def test_a_viewer_comparing_with_a_kept_snapshot_sees_no_names(password_secrets):
    """Were a viewer shown a real tracker with snapshots kept (the convener's server), the changes name nobody."""

    from _two_versions import V1_AS_OF, V2_AS_OF, v1_bytes, v2_bytes

    from ngsp.history.store import Store, files_sha256
    from ngsp.ingest.pipeline import load_files

    old_files, new_files = [("t.xlsx", v1_bytes())], (("t.xlsx", v2_bytes()),)
    old, new = load_files(old_files), load_files(list(new_files))
    Store().take_snapshot(old, files_sha256(old_files), as_of=V1_AS_OF, keep=True)
    secret = {str(v) for t in (old, new) for c in ("name", "email") for v in t.people[c] if len(str(v)) >= 2}

    at = sign_in(new_app(password_secrets), VIEWER_PW)
    at.session_state[state.SOURCE] = new_files
    at.session_state[state.AS_OF] = V2_AS_OF
    visit(at, "since_last_meeting")
    assert not at.exception and at.expander, "the changes are listed"
    assert not leaks(rendered(at), secret)
    visit(at, "overview")
    assert not leaks(rendered(at), secret)

    convener = sign_in(new_app(password_secrets), CONVENER_PW)
    convener.session_state[state.SOURCE] = new_files
    convener.session_state[state.AS_OF] = V2_AS_OF
    visit(convener, "since_last_meeting")
    assert "Eva Fox" in rendered(convener)


def test_a_server_shows_everybody_its_shared_tracker(password_secrets):
    """[ngsp] tracker names the partnership's tracker (here a file in the data folder): funders see it, redacted."""
    import os
    from pathlib import Path

    from _two_versions import v2_bytes

    from ngsp.ingest.pipeline import load_files

    data_dir = Path(os.environ["NGSP_DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "partnership.xlsx").write_bytes(v2_bytes())
    t = load_files([("partnership.xlsx", v2_bytes())])
    secret = {str(v) for c in ("name", "email") for v in t.people[c] if len(str(v)) >= 2}
    settings = {**password_secrets, "tracker": str(data_dir / "partnership.xlsx")}

    at = sign_in(new_app(settings), VIEWER_PW)
    assert any("partnership's tracker" in c.value for c in at.sidebar.caption)
    for page in ("overview", "engagement", "priorities"):
        visit(at, page)
        text = rendered(at)
        assert "Echo Robotics" in text or page != "engagement", "the shared tracker is the one shown"
        assert not leaks(text, secret), page

    broken = sign_in(new_app({**settings, "tracker": str(data_dir / "missing.xlsx")}), CONVENER_PW)
    assert broken.error and "missing.xlsx" in broken.error[0].value
    assert titles(broken) == ["Overview"], "the sample is shown meanwhile"


def test_wrong_passwords_are_counted_per_address_across_sessions(password_secrets, monkeypatch):
    """Reconnecting started the count afresh (160-260 guesses a minute): a new session from the same address
    waits as the old one did, and another address does not."""
    monkeypatch.setattr(signin, "_client", lambda: "203.0.113.7")
    signin._limiter.clear()
    at = new_app(password_secrets)
    for _ in range(access.MAX_SIGN_IN_FAILURES):
        sign_in(at, "not the password")
    fresh = new_app(password_secrets)  # a new browser session, same address
    assert any("Too many wrong passwords" in w.value for w in fresh.warning)
    assert fresh.button[0].disabled  # (and the callback checks the address's wait too)
    monkeypatch.setattr(signin, "_client", lambda: "198.51.100.9")
    assert titles(sign_in(new_app(password_secrets), CONVENER_PW)) == ["Overview"]
    signin._limiter.clear()
