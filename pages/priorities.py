"""Priorities: a card per priority with progress, status mix, who leads it and what is late or due soon."""

import streamlit as st

from ngsp import figures
from ngsp.app import loading, state, widgets
from ngsp.figures import charts, thresholds
from ngsp.figures.format import fmt_count, fmt_percent

st.title("Priorities")
t, as_of = loading.tracker(), state.as_of()
if widgets.nothing_to_show(t):
    widgets.stop_page()

cards = figures.compute("priority_sections", t, as_of)
if not cards:
    widgets.empty_state(
        "No action items in this selection: add an action plan to the tracker or clear the filters."
    )
    widgets.stop_page()
widgets.chart(charts.status_mix(figures.compute("status_mix", t)), key="c.status")

for card in cards:
    with st.container(border=True):
        st.subheader(widgets.esc(card["priority"]))
        done, items = card["done"], card["items"]
        st.progress(done / items if items else 0.0, text=f"{done} of {items} items done")
        a, b, c, d = st.columns(4)
        a.metric("Items done", f"{done} of {items}")
        b.metric("Average percent complete", fmt_percent(card["mean_percent"]))
        c.metric("Overdue", fmt_count(card["overdue"]))
        d.metric(f"Due in the next {thresholds.DUE_SOON_DAYS} days", fmt_count(card["due_soon"]))
        st.caption("Status: " + card["status_words"])
        st.caption("Champions: " + widgets.esc(card["champions"] or "none named"))
        st.caption("Support partners: " + widgets.esc(card["support_partners"] or "none recorded"))
        if len(card["overdue_by_owner"]):
            st.dataframe(card["overdue_by_owner"], hide_index=True,
                         column_config={"owner": "Owner", "overdue": "Overdue items"})  # fmt: skip
        if len(card["due_soon_items"]):
            st.dataframe(card["due_soon_items"], hide_index=True, column_config={
                "description": "Due soon", "owner": "Owner",
                "due": st.column_config.DateColumn("Due", format="D MMM YYYY"), "status_label": "Status",
            })  # fmt: skip
