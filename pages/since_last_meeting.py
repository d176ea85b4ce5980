"""Since last meeting: what changed between an earlier snapshot of this tracker and the tracker shown now."""

import streamlit as st

from ngsp.app import loading, panels, state, widgets
from ngsp.figures import format
from ngsp.history import diff
from ngsp.history.store import Store, StoreError, files_sha256

st.title("Since last meeting")
t, as_of = loading.full_tracker(), state.as_of()  # the whole tracker: the snapshots are whole trackers too
if widgets.nothing_to_show(t):
    widgets.stop_page()

panels.snapshots_manager(t)
store = Store(read_only=True)  # this page only reads
try:
    options, default = diff.baseline_options(
        store.list_snapshots(t.structure_key), t, as_of, exclude_sha=files_sha256(loading.source_files())
    )
except StoreError as e:
    st.error(widgets.esc(e), icon="⚠️")
    widgets.stop_page()
if options.empty:
    widgets.empty_state(
        "No earlier version of this tracker is kept yet. Each time you load the tracker the dashboard keeps a "
        "dated snapshot; load it again after your next meeting to see what changed."
    )
    widgets.stop_page()

labels = {int(r["id"]): diff.snapshot_label(r) for _, r in options.iterrows()}
chosen = st.selectbox(
    "Compare with", list(labels), index=default, format_func=labels.get, key="w.since.baseline",
    help="By default the latest snapshot taken on or before the last full partnership meeting.",
)  # fmt: skip
try:
    info = store.snapshot_info(chosen)
    d = loading.diff_since(store.load_snapshot(chosen), info.as_of)  # a viewer's names nobody
except StoreError as e:
    st.error(widgets.esc(e), icon="⚠️")
    widgets.stop_page()

st.caption(f"Changes from {format.fmt_date(d.since)} to {format.fmt_date(d.as_of)}")
widgets.tiles(diff.tiles(d), columns=4)
if not d:
    st.success("Nothing changed since then.")
for i, (title, df) in enumerate(diff.sections(d)):
    with st.expander(f"{title} ({format.fmt_count(len(df))})", expanded=len(df) <= 5):
        widgets.table(df, title, key=f"dl.since.{i}")
