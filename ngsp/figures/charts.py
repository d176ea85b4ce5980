"""Tidy frames from the figures of ``ngsp.figures`` -> plotly figures (no Streamlit).

Readable on a projector and by colour-blind viewers: the Okabe-Ito palette (ngsp.figures.palette), business and public partners
always in the same two colours, large type, every chart titled with what it counts, and colour never the
only carrier of meaning (bars carry text labels, the 50% line is labelled). ``big=True`` scales the type up
for presentation mode.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from ngsp.core.model import Tracker
from ngsp.figures.format import MEETING_TYPE_LABELS, STATUS_LABELS
from ngsp.figures.palette import (  # noqa: F401 - the chart colours are charts' too (charts.BUSINESS ...)
    BLUE,
    BUSINESS,
    CADENCE_COLOURS,
    DARK,
    GREEN,
    GREY,
    MEETING_COLOURS,
    ORANGE,
    ORG_COLOURS,
    PUBLIC,
    PURPLE,
    SKY,
    STATUS_COLOURS,
    UNKNOWN,
    VERMILLION,
    YELLOW,
)
from ngsp.figures.registry import compute

# One hue from pale to dark blue: nobody = almost white, more people = darker; safe for colour-blind viewers.
HEATMAP_SCALE = [[0.0, "#F4F4F4"], [0.01, "#DCEAF5"], [1.0, "#08306B"]]


def _text(values) -> list[str]:
    """Tracker text for plotly, which reads labels as HTML: escaped, so it is shown as written, never run."""
    return [html.escape(str(v), quote=False) for v in values]


def _axis(**kw) -> dict:
    return {"gridcolor": "#E5E5E5", "linecolor": "#BBBBBB", "automargin": True, "zeroline": False, **kw}


PRESENTATION_HEIGHT = 600  # px: a projected chart fits a 1024x768 screen under the slide controls
BIG_TITLE_CHARS = 48  # a projected chart's title longer than this goes on two lines
# a tile's title longer than this goes on two lines (three tiles across a 1024 px screen)
TILE_TITLE_CHARS = 24


def _lines(text: str, width: int) -> list[str]:
    """A title on one line, or two split at the space nearest its middle when it is longer than ``width``."""
    if len(text) <= width or " " not in text:
        return [text]
    middle = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return [text[:cut], text[cut + 1 :]]


def _figure(traces: list, title: str, big: bool, height: int | None = None, **layout) -> go.Figure:
    """One figure built in one go (plotly validates once; update_* calls cost ~5 ms each), styled for people."""
    base = 24 if big else 16
    if height is None or big:  # in presentation mode one chart fills the projected screen
        height = max(height or 0, PRESENTATION_HEIGHT if big else 440)
    for key in ("xaxis", "yaxis"):
        layout[key] = _axis(**layout.get(key, {}))
    return go.Figure(
        data=traces,
        layout={
            # projected, a long title goes on two lines rather than run off a 1024 px screen
            "title": {"text": "<br>".join(_lines(title, BIG_TITLE_CHARS)) if big else title,
                      "font": {"size": base + 6}, "x": 0, "xanchor": "left"},
            "font": {"size": base, "family": "Arial, Helvetica, sans-serif", "color": "#222222"},
            "template": "none",  # a named template is deep-copied on every figure (~40 ms); we style what we use
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            # The legend sits at the foot of the figure (the container's, so plotly keeps room for it): above
            # the plot a legend that wraps on a narrow screen (a projector at 1024x768) ran over the title.
            "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xanchor": "left",
                       "x": 0, "traceorder": "normal"},
            "margin": {"l": 10, "r": 10, "t": 120 if big else 80, "b": 10},
            "hoverlabel": {"font": {"size": base}},
            "height": height,
            **layout,
        },
    )  # fmt: skip


def _bar(**kw) -> go.Bar:
    return go.Bar(cliponaxis=False, **kw)  # value labels above the tallest bar stay whole


CROWDED = 16  # more points than this on a category axis: no value labels, and only some tick labels


def _category_axis(n: int) -> dict:
    return {"type": "category", "tickangle": -30, **({"nticks": 12} if n > CROWDED else {})}


def _empty(title: str, message: str, big: bool) -> go.Figure:
    note = {"text": message, "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper"}
    return _figure(
        [], title, big, height=250, annotations=[note], xaxis={"visible": False}, yaxis={"visible": False}
    )


def engagement_counts(eng: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per meeting: business leaders and public partners present, side by side."""
    title = "People at each meeting: business leaders vs public partners"
    if eng.empty:
        return _empty(title, "No meetings with attendance in this selection", big)
    x, crowded = _text(eng["meeting"]), len(eng) > CROWDED
    traces = [
        _bar(x=x, y=eng[col], name=name, marker_color=ORG_COLOURS[col], text=None if crowded else eng[col],
             textposition="outside", hovertemplate="%{x}<br>" + name + ": %{y}<extra></extra>")
        for col, name in (("business", "Business leaders"), ("public", "Public partners"))
    ]  # fmt: skip
    if eng["unknown"].sum():
        traces.append(_bar(x=x, y=eng["unknown"], name="Type not known", marker_color=UNKNOWN))
    return _figure(
        traces, title, big, barmode="group",
        xaxis=_category_axis(len(eng)), yaxis={"title": {"text": "People present"}, "rangemode": "tozero"},
    )  # fmt: skip


def business_share(eng: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per meeting: the business share of people present, against the 50% line of the Next Gen test."""
    title = "Business share of people present at each meeting (Next Gen test: above 50%)"
    eng = eng[eng["business_share"].notna()]
    if eng.empty:
        return _empty(title, "No meetings with business or public partners in this selection", big)
    colours = [BUSINESS if s > 0.5 else PUBLIC for s in eng["business_share"]]
    crowded = len(eng) > CROWDED
    line = go.Scatter(
        x=_text(eng["meeting"]), y=eng["business_share"], name="Business share",
        mode="lines+markers" if crowded else "lines+markers+text",
        line={"color": BUSINESS, "width": 3}, marker={"size": 14 if big else 11, "color": colours},
        text=[f"{s:.0%}" for s in eng["business_share"]], textposition="top center", cliponaxis=False,
        hovertemplate="%{x}<br>Business share: %{y:.0%}<extra></extra>",
    )  # fmt: skip
    fifty = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0.5, "y1": 0.5,
             "line": {"color": DARK, "dash": "dash", "width": 2}}  # fmt: skip
    words = "50%: business leaders should outnumber public partners"
    label = {"text": "<br>".join(_lines(words, BIG_TITLE_CHARS // 2)) if big else words, "showarrow": False,
             "xref": "paper", "x": 0, "xanchor": "left", "y": 0.5, "yanchor": "top"}  # fmt: skip
    return _figure(
        [line], title, big, showlegend=False, shapes=[fifty], annotations=[label],
        xaxis=_category_axis(len(eng)),
        yaxis={"title": {"text": "Share from businesses"}, "tickformat": ".0%", "range": [0, 1.12]},
    )  # fmt: skip


HEATMAP_ROWS = 40  # organisations drawn at once: each row's label stays readable and the chart draws quickly


def heatmap_windows(matrix: pd.DataFrame, rows: int = HEATMAP_ROWS) -> list[str]:
    """When more organisations came than fit one readable heatmap, the windows to choose from, in the chart's
    order ("Organisations 1–40 of 150"); empty when they all fit."""
    n = matrix["org_id"].nunique() if len(matrix) else 0
    if n <= rows:
        return []
    return [f"Organisations {i + 1}–{min(i + rows, n)} of {n}" for i in range(0, n, rows)]


def partner_heatmap(
    matrix: pd.DataFrame, big: bool = False, window: int = 0, rows: int = HEATMAP_ROWS
) -> go.Figure:
    """Organisation x meeting: how many of each organisation's people came; ``rows`` organisations at a time
    (the ``window``-th lot of ``heatmap_windows``), so every label stays readable however many came."""
    title = "Who came to which meeting (people from each organisation)"
    if matrix.empty:
        return _empty(title, "No attendance recorded in this selection", big)
    kind = {"business": "business", "public": "public", "unknown": "type not known"}
    every = matrix["org_id"].drop_duplicates().tolist()
    if len(every) > rows:
        start = min(max(window, 0), (len(every) - 1) // rows) * rows
        shown = every[start : start + rows]
        matrix = matrix[matrix["org_id"].isin(shown)]
        title += f": organisations {start + 1}–{start + len(shown)} of {len(every)}"
    rows_ = matrix.assign(row=matrix["organisation"] + " (" + matrix["org_type"].map(kind) + ")")
    order_x = rows_.drop_duplicates("meeting_id").sort_values("date")["meeting"].tolist()
    order_y = rows_.drop_duplicates("org_id")["row"].tolist()
    z = rows_.pivot_table(index="row", columns="meeting", values="people", aggfunc="sum").reindex(
        index=order_y, columns=order_x
    )
    heat = go.Heatmap(
        z=z.to_numpy(), x=_text(order_x), y=_text(order_y), colorscale=HEATMAP_SCALE, zmin=0,
        colorbar={"title": {"text": "People"}, "dtick": 1}, xgap=2, ygap=2, text=z.to_numpy(),
        texttemplate="%{text}" if z.size <= 600 else None,
        hovertemplate="%{y}<br>%{x}<br>People present: %{z}<extra></extra>",
    )  # fmt: skip
    tall = len(order_y) > 15  # taller than a screen: the meetings are named above the grid, where it starts
    return _figure(
        [heat], title, big, height=max(350, 28 * len(order_y) + 200),
        xaxis={**_category_axis(len(order_x)), **({"side": "top"} if tall else {})},
        yaxis={"type": "category", "autorange": "reversed"},
        **({"margin": {"l": 10, "r": 10, "t": 190, "b": 10}} if tall else {}),
    )  # fmt: skip


def business_flow(flow: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per quarter: businesses new to the partnership, active, and lapsed (none shown for a quarter in progress,
    which is not over: nobody has gone quiet in it yet)."""
    title = "Businesses per quarter: new, active, and gone quiet"
    if flow.empty:
        return _empty(title, "No business attendance in this selection", big)
    lapsed = flow["lapsed"].astype(object)
    traces = [
        _bar(x=flow["quarter"], y=values, name=name, marker_color=colour, textposition="outside",
             text=[("" if pd.isna(v) else int(v)) for v in values])
        for values, name, colour in (
            (flow["new"], "New (first meeting)", GREEN),
            (flow["active"], "Active (at a meeting)", BUSINESS),
            (lapsed.where(lapsed.notna(), None), "Gone quiet (came the quarter before, not this one)", VERMILLION),
        )
    ]  # fmt: skip
    return _figure(
        traces, title, big, barmode="group",
        xaxis={"type": "category"}, yaxis={"title": {"text": "Businesses"}, "rangemode": "tozero"},
    )  # fmt: skip


def meeting_timeline(timeline: pd.DataFrame, big: bool = False) -> go.Figure:
    """Every meeting on a time line, one row per meeting type."""
    title = "Meetings over time, by type"
    if timeline.empty:
        return _empty(title, "No dated meetings in this selection", big)
    symbols = {"launch": "star", "full_partnership": "diamond", "action_team": "circle", "planning": "square"}
    online = (
        timeline["online"].astype(bool) if "online" in timeline else pd.Series(False, index=timeline.index)
    )
    if online.any():
        title += " (hollow: held online)"
    traces = []
    for key, label in MEETING_TYPE_LABELS.items():
        g = timeline[timeline["type"] == key]
        if len(g):
            shape = symbols.get(key, "circle")
            traces.append(
                go.Scatter(
                    x=g["date"], y=g["type_label"], mode="markers", name=label, text=_text(g["meeting"]),
                    marker={"color": MEETING_COLOURS[key], "size": 18 if big else 14,
                            # a meeting held online is drawn hollow; "other" meetings are hollow circles anyway
                            "symbol": [f"{shape}-open" if o or key not in symbols else shape for o in online[g.index]],
                            "line": {"width": 1, "color": "white"}},
                    hovertemplate="%{text}<extra></extra>",
                )
            )  # fmt: skip
    order = [v for k, v in MEETING_TYPE_LABELS.items() if (timeline["type"] == k).any()]
    return _figure(
        traces, title, big, height=max(300, 70 * len(order) + 180),
        xaxis={"title": {"text": "Meeting date"}},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": order[::-1]},
    )  # fmt: skip


def cadence(grid: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per quarter: launch and full partnership meetings held, against the target."""
    title = "Full partnership meetings each quarter, against the target"
    if grid.empty:
        return _empty(title, "No launch or full partnership meeting recorded yet", big)
    target = int(grid["target"].iloc[0])
    bars = _bar(
        x=grid["quarter"], y=grid["full_meetings"], marker_color=[CADENCE_COLOURS[s] for s in grid["status"]],
        text=[f"{n} · {s}" for n, s in zip(grid["full_meetings"], grid["status"], strict=True)],
        textposition="outside", name="Full partnership meetings", showlegend=False,
        hovertemplate="%{x}<br>Launch or full meetings: %{y}<extra></extra>",
    )  # fmt: skip
    goal = go.Scatter(  # the target as a legend entry, so its label never sits on a bar's
        x=grid["quarter"], y=[target] * len(grid), mode="lines", name=f"Target: {target} a quarter",
        line={"color": DARK, "dash": "dash", "width": 2}, hoverinfo="skip",
    )  # fmt: skip
    top = max(int(grid["full_meetings"].max()), target) + 1
    return _figure(
        [bars, goal], title, big, xaxis={"type": "category"},
        yaxis={"title": {"text": "Meetings"}, "rangemode": "tozero", "dtick": 1, "range": [0, top]},
    )  # fmt: skip


def meetings_by_quarter(long: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per quarter: meetings held, stacked by type."""
    title = "Meetings held each quarter, by type"
    if long.empty or not long["meetings"].sum():
        return _empty(title, "No meetings in this selection", big)
    traces = []
    for key, label in MEETING_TYPE_LABELS.items():
        g = long[long["type"] == key]
        if g["meetings"].sum():
            traces.append(
                _bar(x=g["quarter"], y=g["meetings"], name=label, marker_color=MEETING_COLOURS[key])
            )
    return _figure(
        traces, title, big, barmode="stack",
        xaxis={"type": "category"}, yaxis={"title": {"text": "Meetings"}, "rangemode": "tozero"},
    )  # fmt: skip


def status_mix(mix: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per priority: action items by status, stacked."""
    title = "Action items by priority and status"
    if mix.empty or not mix["items"].sum():
        return _empty(title, "No action items in this selection", big)
    traces = []
    for key, label in STATUS_LABELS.items():
        g = mix[mix["status"] == key]
        if g["items"].sum():
            traces.append(
                _bar(
                    y=_text(g["priority"]), x=g["items"], name=label, orientation="h",
                    marker_color=STATUS_COLOURS[key], text=g["items"].where(g["items"] > 0),
                    textposition="inside", hovertemplate="%{y}<br>" + label + ": %{x}<extra></extra>",
                )
            )  # fmt: skip
    most = int(mix.groupby("priority")["items"].sum().max())
    return _figure(
        traces, title, big, barmode="stack", height=max(300, 60 * mix["priority"].nunique() + 180),
        xaxis={"title": {"text": "Action items"}, **({"dtick": 1} if most <= 12 else {})},
        yaxis={"type": "category", "autorange": "reversed"},
    )  # fmt: skip


def retention(ret: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per year: businesses active, and how many of them were also active the year before."""
    title = "Business retention year over year (businesses at a meeting each year)"
    if ret.empty:
        return _empty(title, "No business attendance in this selection", big)
    returning = ret["returning"].fillna(0)
    labels = [
        f"{int(r)} ({p:.0%} kept)" if pd.notna(p) else ""
        for r, p in zip(returning, ret["retention"], strict=True)
    ]
    traces = [
        _bar(x=ret["year"], y=ret["active"], name="Businesses at a meeting", marker_color=BUSINESS,
             text=ret["active"], textposition="outside"),
        _bar(x=ret["year"], y=returning, name="…of them also there the year before", marker_color=SKY,
             text=labels, textposition="outside"),
    ]  # fmt: skip
    return _figure(
        traces, title, big, barmode="group",
        xaxis={"type": "category"}, yaxis={"title": {"text": "Businesses"}, "rangemode": "tozero"},
    )  # fmt: skip


def champion_bench(bench: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per priority: how many different businesses lead its action items."""
    title = "Champion bench: businesses leading action items, per priority"
    if bench.empty:
        return _empty(title, "No action items led by a business in this selection", big)
    bars = _bar(
        y=_text(bench["priority"]), x=bench["businesses_leading"], orientation="h", marker_color=BUSINESS,
        text=bench["businesses_leading"], textposition="outside", customdata=_text(bench["businesses"]),
        hovertemplate="%{y}<br>%{x} businesses: %{customdata}<extra></extra>",
    )  # fmt: skip
    return _figure(
        [bars], title, big, showlegend=False, height=max(280, 60 * len(bench) + 160),
        xaxis={"title": {"text": "Businesses leading items"}, "rangemode": "tozero", "dtick": 1},
        yaxis={"type": "category", "autorange": "reversed"},
    )  # fmt: skip


def funding(by_source: pd.DataFrame, big: bool = False) -> go.Figure:
    """Per funder: money and in-kind support secured and pending."""
    title = "Funding and in-kind support by source: secured vs pending"
    if by_source.empty:
        return _empty(title, "No funding recorded in the tracker", big)
    y = _text(by_source["funder"])
    traces = [
        _bar(y=y, x=by_source[col], name=name, orientation="h", marker_color=colour,
             hovertemplate="%{y}<br>" + name + ": $%{x:,.0f}<extra></extra>")
        for col, name, colour in (
            ("secured", "Secured (received or committed)", BLUE),
            ("pending", "Pending", ORANGE),
            ("status not known", "Status not known", GREY),
        )
        if by_source[col].sum()
    ]  # fmt: skip
    return _figure(
        traces, title, big, barmode="stack", height=max(280, 55 * len(by_source) + 180),
        xaxis={"title": {"text": "Amount (US$)"}, "tickprefix": "$", "tickformat": ",.0f"},
        yaxis={"type": "category", "autorange": "reversed"},
    )  # fmt: skip


def kpi_board(kpis: pd.DataFrame, big: bool = False) -> go.Figure:
    """The headline tiles as big numbers, each with its change against a quarter earlier where there is one."""
    title = "Where the partnership stands"
    cols = 3
    rows = max(1, -(-len(kpis) // cols))
    traces, notes = [], []
    for i, r in enumerate(kpis.itertuples(index=False)):
        row, col = divmod(i, cols)
        percent = r.kind == "percent"  # shown as 82% with a change in points, not a relative change
        scale, fmt, unit = (100, ".0f", "%") if percent else (1, ",d", "")
        label = "<br>".join(f"<b>{html.escape(line)}</b>" for line in _lines(r.label, TILE_TITLE_CHARS))
        if r.value is None or pd.isna(r.value):
            notes.append({"text": f"{label}<br>—", "showarrow": False, "xref": "paper", "yref": "paper",
                          "x": (col + 0.5) / cols, "y": 1 - (row + 0.5) / rows})  # fmt: skip
            continue
        has_delta = r.previous is not None and not pd.isna(r.previous) and r.key != "meetings_quarter"
        # No arrow and no colour for no change: a change that rounds to nothing is said in words.
        same = has_delta and round((float(r.value) - float(r.previous)) * scale) == 0
        has_delta = has_delta and not same
        suffix = f" of {int(r.of):,}" if r.of is not None and not pd.isna(r.of) else ""
        traces.append(
            go.Indicator(
                mode="number+delta" if has_delta else "number",
                value=float(r.value) * scale,
                number={"valueformat": fmt, "suffix": unit + suffix, "font": {"size": 72 if big else 48}},
                delta={
                    "reference": float(r.previous) * scale if has_delta else None, "valueformat": fmt,
                    "suffix": " pts" if percent else "",
                    "increasing": {"color": BLUE}, "decreasing": {"color": VERMILLION},
                    "font": {"size": 30 if big else 20},
                },
                title={"text": label + ("<br><sup>vs. a quarter earlier</sup>" if has_delta else "")
                       + ("<br><sup>the same as a quarter earlier</sup>" if same else "")},
                domain={"row": row, "column": col},
            )
        )  # fmt: skip
    return _figure(
        traces, title, big, annotations=notes, grid={"rows": rows, "columns": cols, "pattern": "independent"}
    )


class Slide(NamedTuple):
    """One screen of presentation mode: its title, and ``build(t, as_of, target)`` giving its chart."""

    title: str
    build: Callable[[Tracker, dt.date, int], go.Figure]


def _slide(title: str, figure: str, draw: Callable[..., go.Figure], **options: object) -> Slide:
    """A slide that draws a registered figure big (options such as partnership_only go to the figure)."""

    def build(t: Tracker, as_of: dt.date, target: int) -> go.Figure:
        return draw(compute(figure, t, as_of, target=target, **options), big=True)

    return Slide(title, build)


# Presentation mode: one screen each, built only when shown.
SLIDES = [
    _slide("Where the partnership stands", "kpis", kpi_board),
    _slide("Business share", "meeting_engagement", business_share, partnership_only=True),
    _slide("Who came", "meeting_engagement", engagement_counts, partnership_only=True),
    _slide("Businesses per quarter", "business_flow_by_quarter", business_flow),
    _slide("Cadence", "cadence_grid", cadence),
    _slide("Action plan", "status_mix", status_mix),
    _slide("Champions", "champion_bench", champion_bench),
    _slide("Funding", "funding_by_source", funding),
]
