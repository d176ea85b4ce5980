"""Presentation mode: one chart per screen, large type, no sidebar, for projecting at a meeting."""

import streamlit as st

from ngsp.app import ui
from ngsp.figures import charts
from ngsp.figures.format import fmt_date

t, as_of = ui.tracker(), ui.as_of()
slides = charts.SLIDES
n = st.session_state[ui.SLIDE] % len(slides)
prev, where, nxt, leave = st.columns([1, 2, 1, 1])
# Arrow keys move through the slides and Esc leaves, so a keyboard or a presenter's remote works.
prev.button("◀ Previous", on_click=ui.go_slide, args=(-1,), key="w.prev", width="stretch", shortcut="Left")
where.markdown(f"**Slide {n + 1} of {len(slides)}** · figures as of {fmt_date(as_of)}")
nxt.button("Next ▶", on_click=ui.go_slide, args=(1,), key="w.next", width="stretch", shortcut="Right")
leave.button("Exit presentation", on_click=ui.stop_presenting, key="w.exit", width="stretch", shortcut="Esc")
if t is None:
    ui.no_tracker()
    st.stop()
_, build = slides[n]
ui.chart(build(t, as_of, ui.target()), key=f"c.slide.{n}")
