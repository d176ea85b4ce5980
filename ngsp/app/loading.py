"""Loading at the IO boundary: the files shown (an upload, the server's shared tracker or the sample), the
trackers read from them (cached by their bytes), their kept corrections and snapshots, as this user may see them."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from ngsp import access, bundled
from ngsp.app import state
from ngsp.core.errors import TrackerError
from ngsp.core.model import Tracker
from ngsp.figures import filters

log = logging.getLogger(__name__)

SAMPLE_PATH = bundled.sample_tracker()
# What the reader takes, plus .xlsb so that its "save it as .xlsx" advice reaches the user.
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv", "txt", "xlsb"]


def _unexpected(files: tuple[tuple[str, bytes], ...]) -> str:
    """The plain message for a bug of ours (logged for us), never a traceback."""
    log.exception("unexpected error reading %s", [name for name, _ in files])
    names = ", ".join(name for name, _ in files)
    return (
        f"{names}: something went wrong while reading this tracker. Check that it opens in Excel; if it does, "
        "please send it to the dashboard's maintainers so we can fix the problem."
    )


def _read(
    files: tuple[tuple[str, bytes], ...], corrections_json: str = "", min_minutes: float = 0
) -> tuple[Tracker | None, str]:
    """Read files as ngsp reads them (with a convener's corrections when given, counting an online attendance
    from ``min_minutes`` on); errors are returned, not raised, so a bad file is not read again on every page
    switch."""
    from ngsp.core.corrections import Corrections
    from ngsp.ingest.pipeline import load_files

    try:
        if not corrections_json:
            return load_files(list(files), min_minutes=min_minutes), ""
        corrections = Corrections.from_json(corrections_json)
        return load_files(list(files), corrections=corrections, min_minutes=min_minutes), ""
    except (TrackerError, ValueError) as e:  # ValueError: kept corrections that are not corrections
        return None, str(e)
    except Exception:  # a bug of ours, not the user's
        return None, _unexpected(files)


# Trackers are cached as resources: a page switch gets the same object back (no copy, no unpickling; a reload
# of unchanged bytes costs the hashing of them). Nothing changes a loaded tracker; tests/test_app.py checks that
# visiting every page leaves it as it was read. A user's own files are cached for their session only; the sample
# and the server's shared tracker are the same for everybody, so they are read once for every session (a new
# visitor's first view would otherwise read the sample again).
@st.cache_resource(max_entries=4, scope="session", show_spinner=False)
def _read_mine(
    files: tuple[tuple[str, bytes], ...], corrections_json: str, min_minutes: float = 0
) -> tuple[Tracker | None, str]:
    return _read(files, corrections_json, min_minutes)


@st.cache_resource(max_entries=4, show_spinner=False)
def _read_ours(
    files: tuple[tuple[str, bytes], ...], corrections_json: str, min_minutes: float = 0
) -> tuple[Tracker | None, str]:
    return _read(files, corrections_json, min_minutes)


def _everyones(files: tuple[tuple[str, bytes], ...]) -> bool:
    """Whether these are the files everybody sees (the sample, the server's shared tracker), not a user's own."""
    return files == sample_files() or files == shared()[0]


def _parse(files: tuple[tuple[str, bytes], ...]) -> tuple[Tracker | None, str]:
    """The tracker as ngsp reads it unaided (cached by the files' names and bytes), or the problem reading it."""
    return (_read_ours if _everyones(files) else _read_mine)(files, "", state.min_minutes())


def _parse_corrected(
    files: tuple[tuple[str, bytes], ...], corrections_json: str
) -> tuple[Tracker | None, str]:
    """The tracker read with a convener's corrections (cached by the bytes and the corrections: a change reloads)."""
    return (_read_ours if _everyones(files) else _read_mine)(files, corrections_json, state.min_minutes())


def latest_versions(files: tuple[tuple[str, bytes], ...], by_content: bool = False):
    """The files to read when newer versions of one tracker replace older ones (parts of one tracker stay
    together), and the ``ngsp.history.versions.Replacement`` of each file replaced. Uploads are oldest first as
    uploaded; a folder's files (``by_content``) by the latest meeting each holds. Each file is read alone once
    (cached by its bytes, as the reading of a single file is anyway)."""
    from ngsp.history import versions

    if len(files) < 2:
        return files, []
    found = [versions.facts(name, _parse(((name, data),))[0]) for name, data in files]
    order = versions.oldest_first(found) if by_content else list(range(len(files)))
    keep, replaced = versions.latest_versions([found[i] for i in order], st.session_state[state.TOGETHER])
    return tuple(files[order[i]] for i in keep), replaced


@st.cache_data(max_entries=4, scope="session", show_spinner=False)
def _every_column(files: tuple[tuple[str, bytes], ...], corrections_json: str):
    from ngsp.core.corrections import Corrections
    from ngsp.ingest.columns import COLUMNS, every_column
    from ngsp.ingest.pipeline import detect

    try:
        return every_column(detect(list(files)), Corrections.from_json(corrections_json))
    except (TrackerError, ValueError):  # the tracker itself could not be read: nothing to correct
        return pd.DataFrame(columns=COLUMNS)


def every_column(t: Tracker | None):
    """Every column of every sheet of the tracker shown, used or not, with sample values and what it is read as
    with its corrections (``ngsp.ingest.columns.every_column``); cached by the bytes and the corrections."""
    files = source_files()
    if t is None or not files:
        from ngsp.ingest.columns import COLUMNS

        return pd.DataFrame(columns=COLUMNS)
    return _every_column(files, t.corrections.to_json())


def kept_corrections(key: str):
    """The corrections kept in the local store for a tracker (an ``ngsp.core.corrections.Corrections``; empty when
    there are none or the store cannot be read). Read on every run, so a co-convener's change shows at once."""
    from ngsp.core.corrections import Corrections
    from ngsp.history.store import Store, StoreError

    if not key:
        return Corrections()
    try:
        return Store(read_only=True).get_corrections(key)
    except (StoreError, ValueError) as e:
        log.warning("the kept corrections could not be read: %s", e)
    except Exception:  # a store that fails never stops the dashboard
        log.exception("the kept corrections could not be read")
    return Corrections()


def _loaded(files: tuple[tuple[str, bytes], ...]) -> tuple[Tracker | None, str, str]:
    """The tracker with its kept corrections, the problem reading it, and the problem applying the corrections
    (then the tracker is shown as read unaided, so a correction gone wrong can still be undone)."""
    t, error = _parse(files)
    if t is None:
        return None, error, ""
    kept = kept_corrections(t.structure_key)
    if not kept:
        return t, "", ""
    if not kept.changes_reading:  # only the partnership's name: nothing to read again
        return replace(t, name=kept.name, corrections=kept), "", ""
    corrected, problem = _parse_corrected(files, kept.to_json())
    return (corrected, "", "") if corrected is not None else (t, "", problem)


def _load(files: tuple[tuple[str, bytes], ...]) -> tuple[Tracker | None, str]:
    """The tracker (with its kept corrections) and the plain-words problem reading it, if any."""
    t, error, _ = _loaded(files)
    return t, error


def corrections_problem() -> str:
    """Why the kept corrections could not be applied to the tracker shown ("" when they were, or there are none)."""
    files = source_files()
    return _loaded(files)[2] if files else ""


def _keep_files(files: tuple[tuple[str, bytes], ...]) -> bool:
    """Keep a tracker as a dated snapshot in the local store (the store skips bytes it has kept already)."""
    from ngsp.history.store import Store, StoreError, files_sha256

    t, _ = _load(files)
    if t is None:
        return False
    try:
        return Store().take_snapshot(t, files_sha256(files)) is not None
    except StoreError as e:  # a store that cannot be used never stops the dashboard
        log.warning("no snapshot was kept: %s", e)
    except Exception:  # nor does a bug in keeping one
        log.exception("no snapshot was kept")
    return False


@st.cache_data(max_entries=4, scope="session", show_spinner=False)
def _keep(files: tuple[tuple[str, bytes], ...]) -> bool:
    """Keep an upload as a dated snapshot, once per session."""
    return _keep_files(files)


@st.cache_data(max_entries=8, show_spinner=False)
def _keep_shared(files: tuple[tuple[str, bytes], ...]) -> bool:
    """Keep the server's shared tracker as a dated snapshot, once for every fetch whose bytes changed (one cache
    for every session: the server keeps its own tracker, whoever happens to be looking)."""
    return _keep_files(files)


@st.cache_data(max_entries=4, scope="session", ttl=600, show_spinner=False)
def _since(files: tuple[tuple[str, bytes], ...], day: dt.date, corrections_json: str = ""):
    # corrections_json is part of the cache key only: a correction changes the tracker compared
    from ngsp.history.store import Store, StoreError, files_sha256, since_last_meeting

    t, _ = _load(files)
    if t is None:
        return None
    try:
        return since_last_meeting(Store(read_only=True), t, day, files_sha256(files))
    except StoreError as e:
        log.warning("no comparison with an earlier snapshot: %s", e)
    except Exception:  # the Overview still draws without this section
        log.exception("no comparison with an earlier snapshot")
    return None


def since_last_meeting():
    """What changed since the kept snapshot before the last full meeting (an ``ngsp.history.diff.Diff``), or None when
    there is none or the sample is shown. Cached for a few minutes: it reads a snapshot (~0.3 s)."""
    files = st.session_state[state.SOURCE] or shared()[0]
    if not files:
        return None
    t = full_tracker()
    d = _since(files, state.as_of(), t.corrections.to_json() if t is not None else "")
    return visible_diff(d) if d is not None else None


def keep_snapshot() -> None:
    """As the command line does, keep each upload (never the sample) so "Since last meeting" can compare, unless
    keeping is switched off or the user may not change anything; and keep each new fetch of the server's shared
    tracker (unless NGSP_KEEP_SNAPSHOTS is off), so funders see what changed since the last meeting too."""
    from ngsp.history.store import keep_by_default

    if st.session_state[state.SOURCE]:
        if state.keep_snapshots() and state.can_edit():
            _keep(st.session_state[state.SOURCE])
    elif (files := shared()[0]) and keep_by_default():
        _keep_shared(files)


@st.cache_data(max_entries=2, show_spinner=False)
def _read_sample(path: str) -> tuple[tuple[str, bytes], ...]:
    p = Path(path)
    return ((p.name, p.read_bytes()),) if p.is_file() else ()


def sample_files() -> tuple[tuple[str, bytes], ...]:
    """The bundled sample tracker, read through the same path as uploads (empty if it is not bundled)."""
    return _read_sample(str(SAMPLE_PATH))


def source_files() -> tuple[tuple[str, bytes], ...]:
    """The files being shown: the user's uploads, else the server's shared tracker, else the bundled sample."""
    return st.session_state[state.SOURCE] or shared()[0] or sample_files()


SHARED_REFRESH_SECONDS = 300
"""How long the server's shared tracker ([ngsp] tracker) is kept before it is fetched again."""


@st.cache_data(max_entries=2, ttl=SHARED_REFRESH_SECONDS, show_spinner=False)
def _fetch_shared(source: str) -> tuple[tuple[tuple[str, bytes], ...], str]:
    # one copy for every session: the deployment's tracker is the same for everybody (viewers see it redacted)
    from ngsp.ingest.connect import fetch, settings_from_env

    try:
        return tuple(fetch(source, settings_from_env())), ""
    except (TrackerError, ValueError) as e:
        return (), str(e)
    except Exception:  # a bug of ours: the dashboard still draws (the sample), the log says why
        log.exception("the shared tracker could not be fetched")
        return (), "The partnership's tracker could not be fetched; the sample is shown instead."


def shared() -> tuple[tuple[tuple[str, bytes], ...], str]:
    """The tracker this server shows everyone who has not brought their own (``[ngsp] tracker`` in
    secrets.toml: a share link, or a file or folder in NGSP_DATA_DIR), and the problem fetching it."""
    try:
        ngsp = server_secrets().get("ngsp") or {}
        source = str(ngsp.get("tracker", "") or "").strip() if isinstance(ngsp, dict) else ""
    except access.AccessConfigError:
        return (), ""
    return _fetch_shared(source) if source else ((), "")


def source_id() -> str:
    """A short fingerprint of the files being shown, to reset widgets whose options depend on them."""
    h = hashlib.blake2b(digest_size=6)
    for name, data in source_files():
        h.update(name.encode())
        h.update(hashlib.blake2b(data, digest_size=16).digest())
    return h.hexdigest()


def full_tracker() -> Tracker | None:
    """The whole tracker being shown (None when there is none, or it could not be read, or nobody is signed in);
    a viewer gets it without people's names, emails or phone numbers (``access.redact``)."""
    files = source_files()
    if not files or state.role() is None:  # a page run without the frame's sign-in shows nothing
        return None
    with st.spinner("Reading the tracker…"):
        t, _ = _load(files)
        if t is not None and not state.sees_people():
            t = _redacted(files, t.corrections.to_json())
    return t


def _redacted(files: tuple[tuple[str, bytes], ...], corrections_json: str) -> Tracker | None:
    # corrections_json is part of the cache key only: a correction changes the tracker redacted
    return (_redact_ours if _everyones(files) else _redact_mine)(files, corrections_json)


def _redact(files: tuple[tuple[str, bytes], ...]) -> Tracker | None:
    t, _ = _load(files)
    return access.redact(t) if t is not None else None


@st.cache_resource(max_entries=4, scope="session", show_spinner=False)
def _redact_mine(files: tuple[tuple[str, bytes], ...], corrections_json: str) -> Tracker | None:
    return _redact(files)


@st.cache_resource(max_entries=4, show_spinner=False)
def _redact_ours(files: tuple[tuple[str, bytes], ...], corrections_json: str) -> Tracker | None:
    return _redact(files)


def load_error() -> str:
    """The plain-words problem with the files being shown, or ""."""
    if not st.session_state[state.SOURCE] and (problem := shared()[1]):
        return problem
    files = source_files()
    return _load(files)[1] if files else ""


def tracker() -> Tracker | None:
    """The tracker narrowed by the sidebar filters."""
    t = full_tracker()
    if t is None:
        return None
    dates = st.session_state[state.DATES] or (None, None)
    return filters.filter_tracker(
        t,
        start=dates[0],
        end=dates[1],
        priorities=st.session_state[state.PRIORITIES] or None,
        partner_types=st.session_state[state.PARTNER_TYPES] or None,
    )


def visible_diff(d):
    """A ``ngsp.history.diff.Diff`` of the tracker shown, as this user may see it (no people for a viewer)."""
    if state.sees_people():
        return d
    t, _ = _load(source_files())
    return access.redact_diff(d, t) if t is not None else None


def diff_since(old: Tracker, old_as_of: dt.date | None):
    """What changed from an earlier snapshot to the whole tracker shown (an ``ngsp.history.diff.Diff``), as this user
    may see it: compared on the tracker as read, then redacted for a viewer (a redacted tracker has no names to
    match people by)."""
    from ngsp.history import diff

    files = source_files()
    t = _load(files)[0] if files and state.role() is not None else None
    return visible_diff(diff.diff(old, t, state.as_of(), old_as_of)) if t is not None else None


def server_secrets() -> dict:
    """The app's secrets as a dict ({} when there is no secrets.toml; a file that cannot be read is an error,
    never "no sign-in": a typo must not open a shared server)."""
    from streamlit import config
    from streamlit.errors import StreamlitSecretNotFoundError

    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError as e:
        if any(Path(p).exists() for p in config.get_option("secrets.files")):
            raise access.AccessConfigError(f"the secrets file could not be read: {e}") from None
        return {}


def clear_since() -> None:
    """Forget the cached comparisons with earlier snapshots (a correction or a deleted snapshot changes them)."""
    _since.clear()
