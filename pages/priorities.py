"""Priorities: a card per priority with progress, status mix, who leads it and what is late or due soon."""

import streamlit as st

from ngsp import charts, ui, views

t, as_of = ui.tracker(), ui.as_of()
st.title("Priorities")
if t is None:
    ui.no_tracker()
    st.stop()

cards = views.priority_cards(t, as_of)
if cards.empty:
    ui.empty_state(
        "No action items in this selection: add an action plan to the tracker or clear the filters."
    )
    st.stop()
ui.chart(charts.status_mix(views.status_mix(t)), key="c.status")

late, soon = views.overdue_by_owner(t, as_of), views.items_due_soon(t, as_of)
for card in cards.itertuples(index=False):
    with st.container(border=True):
        st.subheader(ui.esc(card.priority))
        st.progress(
            card.done / card.items if card.items else 0.0, text=f"{card.done} of {card.items} items done"
        )
        a, b, c, d = st.columns(4)
        a.metric("Items done", f"{card.done} of {card.items}")
        b.metric("Average percent complete", views.fmt_percent(card.mean_percent))
        c.metric("Overdue", views.fmt_count(card.overdue))
        d.metric(f"Due in the next {views.DUE_SOON_DAYS} days", views.fmt_count(card.due_soon))
        mix = [f"{getattr(card, 'status_' + k)} {label.lower()}" for k, label in views.STATUS_LABELS.items()]
        st.caption("Status: " + " · ".join(m for m in mix if not m.startswith("0 ")))
        st.caption("Champions: " + ui.esc(card.champions or "none named"))
        st.caption("Support partners: " + ui.esc(card.support_partners or "none recorded"))
        mine = late[late["priority"] == card.priority]
        if len(mine):
            st.dataframe(mine[["owner", "overdue"]], hide_index=True,
                         column_config={"owner": "Owner", "overdue": "Overdue items"})  # fmt: skip
        due = soon[soon["priority"] == card.priority]
        if len(due):
            st.dataframe(due[["description", "owner", "due", "status_label"]], hide_index=True, column_config={
                "description": "Due soon", "owner": "Owner",
                "due": st.column_config.DateColumn("Due", format="D MMM YYYY"), "status_label": "Status",
            })  # fmt: skip
