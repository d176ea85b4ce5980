"""Overview: the headline tiles and what needs the convener's attention this week."""

import streamlit as st

from ngsp import figures
from ngsp.app import ui
from ngsp.figures.format import fmt_count, fmt_date, plural
from ngsp.history import diff

t, as_of = ui.tracker(), ui.as_of()
st.title("Overview")
if t is None:
    ui.no_tracker()
    st.stop()

st.caption(f"{ui.esc(t.name or 'Your partnership')} · figures as of {fmt_date(as_of)}")
ui.kpi_tiles(figures.compute("kpis", t, as_of))
if rejected := figures.compute("rejected_rows", t):
    n = plural(rejected, "row")
    st.page_link(
        "pages/data_quality.py", label=f"{n} of the tracker could not be used: see which and why", icon="⚠️"
    )

left, right = st.columns(2)
with left:
    ui.export_download("deck", t, key="dl.deck")
with right:
    ui.export_download("report", t, key="dl.report.overview")

if (changes := ui.since_last_meeting()) is not None:
    st.header("Since last meeting")
    st.caption(f"Changes from {fmt_date(changes.since)} to {fmt_date(changes.as_of)}")
    ui.tiles(diff.tiles(changes), columns=4)
    st.page_link("pages/since_last_meeting.py", label="See every change", icon=":material/history:")

st.header("Needs attention")
sections = figures.compute("needs_attention_sections", t, as_of)
if not sections:
    st.success("Nothing needs attention: no overdue items, no lapsed businesses, every quarter met.")
for kind, rows in sections:
    with st.expander(f"{kind} ({fmt_count(len(rows))})", expanded=len(rows) <= 5):
        st.dataframe(
            rows,
            hide_index=True,
            column_config={
                "item": st.column_config.TextColumn("What"),
                "detail": st.column_config.TextColumn("Details"),
                "date": st.column_config.DateColumn(
                    "Date",
                    format="D MMM YYYY",
                    help="Due date, last seen, end of the quarter, or meeting date",
                ),
            },
        )
