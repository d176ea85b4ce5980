"""The quarterly meeting deck opens in python-pptx, holds the expected figures, and its charts are native."""

from __future__ import annotations

import io
from datetime import date

import pytest
from _trackers import empty_tracker, tiny_tracker
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from ngsp.core.errors import TrackerError
from ngsp.export import deck_bytes

AS_OF = date(2025, 1, 15)


def _open(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def _texts(slide) -> str:
    """All text on a slide, tables included."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out.extend(c.text for row in shape.table.rows for c in row.cells)
    return "\n".join(out)


def _charts(slide) -> list:
    return [s.chart for s in slide.shapes if s.has_chart]


@pytest.fixture(scope="module")
def deck() -> Presentation:
    return _open(deck_bytes(tiny_tracker(), AS_OF))


def test_slides_in_order(deck):
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in deck.slides]
    assert titles == [
        "",  # the title slide
        "Where the partnership stands",
        "Who comes to partnership meetings",
        "Meeting every quarter",
        "Childcare Access",  # one slide per priority, in alphabetical order as in the app
        "Transportation",
        "What needs attention",
    ]


def test_title_slide_names_partnership_and_date(deck):
    text = _texts(deck.slides[0])
    assert "Northern Valley Manufacturing Partnership" in text
    assert "15 January 2025" in text


def test_headline_figures(deck):
    text = _texts(deck.slides[1])
    for expected in (
        "organizations: 3 businesses, 1 public partner",  # 1 partner, never "1 public partners"
        "70%",
        "3 of 4",
        "1 of 5",
        "people engaged",
    ):
        assert expected in text


def test_engagement_is_a_native_stacked_chart_of_business_and_public(deck):
    (chart,) = _charts(deck.slides[2])
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    series = {s.name: list(s.values) for s in chart.series}
    # launch: 4 business + 1 public; June: 2 + 1; December: 1 + 1
    assert series == {"Business": [4.0, 2.0, 1.0], "Public partners": [1.0, 1.0, 1.0]}
    assert list(chart.plots[0].categories) == ["Mar 2024 (launch)", "Jun 2024", "Dec 2024"]


def test_cadence_chart_against_quarterly_target(deck):
    (chart,) = _charts(deck.slides[3])
    # complete quarters, then the current one (starred) so far
    assert list(chart.plots[0].categories) == ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1*"]
    assert list(chart.series[0].values) == [1.0, 1.0, 0.0, 1.0, 0.0]
    text = _texts(deck.slides[3])
    assert "3 of 4" in text and "Missed: 2024 Q3." in text and "This quarter so far: in progress." in text


def test_priority_slide_progress_next_steps_champions(deck):
    slide = deck.slides[5]
    text = _texts(slide)
    assert "1 of 3" in text
    assert "Pilot a “ride to work” van" in text and "30 Sep 2024" in text
    assert "Ann Lee, José Núñez" in text  # champions
    (chart,) = _charts(slide)
    assert {s.name: list(s.values) for s in chart.series} == {
        "Done": [1.0],
        "In progress": [1.0],
        "Not started": [1.0],
    }


def test_needs_attention(deck):
    text = _texts(deck.slides[-1])
    assert "Overdue action items (2): Find two providers; Pilot a “ride to work” van." in text
    assert "Quarters without a full partnership meeting (1): 2024 Q3." in text
    assert "Stalled action items (1)" in text


def test_logo_on_every_slide():
    buf = io.BytesIO()
    Image.new("RGB", (300, 100), (30, 60, 90)).save(buf, format="PNG")
    deck = _open(deck_bytes(tiny_tracker(), AS_OF, logo=buf.getvalue()))
    for slide in deck.slides:
        pictures = [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == 1
        assert pictures[0].width / pictures[0].height == pytest.approx(3, rel=0.01)


def test_a_logo_that_is_not_a_picture_is_a_clear_error():
    with pytest.raises(TrackerError, match="PNG or JPEG"):
        deck_bytes(tiny_tracker(), AS_OF, logo=b"not a picture")


def test_an_empty_tracker_still_makes_a_deck():
    deck = _open(deck_bytes(empty_tracker(), AS_OF))
    text = "\n".join(_texts(s) for s in deck.slides)
    assert "No launch or full partnership meeting is recorded yet." in text
    assert "No action plan is recorded yet" in text


def test_charts_have_alt_text_and_slides_have_speaker_notes(deck):
    for slide in list(deck.slides)[1:]:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text
        for shape in slide.shapes:
            if shape.has_chart:
                assert shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")


# ---------------------------------------------------------------- since our last meeting


def _since():
    """The tiny tracker against an earlier copy of itself without its latest meeting and with one item unfinished."""
    import dataclasses

    from ngsp.history.diff import diff

    now = tiny_tracker()
    before = dataclasses.replace(
        now,
        meetings=now.meetings[now.meetings["meeting_id"] != "m4"],
        attendance=now.attendance[now.attendance["meeting_id"] != "m4"],
        action_items=now.action_items.assign(
            status=now.action_items["status"].where(now.action_items["item_id"] != "a1", "in_progress")
        ),
    )
    return now, diff(before, now, AS_OF, date(2024, 10, 10))


def test_since_our_last_meeting_slide_follows_the_headline_figures():
    from ngsp.history.diff import headlines

    now, since = _since()
    assert since
    prs = _open(deck_bytes(now, AS_OF, since=since))
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]
    assert titles[1:3] == ["Where the partnership stands", "Since our last meeting"]
    slide = prs.slides[2]
    text = _texts(slide)
    for line in headlines(since)[:3]:
        assert line in text
    assert "1 action item completed: Map bus routes to plants" in text and "1 meeting held" in text
    assert "10 October 2024" in slide.notes_slide.notes_text_frame.text


def test_no_slide_when_nothing_changed():
    from ngsp.history.diff import diff

    now = tiny_tracker()
    unchanged = diff(now, now, AS_OF, AS_OF)
    assert not unchanged
    titles = [
        s.shapes.title.text if s.shapes.title is not None else ""
        for s in _open(deck_bytes(now, AS_OF, since=unchanged)).slides
    ]
    assert "Since our last meeting" not in titles


def test_the_command_line_deck_says_what_changed_since_the_kept_snapshot(tmp_path, capsys):
    import openpyxl
    from conftest import SAMPLE

    from ngsp.__main__ import main

    tracker = tmp_path / "tracker.xlsx"
    tracker.write_bytes(SAMPLE.read_bytes())
    assert main(["export", str(tracker), "--to", str(tmp_path / "first.pptx")]) == 0
    titles = [
        s.shapes.title.text for s in _open((tmp_path / "first.pptx").read_bytes()).slides if s.shapes.title
    ]
    assert "Since our last meeting" not in titles  # nothing kept before the first load
    wb = openpyxl.load_workbook(tracker)
    cell = next(  # one action item finished since
        c for ws in wb.worksheets for row in ws.iter_rows() for c in row
        if isinstance(c.value, str) and c.value.strip().lower() == "in progress"
    )  # fmt: skip
    cell.value = "Complete"
    wb.save(tracker)
    assert main(["export", str(tracker), "--to", str(tmp_path / "later.pptx")]) == 0
    prs = _open((tmp_path / "later.pptx").read_bytes())
    slide = next(
        s
        for s in prs.slides
        if s.shapes.title is not None and s.shapes.title.text == "Since our last meeting"
    )
    assert "1 action item completed" in _texts(slide)
    assert main(["export", str(tmp_path / "missing.xlsx"), "--to", str(tmp_path / "x.pptx")]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_the_deck_names_a_font_powerpoint_and_libreoffice_both_draw():
    """Calibri (the default theme's) has no metric twin in a plain LibreOffice, which then draws wider text."""
    import re

    from conftest import build_tiny_tracker
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from ngsp.export import theme

    deck = _open(deck_bytes(build_tiny_tracker(), AS_OF))
    xml = deck.slide_masters[0].part.part_related_by(RT.THEME).blob.decode()
    assert theme.DECK_FONT == "Arial"
    assert re.findall(r'<a:(major|minor)Font>\s*<a:latin typeface="([^"]*)"', xml) == [
        ("major", "Arial"), ("minor", "Arial")
    ]  # fmt: skip
