"""The figures agree with each other and with the summary: on an empty tracker and on the example trackers."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import TINY_AS_OF, example_trackers

from ngsp.figures import actions, cadence, engagement, funding, headline

A = TINY_AS_OF


def test_every_view_copes_with_an_empty_tracker(empty_tracker):
    for f in (engagement.meeting_engagement, engagement.partner_meeting_matrix, cadence.meeting_timeline,
              actions.status_mix, cadence.summary_follow_through, cadence.launch_follow_through,
              actions.champion_bench, funding.funding_by_source):  # fmt: skip
        assert f(empty_tracker).empty, f.__name__
    for f in (engagement.business_flow_by_quarter, engagement.at_risk_partners, engagement.org_engagement,
              cadence.cadence_grid, actions.overdue_items, actions.items_due_soon, actions.priority_cards,
              engagement.retention_by_year, headline.needs_attention, cadence.meetings_by_quarter):  # fmt: skip
        assert f(empty_tracker, A).empty, f.__name__
    assert headline.kpis(empty_tracker, A).set_index("key").loc["business_share", "value"] is None
    assert cadence.cadence_status(empty_tracker, A)["last_full"] is None
    assert len(headline.sustainability_tiles(empty_tracker, A)) == 8


@pytest.mark.parametrize("path", example_trackers(), ids=lambda p: p.name)
def test_views_agree_with_the_summary(path):
    """The pages and the command line count the same things the same way."""
    from ngsp.figures.summary import summary
    from ngsp.ingest.pipeline import load_paths

    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    as_of = dt.date.fromisoformat(expected["as_of"])
    t = load_paths([path])
    s = summary(t, as_of)
    assert len(engagement.lapsed_businesses(t, as_of)) == s["lapsed_businesses"]
    assert len(actions.overdue_items(t, as_of)) == s["action_items"]["overdue"]
    grid = cadence.cadence_grid(t, as_of)
    complete = grid[grid["complete"]]
    assert {
        q.replace(" ", ""): st == "met" for q, st in zip(complete["quarter"], complete["status"], strict=True)
    } == (s["cadence"])
    cards = actions.priority_cards(t, as_of).set_index("priority")
    assert {p: {"items": int(r["items"]), "done": int(r["done"])} for p, r in cards.iterrows()} == s[
        "priorities"
    ]
    k = headline.kpis(t, as_of).set_index("key")
    assert k.loc["business_share", "value"] == s["attendance"]["business_share_full"]


def test_example_trackers_are_present_or_skipped():
    if not example_trackers():
        pytest.skip("../shared/trackers is not beside the repository: the agreement tests above were skipped")
