"""Cadence: the rhythm of full partnership meetings and action-team calls, and the launch follow-through."""

import streamlit as st

from ngsp import figures
from ngsp.app import loading, state, widgets
from ngsp.figures import charts, thresholds
from ngsp.figures.format import fmt_count, fmt_date

st.title("Cadence")
t, as_of, target = loading.tracker(), state.as_of(), state.target()
if widgets.nothing_to_show(t):
    widgets.stop_page()

status = figures.compute("cadence_status", t, as_of, target=target)
a, b, c = st.columns(3)
a.metric("Days since the last full meeting", fmt_count(status["days_since"]), border=True,
         help=f"Last one: {fmt_date(status['last_full'])}")  # fmt: skip
b.metric("Next full meeting due by", fmt_date(status["next_due"]), border=True,
         help=f"{fmt_count(status['days_to_due'])} days from the as-of date")  # fmt: skip
c.metric("Quarters that met the target", figures.compute("quarters_met", t, as_of, target=target),
         border=True, help=f"Target: at least {target} full partnership meeting(s) a quarter (set in the sidebar)")  # fmt: skip

timeline = figures.compute("meeting_timeline", t)
if timeline.empty:
    widgets.empty_state(
        "No dated meetings in this selection: add meeting dates to the tracker or widen the dates."
    )
    widgets.stop_page()
widgets.chart(charts.cadence(figures.compute("cadence_grid", t, as_of, target=target)), key="c.cadence")
with st.expander("Quarter by quarter (table)"):
    widgets.table(
        figures.compute("cadence_table", t, as_of, target=target), "Meetings each quarter", key="dl.cadence"
    )
widgets.chart(charts.meeting_timeline(timeline), key="c.timeline")

st.header("Launch follow-through")
summaries = figures.compute("summary_follow_through", t)
if summaries.empty:
    st.caption("The tracker does not record when meeting summaries went out.")
else:
    st.caption(
        f"A summary should go out within {thresholds.SUMMARY_WITHIN_DAYS} days of each partnership meeting."
    )
    widgets.table(summaries, "Meeting summaries", key="dl.summaries", column_config={
        "meeting": "Meeting", "date": st.column_config.DateColumn("Held", format="D MMM YYYY"),
        "summary_sent": st.column_config.DateColumn("Summary sent", format="D MMM YYYY"),
        "days_to_summary": "Days later", "on_time": st.column_config.CheckboxColumn("Within a week"),
    })  # fmt: skip
calls = figures.compute("launch_follow_through", t)
if calls.empty:
    st.caption("No launch meeting recorded, so there is no launch follow-through to show.")
else:
    st.caption("Each action team should hold its first call within 2–4 weeks of the launch.")
    widgets.table(calls, "First action-team calls", key="dl.calls", column_config={
        "team": "Action team", "first_call": st.column_config.DateColumn("First call", format="D MMM YYYY"),
        "days_after_launch": "Days after the launch", "on_time": st.column_config.CheckboxColumn("Within 4 weeks"),
    })  # fmt: skip
