"""Widgets the pages share: the page runner, text made safe, empty states, charts, tiles, tables with their CSV
download, and the deck, report, workbook and template downloads."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import NoReturn

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from ngsp.app import loading, state
from ngsp.core.model import Tracker
from ngsp.figures import format

log = logging.getLogger(__name__)

PAGE_FAILED = "Something went wrong while drawing this page."


class PageStop(StopException):
    """A page has drawn all it has (nothing to show, or a message instead of figures).

    The frame runs the page before it draws the sidebar, so that the page's title and figures come first;
    ``st.stop()`` would stop the whole run and leave the sidebar undrawn. This stops the page only: the frame's
    ``run_page`` catches it and goes on. Run on its own (a test runs a page file alone), Streamlit takes it for
    ``st.stop()`` (it is one) and stops silently."""


def stop_page() -> NoReturn:
    """End the page here (in place of ``st.stop()``): the frame still draws the sidebar and its notices."""
    raise PageStop()


def run_page(page) -> None:
    """Run the chosen page; a bug of ours shows a plain message (logged for us), never a traceback."""
    try:
        page.run()
    except PageStop:
        pass
    except Exception:  # Streamlit's stop and rerun signals are BaseExceptions and pass through
        log.exception("page %r failed", getattr(page, "title", page))
        st.error(
            f"{PAGE_FAILED} The other pages still work; a different as-of date or filter may help. "
            "If it keeps happening, please tell the dashboard's maintainers.",
            icon="⚠️",
        )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


_AUTOLINK = re.compile(r"(?i)(www|https?|ftp|mailto)(\\?[.:])")
_JOIN = "\u2060"  # WORD JOINER: invisible, and no link starts across it


_MARKUP = re.compile(r"([\\`*_\[\]()<>#|~$!])")


def plain(text: object) -> str:
    """A file name or a message that quotes one, shown as text: the characters that start Markdown (links,
    images, emphasis, HTML, maths, colour directives) escaped, and no bare address turned into a link; dots,
    colons and dashes stay as they are, so the text reads as written."""
    return _AUTOLINK.sub(lambda m: m[1] + _JOIN + m[2], _MARKUP.sub(r"\\\1", str(text)))


def esc(text: object) -> str:
    """Tracker text made safe for Streamlit's markdown: every markup character shown as itself, and no bare
    address ("www.x.org", "https://…") turned into a live link (an invisible joiner breaks the autolink)."""
    return _AUTOLINK.sub(lambda m: m[1] + _JOIN + m[2], _MD_SPECIAL.sub(r"\\\1", str(text)))


MAX_DOUBTS_SHOWN = 8  # readings to check listed at the top of a page; the Data quality page lists them all


def reading_doubts(t: Tracker, everything: bool = False) -> None:
    """What ngsp may have misread, before any figure: a warning box listing the readings to check (all of them
    with ``everything``, else a few and a link to the Data quality page, where they can be corrected)."""
    from ngsp import figures

    lines = figures.compute("reading_warnings", t)
    if not lines:
        return
    shown = lines if everything else lines[:MAX_DOUBTS_SHOWN]
    more = len(lines) - len(shown)
    text = "\n".join(f"- {esc(w)}" for w in shown) + (f"\n- … and {more} more" if more else "")
    st.warning(
        f"**ngsp may have misread this tracker.** Check these before trusting the figures on this page:\n\n{text}",
        icon="⚠️",
    )
    if not everything:
        st.page_link(
            "pages/data_quality.py", label="Check and correct them on the Data quality page",
            icon=":material/fact_check:",
        )  # fmt: skip


def empty_state(message: str) -> None:
    """A friendly 'nothing here' that says what to do."""
    st.info(message, icon="ℹ️")


def no_tracker() -> None:
    """What pages show when there is no tracker to draw."""
    if state.role() is None:  # a page reached without the frame's sign-in
        empty_state("Sign in to see this page.")
    elif loading.load_error():
        empty_state(
            "Fix the problem above and upload the tracker again, or choose “Show the sample tracker”."
        )
    else:
        empty_state("Upload your tracker in the sidebar to see this page.")


EMPTY_TRACKER = (
    "This tracker is empty: the dashboard found its sheets, but no partners, meetings, action items or funding "
    "in them yet. To start, list your partners and their people (name, organisation, business or public), "
    "then each meeting with who came, and your action plan; save it and upload it again. The blank template "
    "in the sidebar says what goes where."
)


def nothing_to_show(t: Tracker | None) -> bool:
    """Whether a page has nothing to draw, having said why and what to do: no tracker (or nobody signed in), or
    a tracker with nothing in it yet (a blank template)."""
    if t is None:
        no_tracker()
        return True
    whole = loading.full_tracker()  # the filters may empty a tracker; this is about the tracker itself
    if whole is not None and whole.is_empty:
        st.info(EMPTY_TRACKER, icon=":material/edit_note:")
        return True
    return False


def chart(fig: go.Figure, key: str | None = None) -> None:
    """A plotly figure, full width, with our own colours and fonts (not Streamlit's theme)."""
    st.plotly_chart(fig, theme=None, key=key, config={"displaylogo": False, "responsive": True})


def kpi_tiles(kpis: pd.DataFrame, columns: int = 3) -> None:
    """Headline tiles with the change against one quarter earlier where the tracker allows it."""
    cols = st.columns(columns)
    for i, row in enumerate(kpis.itertuples(index=False)):
        value = format.fmt_value(row.value, row.kind)
        if row.of is not None and not pd.isna(row.of):
            value = f"{value} of {format.fmt_count(row.of)}"
        delta = None if row.delta is None or pd.isna(row.delta) else format.fmt_delta(row.delta, row.kind)
        # A change that rounds to nothing as shown ("-0 pts") is no change: no arrow, no colour, said in words.
        same = delta is not None and delta.lstrip("+-−").split(" ")[0] == "0"
        cols[i % columns].metric(
            row.label, value, delta="no change" if same else delta, help=row.help, border=True,
            delta_description="vs. a quarter earlier" if delta is not None else None,
            # no green or red for meetings (they come and go with the season) or for no change at all
            delta_color="off" if row.key == "meetings_quarter" or same else "normal",
            delta_arrow="off" if same else "auto",
        )  # fmt: skip


def tiles(rows: pd.DataFrame, columns: int = 3) -> None:
    """Simple label/value tiles (no change shown), with the longer explanation on hover."""
    cols = st.columns(columns)
    for i, row in enumerate(rows.itertuples(index=False)):
        cols[i % columns].metric(
            row.label, format.fmt_value(row.value, row.kind), border=True, help=getattr(row, "help", None)
        )


def item_list(rows: pd.DataFrame) -> None:
    """Items to look at (columns item, detail, date) as a plain list, one line each: quicker to read than a grid,
    and the Overview then needs none of the browser's table code on its first view."""
    lines = [
        f"- **{esc(r.item)}** · {esc(r.detail)} · {format.fmt_date(r.date)}"
        for r in rows.itertuples(index=False)
    ]
    st.markdown("\n".join(lines))


def table(
    df: pd.DataFrame, name: str, key: str, column_config: dict | None = None, height: int | str = "auto"
) -> None:
    """A data table (cells are text, never markup) with a CSV download of exactly what is shown. Dates are shown
    as on every other page (5 Mar 2024), unless the caller configures the column."""
    config = dict(column_config or {})
    for c in df.columns:
        if c not in config and pd.api.types.is_datetime64_any_dtype(df[c]):
            config[c] = st.column_config.DateColumn(str(c), format="D MMM YYYY")
    st.dataframe(df, hide_index=True, column_config=config or None, height=height)
    if not state.row_downloads():
        return
    st.download_button(
        f"Download “{name}” (CSV)", data=functools.partial(format.csv_bytes, df),
        file_name=f"{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.csv", mime="text/csv",
        key=key, on_click="ignore", icon=":material/download:",
    )  # fmt: skip


def _export(name: str) -> Callable | None:
    try:
        import ngsp.export as export
    except ImportError:
        return None
    return getattr(export, name, None)


def export_download(kind: str, t: Tracker, key: str, container=None) -> None:
    """A download button for a deck, report or clean workbook, built only when clicked."""
    spec = {
        "deck": ("deck_bytes", "Download slides (PowerPoint)", "partnership-slides.pptx",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation", True),
        "report": ("report_bytes", "Download the report (PDF)", "partnership-report.pdf", "application/pdf", True),
        "workbook": ("workbook_bytes", "Download the clean tracker (Excel)", "clean-tracker.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
    }[kind]  # fmt: skip
    fn = _export(spec[0])
    if fn is None or (kind == "workbook" and not state.row_downloads()):  # the clean workbook is row-level
        return
    data = functools.partial(fn, t, state.as_of()) if spec[4] else functools.partial(fn, t)
    if kind == "deck":  # the "Since our last meeting" slide, when an earlier snapshot is kept
        data = functools.partial(fn, t, state.as_of(), since=loading.since_last_meeting())
    (container or st).download_button(
        spec[1], data=data, file_name=spec[2], mime=spec[3], key=key, on_click="ignore",
        icon=":material/download:",
    )  # fmt: skip


def template_download(container=None) -> None:
    """The blank tracker template, for partnerships starting out."""
    fn = _export("template_bytes")
    if fn is not None:
        (container or st).download_button(
            "Download a blank tracker template (Excel)", data=fn, file_name="tracker-template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="w.template",
            on_click="ignore", icon=":material/download:",
        )  # fmt: skip
