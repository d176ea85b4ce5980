"""ngsp.figures.charts: every figure titled, business and public always in the same colours, tracker text escaped."""

from __future__ import annotations

import pytest
from conftest import TINY_AS_OF

from ngsp.figures import actions, cadence, charts, engagement, funding, headline

A = TINY_AS_OF


def _figures(t):
    eng = engagement.meeting_engagement(t)
    return {
        "engagement_counts": charts.engagement_counts(eng),
        "business_share": charts.business_share(eng),
        "partner_heatmap": charts.partner_heatmap(engagement.partner_meeting_matrix(t)),
        "business_flow": charts.business_flow(engagement.business_flow_by_quarter(t, A)),
        "meeting_timeline": charts.meeting_timeline(cadence.meeting_timeline(t)),
        "cadence": charts.cadence(cadence.cadence_grid(t, A)),
        "meetings_by_quarter": charts.meetings_by_quarter(cadence.meetings_by_quarter(t, A)),
        "status_mix": charts.status_mix(actions.status_mix(t)),
        "retention": charts.retention(engagement.retention_by_year(t, A)),
        "champion_bench": charts.champion_bench(actions.champion_bench(t)),
        "funding": charts.funding(funding.funding_by_source(t)),
    }


def test_every_chart_is_titled_with_what_it_counts(tiny_tracker):
    for name, fig in _figures(tiny_tracker).items():
        assert len(fig.layout.title.text) > 15, name
        assert fig.data, f"{name} drew nothing"
        assert fig.layout.font.size >= 16, f"{name} is too small for a projector"


def test_empty_selection_gives_a_titled_message_not_an_error(empty_tracker):
    for name, fig in _figures(empty_tracker).items():
        assert fig.layout.title.text, name
        assert not fig.data, name
        assert fig.layout.annotations[0].text.startswith("No "), name


def test_business_and_public_keep_their_colours(tiny_tracker):
    fig = charts.engagement_counts(engagement.meeting_engagement(tiny_tracker))
    colours = {bar.name: bar.marker.color for bar in fig.data}
    assert colours == {"Business leaders": charts.BUSINESS, "Public partners": charts.PUBLIC}
    assert charts.BUSINESS == "#0072B2" and charts.PUBLIC == "#E69F00"  # Okabe-Ito blue and orange


def test_business_share_draws_the_fifty_percent_line(tiny_tracker):
    fig = charts.business_share(engagement.meeting_engagement(tiny_tracker, partnership_only=True))
    lines = [s for s in fig.layout.shapes if s.y0 == 0.5 and s.y1 == 0.5]
    assert lines, "the Next Gen test line is missing"
    assert "50%" in fig.layout.annotations[0].text
    assert list(fig.data[0].text) == ["60%", "33%", "67%"]  # values are written, not only coloured


def test_cadence_marks_missed_quarters_in_words_and_colour(tiny_tracker):
    fig = charts.cadence(cadence.cadence_grid(tiny_tracker, A))
    bar = fig.data[0]
    assert list(bar.text) == ["1 · met", "1 · met", "0 · missed", "1 · met"]
    assert bar.marker.color[2] == charts.CADENCE_COLOURS["missed"]


def test_tracker_text_is_escaped_for_plotly(tiny_tracker):
    fig = charts.partner_heatmap(engagement.partner_meeting_matrix(tiny_tracker))
    t = tiny_tracker
    t = t.__class__(**{**t.__dict__, "funding": t.funding.assign(funder="<b onmouseover=x>Evil</b>")})
    money = charts.funding(funding.funding_by_source(t))
    assert all("<b" not in y for y in money.data[0].y)
    assert "&lt;b onmouseover=x&gt;Evil&lt;/b&gt;" in money.data[0].y
    assert all("<" not in str(y) for y in fig.data[0].y)


def test_big_type_for_presentation(tiny_tracker):
    small = charts.cadence(cadence.cadence_grid(tiny_tracker, A))
    big = charts.cadence(cadence.cadence_grid(tiny_tracker, A), big=True)
    assert big.layout.font.size > small.layout.font.size


@pytest.mark.parametrize("n", range(len(charts.SLIDES)))
def test_presentation_slides(tiny_tracker, n):
    title, build = charts.SLIDES[n]
    fig = build(tiny_tracker, A, 1)
    assert title and fig.layout.title.text
    assert fig.layout.font.size >= 24 and fig.layout.height >= 600


def test_kpi_board_shows_every_tile(tiny_tracker, empty_tracker):
    fig = charts.kpi_board(headline.kpis(tiny_tracker, A), big=True)
    assert len(fig.data) == 6
    share = next(d for d in fig.data if "Business share" in d.title.text)
    assert share.number.suffix == "%" and share.delta.reference == 50 and share.delta.suffix == " pts"
    done = next(d for d in fig.data if "done" in d.title.text)
    assert done.number.suffix == " of 4" and done.mode == "number"
    empty = charts.kpi_board(headline.kpis(empty_tracker, A))
    assert len(empty.data) == 5 and "—" in empty.layout.annotations[0].text  # no business share yet


def test_crowded_meeting_charts_drop_value_labels(tiny_tracker):
    import pandas as pd

    eng = engagement.meeting_engagement(tiny_tracker)
    many = pd.concat([eng] * 5, ignore_index=True).assign(meeting=[f"m{i}" for i in range(25)])
    share = charts.business_share(many)
    assert share.data[0].mode == "lines+markers" and share.layout.xaxis.nticks == 12
    counts = charts.engagement_counts(many)
    assert counts.data[0].text is None
    assert charts.engagement_counts(eng).data[0].text is not None


def test_the_exports_use_the_charts_colours():
    """A figure looks the same on screen, on a slide and on paper."""
    from ngsp.export import theme

    for name in ("BUSINESS", "PUBLIC", "UNKNOWN"):
        assert "#" + theme.hex_of(getattr(theme, name)) == getattr(charts, name), name
    for status, colour in charts.STATUS_COLOURS.items():
        assert "#" + theme.hex_of(theme.STATUS_COLOURS[status]) == colour, status
    for status, colour in charts.CADENCE_COLOURS.items():
        assert "#" + theme.hex_of(theme.CADENCE_COLOURS[status]) == colour, status


def _matrix(orgs: int, meetings: int = 3):
    import pandas as pd

    return pd.DataFrame(
        [
            {"org_id": f"o{i:03d}", "organisation": f"Org {i:03d}", "org_type": "business", "meeting_id": f"m{m}",
             "meeting": f"{m + 1} Jan 2025 · Full partnership", "date": pd.Timestamp(2025, 1, m + 1), "people": (i + m) % 3}
            for i in range(orgs) for m in range(meetings)
        ]
    )  # fmt: skip


def test_the_heatmap_stays_readable_past_forty_organisations():
    assert charts.HEATMAP_ROWS == 40
    assert charts.heatmap_windows(_matrix(40)) == []
    assert len(charts.partner_heatmap(_matrix(40)).data[0].y) == 40
    many = _matrix(95)
    assert charts.heatmap_windows(many) == [
        "Organisations 1–40 of 95", "Organisations 41–80 of 95", "Organisations 81–95 of 95"
    ]  # fmt: skip
    first, last = charts.partner_heatmap(many), charts.partner_heatmap(many, window=2)
    assert len(first.data[0].y) == 40 and first.data[0].y[0].startswith("Org 000")
    assert len(last.data[0].y) == 15 and last.data[0].y[0].startswith("Org 080")
    assert "organisations 81–95 of 95" in last.layout.title.text
    assert first.layout.xaxis.side == "top"  # a tall grid names its meetings where it starts
    assert first.layout.height <= 28 * 40 + 200


def test_the_headline_slide_says_no_change_in_words_and_wraps_long_titles(tiny_tracker):
    k = headline.kpis(tiny_tracker, A)
    share = k["key"] == "business_share"
    k = k.assign(value=k["value"].where(~share, 0.5), previous=k["previous"].where(~share, 0.502))
    fig = charts.kpi_board(k, big=True)
    tile = next(t for t in fig.data if "Business share" in t.title.text)
    assert tile.mode == "number" and "the same as a quarter earlier" in tile.title.text
    assert "<br>" in tile.title.text.split("<sup>")[0]  # "Business share at / partnership meetings"
    assert charts._lines("Active businesses", charts.TILE_TITLE_CHARS) == ["Active businesses"]


def test_a_quarter_in_progress_is_never_shown_as_businesses_gone_quiet(tiny_tracker):
    flow = engagement.business_flow_by_quarter(tiny_tracker, A)  # 15 Nov 2024: the fourth quarter is not over
    fig = charts.business_flow(flow)
    quiet = next(t for t in fig.data if t.name.startswith("Gone quiet"))
    assert list(fig.data[0].x)[-1] == "2024 Q4 (so far)"
    assert quiet.y[-1] is None and quiet.text[-1] == ""


def test_legends_sit_below_the_chart_so_a_narrow_screen_never_puts_them_over_the_title(tiny_tracker):
    fig = charts.business_flow(engagement.business_flow_by_quarter(tiny_tracker, A), big=True)
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0
    # a 768 px high screen keeps 168 px for the browser's bar and the slide controls above the chart
    assert fig.layout.height == charts.PRESENTATION_HEIGHT <= 768 - 168
