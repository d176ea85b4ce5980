"""The sign-in gate: nothing configured is one local convener; a shared password or OIDC sign-in gives each person
a role (``ngsp.access``), and shows only the sign-in until then."""

from __future__ import annotations

import logging
import math
import time

import streamlit as st

from ngsp import access
from ngsp.app import loading, state, widgets

log = logging.getLogger(__name__)


def _sign_out() -> None:
    for key, value in state.DEFAULTS.items():  # forget this user's tracker and choices, not just the role
        st.session_state[key] = value
    st.session_state[state.UPLOAD_ROUND] = st.session_state.get(state.UPLOAD_ROUND, 0) + 1


@st.cache_resource
def _limiter() -> access.SignInLimiter:
    """One count of wrong passwords per client address for the whole server: a new session (a reconnect) does
    not start the count afresh."""
    return access.SignInLimiter()


def _client() -> str | None:
    """The client's address as Streamlit gives it (behind a proxy, from X-Forwarded-For; see docs/deployment.md);
    None for a local connection."""
    try:
        return st.context.ip_address
    except Exception:  # noqa: BLE001 - no address is no address, never a failed sign-in
        return None


def _wait(now: float) -> float:
    """Seconds before a password is checked again: the longer of this session's and this address's waits."""
    session = access.sign_in_wait(
        st.session_state[state.SIGN_IN_FAILURES], st.session_state[state.SIGN_IN_LAST_FAILURE], now
    )
    return max(session, _limiter().wait(_client()))


def _on_password(s: access.AuthSettings) -> None:
    now = time.time()
    if _wait(now):
        return  # still waiting: the password is not even checked
    chosen = access.role_for_password(s, st.session_state.get(state.W_PASSWORD, "") or "")
    st.session_state[state.W_PASSWORD] = ""
    if chosen is None:
        st.session_state[state.SIGN_IN_FAILURES] += 1
        st.session_state[state.SIGN_IN_LAST_FAILURE] = now
        _limiter().failed(_client())
        log.warning("a wrong shared password (%d in this session)", st.session_state[state.SIGN_IN_FAILURES])
    else:
        st.session_state[state.SIGN_IN_FAILURES] = 0
        _limiter().succeeded(_client())
        st.session_state[state.ROLE] = chosen


SIGN_IN_TITLE = "Sign in"
NOT_SET_UP = (
    "This dashboard's sign-in is not set up correctly, so it shows nothing. "
    "Whoever runs it will find what to fix in the server's log."
)


def _password_form(s: access.AuthSettings) -> None:
    st.title(SIGN_IN_TITLE)
    wait = _wait(time.time())
    with st.form("w.sign_in"):
        st.text_input(
            "Password", type="password", key=state.W_PASSWORD, help="The convener gave you this password."
        )
        st.form_submit_button("Sign in", type="primary", on_click=_on_password, args=(s,), disabled=wait > 0)
    if wait > 0:
        st.warning(f"Too many wrong passwords. Try again in {math.ceil(wait)} seconds.", icon="⏳")
    elif st.session_state[state.SIGN_IN_FAILURES]:
        st.error("That password is not right. Ask the partnership's convener for it.", icon="🔒")


def sign_in() -> bool:
    """The sign-in gate: True when the user may see the dashboard (their role is set), else it draws the
    sign-in screen. Nothing configured: one local convener, nothing asked."""
    try:
        s = access.settings(loading.server_secrets())
    except access.AccessConfigError as e:
        log.error("sign-in is not set up correctly: %s", e)
        st.session_state[state.ROLE] = None
        st.error(NOT_SET_UP, icon="⚠️")
        return False
    if s.mode == "none":
        st.session_state[state.ROLE] = access.CONVENER
        return True
    if s.mode == "password":
        if st.session_state[state.ROLE] in access.ROLES:
            return True
        _password_form(s)
        return False
    user = st.user.to_dict()
    st.session_state[state.ROLE] = access.role_for_user(s, user)
    if st.session_state[state.ROLE] is not None:
        return True
    st.title(SIGN_IN_TITLE)
    if not user.get("is_logged_in"):
        st.write("Sign in with your organisation's account to see the partnership's dashboard.")
        st.button("Sign in", key="w.login", type="primary", on_click=st.login, args=(s.provider or None,))
    else:
        st.error(
            f"You are signed in as {widgets.esc(user.get('email') or 'an account without an email address')}, but this "
            "dashboard has not been shared with that address. Ask the partnership's convener to add it.",
            icon="🔒",
        )
        st.button("Sign out", key="w.logout", on_click=st.logout)
    return False


def account(container=None) -> None:
    """Who is signed in, and a Sign out button (nothing when sign-in is off)."""
    try:
        mode = access.settings(loading.server_secrets()).mode
    except access.AccessConfigError:
        return
    if mode == "none":
        return
    box = container or st.sidebar
    who = "convener" if state.role() == access.CONVENER else "viewer (figures only, no names)"
    if mode == "oidc":
        box.caption(f"Signed in as {widgets.esc(st.user.get('email') or '')} · {who}")
        box.button("Sign out", key="w.sign_out", on_click=st.logout)
    else:
        box.caption(f"Signed in as {who}")
        box.button("Sign out", key="w.sign_out", on_click=_sign_out)
