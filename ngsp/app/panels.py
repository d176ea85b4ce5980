"""The larger panels a convener works in: connect a tracker by path or link, correct what ngsp got wrong, and
manage the kept snapshots. Viewers see the snapshots listed and change nothing."""

from __future__ import annotations

import streamlit as st

from ngsp.app import loading, state, widgets
from ngsp.core.errors import TrackerError
from ngsp.core.model import Tracker
from ngsp.figures import quality
from ngsp.figures.format import FIELD_WORDS, SHEET_KIND_WORDS, fmt_date, plural
from ngsp.ingest.columns import like_sheets

# ---------------------------------------------------------------- connect by path or link


def _connect(source: str) -> None:
    """Fetch the tracker a path or link names and show it (a button callback); a problem is kept to show."""
    from ngsp.ingest.connect import fetch, settings_from_env

    try:
        with st.spinner("Fetching the tracker…"):
            files = tuple(fetch(source, settings_from_env()))
    except (TrackerError, ValueError) as e:  # ValueError: NGSP_ALLOW_PRIVATE_URLS is not understood
        st.session_state[state.CONNECT_PROBLEM] = str(e)
        return
    st.session_state[state.CONNECT_PROBLEM] = ""
    if (
        files != st.session_state[state.UPLOADED]
    ):  # unchanged bytes keep the same source: nothing is re-parsed
        if st.session_state[state.CONNECTED] != source:  # another tracker: start with no filters
            st.session_state[state.DATES] = None
            st.session_state[state.PRIORITIES] = []
            st.session_state[state.PARTNER_TYPES] = []
        chosen, replaced = loading.latest_versions(files, by_content=True)  # a folder may hold two versions
        state.show_files(chosen, files, replaced)
    if st.session_state[state.CONNECTED] is None:
        # the uploader no longer shows a file that is not the one shown
        st.session_state[state.UPLOAD_ROUND] += 1
    st.session_state[state.CONNECTED] = source


def _on_connect() -> None:
    _connect(st.session_state[state.W_CONNECT])


def _on_refresh() -> None:
    if st.session_state[state.CONNECTED]:
        _connect(st.session_state[state.CONNECTED])


def connect_box(container=None) -> None:
    """Connect by path or link: the tracker fetched from a shared link or a file in the data folder, refreshed
    on demand (the bytes decide whether anything is parsed again)."""
    box = (container or st.sidebar).expander(
        "Connect by path or link",
        expanded=bool(st.session_state[state.CONNECTED] or st.session_state[state.CONNECT_PROBLEM]),
    )
    with box:
        st.text_input(
            "Link or path to your tracker", key=state.W_CONNECT, placeholder="https://… or a file in the data folder",
            help="A share link (OneDrive, SharePoint, Google Sheets, Dropbox) or, where whoever runs the "
            "dashboard has set a data folder, a file or folder in it.",
        )  # fmt: skip
        left, right = st.columns(2)
        left.button("Connect", key="w.connect.go", type="primary", on_click=_on_connect)
        right.button(
            "Refresh", key="w.connect.refresh", disabled=not st.session_state[state.CONNECTED], on_click=_on_refresh,
            help="Fetch the same tracker again to see the latest changes.",
        )  # fmt: skip
        if st.session_state[state.CONNECT_PROBLEM]:
            st.error(widgets.esc(st.session_state[state.CONNECT_PROBLEM]), icon="⚠️")
        elif st.session_state[state.CONNECTED]:
            st.caption(
                f"Connected to {widgets.esc(st.session_state[state.CONNECTED])}. Refresh to fetch it again."
            )


# ---------------------------------------------------------------- corrections

SHEET_KIND_LABELS = SHEET_KIND_WORDS  # one set of words, shared with the Data quality tables
FIELD_LABELS = FIELD_WORDS
ORG_TYPE_CHOICES = {"business": "a business", "public": "a public partner"}


def keep_corrections(key: str, corrections, name: str = "") -> None:
    """Keep a tracker's corrections in the local store; the next run applies them on every page."""
    from ngsp.history.store import Store, StoreError

    if not state.can_edit():
        return
    try:
        Store().save_corrections(key, corrections, name)
    except StoreError as e:
        st.session_state[state.CORRECTIONS_PROBLEM] = str(e)
        return
    st.session_state[state.CORRECTIONS_PROBLEM] = ""
    loading.clear_since()  # the comparison with an earlier snapshot uses the corrected tracker


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


def _correct(key: str, name: str, how: str, arg: int = 0, like: list[str] | None = None) -> None:
    """A correction button's callback: read its widgets, change the kept corrections and keep them. ``like``
    are the sheets with the same header as the one corrected, for when the convener applies it to all."""
    from ngsp.core.corrections import Corrections

    c, w = loading.kept_corrections(key), lambda k: st.session_state.get(f"{state.W_CORR}.{k}")
    try:
        if how == "sheet":
            for sheet in like if like and w("sheet_like") else [w("sheet")]:
                c = c.with_sheet_kind(sheet, w("kind"))
        elif how == "column":
            for sheet in like if like and w("col_like") else [w("col_sheet")]:
                c = c.with_column(sheet, w("col_header"), w("col_field"))
        elif how == "same":
            if w("same_a") == w("same_b"):
                st.session_state[state.CORRECTIONS_PROBLEM] = "choose two different spellings"
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
        st.session_state[state.CORRECTIONS_PROBLEM] = f"that correction could not be made ({e})"
        return
    keep_corrections(key, c, name)


def _import_corrections(key: str, name: str, widget_key: str) -> None:
    from ngsp.core.corrections import Corrections

    upload = st.session_state[widget_key]
    if upload is None:
        return
    try:
        c = Corrections.from_json(upload.getvalue())
    except ValueError as e:
        st.session_state[state.CORRECTIONS_PROBLEM] = f"{upload.name}: {e}"
        return
    st.session_state[state.CORRECTIONS_ROUND] += 1
    keep_corrections(key, c, name)


def _column_choice(r) -> str:
    """A column as the convener picks it: its header, what it is read as now, and a few of its values."""
    now = FIELD_LABELS.get(r.field, r.field) if r.field else "not used"
    values = f" · e.g. {r.samples}" if r.samples else " · empty"
    return f"{r.header} ({r.column}): read as {now}{values}"


def _like_sheets_box(like: list[str], key: str) -> None:
    """Offer a correction for every sheet with the same header (a workbook's yearly sheets)."""
    if len(like) > 1:
        st.checkbox(
            f"Apply to the {len(like)} sheets with this header ({', '.join(like)})", value=True, key=key,
            help="Sheets with the same header are usually the same table, one a year or one a team.",
        )  # fmt: skip


def _spellings(t: Tracker) -> list[str]:
    """Every spelling of every organisation, as written in the tracker."""
    names = {x.strip() for v in t.organizations["spellings"] for x in str(v).split(" | ") if x.strip()}
    return sorted(names | set(t.organizations["name"]), key=str.casefold)


def corrections_editor(t: Tracker) -> None:
    """ "Correct what ngsp got wrong": what a sheet is, what a column means, which spellings are one organisation,
    business or public; the corrections in force with Undo; share them with a co-convener. Hidden from viewers."""
    if not state.can_edit():
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
    if problem := loading.corrections_problem():
        st.warning(
            f"Your corrections could not be applied, so the tracker is shown as read: {widgets.esc(problem)}"
        )
    if st.session_state[state.CORRECTIONS_PROBLEM]:
        st.error(widgets.esc(st.session_state[state.CORRECTIONS_PROBLEM]), icon="⚠️")
        st.session_state[state.CORRECTIONS_PROBLEM] = ""
    args, k = (key, name), lambda x: f"{state.W_CORR}.{x}"
    columns = loading.every_column(t)
    undated = quality.reports_needing_a_date(t)
    if undated:
        st.warning(
            f"{plural(len(undated), 'attendance report')} name no date, so nobody in "
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
        ["What a sheet is", "What a column means", "Same or different organisation", "Business or public"],
        key=k("tab"), on_change="rerun",  # the tab chosen stays chosen after a correction reloads the page
    )  # fmt: skip
    with tab_sheet:
        sheet = st.selectbox("Sheet", list(dict.fromkeys(t.quality.sheets["source_sheet"])), key=k("sheet"))
        st.selectbox("is", list(SHEET_KIND_LABELS), format_func=SHEET_KIND_LABELS.get, key=k("kind"))
        like = like_sheets(columns, sheet)
        _like_sheets_box(like, k("sheet_like"))
        st.button(
            "Set what this sheet is", key=k("do_sheet"), on_click=_correct, args=(*args, "sheet", 0, like)
        )
    with tab_col:
        sheet = st.selectbox("Sheet", list(dict.fromkeys(columns["source_sheet"])), key=k("col_sheet"))
        mine = columns[columns["source_sheet"] == sheet].drop_duplicates("header")
        shown = {r.header: _column_choice(r) for r in mine.itertuples(index=False)}
        st.selectbox(
            "Column", list(shown), format_func=shown.get, key=k("col_header"),
            help="Every column of the sheet, used or not, with a few of its values.",
        )  # fmt: skip
        st.selectbox("holds", list(FIELD_LABELS), format_func=FIELD_LABELS.get, key=k("col_field"))
        like = like_sheets(columns, sheet)
        _like_sheets_box(like, k("col_like"))
        st.button(
            "Set what this column means",
            key=k("do_column"),
            on_click=_correct,
            args=(*args, "column", 0, like),
        )
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

    kept = loading.kept_corrections(key)
    st.subheader("Corrections in force")
    if not kept:
        st.caption("None yet: the dashboard shows the tracker as it read it.")
    for i, row in enumerate(kept.describe().itertuples(index=False)):
        text, undo = st.columns([5, 1])
        labels = {
            "sheet": SHEET_KIND_LABELS.get(row.now.replace(" ", "_")),
            "column": FIELD_LABELS.get(row.now),
            "report date": fmt_date(row.now) if row.correction == "report date" else None,
        }
        now = labels.get(row.correction) or row.now
        text.write(
            f"{widgets.esc(row.correction.capitalize())}: {widgets.esc(row.what)} → {widgets.esc(now)}"
        )
        undo.button("Undo", key=k(f"undo.{i}"), on_click=_correct, args=(*args, "undo", i))
    left, right = st.columns(2)
    if kept:
        left.button("Clear all corrections", key=k("clear"), on_click=_correct, args=(*args, "clear"))
    right.download_button(
        "Share these corrections with a co-convener", data=kept.to_json(), file_name="ngsp-corrections.json",
        mime="application/json", key=k("download"), on_click="ignore", icon=":material/download:",
        disabled=not kept,
    )  # fmt: skip
    upload_key = k(f"upload.{st.session_state[state.CORRECTIONS_ROUND]}")
    st.file_uploader(
        "Use corrections a co-convener shared (replaces these)", type=["json"], key=upload_key,
        on_change=_import_corrections, args=(*args, upload_key),
    )  # fmt: skip


# ---------------------------------------------------------------- snapshots


def _on_keep() -> None:
    st.session_state[state.KEEP] = bool(st.session_state[state.W_KEEP])


def _snapshot_action(how: str) -> None:
    """Rename or delete the chosen snapshot (a button callback); a problem is kept to show."""
    from ngsp.history.store import Store, StoreError

    if not state.can_edit():
        return
    chosen = st.session_state.get(state.W_SNAPSHOT)
    if chosen is None:
        return
    try:
        if how == "rename":
            Store().name_snapshot(int(chosen), st.session_state.get(state.W_SNAPSHOT_NAME) or "")
            st.session_state[state.W_SNAPSHOT_NAME] = ""
        else:
            Store().delete_snapshot(int(chosen))
    except StoreError as e:
        st.session_state[state.SNAPSHOT_PROBLEM] = str(e)
        return
    st.session_state[state.SNAPSHOT_PROBLEM] = ""
    loading.clear_since()  # the Overview may have compared with the snapshot just deleted


def snapshots_manager(t: Tracker) -> None:
    """The snapshots kept of this tracker (when, name, files), with rename and delete, and whether each load is
    kept; viewers see the list only and never write."""
    from ngsp.history import diff
    from ngsp.history.store import Store, StoreError

    with st.expander("Kept snapshots of this tracker", icon=":material/inventory_2:"):
        if state.can_edit():
            st.toggle(
                "Keep a dated copy of each load", value=state.keep_snapshots(), key=state.W_KEEP, on_change=_on_keep,
                help="Each tracker you load is kept on this computer so this page can show what changed. "
                "Switched off, nothing is written.",
            )  # fmt: skip
        try:
            kept = Store(read_only=True).list_snapshots(t.structure_key) if t.structure_key else None
        except StoreError as e:
            st.error(widgets.esc(e), icon="⚠️")
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
        if not state.can_edit():
            return
        labels = {int(r["id"]): diff.snapshot_label(r) for _, r in kept.iterrows()}
        st.selectbox("Snapshot", list(labels), format_func=labels.get, key=state.W_SNAPSHOT)
        st.text_input("Name", key=state.W_SNAPSHOT_NAME, placeholder="Q3 meeting", max_chars=80)
        left, right = st.columns(2)
        left.button("Rename", key="w.snapshot.rename", on_click=_snapshot_action, args=("rename",))
        right.button(
            "Delete this snapshot", key="w.snapshot.delete", on_click=_snapshot_action, args=("delete",)
        )
        if st.session_state[state.SNAPSHOT_PROBLEM]:
            st.error(widgets.esc(st.session_state[state.SNAPSHOT_PROBLEM]), icon="⚠️")
            st.session_state[state.SNAPSHOT_PROBLEM] = ""
