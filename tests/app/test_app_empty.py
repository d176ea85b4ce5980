"""An empty tracker (the blank template) says it is empty and how to start, instead of "nothing needs attention"."""

from __future__ import annotations

from _pages import PAGES
from test_app import new_app, ok, upload, visit

from ngsp.app import widgets
from ngsp.export import template_bytes


def test_a_tracker_with_nothing_in_it_says_so_and_how_to_start():
    at = upload(new_app(), ("tracker-template.xlsx", template_bytes()))
    ok(at, "overview")
    assert not at.error
    assert [i.value for i in at.info] == [widgets.EMPTY_TRACKER]
    assert not at.success, "an empty tracker is no tracker where nothing needs attention"
    assert not at.metric
    for page in PAGES:
        visit(at, page)
        ok(at, page)
        if page != "data_quality":  # which sheets were recognised is still worth seeing
            assert widgets.EMPTY_TRACKER in [i.value for i in at.info], page


def test_is_empty(tiny_tracker, empty_tracker):
    assert empty_tracker.is_empty and not tiny_tracker.is_empty
