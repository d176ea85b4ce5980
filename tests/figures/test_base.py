"""ngsp.figures.base: the joined frames the figures start from, on the five-partner tracker of conftest.py."""

from __future__ import annotations

import dataclasses

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


def test_attendance_detail_without_any_organisation(tiny_tracker):
    """Attendance whose people name no organisation (so the tracker has none) is of an unknown organisation."""
    t = dataclasses.replace(
        tiny_tracker,
        organizations=tiny_tracker.organizations.iloc[0:0],
        attendance=tiny_tracker.attendance.assign(org_id=""),
    )
    d = base.attendance_detail(t)
    assert len(d) == len(t.attendance)
    assert set(d["organisation"]) == {"(organisation not known)"} and set(d["org_type"]) == {"unknown"}
