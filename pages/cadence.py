"""Cadence: the rhythm of full partnership meetings and action-team calls, and the launch follow-through."""

import streamlit as st

from ngsp import figures
from ngsp.app import ui
from ngsp.figures import charts, thresholds
from ngsp.figures.format import fmt_count, fmt_date

t, as_of, target = ui.tracker(), ui.as_of(), ui.target()
st.title("Cadence")
if t is None:
    ui.no_tracker()
    st.stop()

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
    ui.empty_state(
        "No dated meetings in this selection: add meeting dates to the tracker or widen the dates."
    )
    st.stop()
ui.chart(charts.cadence(figures.compute("cadence_grid", t, as_of, target=target)), key="c.cadence")
with st.expander("Quarter by quarter (table)"):
    table = figures.get("cadence_table")
    ui.table(table(t, as_of, target=target), table.label, key="dl.cadence")
ui.chart(charts.meeting_timeline(timeline), key="c.timeline")

st.header("Launch follow-through")
summaries = figures.compute("summary_follow_through", t)
if summaries.empty:
    st.caption("The tracker does not record when meeting summaries went out.")
else:
    st.caption(
        f"A summary should go out within {thresholds.SUMMARY_WITHIN_DAYS} days of each partnership meeting."
    )
    ui.table(summaries, figures.get("summary_follow_through").label, key="dl.summaries", column_config={
        "meeting": "Meeting", "date": st.column_config.DateColumn("Held", format="D MMM YYYY"),
        "summary_sent": st.column_config.DateColumn("Summary sent", format="D MMM YYYY"),
        "days_to_summary": "Days later", "on_time": st.column_config.CheckboxColumn("Within a week"),
    })  # fmt: skip
calls = figures.compute("launch_follow_through", t)
if calls.empty:
    st.caption("No launch meeting recorded, so there is no launch follow-through to show.")
else:
    st.caption("Each action team should hold its first call within 2–4 weeks of the launch.")
    ui.table(calls, figures.get("launch_follow_through").label, key="dl.calls", column_config={
        "team": "Action team", "first_call": st.column_config.DateColumn("First call", format="D MMM YYYY"),
        "days_after_launch": "Days after the launch", "on_time": st.column_config.CheckboxColumn("Within 4 weeks"),
    })  # fmt: skip
