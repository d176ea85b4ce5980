"""ngsp.figures.base: the joined frames the figures start from, on the five-partner tracker of conftest.py."""

from __future__ import annotations

from ngsp.figures import base


def test_attendance_detail_adds_meeting_and_org(tiny_tracker):
    d = base.attendance_detail(tiny_tracker)
    assert len(d) == len(tiny_tracker.attendance)
    row = d[(d["meeting_id"] == "m3") & (d["person_id"] == "p4")].iloc[0]
    assert (row["organisation"], row["org_type"], row["meeting_type"]) == (
        "Valley College",
        "public",
        "full_partnership",
    )
