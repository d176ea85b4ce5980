"""The one ngsp module that imports Streamlit: session keys, the cached loader, the sidebar, shared widgets.

Session state holds data, not widgets: the files being shown, the as-of date and the filters live under the
constants below, and widgets copy into them when the user changes something. So the choice survives pages
that do not draw the sidebar (presentation mode), and every user of the server has their own.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import math
import re
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ngsp import access
from ngsp.core.errors import TrackerError
from ngsp.core.model import Tracker
from ngsp.figures import views

log = logging.getLogger(__name__)

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "sample_data" / "demo_tracker.xlsx"
# What the reader takes, plus .xlsb so that its "save it as .xlsx" advice reaches the user.
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv", "txt", "xlsb"]

# Session-state keys: data (initialised in init_state) ...
SOURCE = "ngsp.source"  # tuple of (file name, bytes) uploaded, or None for the bundled sample
UPLOAD_ROUND = "ngsp.upload_round"  # bumped to give the uploader a fresh, empty key
AS_OF = "ngsp.as_of"
DATES = "ngsp.dates"  # (start, end) or None for everything
PRIORITIES = "ngsp.priorities"  # list of names; empty = all
PARTNER_TYPES = "ngsp.partner_types"  # list of org types; empty = all
TARGET = "ngsp.target"  # full partnership meetings a quarter
MIN_MINUTES = "ngsp.min_minutes"  # an online attendance shorter than this is not counted (0 counts all)
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
# ... and the widgets that edit them (prefix "w."; their values are copied into the data keys).
W_UPLOAD, W_AS_OF, W_DATES, W_PRIORITIES, W_TYPES, W_TARGET, W_MIN_MINUTES = (
    "w.upload", "w.as_of", "w.dates", "w.priorities", "w.partner_types", "w.target", "w.min_minutes",
)  # fmt: skip

DEFAULTS = {
    SOURCE: None,
    UPLOAD_ROUND: 0,
    AS_OF: None,  # None = today, so an open session rolls over at midnight
    DATES: None,
    PRIORITIES: [],
    PARTNER_TYPES: [],
    TARGET: views.FULL_MEETINGS_PER_QUARTER,
    MIN_MINUTES: 0,
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
}


def init_state() -> None:
    """Give every data key its default once per session."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


# ---------------------------------------------------------------- loading (the IO boundary)


def _unexpected(files: tuple[tuple[str, bytes], ...]) -> str:
    """The plain message for a bug of ours (logged for us), never a traceback."""
    log.exception("unexpected error reading %s", [name for name, _ in files])
    names = ", ".join(name for name, _ in files)
    return (
        f"{names}: something went wrong while reading this tracker. Check that it opens in Excel; if it does, "
        "please send it to the dashboard's maintainers so we can fix the problem."
    )


# Trackers are cached as resources: a page switch gets the same object back (no copy, no unpickling; a reload
# of unchanged bytes costs the hashing of them). Nothing changes a loaded tracker; tests/test_app.py checks that
# visiting every page leaves it as it was read.
@st.cache_resource(max_entries=4, scope="session", show_spinner=False)
def _parse(files: tuple[tuple[str, bytes], ...], min_minutes: float = 0) -> tuple[Tracker | None, str]:
    """Parse files as ngsp reads them unaided, cached by their names and bytes; errors are returned, not raised,
    so a bad file is not re-parsed on every page switch."""
    from ngsp.ingest.pipeline import load_files

    try:
        return load_files(list(files), min_minutes=min_minutes), ""
    except TrackerError as e:
        return None, str(e)
    except Exception:  # a bug of ours, not the user's
        return None, _unexpected(files)


@st.cache_resource(max_entries=4, scope="session", show_spinner=False)
def _parse_corrected(
    files: tuple[tuple[str, bytes], ...], corrections_json: str, min_minutes: float = 0
) -> tuple[Tracker | None, str]:
    """Parse files with a convener's corrections, cached by the bytes and the corrections (a change reloads)."""
    from ngsp.core.corrections import Corrections
    from ngsp.ingest.pipeline import load_files

    try:
        corrections = Corrections.from_json(corrections_json)
        return load_files(list(files), corrections=corrections, min_minutes=min_minutes), ""
    except (TrackerError, ValueError) as e:
        return None, str(e)
    except Exception:
        return None, _unexpected(files)


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
    minutes = min_minutes()
    t, error = _parse(files, minutes)
    if t is None:
        return None, error, ""
    kept = kept_corrections(t.structure_key)
    if not kept:
        return t, "", ""
    corrected, problem = _parse_corrected(files, kept.to_json(), minutes)
    return (corrected, "", "") if corrected is not None else (t, "", problem)


def _load(files: tuple[tuple[str, bytes], ...]) -> tuple[Tracker | None, str]:
    """The tracker (with its kept corrections) and the plain-words problem reading it, if any."""
    t, error, _ = _loaded(files)
    return t, error


def corrections_problem() -> str:
    """Why the kept corrections could not be applied to the tracker shown ("" when they were, or there are none)."""
    files = source_files()
    return _loaded(files)[2] if files else ""


@st.cache_data(max_entries=4, scope="session", show_spinner=False)
def _keep(files: tuple[tuple[str, bytes], ...]) -> bool:
    """Keep an upload as a dated snapshot in the local store, once per session (the store skips bytes it has)."""
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
    files = st.session_state[SOURCE]
    if not files:
        return None
    t = full_tracker()
    d = _since(files, as_of(), t.corrections.to_json() if t is not None else "")
    return visible_diff(d) if d is not None else None


def keep_upload() -> None:
    """As the command line does, keep each upload (never the sample) so "Since last meeting" can compare;
    nothing is written when keeping is switched off or the user may not change anything."""
    if st.session_state[SOURCE] and keep_snapshots() and can_edit():
        _keep(st.session_state[SOURCE])


@st.cache_data(max_entries=2, show_spinner=False)
def _read_sample(path: str) -> tuple[tuple[str, bytes], ...]:
    p = Path(path)
    return ((p.name, p.read_bytes()),) if p.is_file() else ()


def _sample_files() -> tuple[tuple[str, bytes], ...]:
    """The bundled sample tracker, read through the same path as uploads (empty if it is not bundled)."""
    return _read_sample(str(SAMPLE_PATH))


def source_files() -> tuple[tuple[str, bytes], ...]:
    """The files being shown: the user's uploads, else the server's shared tracker, else the bundled sample."""
    return st.session_state[SOURCE] or _shared()[0] or _sample_files()


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


def _shared() -> tuple[tuple[tuple[str, bytes], ...], str]:
    """The tracker this server shows everyone who has not brought their own (``[ngsp] tracker`` in
    secrets.toml: a share link, or a file or folder in NGSP_DATA_DIR), and the problem fetching it."""
    try:
        ngsp = _secrets().get("ngsp") or {}
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
    if not files or role() is None:  # a page run without the frame's sign-in shows nothing
        return None
    with st.spinner("Reading the tracker…"):
        t, _ = _load(files)
        if t is not None and not sees_people():
            t = _redacted(files, t.corrections.to_json())
    return t


@st.cache_resource(max_entries=4, scope="session", show_spinner=False)
def _redacted(files: tuple[tuple[str, bytes], ...], corrections_json: str) -> Tracker | None:
    # corrections_json is part of the cache key only: a correction changes the tracker redacted
    t, _ = _load(files)
    return access.redact(t) if t is not None else None


def load_error() -> str:
    """The plain-words problem with the files being shown, or ""."""
    if not st.session_state[SOURCE] and (problem := _shared()[1]):
        return problem
    files = source_files()
    return _load(files)[1] if files else ""


def as_of() -> dt.date:
    """The date every figure is counted as of (default today)."""
    return st.session_state[AS_OF] or dt.date.today()


def target() -> int:
    """Full partnership meetings wanted each quarter."""
    return int(st.session_state[TARGET])


def min_minutes() -> float:
    """The shortest online attendance counted, in minutes (0 counts every one)."""
    return float(st.session_state.get(MIN_MINUTES) or 0)


def tracker() -> Tracker | None:
    """The tracker narrowed by the sidebar filters."""
    t = full_tracker()
    if t is None:
        return None
    dates = st.session_state[DATES] or (None, None)
    return views.filter_tracker(
        t,
        start=dates[0],
        end=dates[1],
        priorities=st.session_state[PRIORITIES] or None,
        partner_types=st.session_state[PARTNER_TYPES] or None,
    )


# ---------------------------------------------------------------- the sidebar


def _copy(widget_key: str, data_key: str) -> None:
    st.session_state[data_key] = st.session_state[widget_key]


def _on_upload(widget_key: str) -> None:
    files = st.session_state[widget_key] or []
    st.session_state[CONNECTED] = None
    st.session_state[CONNECT_PROBLEM] = ""
    st.session_state[SOURCE] = tuple((f.name, f.getvalue()) for f in files) or None
    st.session_state[DATES] = None
    st.session_state[PRIORITIES] = []
    st.session_state[PARTNER_TYPES] = []


def _use_sample() -> None:
    st.session_state[SOURCE] = None
    st.session_state[CONNECTED] = None
    st.session_state[CONNECT_PROBLEM] = ""
    st.session_state[UPLOAD_ROUND] += 1
    st.session_state[DATES] = None
    st.session_state[PRIORITIES] = []
    st.session_state[PARTNER_TYPES] = []


def _on_dates(widget_key: str) -> None:
    value = st.session_state[widget_key]
    if isinstance(value, tuple | list) and len(value) == 2:  # half-picked ranges wait for the second date
        st.session_state[DATES] = tuple(value)


def _set_as_of(day: dt.date) -> None:
    st.session_state[AS_OF] = day
    st.session_state[W_AS_OF] = day


def stale_notice() -> None:
    """When the tracker's latest meeting is long before the as-of date, say so and offer to count as of it."""
    t = full_tracker()
    last = views.latest_meeting(t, as_of()) if t is not None else None
    if last is None:
        return
    with st.container(border=True):
        st.info(
            f"The latest meeting in this tracker was on {views.fmt_date(last)}, long before "
            f"{views.fmt_date(as_of())}: counted as of today, nobody looks active and recent quarters look missed.",
            icon="🗓️",
        )
        st.button(f"Count as of {views.fmt_date(last)}", on_click=_set_as_of, args=(last,), key="w.stale")


def _start_presenting() -> None:
    st.session_state[PRESENTING] = True
    st.session_state[SLIDE] = 0


def go_slide(step: int) -> None:
    """Move through the presentation (a button callback)."""
    st.session_state[SLIDE] += step


def stop_presenting() -> None:
    """Leave presentation mode (a button callback)."""
    st.session_state[PRESENTING] = False


def sidebar() -> None:
    """Data source, as-of date and filters; every page honours them."""
    sb = st.sidebar
    sb.header("Tracker")
    upload_key = f"{W_UPLOAD}.{st.session_state[UPLOAD_ROUND]}"
    if can_edit():  # viewers bring in nothing
        sb.file_uploader(
            "Upload your tracker (one or more files that together make it)",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key=upload_key,
            on_change=_on_upload,
            args=(upload_key,),
            help="Excel, OpenDocument or CSV. Several files are read as one partnership's tracker.",
        )
        connect_box(sb)
    if st.session_state[SOURCE]:
        names = ", ".join(name for name, _ in st.session_state[SOURCE])
        sb.caption(f"Showing your files: {names}")
        if keep_snapshots():
            sb.caption("A dated copy is kept on this computer so “Since last meeting” can show what changed.")
        label = (
            "Show the partnership's tracker instead" if _shared()[0] else "Show the sample tracker instead"
        )
        sb.button(label, on_click=_use_sample, key="w.use_sample")
    elif _shared()[0]:
        sb.caption("Showing the partnership's tracker, as set up on this server.")
    elif _sample_files():
        more = " Upload yours above." if can_edit() else ""
        sb.caption(f"Showing the sample tracker (a made-up partnership).{more}")
    template_download(sb)

    t = full_tracker()
    sb.header("View")
    sb.date_input(
        "Figures as of", value=as_of(), key=W_AS_OF, on_change=_copy, args=(W_AS_OF, AS_OF),
        format="YYYY-MM-DD", help="“Today” for overdue items, lapsed partners and this quarter.",
    )  # fmt: skip
    if t is not None:
        options = views.filter_options(t)
        sid = source_id()
        if options["start"] is not None:
            sb.date_input(
                "Dates included",
                value=st.session_state[DATES] or (options["start"], options["end"]),
                key=f"{W_DATES}.{sid}", on_change=_on_dates, args=(f"{W_DATES}.{sid}",), format="YYYY-MM-DD",
                help="Meetings, attendance and action-item due dates in this range.",
            )  # fmt: skip
        if options["priorities"]:
            sb.multiselect(
                "Priorities and action teams", options["priorities"],
                default=[p for p in st.session_state[PRIORITIES] if p in options["priorities"]],
                key=f"{W_PRIORITIES}.{sid}", on_change=_copy, args=(f"{W_PRIORITIES}.{sid}", PRIORITIES),
                placeholder="All priorities",
            )  # fmt: skip
        types = options["partner_types"]
        sb.multiselect(
            "Partner types", types, format_func=views.ORG_TYPE_LABELS.get, key=f"{W_TYPES}.{sid}",
            default=[p for p in st.session_state[PARTNER_TYPES] if p in types],
            on_change=_copy, args=(f"{W_TYPES}.{sid}", PARTNER_TYPES), placeholder="All partners",
        )  # fmt: skip
    sb.number_input(
        "Full partnership meetings wanted each quarter", min_value=1, max_value=6, step=1, value=target(),
        key=W_TARGET, on_change=_copy, args=(W_TARGET, TARGET),
        help="The cadence target. Next Generation partnerships meet in full at least once a quarter.",
    )  # fmt: skip
    sb.number_input(
        "Shortest online attendance counted (minutes)", min_value=0, max_value=240, step=1,
        value=int(min_minutes()), key=W_MIN_MINUTES, on_change=_copy, args=(W_MIN_MINUTES, MIN_MINUTES),
        help="Someone in a Zoom or Teams report for less time than this is listed on the Data quality page "
        "but not counted as attending. 0 counts everyone.",
    )  # fmt: skip
    sb.button(
        "Present at a meeting", on_click=_start_presenting, key="w.present", type="primary",
        help="Large type, one chart per screen, no sidebar.",
    )  # fmt: skip


# ---------------------------------------------------------------- shared widgets

PAGE_FAILED = "Something went wrong while drawing this page."


def run_page(page) -> None:
    """Run the chosen page; a bug of ours shows a plain message (logged for us), never a traceback."""
    try:
        page.run()
    except Exception:  # Streamlit's stop and rerun signals are BaseExceptions and pass through
        log.exception("page %r failed", getattr(page, "title", page))
        st.error(
            f"{PAGE_FAILED} The other pages still work; a different as-of date or filter may help. "
            "If it keeps happening, please tell the dashboard's maintainers.",
            icon="⚠️",
        )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def esc(text: object) -> str:
    """Tracker text made safe for Streamlit's markdown: every markup character shown as itself."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def empty_state(message: str) -> None:
    """A friendly 'nothing here' that says what to do."""
    st.info(message, icon="ℹ️")


def no_tracker() -> None:
    """What pages show when there is no tracker to draw."""
    if role() is None:  # a page reached without the frame's sign-in
        empty_state("Sign in to see this page.")
    elif load_error():
        empty_state(
            "Fix the problem above and upload the tracker again, or choose “Show the sample tracker”."
        )
    else:
        empty_state("Upload your tracker in the sidebar to see this page.")


def chart(fig: go.Figure, key: str | None = None) -> None:
    """A plotly figure, full width, with our own colours and fonts (not Streamlit's theme)."""
    st.plotly_chart(fig, theme=None, key=key, config={"displaylogo": False, "responsive": True})


def kpi_tiles(kpis: pd.DataFrame, columns: int = 3) -> None:
    """Headline tiles with the change against one quarter earlier where the tracker allows it."""
    cols = st.columns(columns)
    for i, row in enumerate(kpis.itertuples(index=False)):
        value = views.fmt_value(row.value, row.kind)
        if row.of is not None and not pd.isna(row.of):
            value = f"{value} of {views.fmt_count(row.of)}"
        delta = None if row.delta is None or pd.isna(row.delta) else views.fmt_delta(row.delta, row.kind)
        cols[i % columns].metric(
            row.label, value, delta=delta, help=row.help, border=True,
            delta_description="vs. a quarter earlier" if delta is not None else None,
            # no green or red for meetings (they come and go with the season) or for no change at all
            delta_color="off" if row.key == "meetings_quarter" or row.delta == 0 else "normal",
            delta_arrow="off" if row.delta == 0 else "auto",
        )  # fmt: skip


def tiles(rows: pd.DataFrame, columns: int = 3) -> None:
    """Simple label/value tiles (no change shown), with the longer explanation on hover."""
    cols = st.columns(columns)
    for i, row in enumerate(rows.itertuples(index=False)):
        cols[i % columns].metric(
            row.label, views.fmt_value(row.value, row.kind), border=True, help=getattr(row, "help", None)
        )


def table(
    df: pd.DataFrame, name: str, key: str, column_config: dict | None = None, height: int | str = "auto"
) -> None:
    """A data table (cells are text, never markup) with a CSV download of exactly what is shown."""
    st.dataframe(df, hide_index=True, column_config=column_config, height=height)
    if not row_downloads():
        return
    st.download_button(
        f"Download “{name}” (CSV)", data=functools.partial(views.csv_bytes, df),
        file_name=f"{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.csv", mime="text/csv",
        key=key, on_click="ignore", icon=":material/download:",
    )  # fmt: skip


def _export(name: str) -> Callable | None:
    try:
        import ngsp.export as export
    except ImportError:
        return None
    return getattr(export, name, None)


def export_download(kind: str, t: Tracker, key: str, container=None) -> None:
    """A download button for a deck, report or clean workbook, built only when clicked."""
    spec = {
        "deck": ("deck_bytes", "Download slides (PowerPoint)", "partnership-slides.pptx",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation", True),
        "report": ("report_bytes", "Download the report (PDF)", "partnership-report.pdf", "application/pdf", True),
        "workbook": ("workbook_bytes", "Download the clean tracker (Excel)", "clean-tracker.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
    }[kind]  # fmt: skip
    fn = _export(spec[0])
    if fn is None or (kind == "workbook" and not row_downloads()):  # the clean workbook is row-level
        return
    data = functools.partial(fn, t, as_of()) if spec[4] else functools.partial(fn, t)
    if kind == "deck":  # the "Since our last meeting" slide, when an earlier snapshot is kept
        data = functools.partial(fn, t, as_of(), since=since_last_meeting())
    (container or st).download_button(
        spec[1], data=data, file_name=spec[2], mime=spec[3], key=key, on_click="ignore",
        icon=":material/download:",
    )  # fmt: skip


def template_download(container=None) -> None:
    """The blank tracker template, for partnerships starting out."""
    fn = _export("template_bytes")
    if fn is not None:
        (container or st).download_button(
            "Download a blank tracker template (Excel)", data=fn, file_name="tracker-template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="w.template",
            on_click="ignore", icon=":material/download:",
        )  # fmt: skip


# ---------------------------------------------------------------- who may change things


def can_edit() -> bool:
    """Whether this user may upload, connect, correct and keep snapshots: the one role check (a convener)."""
    return access.can_edit(role())


def role() -> str | None:
    """The signed-in user's role (``access.CONVENER`` or ``access.VIEWER``), or None before sign-in."""
    return st.session_state.get(ROLE)


def sees_people() -> bool:
    """Whether this user sees people's names, emails and phone numbers (a convener); viewers see aggregates."""
    return role() == access.CONVENER


def row_downloads() -> bool:
    """Whether this user may download row-level files (CSV tables, the clean workbook): a convener only."""
    return role() == access.CONVENER


def visible_diff(d):
    """A ``ngsp.history.diff.Diff`` of the tracker shown, as this user may see it (no people for a viewer)."""
    if sees_people():
        return d
    t, _ = _load(source_files())
    return access.redact_diff(d, t) if t is not None else None


def diff_since(old: Tracker, old_as_of: dt.date | None):
    """What changed from an earlier snapshot to the whole tracker shown (an ``ngsp.history.diff.Diff``), as this user
    may see it: compared on the tracker as read, then redacted for a viewer (a redacted tracker has no names to
    match people by)."""
    from ngsp.history import diff

    files = source_files()
    t = _load(files)[0] if files and role() is not None else None
    return visible_diff(diff.diff(old, t, as_of(), old_as_of)) if t is not None else None


def _secrets() -> dict:
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


def _sign_out() -> None:
    for key, value in DEFAULTS.items():  # forget this user's tracker and choices, not just the role
        st.session_state[key] = value
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


def _on_password(s: access.AuthSettings) -> None:
    now = time.time()
    if access.sign_in_wait(st.session_state[SIGN_IN_FAILURES], st.session_state[SIGN_IN_LAST_FAILURE], now):
        return  # still waiting: the password is not even checked
    chosen = access.role_for_password(s, st.session_state.get(W_PASSWORD, "") or "")
    st.session_state[W_PASSWORD] = ""
    if chosen is None:
        st.session_state[SIGN_IN_FAILURES] += 1
        st.session_state[SIGN_IN_LAST_FAILURE] = now
        log.warning("a wrong shared password (%d in this session)", st.session_state[SIGN_IN_FAILURES])
    else:
        st.session_state[SIGN_IN_FAILURES] = 0
        st.session_state[ROLE] = chosen


W_PASSWORD = "w.password"
SIGN_IN_TITLE = "Sign in"
NOT_SET_UP = (
    "This dashboard's sign-in is not set up correctly, so it shows nothing. "
    "Whoever runs it will find what to fix in the server's log."
)


def _password_form(s: access.AuthSettings) -> None:
    st.title(SIGN_IN_TITLE)
    wait = access.sign_in_wait(
        st.session_state[SIGN_IN_FAILURES], st.session_state[SIGN_IN_LAST_FAILURE], time.time()
    )
    with st.form("w.sign_in"):
        st.text_input(
            "Password", type="password", key=W_PASSWORD, help="The convener gave you this password."
        )
        st.form_submit_button("Sign in", type="primary", on_click=_on_password, args=(s,), disabled=wait > 0)
    if wait > 0:
        st.warning(f"Too many wrong passwords. Try again in {math.ceil(wait)} seconds.", icon="⏳")
    elif st.session_state[SIGN_IN_FAILURES]:
        st.error("That password is not right. Ask the partnership's convener for it.", icon="🔒")


def sign_in() -> bool:
    """The sign-in gate: True when the user may see the dashboard (their role is set), else it draws the
    sign-in screen. Nothing configured: one local convener, nothing asked."""
    try:
        s = access.settings(_secrets())
    except access.AccessConfigError as e:
        log.error("sign-in is not set up correctly: %s", e)
        st.session_state[ROLE] = None
        st.error(NOT_SET_UP, icon="⚠️")
        return False
    if s.mode == "none":
        st.session_state[ROLE] = access.CONVENER
        return True
    if s.mode == "password":
        if st.session_state[ROLE] in access.ROLES:
            return True
        _password_form(s)
        return False
    user = st.user.to_dict()
    st.session_state[ROLE] = access.role_for_user(s, user)
    if st.session_state[ROLE] is not None:
        return True
    st.title(SIGN_IN_TITLE)
    if not user.get("is_logged_in"):
        st.write("Sign in with your organisation's account to see the partnership's dashboard.")
        st.button("Sign in", key="w.login", type="primary", on_click=st.login, args=(s.provider or None,))
    else:
        st.error(
            f"You are signed in as {esc(user.get('email') or 'an account without an email address')}, but this "
            "dashboard has not been shared with that address. Ask the partnership's convener to add it.",
            icon="🔒",
        )
        st.button("Sign out", key="w.logout", on_click=st.logout)
    return False


def account(container=None) -> None:
    """Who is signed in, and a Sign out button (nothing when sign-in is off)."""
    try:
        mode = access.settings(_secrets()).mode
    except access.AccessConfigError:
        return
    if mode == "none":
        return
    box = container or st.sidebar
    who = "convener" if role() == access.CONVENER else "viewer (figures only, no names)"
    if mode == "oidc":
        box.caption(f"Signed in as {esc(st.user.get('email') or '')} · {who}")
        box.button("Sign out", key="w.sign_out", on_click=st.logout)
    else:
        box.caption(f"Signed in as {who}")
        box.button("Sign out", key="w.sign_out", on_click=_sign_out)


# ---------------------------------------------------------------- connect by path or link

W_CONNECT = "w.connect"


def _connect(source: str) -> None:
    """Fetch the tracker a path or link names and show it (a button callback); a problem is kept to show."""
    from ngsp.ingest.connect import fetch, settings_from_env

    try:
        with st.spinner("Fetching the tracker…"):
            files = tuple(fetch(source, settings_from_env()))
    except (TrackerError, ValueError) as e:  # ValueError: NGSP_ALLOW_PRIVATE_URLS is not understood
        st.session_state[CONNECT_PROBLEM] = str(e)
        return
    st.session_state[CONNECT_PROBLEM] = ""
    if files != st.session_state[SOURCE]:  # unchanged bytes keep the same source: nothing is re-parsed
        if st.session_state[CONNECTED] != source:  # another tracker: start with no filters
            st.session_state[DATES] = None
            st.session_state[PRIORITIES] = []
            st.session_state[PARTNER_TYPES] = []
        st.session_state[SOURCE] = files
    if st.session_state[CONNECTED] is None:
        st.session_state[UPLOAD_ROUND] += 1  # the uploader no longer shows a file that is not the one shown
    st.session_state[CONNECTED] = source


def _on_connect() -> None:
    _connect(st.session_state[W_CONNECT])


def _on_refresh() -> None:
    if st.session_state[CONNECTED]:
        _connect(st.session_state[CONNECTED])


def connect_box(container=None) -> None:
    """Connect by path or link: the tracker fetched from a shared link or a file in the data folder, refreshed
    on demand (the bytes decide whether anything is parsed again)."""
    box = (container or st.sidebar).expander(
        "Connect by path or link",
        expanded=bool(st.session_state[CONNECTED] or st.session_state[CONNECT_PROBLEM]),
    )
    with box:
        st.text_input(
            "Link or path to your tracker", key=W_CONNECT, placeholder="https://… or a file in the data folder",
            help="A share link (OneDrive, SharePoint, Google Sheets, Dropbox) or, where whoever runs the "
            "dashboard has set a data folder, a file or folder in it.",
        )  # fmt: skip
        left, right = st.columns(2)
        left.button("Connect", key="w.connect.go", type="primary", on_click=_on_connect)
        right.button(
            "Refresh", key="w.connect.refresh", disabled=not st.session_state[CONNECTED], on_click=_on_refresh,
            help="Fetch the same tracker again to see the latest changes.",
        )  # fmt: skip
        if st.session_state[CONNECT_PROBLEM]:
            st.error(esc(st.session_state[CONNECT_PROBLEM]), icon="⚠️")
        elif st.session_state[CONNECTED]:
            st.caption(f"Connected to {esc(st.session_state[CONNECTED])}. Refresh to fetch it again.")


# ---------------------------------------------------------------- corrections

SHEET_KIND_LABELS = {
    "roster": "a partner list",
    "meetings": "a meetings list",
    "attendance_log": "an attendance log",
    "grid": "an attendance grid",
    "signin": "a sign-in sheet",
    "action_plan": "an action plan",
    "funding": "funding",
    "online_report": "an online meeting's attendance report",
    "registrations": "event registrations (only check-ins count)",
    "form_responses": "sign-in form responses",
    "set_aside": "not partnership data",
}
FIELD_LABELS = {
    "person": "a person's full name",
    "first_name": "first name",
    "last_name": "last name",
    "email": "email",
    "org": "organisation",
    "org_type": "business or public partner",
    "title": "job title",
    "phone": "phone",
    "role": "role in the partnership",
    "meeting_date": "meeting date",
    "meeting_type": "meeting type",
    "team": "action team",
    "location": "location",
    "summary_sent": "date the summary was sent",
    "priority": "priority",
    "description": "action item",
    "owner": "owner",
    "due": "due date",
    "status": "status",
    "percent": "percent complete",
    "notes": "notes",
    "funder": "funder",
    "amount": "amount",
    "funding_kind": "cash or in-kind",
    "funding_status": "funding status",
    "period": "period",
    "attended": "attended (yes or no)",
    "": "nothing: ignore this column",
}
ORG_TYPE_CHOICES = {"business": "a business", "public": "a public partner"}
W_CORR = "w.corr"  # prefix of the correction widgets


def _keep_corrections(key: str, corrections, name: str = "") -> None:
    """Keep a tracker's corrections in the local store; the next run applies them on every page."""
    from ngsp.history.store import Store, StoreError

    if not can_edit():
        return
    try:
        Store().save_corrections(key, corrections, name)
    except StoreError as e:
        st.session_state[CORRECTIONS_PROBLEM] = str(e)
        return
    st.session_state[CORRECTIONS_PROBLEM] = ""
    _since.clear()  # the comparison with an earlier snapshot uses the corrected tracker


def _without(corrections, i: int):
    """The corrections without the i-th line of ``Corrections.describe()`` (same order: sheets, columns, same
    organisation, separate organisation, partner type)."""
    from dataclasses import replace

    for name in ("sheet_kinds", "columns", "same_org", "split_org", "org_types", "report_dates"):
        items = getattr(corrections, name)
        if i < len(items):
            return replace(corrections, **{name: items[:i] + items[i + 1 :]})
        i -= len(items)
    return corrections


def _correct(key: str, name: str, how: str, arg: int = 0) -> None:
    """A correction button's callback: read its widgets, change the kept corrections and keep them."""
    from ngsp.core.corrections import Corrections

    c, w = kept_corrections(key), lambda k: st.session_state.get(f"{W_CORR}.{k}")
    try:
        if how == "sheet":
            c = c.with_sheet_kind(w("sheet"), w("kind"))
        elif how == "column":
            c = c.with_column(w("col_sheet"), w("col_header"), w("col_field"))
        elif how == "same":
            if w("same_a") == w("same_b"):
                st.session_state[CORRECTIONS_PROBLEM] = "choose two different spellings"
                return
            c = c.with_same_org(w("same_a"), w("same_b"))
        elif how == "split":
            c = c.with_split_org(w("split"))
        elif how == "type":
            c = c.with_org_type(w("org"), w("org_type"))
        elif how == "report_date":
            file, sheet = w("report")
            c = c.with_report_date(file, sheet, w("report_day"))
        elif how == "undo":
            c = _without(c, arg)
        elif how == "clear":
            c = Corrections()
    except (TypeError, ValueError) as e:  # a choice left empty
        st.session_state[CORRECTIONS_PROBLEM] = f"that correction could not be made ({e})"
        return
    _keep_corrections(key, c, name)


def _import_corrections(key: str, name: str, widget_key: str) -> None:
    from ngsp.core.corrections import Corrections

    upload = st.session_state[widget_key]
    if upload is None:
        return
    try:
        c = Corrections.from_json(upload.getvalue())
    except ValueError as e:
        st.session_state[CORRECTIONS_PROBLEM] = f"{upload.name}: {e}"
        return
    st.session_state[CORRECTIONS_ROUND] += 1
    _keep_corrections(key, c, name)


def _spellings(t: Tracker) -> list[str]:
    """Every spelling of every organisation, as written in the tracker."""
    names = {x.strip() for v in t.organizations["spellings"] for x in str(v).split(" | ") if x.strip()}
    return sorted(names | set(t.organizations["name"]), key=str.casefold)


def corrections_editor(t: Tracker) -> None:
    """ "Correct what ngsp got wrong": what a sheet is, what a column means, which spellings are one organisation,
    business or public; the corrections in force with Undo; share them with a co-convener. Hidden from viewers."""
    if not can_edit():
        return
    key, name = t.structure_key, t.name
    st.header("Correct what ngsp got wrong")
    if not key:
        st.caption("Corrections cannot be kept for this tracker.")
        return
    st.caption(
        "Corrections are kept on this computer for this tracker, whatever its file is called, and applied every "
        "time it is loaded: every page shows them at once."
    )
    if problem := corrections_problem():
        st.warning(f"Your corrections could not be applied, so the tracker is shown as read: {esc(problem)}")
    if st.session_state[CORRECTIONS_PROBLEM]:
        st.error(esc(st.session_state[CORRECTIONS_PROBLEM]), icon="⚠️")
        st.session_state[CORRECTIONS_PROBLEM] = ""
    args, k = (key, name), lambda x: f"{W_CORR}.{x}"
    sheets, cols = t.quality.sheets, t.quality.columns
    undated = views.reports_needing_a_date(t)
    if undated:
        st.warning(
            f"{views.plural(len(undated), 'attendance report')} name no date, so nobody in "
            f"{'them' if len(undated) > 1 else 'it'} is counted yet. Give the meeting's date below."
        )
        st.selectbox(
            "Attendance report", undated, key=k("report"),
            format_func=lambda fs: fs[0] if fs[1] == fs[0].rsplit(".", 1)[0] else f"{fs[0]} › {fs[1]}",
        )  # fmt: skip
        st.date_input("was the meeting of", key=k("report_day"), format="YYYY-MM-DD")
        st.button(
            "Set the meeting's date", key=k("do_report_date"), on_click=_correct, args=(*args, "report_date")
        )
    tab_sheet, tab_col, tab_org, tab_type = st.tabs(
        ["What a sheet is", "What a column means", "Same or different organisation", "Business or public"]
    )
    with tab_sheet:
        st.selectbox("Sheet", list(dict.fromkeys(sheets["source_sheet"])), key=k("sheet"))
        st.selectbox("is", list(SHEET_KIND_LABELS), format_func=SHEET_KIND_LABELS.get, key=k("kind"))
        st.button("Set what this sheet is", key=k("do_sheet"), on_click=_correct, args=(*args, "sheet"))
    with tab_col:
        sheet = st.selectbox("Sheet", list(dict.fromkeys(cols["source_sheet"])), key=k("col_sheet"))
        headers = [
            h for h in dict.fromkeys(cols.loc[cols["source_sheet"] == sheet, "header"]) if str(h).strip()
        ]
        st.selectbox("Column", headers, key=k("col_header"))
        st.selectbox("means", list(FIELD_LABELS), format_func=FIELD_LABELS.get, key=k("col_field"))
        st.button("Set what this column means", key=k("do_column"), on_click=_correct, args=(*args, "column"))
    with tab_org:
        spellings = _spellings(t)
        st.markdown("**Two spellings are one organisation**")
        a, b = st.columns(2)
        a.selectbox("This spelling", spellings, key=k("same_a"))
        b.selectbox(
            "is the same organisation as", spellings, key=k("same_b"), index=min(1, len(spellings) - 1)
        )
        st.button("Treat them as one", key=k("do_same"), on_click=_correct, args=(*args, "same"))
        merged = t.quality.merges[t.quality.merges["how"] != "the name shown"]
        if len(merged):
            st.markdown("**A merge was wrong**")
            st.selectbox(
                "This spelling is an organisation of its own", list(merged["spelling"]), key=k("split"),
                format_func=lambda x: f"{x} (merged into {merged.loc[merged['spelling'] == x, 'canonical'].iloc[0]})",
            )  # fmt: skip
            st.button("Keep it separate", key=k("do_split"), on_click=_correct, args=(*args, "split"))
    with tab_type:
        st.selectbox("Organisation", spellings, key=k("org"))
        st.radio(
            "is", list(ORG_TYPE_CHOICES), format_func=ORG_TYPE_CHOICES.get, key=k("org_type"), horizontal=True
        )
        st.button("Set the partner type", key=k("do_type"), on_click=_correct, args=(*args, "type"))

    kept = kept_corrections(key)
    st.subheader("Corrections in force")
    if not kept:
        st.caption("None yet: the dashboard shows the tracker as it read it.")
    for i, row in enumerate(kept.describe().itertuples(index=False)):
        text, undo = st.columns([5, 1])
        labels = {
            "sheet": SHEET_KIND_LABELS.get(row.now.replace(" ", "_")),
            "column": FIELD_LABELS.get(row.now),
            "report date": views.fmt_date(row.now),
        }
        now = labels.get(row.correction) or row.now
        text.write(f"{esc(row.correction.capitalize())}: {esc(row.what)} → {esc(now)}")
        undo.button("Undo", key=k(f"undo.{i}"), on_click=_correct, args=(*args, "undo", i))
    left, right = st.columns(2)
    if kept:
        left.button("Clear all corrections", key=k("clear"), on_click=_correct, args=(*args, "clear"))
    right.download_button(
        "Share these corrections with a co-convener", data=kept.to_json(), file_name="ngsp-corrections.json",
        mime="application/json", key=k("download"), on_click="ignore", icon=":material/download:",
        disabled=not kept,
    )  # fmt: skip
    upload_key = k(f"upload.{st.session_state[CORRECTIONS_ROUND]}")
    st.file_uploader(
        "Use corrections a co-convener shared (replaces these)", type=["json"], key=upload_key,
        on_change=_import_corrections, args=(*args, upload_key),
    )  # fmt: skip


# ---------------------------------------------------------------- snapshots


def keep_snapshots() -> bool:
    """Whether each load is kept as a dated snapshot (the session's choice, else NGSP_KEEP_SNAPSHOTS)."""
    from ngsp.history.store import keep_by_default

    chosen = st.session_state[KEEP]
    return keep_by_default() if chosen is None else bool(chosen)


W_KEEP, W_SNAPSHOT, W_SNAPSHOT_NAME = "w.keep", "w.snapshot", "w.snapshot.name"


def _on_keep() -> None:
    st.session_state[KEEP] = bool(st.session_state[W_KEEP])


def _snapshot_action(how: str) -> None:
    """Rename or delete the chosen snapshot (a button callback); a problem is kept to show."""
    from ngsp.history.store import Store, StoreError

    if not can_edit():
        return
    chosen = st.session_state.get(W_SNAPSHOT)
    if chosen is None:
        return
    try:
        if how == "rename":
            Store().name_snapshot(int(chosen), st.session_state.get(W_SNAPSHOT_NAME) or "")
            st.session_state[W_SNAPSHOT_NAME] = ""
        else:
            Store().delete_snapshot(int(chosen))
    except StoreError as e:
        st.session_state[SNAPSHOT_PROBLEM] = str(e)
        return
    st.session_state[SNAPSHOT_PROBLEM] = ""
    _since.clear()  # the Overview may have compared with the snapshot just deleted


def snapshots_manager(t: Tracker) -> None:
    """The snapshots kept of this tracker (when, name, files), with rename and delete, and whether each load is
    kept; viewers see the list only and never write."""
    from ngsp.history import diff
    from ngsp.history.store import Store, StoreError

    with st.expander("Kept snapshots of this tracker", icon=":material/inventory_2:"):
        if can_edit():
            st.toggle(
                "Keep a dated copy of each load", value=keep_snapshots(), key=W_KEEP, on_change=_on_keep,
                help="Each tracker you load is kept on this computer so this page can show what changed. "
                "Switched off, nothing is written.",
            )  # fmt: skip
        try:
            kept = Store(read_only=True).list_snapshots(t.structure_key) if t.structure_key else None
        except StoreError as e:
            st.error(esc(e), icon="⚠️")
            return
        if kept is None or kept.empty:
            st.caption("No snapshot of this tracker is kept yet.")
            return
        shown = kept.assign(id=kept["id"].astype(str))[["id", "name", "taken_at", "as_of", "files"]]
        st.dataframe(
            shown, hide_index=True,
            column_config={
                "id": st.column_config.TextColumn("Number"), "name": st.column_config.TextColumn("Name"),
                "taken_at": st.column_config.DatetimeColumn("Kept on", format="D MMM YYYY, HH:mm"),
                "as_of": st.column_config.DateColumn("Figures as of", format="D MMM YYYY"),
                "files": st.column_config.TextColumn("Files"),
            },
        )  # fmt: skip
        if not can_edit():
            return
        labels = {int(r["id"]): diff.snapshot_label(r) for _, r in kept.iterrows()}
        st.selectbox("Snapshot", list(labels), format_func=labels.get, key=W_SNAPSHOT)
        st.text_input("Name", key=W_SNAPSHOT_NAME, placeholder="Q3 meeting", max_chars=80)
        left, right = st.columns(2)
        left.button("Rename", key="w.snapshot.rename", on_click=_snapshot_action, args=("rename",))
        right.button(
            "Delete this snapshot", key="w.snapshot.delete", on_click=_snapshot_action, args=("delete",)
        )
        if st.session_state[SNAPSHOT_PROBLEM]:
            st.error(esc(st.session_state[SNAPSHOT_PROBLEM]), icon="⚠️")
            st.session_state[SNAPSHOT_PROBLEM] = ""
