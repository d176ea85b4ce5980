"""Presentation mode: one chart per screen, large type, no sidebar, for projecting at a meeting."""

import streamlit as st

from ngsp.app import loading, state, widgets
from ngsp.figures import charts, format

t, as_of = loading.tracker(), state.as_of()
slides = charts.SLIDES
n = st.session_state[state.SLIDE] % len(slides)
prev, where, nxt, leave = st.columns([1, 2, 1, 1])
# Arrow keys move through the slides and Esc leaves, so a keyboard or a presenter's remote works.
prev.button("◀ Previous", on_click=state.go_slide, args=(-1,), key="w.prev", width="stretch", shortcut="Left")
name = widgets.esc(t.name or "Your partnership") if t is not None else ""
# One short line (it must not wrap at 1024 px: the chart below is as tall as a 1024x768 screen leaves room for).
where.caption(f"**{name}**  \nSlide {n + 1} of {len(slides)} · as of {format.fmt_date(as_of)}")
nxt.button("Next ▶", on_click=state.go_slide, args=(1,), key="w.next", width="stretch", shortcut="Right")
leave.button(
    "Exit presentation", on_click=state.stop_presenting, key="w.exit", width="stretch", shortcut="Esc"
)
if widgets.nothing_to_show(t):
    widgets.stop_page()
_, build = slides[n]
widgets.chart(build(t, as_of, state.target()), key=f"c.slide.{n}")
