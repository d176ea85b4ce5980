"""The shared fixtures: built once, and still each test's own."""

from __future__ import annotations

import pandas as pd
from conftest import build_tiny_tracker

from ngsp.core.model import Tracker


def test_each_test_gets_its_own_copy_of_the_tiny_tracker(tiny_tracker: Tracker, _tiny_tracker_once: Tracker):
    tiny_tracker.organizations.loc[0, "name"] = "Changed by a test"
    tiny_tracker.quality.rejected.loc[0, "reason"] = "changed"
    assert _tiny_tracker_once.organizations.loc[0, "name"] == "Acme Manufacturing"
    assert _tiny_tracker_once.quality.rejected.loc[0, "reason"] == "no person named"


def test_the_copy_is_the_tracker_as_built(tiny_tracker: Tracker) -> None:
    built = build_tiny_tracker()
    for name in ("organizations", "people", "meetings", "attendance", "action_items", "funding"):
        pd.testing.assert_frame_equal(getattr(tiny_tracker, name), getattr(built, name))
    pd.testing.assert_frame_equal(tiny_tracker.quality.merges, built.quality.merges)
    assert (tiny_tracker.name, tiny_tracker.files) == (built.name, built.files)
