"""ngsp.figures.thresholds: the figures' thresholds, named once."""

from __future__ import annotations

from ngsp.figures import thresholds


def test_thresholds_are_named_once():
    assert thresholds.ACTIVE_DAYS == 182
    assert thresholds.DUE_SOON_DAYS == 90
    assert thresholds.FULL_MEETINGS_PER_QUARTER == 1
    assert thresholds.SUMMARY_WITHIN_DAYS == 7
    assert thresholds.FIRST_CALLS_WITHIN_DAYS == 28
