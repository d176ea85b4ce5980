"""The frame: page setup, the tracker and filters in the sidebar, and navigation. A router, not a page.

Pages live in pages/ and are registered with st.navigation. Streamlit also treats a pages/ folder as the old
automatic multipage app, and AppTest re-detects that folder on every run: when a page's url_path equals its
file name, AppTest then runs the page on its own and skips this frame (no sidebar, no tracker). Giving every
page a url_path that differs from its file name (tests/test_app.py checks it) sends each run through this
file first, in AppTest exactly as in a browser, so upload -> switch page flows are tested as users meet them.

The frame shows at once and fills in: the navigation, then the page (its title first, then its figures as they
are read), then the sidebar's controls and the notices above the page, which wait in a place kept for them.
"""

import streamlit as st

from ngsp.app import signin, state

state.init_state()
st.set_page_config(
    page_title="Sector partnership dashboard",
    page_icon="🤝",
    layout="wide",
    # Collapsed while presenting: the browser otherwise keeps the emptied sidebar open until the next click.
    initial_sidebar_state="collapsed" if st.session_state[state.PRESENTING] else "expanded",
)

PAGES = [
    st.Page(
        "pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="home", default=True
    ),
    st.Page("pages/engagement.py", title="Engagement", icon=":material/groups:", url_path="partners"),
    st.Page("pages/cadence.py", title="Cadence", icon=":material/event_repeat:", url_path="meetings"),
    st.Page("pages/priorities.py", title="Priorities", icon=":material/checklist:", url_path="action-plan"),
    st.Page("pages/sustainability.py", title="Sustainability", icon=":material/savings:", url_path="funders"),
    st.Page(
        "pages/data_quality.py", title="Data quality", icon=":material/fact_check:", url_path="data-check"
    ),
    st.Page(
        "pages/since_last_meeting.py",
        title="Since last meeting",
        icon=":material/history:",
        url_path="changes",
    ),
]
PRESENT = st.Page("pages/present.py", title="Presentation", icon=":material/slideshow:", url_path="projector")

if not signin.sign_in():  # nothing configured: one local convener, nothing asked
    # Only the sign-in: the pages are registered but hidden and not run (without a navigation of its own,
    # Streamlit would list the pages/ folder's file names beside the sign-in, each a dead end).
    st.navigation([*PAGES, PRESENT], position="hidden")
    st.stop()
if st.session_state[state.PRESENTING]:
    page = st.navigation([PRESENT], position="hidden")  # no sidebar: the room sees only the chart
    notices = None
else:
    page = st.navigation({"Dashboard": PAGES})
    notices = st.container()  # filled after the page: the page's title and figures come first

from ngsp.app import loading, sidebar, widgets  # noqa: E402 (after the navigation is on screen)

widgets.run_page(page)
if notices is not None:
    sidebar.sidebar()
    signin.account()
    with notices:
        if error := loading.load_error():
            st.error(widgets.plain(error), icon="⚠️")
        sidebar.stale_notice()
    loading.keep_snapshot()  # the frame writes; pages only read
