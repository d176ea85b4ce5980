"""Session state: every key as a named constant, initialised in one place, and the small reads and callbacks on it.

Session state holds data, not widgets: the files being shown, the as-of date and the filters live under the
constants below, and widgets copy into them when the user changes something. So the choice survives pages
that do not draw the sidebar (presentation mode), and every user of the server has their own.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

# Nothing heavy is imported here (no pandas): the frame reads these keys before the page and its figures load.

# Session-state keys: data (initialised in init_state) ...
SOURCE = "ngsp.source"  # tuple of (file name, bytes) uploaded, or None for the bundled sample
UPLOAD_ROUND = "ngsp.upload_round"  # bumped to give the uploader a fresh, empty key
AS_OF = "ngsp.as_of"
DATES = "ngsp.dates"  # (start, end) or None for everything
PRIORITIES = "ngsp.priorities"  # list of names; empty = all
PARTNER_TYPES = "ngsp.partner_types"  # list of org types; empty = all
MIN_MINUTES = "ngsp.min_minutes"  # an online attendance shorter than this is not counted (0 counts all)
TARGET = "ngsp.target"  # full partnership meetings a quarter
PRESENTING = "ngsp.presenting"
SLIDE = "ngsp.slide"
CONNECTED = "ngsp.connected"  # the path or link fetched from; None for an upload or the sample
CONNECT_PROBLEM = "ngsp.connect_problem"  # why the last Connect or Refresh failed, or ""
CORRECTIONS_PROBLEM = "ngsp.corrections_problem"  # why the last correction could not be kept, or ""
CORRECTIONS_ROUND = "ngsp.corrections_round"  # bumped to give the corrections uploader a fresh, empty key
SNAPSHOT_PROBLEM = "ngsp.snapshot_problem"  # why the last rename or delete failed, or ""
KEEP = "ngsp.keep"  # keep a dated snapshot of each load: None follows NGSP_KEEP_SNAPSHOTS, else True/False
ROLE = "ngsp.role"  # "convener" or "viewer" once signed in (ngsp.access); None = not signed in
SIGN_IN_FAILURES = "ngsp.sign_in_failures"  # wrong passwords in this session
SIGN_IN_LAST_FAILURE = "ngsp.sign_in_last_failure"  # time.time() of the latest one
UPLOADED = "ngsp.uploaded"  # every file uploaded or fetched, before newer versions replaced older ones
REPLACED = "ngsp.replaced"  # ngsp.history.versions.Replacement of each file a newer version replaced
TOGETHER = (
    "ngsp.together"  # pairs of file names the convener said make one tracker (the undo of a replacement)
)
# ... and the widgets that edit them (prefix "w."; their values are copied into the data keys).
W_MIN_MINUTES = "w.min_minutes"
W_UPLOAD, W_AS_OF, W_DATES, W_PRIORITIES, W_TYPES, W_TARGET = (
    "w.upload", "w.as_of", "w.dates", "w.priorities", "w.partner_types", "w.target",
)  # fmt: skip
W_CONNECT = "w.connect"
W_CORR = "w.corr"  # prefix of the correction widgets
W_KEEP, W_SNAPSHOT, W_SNAPSHOT_NAME = "w.keep", "w.snapshot", "w.snapshot.name"
W_PASSWORD = "w.password"
W_NAME = "w.name"  # the partnership's name (suffixed with the source's fingerprint)

DEFAULTS = {
    SOURCE: None,
    UPLOAD_ROUND: 0,
    AS_OF: None,  # None = today, so an open session rolls over at midnight
    DATES: None,
    PRIORITIES: [],
    PARTNER_TYPES: [],
    MIN_MINUTES: 0,
    TARGET: None,  # None = the partnership model's target (ngsp.figures.thresholds.FULL_MEETINGS_PER_QUARTER)
    PRESENTING: False,
    SLIDE: 0,
    CONNECTED: None,
    CONNECT_PROBLEM: "",
    CORRECTIONS_PROBLEM: "",
    CORRECTIONS_ROUND: 0,
    SNAPSHOT_PROBLEM: "",
    KEEP: None,
    ROLE: None,
    SIGN_IN_FAILURES: 0,
    SIGN_IN_LAST_FAILURE: 0.0,
    UPLOADED: (),
    REPLACED: (),
    TOGETHER: frozenset(),
}


def init_state() -> None:
    """Give every data key its default once per session."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


def as_of() -> dt.date:
    """The date every figure is counted as of (default today)."""
    return st.session_state[AS_OF] or dt.date.today()


def min_minutes() -> float:
    """The shortest online attendance counted, in minutes (0 counts every one)."""
    return float(st.session_state.get(MIN_MINUTES) or 0)


def target() -> int:
    """Full partnership meetings wanted each quarter (the sidebar's choice, else the model's target)."""
    if st.session_state[TARGET] is None:
        from ngsp.figures.thresholds import FULL_MEETINGS_PER_QUARTER

        return FULL_MEETINGS_PER_QUARTER
    return int(st.session_state[TARGET])


def show_files(
    files: tuple[tuple[str, bytes], ...], everything: tuple[tuple[str, bytes], ...], replaced
) -> None:
    """Show these files (None for none), chosen from everything uploaded or fetched; ``replaced`` says which
    older versions newer ones replaced (the sidebar says so, with an undo)."""
    st.session_state[SOURCE] = files or None
    st.session_state[UPLOADED] = everything
    st.session_state[REPLACED] = tuple(replaced)


def read_together() -> None:
    """Undo a replacement (a button callback): the files replaced are parts of one tracker, read them all."""
    pairs = {frozenset((r.older, r.newer)) for r in st.session_state[REPLACED]}
    st.session_state[TOGETHER] = st.session_state[TOGETHER] | pairs
    st.session_state[SOURCE] = st.session_state[UPLOADED] or None
    st.session_state[REPLACED] = ()


def keep_snapshots() -> bool:
    """Whether each load is kept as a dated snapshot (the session's choice, else NGSP_KEEP_SNAPSHOTS)."""
    from ngsp.history.store import keep_by_default

    chosen = st.session_state[KEEP]
    return keep_by_default() if chosen is None else bool(chosen)


# ---------------------------------------------------------------- presentation mode


def start_presenting() -> None:
    """Enter presentation mode at the first slide (a button callback)."""
    st.session_state[PRESENTING] = True
    st.session_state[SLIDE] = 0


def go_slide(step: int) -> None:
    """Move through the presentation (a button callback)."""
    st.session_state[SLIDE] += step


def stop_presenting() -> None:
    """Leave presentation mode (a button callback)."""
    st.session_state[PRESENTING] = False


# ---------------------------------------------------------------- who may change things


CONVENER = "convener"  # ngsp.access.CONVENER, named here so that reading a role imports nothing heavy


def can_edit() -> bool:
    """Whether this user may upload, connect, correct and keep snapshots: the one role check (a convener)."""
    from ngsp import access

    return access.can_edit(role())


def role() -> str | None:
    """The signed-in user's role (``access.CONVENER`` or ``access.VIEWER``), or None before sign-in."""
    return st.session_state.get(ROLE)


def sees_people() -> bool:
    """Whether this user sees people's names, emails and phone numbers (a convener); viewers see aggregates."""
    return role() == CONVENER


def row_downloads() -> bool:
    """Whether this user may download row-level files (CSV tables, the clean workbook): a convener only."""
    return role() == CONVENER
