"""Engagement: who comes, business leaders vs public partners, and who is drifting away."""

import streamlit as st

from ngsp import figures
from ngsp.app import ui
from ngsp.figures import charts

t, as_of = ui.tracker(), ui.as_of()
st.title("Engagement")
if t is None:
    ui.no_tracker()
    st.stop()

every = st.toggle("Include action-team and planning meetings", value=False, key="w.eng_all")
eng = figures.compute("meeting_engagement", t, partnership_only=not every)
if eng.empty:
    ui.empty_state("No meetings in this selection: widen the dates or clear the filters in the sidebar.")
else:
    ui.chart(charts.business_share(eng), key="c.share")
    ui.chart(charts.engagement_counts(eng), key="c.counts")
    matrix = figures.compute("partner_meeting_matrix", t, partnership_only=not every)
    ui.chart(charts.partner_heatmap(matrix), key="c.heat")
ui.chart(charts.business_flow(figures.compute("business_flow_by_quarter", t, as_of)), key="c.flow")

at_risk = figures.get("at_risk_partners")
st.header(at_risk.label)
st.caption(at_risk.counts)
risk = at_risk(t, as_of)
if risk.empty:
    st.success("No partner has missed the last two partnership meetings.")
else:
    ui.table(
        risk[["organisation", "type", "last_seen", "partnership_meetings"]], at_risk.label, key="dl.risk",
        column_config={
            "organisation": "Organisation", "type": "Type",
            "last_seen": st.column_config.DateColumn("Last seen", format="D MMM YYYY"),
            "partnership_meetings": st.column_config.NumberColumn("Partnership meetings attended"),
        },
    )  # fmt: skip

st.header(figures.get("org_engagement").label)
ui.table(
    figures.compute("org_engagement", t, as_of), "Organisations", key="dl.orgs",
    column_config={
        "organisation": "Organisation", "type": "Type", "people": st.column_config.NumberColumn("People"),
        "meetings_attended": st.column_config.NumberColumn("Meetings attended (any kind)"),
        "partnership_meetings": st.column_config.NumberColumn("Partnership meetings attended"),
        "attendance_rate": st.column_config.ProgressColumn(
            "Attendance since joining", help="Share of partnership meetings attended since first seen",
            format="percent", min_value=0.0, max_value=1.0,
        ),
        "first_seen": st.column_config.DateColumn("First seen", format="D MMM YYYY"),
        "last_seen": st.column_config.DateColumn("Last seen", format="D MMM YYYY"),
        "trend": st.column_config.TextColumn("Trend", help="Meetings in the last 6 months vs the 6 before"),
    },
)  # fmt: skip
