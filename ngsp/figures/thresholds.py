"""Thresholds the figures use, named once (each has a test in tests/figures/test_thresholds.py)."""

from __future__ import annotations

ACTIVE_DAYS = 182
"""An organisation is "active" when someone from it came to a meeting in the last six months (these many days,
as-of included)."""

DUE_SOON_DAYS = 90
"""An open action item is "due soon" when it is due within this many days of the as-of date."""

FULL_MEETINGS_PER_QUARTER = 1
"""The cadence target: at least this many launch or full partnership meetings a quarter (the app's default)."""

STALE_DAYS = 120
"""A tracker whose latest meeting is older than this is probably being looked at after the fact: the app offers
to count as of that meeting instead."""

SUMMARY_WITHIN_DAYS = 7
"""A meeting summary goes out within a week of the meeting."""

FIRST_CALLS_WITHIN_DAYS = 28
"""Each action team holds its first call within 2-4 weeks of the launch."""
