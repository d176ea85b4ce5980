"""Data quality: what the dashboard made of each sheet, column and spelling, and which rows it set aside."""

import streamlit as st

from ngsp.app import ui
from ngsp.figures import views

t = ui.full_tracker()  # the whole tracker: the filters do not apply to how it was read
st.title("Data quality")
if t is None:
    ui.no_tracker()
    st.stop()

st.caption("How the dashboard read your files. Check this when a figure looks wrong.")
ui.export_download("workbook", t, key="dl.workbook")
for note in t.quality.notes:
    st.warning(ui.esc(note))
for i, (name, df) in enumerate(views.quality_tables(t).items()):
    st.header(name)
    if df.empty:
        st.caption(views.QUALITY_EMPTY[name])
    else:
        ui.table(df, name, key=f"dl.quality.{i}")

reports = views.attendance_reports(t)
if not reports.empty:
    st.header("Attendance reports")
    st.caption("Zoom, Teams, Meet, registration and sign-in form exports read with the tracker.")
    ui.table(reports, "Attendance reports", key="dl.quality.reports")
    with st.expander("Who each report's attendees were taken to be"):
        ui.table(views.report_attendees(t), "Report attendees", key="dl.quality.attendees")

ui.corrections_editor(t)
