"""Engagement: who comes, business leaders vs public partners, and who is drifting away."""

import streamlit as st

from ngsp import figures
from ngsp.app import loading, state, widgets
from ngsp.figures import charts

st.title("Engagement")
t, as_of = loading.tracker(), state.as_of()
if widgets.nothing_to_show(t):
    widgets.stop_page()

every = st.toggle("Include action-team and planning meetings", value=False, key="w.eng_all")
eng = figures.compute("meeting_engagement", t, partnership_only=not every)
if eng.empty:
    widgets.empty_state("No meetings in this selection: widen the dates or clear the filters in the sidebar.")
else:
    widgets.chart(charts.business_share(eng), key="c.share")
    widgets.chart(charts.engagement_counts(eng), key="c.counts")
    matrix = figures.compute("partner_meeting_matrix", t, partnership_only=not every)
    windows = charts.heatmap_windows(matrix)  # past 40 organisations, a readable lot at a time
    window = st.segmented_control("Show", range(len(windows)), format_func=windows.__getitem__, default=0,
                                  key="w.heat_window") if windows else 0  # fmt: skip
    widgets.chart(charts.partner_heatmap(matrix, window=window or 0), key="c.heat")
widgets.chart(charts.business_flow(figures.compute("business_flow_by_quarter", t, as_of)), key="c.flow")

at_risk = figures.get("at_risk_partners")
st.header(at_risk.label)
st.caption(at_risk.counts)
risk = at_risk(t, as_of)
if risk.empty:
    st.success("No partner has missed the last two partnership meetings.")
else:
    widgets.table(
        risk[["organisation", "type", "last_seen", "partnership_meetings"]], "At-risk partners", key="dl.risk",
        column_config={
            "organisation": "Organisation", "type": "Type",
            "last_seen": st.column_config.DateColumn("Last seen", format="D MMM YYYY"),
            "partnership_meetings": st.column_config.NumberColumn("Partnership meetings attended"),
        },
    )  # fmt: skip

st.header("Every organisation")
widgets.table(
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
