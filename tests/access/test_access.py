"""Roles, sign-in settings and the viewer's tracker (ngsp.access), without Streamlit."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace

import pandas as pd
import pytest
from conftest import ROOT, SAMPLE

from ngsp import access
from ngsp.access import CONVENER, VIEWER, AccessConfigError, signin

PASSWORD, VIEWER_PASSWORD = "convener pass 1", "viewer pass 22"


@pytest.fixture(scope="module")
def hashes() -> tuple[str, str]:
    return access.hash_password(PASSWORD), access.hash_password(VIEWER_PASSWORD)


@pytest.fixture(scope="module")
def sample():
    from ngsp.ingest.pipeline import load_files

    return load_files([(SAMPLE.name, SAMPLE.read_bytes())])


def pii(t) -> set[str]:
    """Every name, email and phone number of a person in the tracker."""
    p = t.people
    return {v for col in ("name", "email", "phone") for v in p[col] if len(str(v).strip()) >= 2}


def all_text(t) -> str:
    frames = [t.organizations, t.people, t.meetings, t.attendance, t.action_items, t.funding]
    q = t.quality
    frames += [q.sheets, q.columns, q.merges, q.rejected, q.corrections, q.ledger]
    return "\n".join([df.to_csv(index=False) for df in frames] + list(q.notes) + [t.name, *t.files])


# ---------------------------------------------------------------- settings


def test_nothing_configured_is_one_local_convener():
    assert access.settings({}).mode == "none"
    assert access.settings(None).mode == "none"
    assert access.settings({"ngsp": {"auth": {}}}).mode == "none"


def test_password_mode_needs_a_hash_not_a_password(hashes):
    s = access.settings({"ngsp": {"auth": {"mode": "password", "convener_password_hash": hashes[0]}}})
    assert s.mode == "password" and s.convener_password_hash == hashes[0]
    with pytest.raises(AccessConfigError, match="hash-password"):
        access.settings({"ngsp": {"auth": {"mode": "password"}}})
    with pytest.raises(AccessConfigError, match="never put the password"):
        access.settings({"ngsp": {"auth": {"mode": "password", "convener_password_hash": PASSWORD}}})


def test_unknown_mode_is_refused():
    with pytest.raises(AccessConfigError, match='"none", "password" or "oidc"'):
        access.settings({"ngsp": {"auth": {"mode": "ldap"}}})
    with pytest.raises(AccessConfigError, match="must be a table"):
        access.settings({"ngsp": {"auth": "password"}})
    with pytest.raises(AccessConfigError, match="must be a table"):
        access.settings({"ngsp": "password"})


OIDC = {
    "auth": {"redirect_uri": "https://x.org/oauth2callback", "cookie_secret": "s" * 32},
    "ngsp": {"auth": {"mode": "oidc", "conveners": ["Ann@Partnership.org"], "viewers": ["*@funder.org"]}},
}


def test_oidc_needs_streamlits_auth_section_and_someone_with_a_role():
    s = access.settings(OIDC)
    assert s.conveners == ("ann@partnership.org",) and s.viewers == ("*@funder.org",)
    with pytest.raises(AccessConfigError, match=r"\[auth\] section"):
        access.settings({"ngsp": OIDC["ngsp"]})
    with pytest.raises(AccessConfigError, match="nobody is given a role"):
        access.settings({**OIDC, "ngsp": {"auth": {"mode": "oidc"}}})
    with pytest.raises(AccessConfigError, match="not an email"):
        access.settings({**OIDC, "ngsp": {"auth": {"mode": "oidc", "viewers": ["funder.org"]}}})
    with pytest.raises(AccessConfigError, match="not an email"):
        access.settings({**OIDC, "ngsp": {"auth": {"mode": "oidc", "viewers": ["*@*.org"]}}})


def test_oidc_without_authlib_says_how_to_install_it(monkeypatch):
    """Authlib is the ngsp[oidc] extra: a plain `pip install .` has no st.login, and the settings say so."""
    from ngsp.access import signin

    monkeypatch.setattr(signin, "_authlib_installed", lambda: False)
    with pytest.raises(AccessConfigError, match=r'Authlib.*pip install "ngsp\[oidc\]"'):
        access.settings(OIDC)
    # only sign-in by OIDC needs it
    assert access.settings({"ngsp": {"auth": {"mode": "none"}}}).mode == "none"


def test_roles_by_email():
    s = access.settings(OIDC)
    assert access.role_for_email(s, "ann@partnership.org") == CONVENER
    assert access.role_for_email(s, " ANN@partnership.org ") == CONVENER
    assert access.role_for_email(s, "bob@funder.org") == VIEWER
    assert access.role_for_email(s, "bob@evilfunder.org") is None
    assert access.role_for_email(s, "bob@funder.org.evil.com") is None
    assert access.role_for_email(s, "someone@partnership.org") is None  # not listed: refused
    assert access.role_for_email(s, "") is None and access.role_for_email(s, None) is None


def test_roles_of_signed_in_users():
    s = access.settings(OIDC)
    assert access.role_for_user(s, {"is_logged_in": True, "email": "bob@funder.org"}) == VIEWER
    assert access.role_for_user(s, {"is_logged_in": False, "email": "ann@partnership.org"}) is None
    assert access.role_for_user(s, {"email": "ann@partnership.org"}) is None
    unverified = {"is_logged_in": True, "email": "ann@partnership.org", "email_verified": False}
    assert access.role_for_user(s, unverified) is None


def test_only_a_convener_edits():
    assert access.can_edit(CONVENER)
    assert not access.can_edit(VIEWER) and not access.can_edit(None)


# ---------------------------------------------------------------- passwords


def test_password_hashes_are_salted_and_verified(hashes):
    convener, viewer = hashes
    assert convener.startswith("scrypt$") and PASSWORD not in convener
    assert access.hash_password(PASSWORD) != convener  # a fresh salt each time
    assert access.verify_password(PASSWORD, convener)
    assert not access.verify_password(PASSWORD + " ", convener)
    assert not access.verify_password("", convener)
    assert not access.verify_password(PASSWORD, "not a hash")
    s = access.AuthSettings(mode="password", convener_password_hash=convener, viewer_password_hash=viewer)
    assert access.role_for_password(s, PASSWORD) == CONVENER
    assert access.role_for_password(s, VIEWER_PASSWORD) == VIEWER
    assert access.role_for_password(s, "guess guess guess") is None


def test_short_passwords_are_refused():
    with pytest.raises(ValueError, match=str(access.MIN_PASSWORD_LENGTH)):
        access.hash_password("x" * (access.MIN_PASSWORD_LENGTH - 1))


def test_a_hash_cannot_ask_for_unbounded_work():
    assert signin._parse_hash("scrypt$1048576$8$1$c2FsdA==$" + "A" * 44) is not None
    assert signin._parse_hash("scrypt$2097152$8$1$c2FsdA==$" + "A" * 44) is None
    assert signin._parse_hash("scrypt$16384$64$1$c2FsdA==$" + "A" * 44) is None


def test_wrong_passwords_make_the_session_wait():
    now = 1000.0
    for failures in range(access.MAX_SIGN_IN_FAILURES):
        assert access.sign_in_wait(failures, now, now) == 0
    n = access.MAX_SIGN_IN_FAILURES
    assert access.sign_in_wait(n, now, now) == access.SIGN_IN_WAIT_SECONDS
    assert access.sign_in_wait(n, now, now + 10) == access.SIGN_IN_WAIT_SECONDS - 10
    assert access.sign_in_wait(n, now, now + access.SIGN_IN_WAIT_SECONDS) == 0


def test_hash_password_command_reads_stdin_not_argv():
    out = subprocess.run(
        [sys.executable, "-m", "ngsp", "hash-password"], input=PASSWORD + "\n", capture_output=True,
        text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    stored = out.stdout.strip()
    assert access.verify_password(PASSWORD, stored) and PASSWORD not in out.stdout
    short = subprocess.run(
        [sys.executable, "-m", "ngsp", "hash-password"], input="short\n", capture_output=True, text=True, cwd=ROOT
    )  # fmt: skip
    assert short.returncode == 2 and "at least" in short.stderr


# ---------------------------------------------------------------- what a viewer sees


def test_redacted_sample_holds_no_name_email_or_phone(sample):
    secret = pii(sample)
    assert len(secret) > 100
    text = all_text(access.redact(sample))
    leaked = sorted(s for s in secret if s.lower() in text.lower())
    assert not leaked, leaked[:10]
    assert sample.people["name"].iloc[0] in all_text(sample)  # the convener's tracker is untouched


def test_redaction_keeps_the_aggregates(sample):
    from ngsp.figures.summary import summary

    r = access.redact(sample)
    day = sample.meetings["date"].max().date()
    assert summary(r, day) == summary(sample, day)
    assert list(r.organizations["name"]) == list(sample.organizations["name"])
    assert len(r.people) == len(sample.people) and r.people["name"].iloc[0] == "Person 1"
    assert set(r.people["email"]) == {""} and set(r.people["phone"]) == {""}


def test_owners_become_their_organisation(tiny_tracker):
    r = access.redact(tiny_tracker)
    assert list(r.action_items["owner"]) == [
        "Acme Manufacturing", "County Workforce Board", "Beta Plastics", "Acme Manufacturing",
    ]  # fmt: skip
    unknown = tiny_tracker.action_items.assign(owner_org_id="")
    r = access.redact(replace(tiny_tracker, action_items=unknown))
    assert set(r.action_items["owner"]) == {access.SOME_PARTNER}


def test_free_text_loses_names_emails_and_phones(tiny_tracker):
    items = tiny_tracker.action_items.assign(
        description=[
            "Ann to call Bob",
            "Write to cara@example.org",
            "Ring (555) 123-4567",
            "Annapolis visit",
        ],
        notes="private notes",
    )
    r = access.redact(replace(tiny_tracker, action_items=items))
    assert list(r.action_items["description"]) == [
        "[name] to call [name]", "Write to [email]", "Ring [phone]", "Annapolis visit",
    ]  # fmt: skip
    assert set(r.action_items["notes"]) == {""}
    assert set(r.quality.rejected["content"]) == {""}
    assert r.quality.rejected["reason"].tolist() == tiny_tracker.quality.rejected["reason"].tolist()


def test_dates_are_not_taken_for_phone_numbers():
    scrub = access.Scrubber(pd.DataFrame({"name": [], "phone": []}))
    assert scrub("Due 2025-03-01, 2024-12-05 call") == "Due 2025-03-01, 2024-12-05 call"
    assert scrub("+1 608 555 0100 or 608.555.0100") == "[phone] or [phone]"


def test_redact_does_not_change_its_argument(tiny_tracker):
    before = tiny_tracker.people.copy()
    access.redact(tiny_tracker)
    assert tiny_tracker.people.equals(before)


def test_redacted_exports_hold_no_personal_data(sample):
    pytest.importorskip("pypdf")
    from pptx import Presentation
    from pypdf import PdfReader

    from ngsp import export

    r = access.redact(sample)
    day = sample.meetings["date"].max().date()
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(export.report_bytes(r, day))).pages)
    deck = Presentation(io.BytesIO(export.deck_bytes(r, day)))
    texts = [pdf]
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
            if getattr(shape, "has_chart", False) and shape.has_chart:
                for plot in shape.chart.plots:
                    texts += [str(c) for c in plot.categories]
                    texts += [s.name for s in plot.series]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    text = "\n".join(texts).lower()
    leaked = sorted(s for s in pii(sample) if s.lower() in text)
    assert not leaked, leaked[:10]


def test_a_viewers_since_last_meeting_names_nobody():
    from _two_versions import V1_AS_OF, V2_AS_OF, v1_bytes, v2_bytes

    from ngsp.history import diff
    from ngsp.ingest.pipeline import load_files

    old, new = load_files([("t.xlsx", v1_bytes())]), load_files([("t.xlsx", v2_bytes())])
    d = diff.diff(old, new, V2_AS_OF, V1_AS_OF)
    assert "Eva Fox" in set(d.new_people["name"])  # the convener sees who joined
    r = access.redact_diff(d, new)
    secret = pii(new) | pii(old)
    text = "\n".join(df.to_csv(index=False) for _, df in diff.sections(r)) + "\n".join(diff.headlines(r))
    leaked = sorted(s for s in secret if s.lower() in text.lower())
    assert not leaked, leaked
    assert r.counts() == d.counts()  # the same changes, counted the same
    assert set(r.completed["owner"]) <= set(new.organizations["name"]) | {access.SOME_PARTNER, ""}


# ---------------------------------------------------------------- guesses counted by client address


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_passwords_are_counted_by_address_across_sessions_with_a_growing_wait():
    """The per-session lockout let a client reconnect for 160-260 guesses a minute."""
    clock = _Clock()
    limit = access.SignInLimiter(clock)
    for _ in range(access.MAX_SIGN_IN_FAILURES - 1):
        limit.failed("203.0.113.7")  # each from a new session: the address is what counts
    assert limit.wait("203.0.113.7") == 0
    limit.failed("203.0.113.7")
    assert limit.wait("203.0.113.7") == access.SIGN_IN_WAIT_SECONDS
    assert limit.wait("203.0.113.8") == 0  # another client is not held up
    waits = []
    for _ in range(8):
        clock.now += limit.wait("203.0.113.7")
        limit.failed("203.0.113.7")
        waits.append(limit.wait("203.0.113.7"))
    assert waits[:3] == [120, 240, 480] and waits[-1] == access.MAX_SIGN_IN_WAIT_SECONDS
    limit.succeeded("203.0.113.7")
    assert limit.wait("203.0.113.7") == 0


def test_an_ipv6_client_is_counted_by_its_64_network():
    limit = access.SignInLimiter(_Clock())
    for i in range(access.MAX_SIGN_IN_FAILURES):
        limit.failed(f"2001:db8:1:2::{i + 1:x}")  # a fresh address each time, in one /64
    assert limit.wait("2001:db8:1:2::ffff") > 0 and limit.wait("2001:db8:1:3::1") == 0
    assert access.address_key("::ffff:198.51.100.4") == "198.51.100.4"
    assert access.address_key(None) is None and access.address_key("not an address") is None


def test_failures_are_forgotten_after_a_day_and_memory_is_bounded(monkeypatch):
    from ngsp.access import signin

    clock = _Clock()
    limit = access.SignInLimiter(clock)
    for _ in range(access.MAX_SIGN_IN_FAILURES):
        limit.failed("192.0.2.1")
    clock.now += signin.FORGET_FAILURES_SECONDS + 1
    assert limit.wait("192.0.2.1") == 0
    monkeypatch.setattr(signin, "MAX_TRACKED_ADDRESSES", 3)
    for i in range(10):
        limit.failed(f"192.0.2.{i + 10}")
    assert len(limit._seen) == 3
