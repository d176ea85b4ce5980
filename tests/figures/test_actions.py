"""ngsp.figures.actions: every action-plan figure, on the five-partner tracker of conftest.py."""

from __future__ import annotations

import pytest
from conftest import TINY_AS_OF

from ngsp.figures import actions

A = TINY_AS_OF


def test_action_items_view_and_overdue(tiny_tracker):
    v = actions.action_items_view(tiny_tracker, A).set_index("item_id")
    assert v.loc["i2", "overdue"] and v.loc["i2", "days_overdue"] == 46
    assert not v.loc["i1", "overdue"]  # done items are never overdue
    assert v.loc["i3", "due_soon"]
    o = actions.overdue_items(tiny_tracker, A)
    assert list(o["description"]) == ["Pilot a vanpool"]
    assert list(actions.items_due_soon(tiny_tracker, A)["description"]) == ["Map providers"]
    assert actions.items_due_soon(tiny_tracker, A, days=30).empty
    assert actions.overdue_by_owner(tiny_tracker, A).to_dict("records") == [
        {"priority": "Transportation", "owner": "Cara", "overdue": 1}
    ]


def test_status_mix_has_every_status(tiny_tracker):
    m = actions.status_mix(tiny_tracker)
    assert len(m) == 2 * 5
    assert m["items"].sum() == 4


def test_priority_cards(tiny_tracker):
    c = actions.priority_cards(tiny_tracker, A).set_index("priority")
    assert c.loc["Transportation", ["items", "done", "overdue"]].tolist() == [2, 1, 1]
    assert c.loc["Transportation", "mean_percent"] == pytest.approx(0.75)
    assert c.loc["Childcare", "due_soon"] == 1
    assert c.loc["Childcare", "status_cancelled"] == 1
    assert c.loc["Childcare", "champions"] == "Ann, Bob"
    assert c.loc["Transportation", "support_partners"] == "County Workforce Board"


def test_priority_sections(tiny_tracker):
    sections = {s["priority"]: s for s in actions.priority_sections(tiny_tracker, A)}
    assert sections["Transportation"]["status_words"] == "1 done · 1 in progress"
    assert sections["Transportation"]["overdue_by_owner"].to_dict("records") == [
        {"owner": "Cara", "overdue": 1}
    ]
    assert sections["Childcare"]["overdue_by_owner"].empty
    assert list(sections["Childcare"]["due_soon_items"]["description"]) == ["Map providers"]


def test_champion_bench(tiny_tracker):
    b = actions.champion_bench(tiny_tracker).set_index("priority")
    assert b.loc["Childcare", "businesses_leading"] == 2
    assert b.loc["Transportation", "businesses"] == "Acme Manufacturing"
