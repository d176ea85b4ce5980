"""Overview: the headline tiles and what needs the convener's attention this week."""

import streamlit as st

from ngsp import figures
from ngsp.app import loading, state, widgets
from ngsp.figures import format
from ngsp.history import diff

st.title("Overview")
t, as_of = loading.tracker(), state.as_of()
if widgets.nothing_to_show(t):
    widgets.stop_page()

st.caption(f"{widgets.esc(t.name or 'Your partnership')} · figures as of {format.fmt_date(as_of)}")
widgets.reading_doubts(loading.full_tracker() or t)  # how the whole tracker was read, whatever the filters
widgets.kpi_tiles(figures.compute("kpis", t, as_of))
if len(t.quality.rejected):
    n = format.plural(len(t.quality.rejected), "row")
    st.page_link(
        "pages/data_quality.py", label=f"{n} of the tracker could not be used: see which and why", icon="⚠️"
    )

left, right = st.columns(2)
with left:
    widgets.export_download("deck", t, key="dl.deck")
with right:
    widgets.export_download("report", t, key="dl.report.overview")

if (changes := loading.since_last_meeting()) is not None:
    st.header("Since last meeting")
    st.caption(f"Changes from {format.fmt_date(changes.since)} to {format.fmt_date(changes.as_of)}")
    widgets.tiles(diff.tiles(changes), columns=4)
    st.page_link("pages/since_last_meeting.py", label="See every change", icon=":material/history:")

st.header("Needs attention")
sections = figures.compute("needs_attention_sections", t, as_of)
if not sections:
    st.success("Nothing needs attention: no overdue items, no lapsed businesses, every quarter met.")
for kind, rows in sections:
    with st.expander(f"{kind} ({format.fmt_count(len(rows))})", expanded=len(rows) <= 5):
        widgets.item_list(rows)
