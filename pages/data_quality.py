"""Data quality: what the dashboard made of each sheet, column and spelling, and which rows it set aside."""

import streamlit as st

from ngsp import figures
from ngsp.app import ui
from ngsp.figures.quality import QUALITY_EMPTY

t = ui.full_tracker()  # the whole tracker: the filters do not apply to how it was read
st.title("Data quality")
if t is None:
    ui.no_tracker()
    st.stop()

st.caption("How the dashboard read your files. Check this when a figure looks wrong.")
ui.export_download("workbook", t, key="dl.workbook")
for note in t.quality.notes:
    st.warning(ui.esc(note))
for i, (name, df) in enumerate(figures.compute("quality_tables", t).items()):
    st.header(name)
    if df.empty:
        st.caption(QUALITY_EMPTY[name])
    else:
        ui.table(df, name, key=f"dl.quality.{i}")

ui.corrections_editor(t)
