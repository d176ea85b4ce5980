"""Data quality: what the dashboard made of each sheet, column and spelling, and which rows it set aside."""

import streamlit as st

from ngsp import figures
from ngsp.app import loading, panels, widgets
from ngsp.figures.quality import QUALITY_EMPTY

st.title("Data quality")
t = loading.full_tracker()  # the whole tracker: the filters do not apply to how it was read
if t is None:
    widgets.no_tracker()
    widgets.stop_page()

st.caption("How the dashboard read your files. Check this when a figure looks wrong.")
widgets.reading_doubts(t, everything=True)
widgets.export_download("workbook", t, key="dl.workbook")
# Corrections first: what they change is drawn below them, so the convener's place on the page stays put.
panels.corrections_editor(t)
for note in t.quality.notes:
    st.warning(widgets.esc(note))
for i, (name, df) in enumerate(figures.compute("quality_tables", t).items()):
    st.header(name)
    if df.empty:
        st.caption(QUALITY_EMPTY[name])
    else:
        widgets.table(df, name, key=f"dl.quality.{i}")

reports = figures.compute("attendance_reports", t)
if not reports.empty:
    st.header("Attendance reports")
    st.caption("Zoom, Teams, Meet, registration and sign-in form exports read with the tracker.")
    widgets.table(reports, "Attendance reports", key="dl.quality.reports")
    with st.expander("Who each report's attendees were taken to be"):
        widgets.table(figures.compute("report_attendees", t), "Report attendees", key="dl.quality.attendees")
