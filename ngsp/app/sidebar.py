"""The sidebar every page shares: where the tracker comes from, the as-of date, the filters and the cadence target,
and the notice when the tracker is much older than the as-of date."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ngsp.app import loading, panels, state, widgets
from ngsp.figures import cadence, filters, format


def _copy(widget_key: str, data_key: str) -> None:
    st.session_state[data_key] = st.session_state[widget_key]


def _on_upload(widget_key: str) -> None:
    files = tuple((f.name, f.getvalue()) for f in st.session_state[widget_key] or [])
    st.session_state[state.CONNECTED] = None
    st.session_state[state.CONNECT_PROBLEM] = ""
    chosen, replaced = loading.latest_versions(files)
    state.show_files(chosen, files, replaced)
    st.session_state[state.DATES] = None
    st.session_state[state.PRIORITIES] = []
    st.session_state[state.PARTNER_TYPES] = []


def _use_sample() -> None:
    state.show_files((), (), ())
    st.session_state[state.CONNECTED] = None
    st.session_state[state.CONNECT_PROBLEM] = ""
    st.session_state[state.UPLOAD_ROUND] += 1
    st.session_state[state.DATES] = None
    st.session_state[state.PRIORITIES] = []
    st.session_state[state.PARTNER_TYPES] = []


def _on_dates(widget_key: str) -> None:
    value = st.session_state[widget_key]
    if isinstance(value, tuple | list) and len(value) == 2:  # half-picked ranges wait for the second date
        st.session_state[state.DATES] = tuple(value)


def _set_as_of(day: dt.date) -> None:
    st.session_state[state.AS_OF] = day
    st.session_state[state.W_AS_OF] = day


def _versions_notice(container) -> None:
    """Say which uploaded or fetched files a newer version replaced, with an undo for files that are parts."""
    replaced = st.session_state[state.REPLACED]
    if not replaced:
        return
    lines = [
        f"“{widgets.plain(r.newer)}” is a newer version of “{widgets.plain(r.older)}”, so it replaces it."
        for r in replaced
    ]
    container.info(
        " ".join(lines) + " The two are not added together.", icon=":material/published_with_changes:"
    )
    container.button(
        "Undo: they are parts of one tracker", on_click=state.read_together, key="w.read_together",
        help="Read every file together, as one partnership's tracker (a workbook per year, a table per file).",
    )  # fmt: skip


def _on_name(key: str, widget_key: str) -> None:
    name = " ".join(str(st.session_state[widget_key] or "").split())
    panels.keep_corrections(key, loading.kept_corrections(key).with_name(name), name)


def _name_box(container, t) -> None:
    """The partnership's name, asked once: taken from the tracker's title line when it has one, remembered with
    the tracker's corrections, and used in every title (the Overview, the slides, the report)."""
    if t is None or not t.structure_key or not state.can_edit():
        return
    widget_key = f"{state.W_NAME}.{loading.source_id()}"
    container.text_input(
        "Your partnership's name", value=t.name, key=widget_key, on_change=_on_name,
        args=(t.structure_key, widget_key), max_chars=90, placeholder="e.g. Fox Valley Manufacturing Partnership",
        help="It titles the Overview, the slides and the report, and is kept with this tracker's corrections.",
    )  # fmt: skip
    if not t.name:
        container.caption("What is your partnership called? Its name titles the slides and the report.")


def stale_notice() -> None:
    """When the tracker's latest meeting is long before the as-of date, say so and offer to count as of it."""
    t = loading.full_tracker()
    last = cadence.latest_meeting(t, state.as_of()) if t is not None else None
    if last is None:
        return
    with st.container(border=True):
        st.info(
            f"The latest meeting in this tracker was on {format.fmt_date(last)}, long before "
            f"{format.fmt_date(state.as_of())}: counted as of today, nobody looks active and recent quarters look missed.",
            icon="🗓️",
        )
        st.button(f"Count as of {format.fmt_date(last)}", on_click=_set_as_of, args=(last,), key="w.stale")


def sidebar() -> None:
    """Data source, as-of date and filters; every page honours them."""
    sb = st.sidebar
    sb.header("Tracker")
    upload_key = f"{state.W_UPLOAD}.{st.session_state[state.UPLOAD_ROUND]}"
    if state.can_edit():  # viewers bring in nothing
        sb.file_uploader(
            "Upload your tracker (one or more files that together make it)",
            type=loading.UPLOAD_TYPES,
            accept_multiple_files=True,
            key=upload_key,
            on_change=_on_upload,
            args=(upload_key,),
            help="Excel, OpenDocument or CSV. Several files are read as one partnership's tracker.",
        )
        panels.connect_box(sb)
        _versions_notice(sb)
    if st.session_state[state.SOURCE]:
        names = ", ".join(widgets.plain(name) for name, _ in st.session_state[state.SOURCE])
        sb.caption(f"Showing your files: {names}")
        if state.keep_snapshots():
            sb.caption("A dated copy is kept on this computer so “Since last meeting” can show what changed.")
        label = (
            "Show the partnership's tracker instead"
            if loading.shared()[0]
            else "Show the sample tracker instead"
        )
        sb.button(label, on_click=_use_sample, key="w.use_sample")
    elif loading.shared()[0]:
        sb.caption("Showing the partnership's tracker, as set up on this server.")
    elif loading.sample_files():
        more = " Upload yours above." if state.can_edit() else ""
        sb.caption(f"Showing the sample tracker (a made-up partnership).{more}")
    t = loading.full_tracker()
    _name_box(sb, t)
    widgets.template_download(sb)

    sb.header("View")
    sb.date_input(
        "Figures as of", value=state.as_of(), key=state.W_AS_OF, on_change=_copy, args=(state.W_AS_OF, state.AS_OF),
        format="YYYY-MM-DD", help="“Today” for overdue items, lapsed partners and this quarter.",
    )  # fmt: skip
    if t is not None:
        options = filters.filter_options(t)
        sid = loading.source_id()
        if options["start"] is not None:
            sb.date_input(
                "Dates included",
                value=st.session_state[state.DATES] or (options["start"], options["end"]),
                key=f"{state.W_DATES}.{sid}", on_change=_on_dates, args=(f"{state.W_DATES}.{sid}",), format="YYYY-MM-DD",
                help="Meetings, attendance and action-item due dates in this range.",
            )  # fmt: skip
        if options["priorities"]:
            sb.multiselect(
                "Priorities and action teams", options["priorities"],
                default=[p for p in st.session_state[state.PRIORITIES] if p in options["priorities"]],
                key=f"{state.W_PRIORITIES}.{sid}", on_change=_copy, args=(f"{state.W_PRIORITIES}.{sid}", state.PRIORITIES),
                placeholder="All priorities",
            )  # fmt: skip
        types = options["partner_types"]
        sb.multiselect(
            "Partner types", types, format_func=format.ORG_TYPE_LABELS.get, key=f"{state.W_TYPES}.{sid}",
            default=[p for p in st.session_state[state.PARTNER_TYPES] if p in types],
            on_change=_copy, args=(f"{state.W_TYPES}.{sid}", state.PARTNER_TYPES), placeholder="All partners",
        )  # fmt: skip
    sb.number_input(
        "Full partnership meetings wanted each quarter", min_value=1, max_value=6, step=1, value=state.target(),
        key=state.W_TARGET, on_change=_copy, args=(state.W_TARGET, state.TARGET),
        help="The cadence target. Next Generation partnerships meet in full at least once a quarter.",
    )  # fmt: skip
    if t is not None and len(t.quality.reports):  # only a tracker read with Zoom or Teams reports needs it
        sb.number_input(
            "Shortest online attendance counted (minutes)", min_value=0, max_value=240, step=1,
            value=int(state.min_minutes()), key=state.W_MIN_MINUTES, on_change=_copy,
            args=(state.W_MIN_MINUTES, state.MIN_MINUTES),
            help="Someone in a Zoom or Teams report for less time than this is listed on the Data quality page "
            "but not counted as attending. 0 counts everyone.",
        )  # fmt: skip
    sb.button(
        "Present at a meeting", on_click=state.start_presenting, key="w.present", type="primary",
        help="Large type, one chart per screen, no sidebar.",
    )  # fmt: skip
