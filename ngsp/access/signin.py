"""Signing in: the ``[ngsp.auth]`` settings, the two roles, shared-password hashes and OIDC roles.

No Streamlit here: the app hands in ``st.secrets`` as a plain dict.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib.util
import ipaddress
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass

CONVENER = "convener"
VIEWER = "viewer"
ROLES = (CONVENER, VIEWER)
MODES = ("none", "password", "oidc")

MAX_SIGN_IN_FAILURES = 5
"""Wrong passwords allowed in one browser session before it must wait."""
SIGN_IN_WAIT_SECONDS = 60
"""How long a session waits after too many wrong passwords (each further failure starts the wait again)."""
MAX_SIGN_IN_WAIT_SECONDS = 3600
"""Longest wait for one client address: from there on each further wrong password waits this long."""
FORGET_FAILURES_SECONDS = 24 * 3600
"""A client address's wrong passwords are forgotten after a day without one."""
MAX_TRACKED_ADDRESSES = 10_000
"""Most client addresses remembered at once (the oldest forgotten first), so guessing costs no memory."""

# scrypt at n=2**14, r=8 takes ~50 ms and 16 MB: slow for guessing, quick for one sign-in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, KEY_BYTES = 16, 32
MIN_PASSWORD_LENGTH = 10
"""Shortest shared password `hash_password` accepts: it is the only thing between the web and the tracker."""


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


def address_key(ip: str | None) -> str | None:
    """Whose guesses these are: the client's IPv4 address, or the /64 network of an IPv6 one (one household
    or server gets a whole /64, so counting single IPv6 addresses would let it try billions); None for an
    address that is not one (a local connection: Streamlit gives no address for loopback)."""
    try:
        addr = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return str(addr.ipv4_mapped)
        return str(ipaddress.ip_network(f"{addr}/64", strict=False))
    return str(addr)


class SignInLimiter:
    """Wrong shared passwords counted per client address across all sessions, with a growing wait.

    The per-session count alone let anyone reconnect and try again (160-260 guesses a minute). Here, after
    MAX_SIGN_IN_FAILURES wrong passwords from one address, it waits SIGN_IN_WAIT_SECONDS, and each further
    wrong one doubles the wait (up to MAX_SIGN_IN_WAIT_SECONDS). A right password clears the address. One
    object serves the whole server (the app keeps it as a shared resource); it is thread-safe.
    """

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, tuple[int, float]] = OrderedDict()  # key -> (failures, last failure)

    def wait(self, ip: str | None) -> float:
        """Seconds this address must still wait before a password is checked (0 = now)."""
        key = address_key(ip)
        if key is None:
            return 0.0
        with self._lock:
            failures, last = self._seen.get(key, (0, 0.0))
        return _address_wait(failures, last, self._clock())

    def failed(self, ip: str | None) -> None:
        """Count a wrong password from this address."""
        key = address_key(ip)
        if key is None:
            return
        now = self._clock()
        with self._lock:
            failures, last = self._seen.pop(key, (0, 0.0))
            if now - last > FORGET_FAILURES_SECONDS:
                failures = 0
            self._seen[key] = (failures + 1, now)  # the most recent last, so the oldest go first
            while len(self._seen) > MAX_TRACKED_ADDRESSES:
                self._seen.popitem(last=False)

    def succeeded(self, ip: str | None) -> None:
        """A right password: this address starts afresh."""
        key = address_key(ip)
        if key is not None:
            with self._lock:
                self._seen.pop(key, None)


def _address_wait(failures: int, last_failure: float, now: float) -> float:
    if failures < MAX_SIGN_IN_FAILURES or now - last_failure > FORGET_FAILURES_SECONDS:
        return 0.0
    wait = min(SIGN_IN_WAIT_SECONDS * 2 ** min(failures - MAX_SIGN_IN_FAILURES, 20), MAX_SIGN_IN_WAIT_SECONDS)
    return max(0.0, last_failure + wait - now)


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
