"""Who may see what: the sign-in settings, the two roles, and the tracker a viewer may see.

No Streamlit here: the app hands in ``st.secrets`` as a plain dict. With nothing configured the app serves one
user on this computer, who is the convener. On a shared server ``[ngsp.auth]`` in ``.streamlit/secrets.toml``
turns on a shared password or OpenID Connect sign-in (Streamlit's ``st.login``), and gives each person a role:

- convener: everything, as on a laptop;
- viewer (a funder, a board member): aggregates only. ``redact`` builds the tracker they see, with no person's
  name, email, phone number or title anywhere in it, so every page, chart and export drawn from it is safe by
  construction. Viewers upload nothing, download no row-level files and write nothing to the local store.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib.util
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from ngsp.core.corrections import Corrections
from ngsp.core.model import Quality, Tracker

CONVENER = "convener"
VIEWER = "viewer"
ROLES = (CONVENER, VIEWER)
MODES = ("none", "password", "oidc")

MAX_SIGN_IN_FAILURES = 5
"""Wrong passwords allowed in one browser session before it must wait."""
SIGN_IN_WAIT_SECONDS = 60
"""How long a session waits after too many wrong passwords (each further failure starts the wait again)."""

# scrypt at n=2**14, r=8 takes ~50 ms and 16 MB: slow for guessing, quick for one sign-in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, KEY_BYTES = 16, 32
MIN_PASSWORD_LENGTH = 10
"""Shortest shared password `hash_password` accepts: it is the only thing between the web and the tracker."""

PERSON = "Person"  # people's names become "Person 1", "Person 2" ...
SOME_PARTNER = "a partner"  # an action-item owner whose organisation is not known
NAME_REMOVED, EMAIL_REMOVED, PHONE_REMOVED = "[name]", "[email]", "[phone]"


class AccessConfigError(ValueError):
    """The sign-in settings are wrong; ``str()`` says what to fix in secrets.toml."""


@dataclass(frozen=True)
class AuthSettings:
    """The ``[ngsp.auth]`` settings: how people sign in and which role each gets."""

    mode: str = "none"
    convener_password_hash: str = ""
    viewer_password_hash: str = ""
    conveners: tuple[str, ...] = ()  # OIDC: emails ("a@x.org") or whole domains ("*@x.org")
    viewers: tuple[str, ...] = ()
    provider: str = ""  # OIDC: a named provider ([auth.NAME]); "" = the default [auth] one


def _authlib_installed() -> bool:
    """OIDC sign-in needs Authlib (the ngsp[oidc] extra); st.login fails without it."""
    return importlib.util.find_spec("authlib") is not None


def settings(secrets_: Mapping | None) -> AuthSettings:
    """The sign-in settings from the app's secrets (``[ngsp.auth]``); none at all = one local convener."""
    secrets_ = secrets_ or {}
    ngsp = secrets_.get("ngsp") or {}
    section = ngsp.get("auth") or {} if isinstance(ngsp, Mapping) else None
    if not isinstance(section, Mapping):
        raise AccessConfigError("[ngsp.auth] must be a table of settings (mode = ..., and so on)")
    mode = str(section.get("mode", "none")).strip().lower() or "none"
    if mode not in MODES:
        raise AccessConfigError(f'[ngsp.auth] mode = "{mode}": use "none", "password" or "oidc"')
    s = AuthSettings(
        mode=mode,
        convener_password_hash=str(section.get("convener_password_hash", "")).strip(),
        viewer_password_hash=str(section.get("viewer_password_hash", "")).strip(),
        conveners=_patterns(section.get("conveners", ()), "conveners"),
        viewers=_patterns(section.get("viewers", ()), "viewers"),
        provider=str(section.get("provider", "")).strip(),
    )
    if mode == "password":
        if not (s.convener_password_hash or s.viewer_password_hash):
            raise AccessConfigError(
                "[ngsp.auth] mode is password but no convener_password_hash or viewer_password_hash is set: "
                "make one with `python -m ngsp hash-password`"
            )
        for key in ("convener_password_hash", "viewer_password_hash"):
            value = getattr(s, key)
            if value and _parse_hash(value) is None:
                raise AccessConfigError(
                    f"[ngsp.auth] {key} is not a hash made by `python -m ngsp hash-password` "
                    "(never put the password itself in secrets.toml)"
                )
    if mode == "oidc":
        auth = secrets_.get("auth") or {}
        if not (auth.get("redirect_uri") and auth.get("cookie_secret")):
            raise AccessConfigError(
                "[ngsp.auth] mode is oidc but Streamlit's [auth] section (redirect_uri, cookie_secret and the "
                "provider's client_id, client_secret, server_metadata_url) is missing from secrets.toml"
            )
        if not _authlib_installed():
            raise AccessConfigError(
                "[ngsp.auth] mode is oidc but Authlib, which Streamlit's sign-in needs, is not installed: "
                'install ngsp with pip install "ngsp[oidc]" (or pip install -r requirements.txt)'
            )
        if not (s.conveners or s.viewers):
            raise AccessConfigError(
                "[ngsp.auth] mode is oidc but nobody is given a role: list conveners and viewers "
                '(emails such as "a@partnership.org" or whole domains such as "*@funder.org")'
            )
    return s


def _patterns(value: object, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    try:
        out = tuple(str(v).strip().lower() for v in value if str(v).strip())
    except TypeError:
        raise AccessConfigError(f"[ngsp.auth] {key} must be a list of emails or *@domain entries") from None
    for p in out:
        if p.count("@") != 1 or "*" in p.replace("*@", "", 1 if p.startswith("*@") else 0):
            raise AccessConfigError(
                f'[ngsp.auth] {key}: "{p}" is not an email ("a@x.org") or a whole domain ("*@x.org")'
            )
    return out


# ---------------------------------------------------------------- passwords


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash of a shared password, to put in secrets.toml instead of the password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"use a password of at least {MIN_PASSWORD_LENGTH} characters")
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(key)}"


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=128 * r * n * p + 2**20
    )


_HASH = re.compile(r"scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)")


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    m = _HASH.fullmatch(stored.strip())
    if not m:
        return None
    n, r, p = (int(g) for g in m.groups()[:3])
    # bounded so a hand-edited hash cannot make each sign-in take minutes or gigabytes
    if not (2**10 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 4):
        return None
    try:
        salt, key = base64.b64decode(m[4], validate=True), base64.b64decode(m[5], validate=True)
    except ValueError:
        return None
    return (n, r, p, salt, key) if salt and len(key) >= 16 else None


def verify_password(password: str, stored: str) -> bool:
    """Whether the password matches a hash from `hash_password` (compared in constant time)."""
    parsed = _parse_hash(stored or "")
    if parsed is None or not password:
        return False
    n, r, p, salt, key = parsed
    return hmac.compare_digest(_scrypt(password, salt, n, r, p, len(key)), key)


def role_for_password(s: AuthSettings, password: str) -> str | None:
    """The role a shared password signs in as, or None when it matches neither."""
    if s.convener_password_hash and verify_password(password, s.convener_password_hash):
        return CONVENER
    if s.viewer_password_hash and verify_password(password, s.viewer_password_hash):
        return VIEWER
    return None


def sign_in_wait(failures: int, last_failure: float, now: float) -> float:
    """Seconds this session must still wait before trying a password again (0 = it may try now)."""
    if failures < MAX_SIGN_IN_FAILURES:
        return 0.0
    return max(0.0, last_failure + SIGN_IN_WAIT_SECONDS - now)


# ---------------------------------------------------------------- single sign-on (OIDC)


def _matches(email: str, pattern: str) -> bool:
    if pattern.startswith("*@"):
        return email.rsplit("@", 1)[-1] == pattern[2:]
    return email == pattern


def role_for_email(s: AuthSettings, email: str | None) -> str | None:
    """The role of a signed-in email: conveners first, then viewers; anybody else gets none."""
    email = (email or "").strip().lower()
    if email.count("@") != 1:
        return None
    if any(_matches(email, p) for p in s.conveners):
        return CONVENER
    if any(_matches(email, p) for p in s.viewers):
        return VIEWER
    return None


def role_for_user(s: AuthSettings, user: Mapping) -> str | None:
    """The role of a user signed in with OIDC (``st.user``): by email, and only an email the provider verified."""
    if not user.get("is_logged_in"):
        return None
    if user.get("email_verified") is False:  # some providers let anyone claim any address
        return None
    return role_for_email(s, user.get("email"))


def can_edit(role: str | None) -> bool:
    """Whether a role may upload, connect, correct and keep snapshots: only a convener."""
    return role == CONVENER


# ---------------------------------------------------------------- what a viewer sees

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w-])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{3})[\s.-]?\d{3,4}[\s.-]?\d{4}(?![\w-])"
)
_ID_COLUMNS = {"org_id", "person_id", "meeting_id", "item_id", "owner_person_id", "owner_org_id"}


class Scrubber:
    """Takes known people's names, and any email or phone number, out of free text."""

    def __init__(self, people: pd.DataFrame) -> None:
        names = {str(n).strip() for n in people["name"] if len(str(n).strip()) >= 2}
        phones = {str(p).strip() for p in people["phone"] if len(re.sub(r"\D", "", str(p))) >= 6}
        # a one-word name ("Ann") is taken out only as a whole word, so "Annapolis" survives
        words = sorted(names | phones, key=len, reverse=True)
        self._known = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I) if words else None
        )

    def __call__(self, text: object) -> str:
        text = str(text)
        if not text:
            return text
        text = _EMAIL.sub(EMAIL_REMOVED, text)
        if self._known is not None:
            text = self._known.sub(NAME_REMOVED, text)
        return _PHONE.sub(PHONE_REMOVED, text)

    def frame(self, df: pd.DataFrame, skip: set[str] = frozenset()) -> pd.DataFrame:
        """Every text column scrubbed (ids and the columns in ``skip`` as they are)."""
        text = lambda v: self(v) if isinstance(v, str) else v  # noqa: E731
        cols = {
            c: df[c].map(text)
            for c in df.columns
            if c not in _ID_COLUMNS | skip and (pd.api.types.is_string_dtype(df[c]) or df[c].dtype == object)
        }
        return df.assign(**cols) if cols and len(df) else df


def _blank(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return df.assign(**{c: "" for c in columns if c in df.columns}) if len(df) else df


def redact(t: Tracker) -> Tracker:
    """The tracker a viewer may see: no person's name, email, phone or title; owners shown as organisations.

    Organisations (their names are aggregates, and what funders ask about), meetings, counts, statuses and
    money stay. People become "Person 1", "Person 2" ...; free text (descriptions, meeting labels, the
    data-quality report) loses known names, emails and phone numbers; notes, the unmapped columns kept as JSON
    and the content of rejected rows (raw cells, names included) are emptied.
    """
    scrub = Scrubber(t.people)
    people = t.people.assign(
        name=[f"{PERSON} {i + 1}" for i in range(len(t.people))],
        email="",
        phone="",
        title="",
        extra="",
    ) if len(t.people) else t.people  # fmt: skip
    org_name = dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))
    items = t.action_items
    if len(items):
        owners = [
            org_name.get(o) or (SOME_PARTNER if str(w).strip() else "")
            for o, w in zip(items["owner_org_id"], items["owner"], strict=True)
        ]
        items = scrub.frame(_blank(items, "notes", "extra"), skip={"owner"}).assign(owner=owners)
    q = t.quality
    merges = q.merges[q.merges["kind"].astype(str).str.startswith("org")] if len(q.merges) else q.merges
    quality = Quality(
        sheets=scrub.frame(q.sheets),
        columns=scrub.frame(q.columns),
        merges=scrub.frame(merges.reset_index(drop=True)),
        rejected=scrub.frame(_blank(q.rejected, "content")),
        notes=tuple(scrub(n) for n in q.notes),
        corrections=scrub.frame(q.corrections),
        ledger=scrub.frame(q.ledger),
    )
    return replace(
        t,
        organizations=scrub.frame(t.organizations, skip={"name", "spellings"}),
        people=people,
        meetings=scrub.frame(_blank(t.meetings, "extra")),
        attendance=t.attendance,
        action_items=items,
        funding=scrub.frame(_blank(t.funding, "notes", "extra"), skip={"funder"}),
        quality=quality,
        name=scrub(t.name),
        files=tuple(scrub(f) for f in t.files),
        corrections=Corrections(),  # a viewer corrects nothing; the kept notes are free text
    )


def redact_diff(d, t: Tracker):
    """A ``ngsp.history.diff.Diff`` a viewer may see (``t``: the unredacted current tracker, for names and owners)."""
    scrub = Scrubber(t.people)
    owner_org = dict(zip(t.action_items["owner"], t.action_items["owner_org_id"], strict=True))
    org_name = dict(zip(t.organizations["org_id"], t.organizations["name"], strict=True))

    def items(df: pd.DataFrame) -> pd.DataFrame:
        if not len(df):
            return df
        owners = [
            org_name.get(owner_org.get(w, ""), "") or (SOME_PARTNER if str(w).strip() else "")
            for w in df["owner"]
        ]
        return scrub.frame(df, skip={"owner"}).assign(owner=owners)

    people = d.new_people
    if len(people):
        people = people.assign(name=[f"New {PERSON.lower()} {i + 1}" for i in range(len(people))], email="")
    return replace(
        d,
        new_people=people,
        new_items=items(d.new_items),
        completed=items(d.completed),
        started=items(d.started),
        stalled=items(d.stalled),
        overdue=items(d.overdue),
        meetings=scrub.frame(d.meetings),
    )
