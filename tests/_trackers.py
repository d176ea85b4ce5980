"""A small canonical tracker built in code for the export tests (no reader involved)."""

from __future__ import annotations

import pandas as pd

from ngsp.core import schema
from ngsp.core.model import Quality, Tracker, empty

HOSTILE = '=HYPERLINK("http://evil.example/x","click me")'


def _src(rows: list[dict], sheet: str) -> pd.DataFrame:
    """Rows with where-they-came-from columns added."""
    return pd.DataFrame(
        [
            {**r, "source_file": "tiny.xlsx", "source_sheet": sheet, "source_row": i + 2}
            for i, r in enumerate(rows)
        ]
    )


def tiny_tracker() -> Tracker:
    """Four organisations, five people, four meetings, two priorities, funding: every figure is known."""
    orgs = _src(
        [
            {"org_id": "o1", "name": "Acme Manufacturing", "type": "business"},
            {"org_id": "o2", "name": "Núñez Fabrication", "type": "business"},
            {"org_id": "o3", "name": "Valley College", "type": "public"},
            {"org_id": "o4", "name": HOSTILE, "type": "business"},
        ],
        "Partners",
    ).assign(type_source="tracker", type_why="the tracker says so", spellings=lambda d: d["name"])
    people = _src(
        [
            {
                "person_id": "p1",
                "name": "José Núñez",
                "email": "jose@nunezfab.com",
                "org_id": "o2",
                "role": "Champion",
            },
            {
                "person_id": "p2",
                "name": "Ann Lee",
                "email": "ann@acme.com",
                "org_id": "o1",
                "role": "Champion",
            },
            {"person_id": "p3", "name": "Bo Chan", "email": "", "org_id": "o1", "role": "Member"},
            {
                "person_id": "p4",
                "name": "Dee Park",
                "email": "dpark@valley.edu",
                "org_id": "o3",
                "role": "Support",
            },
            {
                "person_id": "p5",
                "name": "+1 Tab\tName",
                "email": "evil@x.com",
                "org_id": "o4",
                "role": "Member",
            },
        ],
        "Partners",
    ).assign(title="", phone=lambda d: ["(555) 010-0001", "", "0123", "", "-5"], extra="{}")
    meetings = _src(
        [
            {"meeting_id": "m1", "date": "2024-03-12", "type": "launch", "team": "", "label": "Launch"},
            {
                "meeting_id": "m2",
                "date": "2024-04-20",
                "type": "action_team",
                "team": "Transportation",
                "label": "AT",
            },
            {
                "meeting_id": "m3",
                "date": "2024-06-05",
                "type": "full_partnership",
                "team": "",
                "label": "Quarterly",
            },
            {
                "meeting_id": "m4",
                "date": "2024-12-03",
                "type": "full_partnership",
                "team": "",
                "label": "Quarterly",
            },
        ],
        "Meetings",
    ).assign(
        date=lambda d: pd.to_datetime(d["date"]).astype("datetime64[ns]"),
        location=["Acme Manufacturing", "Zoom", "Valley College", "Núñez Fabrication"],
        summary_sent=pd.NaT,
        extra="{}",
        online=[False, True, False, False],  # the June meeting was on Zoom
    )
    present = {
        "m1": ["p1", "p2", "p3", "p4", "p5"],
        "m2": ["p2", "p4"],
        "m3": ["p1", "p2", "p4"],
        "m4": ["p1", "p4"],
    }
    org_of = dict(zip(people["person_id"], people["org_id"], strict=True))
    attendance = _src(
        [{"meeting_id": m, "person_id": p, "org_id": org_of[p]} for m, ps in present.items() for p in ps],
        "Attendance",
    )
    items = _src(
        [
            {
                "item_id": "a1",
                "priority": "Transportation",
                "description": "Map bus routes to plants",
                "owner": "Ann Lee",
                "due": "2024-05-01",
                "status": "done",
                "percent": 1.0,
            },
            {
                "item_id": "a2",
                "priority": "Transportation",
                "description": "Pilot a “ride to work” van",
                "owner": "José Núñez",
                "due": "2024-09-30",
                "status": "in_progress",
                "percent": 0.5,
            },
            {
                "item_id": "a3",
                "priority": "Transportation",
                "description": "Survey shift workers",
                "owner": "Ann Lee",
                "due": None,
                "status": "not_started",
                "percent": None,
            },
            {
                "item_id": "a4",
                "priority": "Childcare Access",
                "description": "Find two providers",
                "owner": "Dee Park",
                "due": "2024-08-01",
                "status": "stalled",
                "percent": 0.2,
            },
            {
                "item_id": "a5",
                "priority": "Childcare Access",
                "description": "@SUM(1+1) costed plan",
                "owner": "José Núñez",
                "due": "2025-03-31",
                "status": "not_started",
                "percent": 0.0,
            },
        ],
        "Action Plan",
    ).assign(
        due=lambda d: pd.to_datetime(d["due"]).astype("datetime64[ns]"),
        due_text=lambda d: ["5/1/2024", "Q3 2024", "ongoing", "8/1/2024", "Q1 2025"],
        status_text=lambda d: d["status"],
        owner_person_id="",
        owner_org_id="",
        notes=["", "Waiting on the “county” grant", "", "", ""],
        extra="{}",
    )
    funding = _src(
        [
            {
                "funder": "State sector grant",
                "kind": "cash",
                "amount": 40000.0,
                "status": "received",
                "period": "2024",
            },
            {
                "funder": "Valley College",
                "kind": "in_kind",
                "amount": 2500.0,
                "status": "received",
                "period": "2024",
            },
            {
                "funder": "County WIOA",
                "kind": "cash",
                "amount": 25000.0,
                "status": "pending",
                "period": "2025",
            },
        ],
        "Funding",
    ).assign(notes="", extra="{}")
    rejected = pd.DataFrame(
        [
            {
                "source_file": "tiny.xlsx",
                "source_sheet": "Attendance",
                "source_row": 9,
                "reason": "attendance row with no person",
                "content": "Acme Manufacturing | x",
            }
        ]
    )
    tables = {
        "organizations": orgs,
        "people": people,
        "meetings": meetings,
        "attendance": attendance,
        "action_items": items,
        "funding": funding,
    }
    tables = {k: schema.TABLES[k].validate(v[list(schema.TABLES[k].columns)]) for k, v in tables.items()}
    return Tracker(
        **tables,
        quality=Quality(rejected=rejected, notes=("One sheet was set aside: Lists.",)),
        name="Northern Valley Manufacturing Partnership",
        files=("tiny.xlsx",),
    )


def empty_tracker() -> Tracker:
    """A tracker with every table empty (a brand-new partnership)."""
    tables = {k: s.validate(empty(s)) for k, s in schema.TABLES.items()}
    return Tracker(**tables, quality=Quality(), name="", files=("blank.xlsx",))
