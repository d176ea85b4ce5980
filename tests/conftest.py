"""Shared fixtures: a tiny tracker built in code, and where the example trackers live."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

from ngsp.core import schema
from ngsp.core.model import Quality, Tracker

# CI runs the same property-test examples every time (a red CI is then a change, never luck); a developer's run
# draws new ones, and an example that failed once is kept as an @example in its test.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED_TRACKERS = ROOT.parent / "shared" / "trackers"  # ../shared, read-only material beside the repo
SAMPLE = ROOT / "sample_data" / "demo_tracker.xlsx"
TINY_AS_OF = dt.date(2024, 11, 15)


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """No test touches the user's own store (~/.ngsp): the CLI, the app and their subprocesses use a temporary one.
    And every load in a test validates every row of every table with pandera, not only the schema."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NGSP_DATA_DIR", str(tmp_path_factory.mktemp("ngsp-data")))
        mp.setenv(schema.FULL_VALIDATION_ENV, "1")
        yield


def example_trackers() -> list[Path]:
    """The example trackers in ../shared/trackers (empty when that folder is absent)."""
    return sorted(SHARED_TRACKERS.glob("*.xlsx")) if SHARED_TRACKERS.is_dir() else []


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows -> a frame valid against the schema, with the source columns filled in."""
    sch = schema.TABLES[table]
    full = [
        {"source_file": "tiny.xlsx", "source_sheet": table, "source_row": i + 2, "extra": "", **r}
        for i, r in enumerate(rows)
    ]
    df = pd.DataFrame(full, columns=list(sch.columns))
    for name, col in sch.columns.items():
        if str(col.dtype) == "str" or col.dtype is None or "str" in str(col.dtype):
            df[name] = df[name].fillna("")
        elif str(col.dtype) == "bool":  # a flag the rows leave out is False ("held online")
            df[name] = df[name].astype(object).where(df[name].notna(), False).astype(bool)
    return sch.validate(df)


def build_tiny_tracker() -> Tracker:
    """Five partners, five meetings, four action items, three funding rows (as of 15 Nov 2024).

    Beta Plastics came to the launch only, so it has lapsed; at the April full meeting public partners
    outnumbered business leaders; 2024 Q3 had no full partnership meeting.
    """
    org = lambda i, name, typ: {  # noqa: E731
        "org_id": i,
        "name": name,
        "type": typ,
        "type_source": "tracker",
        "type_why": "",
        "spellings": name,
    }
    organizations = _frame(
        "organizations",
        [
            org("o1", "Acme Manufacturing", "business"),
            org("o2", "Beta Plastics", "business"),
            org("o3", "County Workforce Board", "public"),
            org("o4", "<img src=x onerror=alert(1)>", "business"),
            org("o5", "Valley College", "public"),
        ],
    )
    person = lambda i, name, o, role="Member": {  # noqa: E731
        "person_id": i,
        "name": name,
        "email": f"{name.lower()}@example.org",
        "org_id": o,
        "title": "",
        "phone": "",
        "role": role,
    }
    people = _frame(
        "people",
        [
            person("p1", "Ann", "o1", "Champion"),
            person("p2", "Bob", "o2"),
            person("p3", "Cara", "o3", "Support"),
            person("p4", "Dan", "o5", "Support"),
            person("p5", "Eve", "o1"),
        ],
    )
    ts = pd.Timestamp
    meeting = lambda i, d, typ, team="", sent=None: {  # noqa: E731
        "meeting_id": i,
        "date": ts(d),
        "type": typ,
        "team": team,
        "label": f"{typ} {d}",
        "location": "",
        "summary_sent": ts(sent) if sent else pd.NaT,
    }
    meetings = _frame(
        "meetings",
        [
            meeting("m1", "2024-01-15", "launch", sent="2024-01-19"),
            meeting("m2", "2024-02-05", "action_team", "Transportation"),
            meeting("m3", "2024-04-10", "full_partnership", sent="2024-04-30"),
            meeting("m4", "2024-10-02", "full_partnership"),
            meeting("m5", "2024-10-20", "action_team", "Childcare"),
        ],
    )
    who = {"p1": "o1", "p2": "o2", "p3": "o3", "p4": "o5", "p5": "o1"}
    present = {
        "m1": ["p1", "p2", "p3", "p4", "p5"],
        "m2": ["p1", "p3"],
        "m3": ["p1", "p3", "p4"],
        "m4": ["p1", "p5", "p3"],
        "m5": ["p3", "p4"],
    }
    attendance = _frame(
        "attendance",
        [{"meeting_id": m, "person_id": p, "org_id": who[p]} for m, ps in present.items() for p in ps],
    )
    item = lambda i, prio, desc, owner, p, o, due, status, pct: {  # noqa: E731
        "item_id": i,
        "priority": prio,
        "description": desc,
        "owner": owner,
        "owner_person_id": p,
        "owner_org_id": o,
        "due": ts(due) if due else pd.NaT,
        "due_text": due or "",
        "status": status,
        "status_text": status,
        "percent": pct,
        "notes": "",
    }
    action_items = _frame(
        "action_items",
        [
            item("i1", "Transportation", "Survey employers", "Ann", "p1", "o1", "2024-06-30", "done", 1.0),
            item(
                "i2",
                "Transportation",
                "Pilot a vanpool",
                "Cara",
                "p3",
                "o3",
                "2024-09-30",
                "in_progress",
                0.5,
            ),
            item("i3", "Childcare", "Map providers", "Bob", "p2", "o2", "2025-01-31", "not_started", 0.0),
            item("i4", "Childcare", "Build a centre", "Ann", "p1", "o1", None, "cancelled", None),
        ],
    )
    fund = lambda funder, kind, amount, status: {  # noqa: E731
        "funder": funder,
        "kind": kind,
        "amount": amount,
        "status": status,
        "period": "2024",
        "notes": "",
    }
    funding = _frame(
        "funding",
        [
            fund("State sector grant", "cash", 40000.0, "received"),
            fund("County Workforce Board", "cash", 25000.0, "pending"),
            fund("Valley College", "in_kind", 5000.0, "committed"),
        ],
    )
    quality = Quality(
        sheets=pd.DataFrame(
            [["tiny.xlsx", "people", "roster", "header words", 1, 5, 0, 0]], columns=schema.SHEETS
        ),
        columns=pd.DataFrame(
            [["tiny.xlsx", "people", "A", "Name", "name", "header"]], columns=schema.COLUMNS
        ),
        merges=pd.DataFrame(
            [["organization", "Acme Manufacturing", "ACME Mfg.", "abbreviation"]], columns=schema.MERGES
        ),
        rejected=pd.DataFrame(
            [["tiny.xlsx", "attendance", 9, "no person named", "X"]], columns=schema.REJECTED
        ),
    )
    return Tracker(
        organizations, people, meetings, attendance, action_items, funding, quality, "Tiny", ("tiny.xlsx",)
    )


def build_empty_tracker() -> Tracker:
    """A tracker with no rows at all."""
    frames = {name: _frame(name, []) for name in schema.TABLES}
    return Tracker(**frames, quality=Quality(), name="Empty", files=())


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own data folder (not created until something is kept), so no test sees another's store or the
    real ~/.ngsp, and keeping snapshots is on, as by default. (`_private_data_dir` covers module-scoped fixtures,
    which run before this one.)"""
    folder = tmp_path / "data"
    monkeypatch.setenv("NGSP_DATA_DIR", str(folder))
    monkeypatch.delenv("NGSP_KEEP_SNAPSHOTS", raising=False)
    return folder


def own_copy(t: Tracker) -> Tracker:
    """The same tracker with its own copy of every table, so that nothing one test does reaches another."""

    def copied(value):  # a dataclass with its frames copied
        frames = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return dataclasses.replace(
            value, **{k: v.copy() for k, v in frames.items() if isinstance(v, pd.DataFrame)}
        )

    return dataclasses.replace(copied(t), quality=copied(t.quality))


@pytest.fixture(scope="session")
def _tiny_tracker_once() -> Tracker:
    """Built and validated once per test process (half a second each time, and dozens of tests use it)."""
    return build_tiny_tracker()


@pytest.fixture(scope="session")
def _empty_tracker_once() -> Tracker:
    return build_empty_tracker()


@pytest.fixture
def tiny_tracker(_tiny_tracker_once: Tracker) -> Tracker:
    return own_copy(_tiny_tracker_once)


@pytest.fixture
def empty_tracker(_empty_tracker_once: Tracker) -> Tracker:
    return own_copy(_empty_tracker_once)


@pytest.fixture
def tiny_as_of() -> dt.date:
    return TINY_AS_OF


XSS_ORG = "<img src=x onerror=alert(1)>"
XSS_PRIORITY = "<script>alert(2)</script> **bold** [link](javascript:alert(3))"


def xss_tracker_bytes() -> bytes:
    """The sample tracker with one employer and one priority renamed to markup that would run if rendered.

    The names to replace are read from the sample itself, so the test follows the sample when it is regenerated.
    """
    import io

    import openpyxl

    from ngsp.ingest.pipeline import load_files

    t = load_files([(SAMPLE.name, SAMPLE.read_bytes())])
    businesses = t.organizations[t.organizations["type"] == "business"]
    org = businesses["spellings"].iloc[0].split(" | ")  # every spelling of one employer
    priority = t.action_items["priority"].iloc[0]
    wb = openpyxl.load_workbook(SAMPLE)
    replaced = {"org": 0, "priority": 0}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.strip() in org:
                    cell.value, replaced["org"] = XSS_ORG, replaced["org"] + 1
                elif isinstance(cell.value, str) and cell.value.strip() == priority:
                    cell.value, replaced["priority"] = XSS_PRIORITY, replaced["priority"] + 1
    assert all(replaced.values()), f"the sample no longer holds the names to replace: {replaced}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
