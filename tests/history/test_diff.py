"""Since last meeting: two versions of a tracker with known differences give exactly those differences, in Python
and on the command line, from files or from kept snapshots."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from _two_versions import V1_AS_OF, V2_AS_OF, v1_bytes, v1_sheets, v2_bytes, v2_sheets
from builders import load

from ngsp.history import store
from ngsp.history.diff import (
    baseline_options,
    default_baseline,
    diff,
    headlines,
    sections,
    snapshot_label,
    tiles,
)
from ngsp.history.store import Store, files_sha256, since_last_meeting

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def versions():
    return load(v1_sheets(), name="tracker.xlsx"), load(v2_sheets(), name="tracker-jan.xlsx")


def _descriptions(df: pd.DataFrame) -> list[str]:
    return df["description"].tolist()


def test_two_versions_give_exactly_their_differences(versions) -> None:
    d = diff(*versions, V2_AS_OF, V1_AS_OF)
    assert d.new_organizations.to_dict("records") == [{"name": "Echo Robotics", "type": "business"}]
    assert d.new_people[["name", "organization"]].to_dict("records") == [
        {"name": "Eva Fox", "organization": "Echo Robotics"}
    ]
    assert d.lapsed["organization"].tolist() == ["Beta Plastics"]  # Delta Tools had lapsed already
    assert d.lapsed["last_seen"].tolist() == [pd.Timestamp("2024-07-10")]
    assert _descriptions(d.completed) == ["Map training programs"]
    assert d.completed["before"].tolist() == ["in_progress"]
    assert _descriptions(d.started) == ["Host a job fair"]
    assert _descriptions(d.stalled) == ["Pilot a shared centre"]
    assert _descriptions(d.overdue) == ["Survey employers"]  # due 30 Sep 2024: not due yet in July
    assert _descriptions(d.new_items) == ["Apply for a state grant"]
    assert d.priorities[["priority", "done_before", "done_now"]].to_dict("records") == [
        {"priority": "Talent Pipeline", "done_before": 0, "done_now": 1}
    ]
    assert d.meetings["date"].dt.date.tolist() == [dt.date(2024, 10, 9), dt.date(2025, 1, 15)]
    assert d.meetings["attendees"].tolist() == [3, 3]
    assert (d.share_before, d.share_now, d.share_change) == (0.7, 0.6875, -0.0125)
    assert d.counts() == {
        "new_organizations": 1,
        "new_people": 1,
        "lapsed": 1,
        "new_items": 1,
        "completed": 1,
        "started": 1,
        "stalled": 1,
        "overdue": 1,
        "priorities": 1,
        "meetings": 2,
    }


def test_a_lapsed_business_was_last_seen_by_the_as_of_date(versions) -> None:
    """The since page's "last at a partnership meeting" is the Engagement page's "last seen": a meeting after
    the as-of date (already in the tracker) does not count."""
    old, new = versions
    beta = new.organizations.loc[new.organizations["name"] == "Beta Plastics", "org_id"].item()
    person = new.people.loc[new.people["org_id"] == beta, "person_id"].iloc[0]
    later = new.meetings[new.meetings["type"] == "full_partnership"].iloc[[-1]]
    later = later.assign(meeting_id="later", date=pd.Timestamp(V2_AS_OF) + pd.Timedelta(days=30))
    came = new.attendance.iloc[[0]].assign(meeting_id="later", person_id=person, org_id=beta)
    new = dataclasses.replace(
        new,
        meetings=pd.concat([new.meetings, later], ignore_index=True),
        attendance=pd.concat([new.attendance, came], ignore_index=True),
    )
    d = diff(old, new, V2_AS_OF, V1_AS_OF)
    assert d.lapsed["organization"].tolist() == ["Beta Plastics"]
    assert d.lapsed["last_seen"].tolist() == [pd.Timestamp("2024-07-10")]


def test_the_same_tracker_twice_has_no_differences(versions) -> None:
    d = diff(versions[1], versions[1], V2_AS_OF)
    assert not d and not any(d.counts().values()) and headlines(d) == [] and sections(d) == []


def test_an_earlier_version_without_a_date_stands_for_its_latest_meeting(versions) -> None:
    assert diff(*versions, V2_AS_OF).since == dt.date(2024, 7, 10)


def test_to_dict_is_plain_json(versions) -> None:
    out = json.loads(json.dumps(diff(*versions, V2_AS_OF, V1_AS_OF).to_dict()))
    assert out["schema"] == "ngsp.diff/1" and out["since"] == "2024-07-15"
    assert out["completed"][0]["due"] == "2025-06-30"
    assert out["priorities"][0]["percent_now"] is None
    assert out["business_share_full"] == {"before": 0.7, "now": 0.6875, "change": -0.0125}


def test_words_for_people(versions) -> None:
    d = diff(*versions, V2_AS_OF, V1_AS_OF)
    lines = headlines(d)
    assert lines[0] == "1 action item completed: Map training programs"
    assert any("Beta Plastics" in line for line in lines)
    assert lines[-1] == "Business share of partnership-meeting attendance 70% → 69% (-1 pts)"
    t = tiles(d).set_index("label")
    assert t.loc["Action items completed", "value"] == 1 and t.loc["Business share now", "kind"] == "percent"
    titles = [title for title, _ in sections(d)]
    assert titles[0] == "Action items completed" and "Businesses that lapsed" in titles


def test_a_snapshot_compares_like_the_tracker_it_kept(versions) -> None:
    files = [("tracker.xlsx", v1_bytes())]
    info = Store().take_snapshot(versions[0], files_sha256(files), as_of=V1_AS_OF)
    kept = Store().load_snapshot(info.id)
    assert diff(kept, versions[1], V2_AS_OF, info.as_of).to_dict() == (
        diff(*versions, V2_AS_OF, V1_AS_OF).to_dict()
    )


def test_default_baseline_is_the_latest_snapshot_on_or_before_the_last_full_meeting(tiny_tracker) -> None:
    # The tiny tracker's last full partnership meeting was on 2 Oct 2024.
    snaps = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "taken_at": pd.to_datetime(
                ["2024-04-01 10:00", "2024-09-30 10:00", "2024-10-02 18:00", "2024-10-05 09:00"]
            ),
            "structure_key": [""] * 4,
            "content_sha256": ["a", "b", "c", "d"],
            "name": ["", "", "Q4 meeting", ""],
            "files": ["t.xlsx"] * 4,
        }
    )
    assert default_baseline(snaps, tiny_tracker, dt.date(2024, 11, 15)) == 3
    assert default_baseline(snaps, tiny_tracker, dt.date(2024, 11, 15), exclude_sha="c") == 2
    assert default_baseline(snaps, tiny_tracker, dt.date(2024, 5, 1)) == 1  # then the April meeting was last
    assert default_baseline(snaps.iloc[3:], tiny_tracker, dt.date(2024, 11, 15)) is None
    assert default_baseline(snaps.iloc[:0], tiny_tracker) is None
    assert snapshot_label(snaps.iloc[2]) == "Q4 meeting · 2 Oct 2024 18:00 · t.xlsx  (#3)"


def test_baseline_options_leave_out_the_current_load_and_fall_back_to_the_oldest(tiny_tracker) -> None:
    snaps = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "taken_at": pd.to_datetime(["2024-10-05 09:00", "2024-10-20 10:00", "2024-11-15 10:00"]),
            "structure_key": [""] * 3,
            "content_sha256": ["a", "b", "now"],
            "name": [""] * 3,
            "files": ["t.xlsx"] * 3,
        }
    )
    options, default = baseline_options(snaps, tiny_tracker, dt.date(2024, 11, 15), exclude_sha="now")
    assert options["id"].tolist() == [2, 1] and default == 1  # none before 2 Oct: the oldest


def test_since_last_meeting_reads_the_default_snapshot(versions) -> None:
    sheets = v1_sheets()
    sheets["Action Plan"][1][4] = "Done"
    now = load(sheets)
    assert since_last_meeting(Store(), now, V2_AS_OF) is None
    files = [("tracker.xlsx", v1_bytes())]
    Store().take_snapshot(
        versions[0], files_sha256(files), taken_at=dt.datetime(2024, 7, 9, 17), as_of=V1_AS_OF
    )
    d = since_last_meeting(Store(), now, V2_AS_OF)
    assert (
        d is not None
        and d.since == V1_AS_OF
        and d.completed["description"].tolist() == ["Map training programs"]
    )


def test_a_grid_that_gains_a_meeting_is_the_same_tracker(versions) -> None:
    assert versions[0].structure_key == versions[1].structure_key


# ---------------------------------------------------------------- the command line


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ngsp", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def tracker_files(tmp_path: Path) -> tuple[Path, Path]:
    v1, v2 = tmp_path / "tracker-july.xlsx", tmp_path / "tracker-jan.xlsx"
    v1.write_bytes(v1_bytes())
    v2.write_bytes(v2_bytes())
    return v1, v2


def test_cli_diff_of_two_files(tracker_files) -> None:
    v1, v2 = tracker_files
    r = _run(
        "diff", str(v1), str(v2), "--as-of", V2_AS_OF.isoformat(), "--since", V1_AS_OF.isoformat(), "--json"
    )
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["counts"]["completed"] == 1 and d["lapsed"][0]["organization"] == "Beta Plastics"
    assert [o["name"] for o in d["new_organizations"]] == ["Echo Robotics"]
    text = _run("diff", str(v1), str(v2), "--as-of", V2_AS_OF.isoformat())
    assert text.returncode == 0 and "1 action item completed: Map training programs" in text.stdout


def test_cli_keeps_snapshots_once_names_them_and_diffs_against_one(tracker_files, data_dir: Path) -> None:
    v1, v2 = tracker_files
    assert _run("summary", str(v1), "--as-of", V1_AS_OF.isoformat(), "--json").returncode == 0
    assert _run("quality", str(v1)).returncode == 0  # the same bytes: not kept twice
    listed = json.loads(_run("snapshots", "--json").stdout)["snapshots"]
    assert (
        len(listed) == 1 and listed[0]["as_of"] == "2024-07-15" and listed[0]["files"] == "tracker-july.xlsx"
    )
    assert _run("snapshots", "--name", str(listed[0]["id"]), "Q3 meeting").returncode == 0
    r = _run("diff", "Q3 meeting", str(v2), "--as-of", V2_AS_OF.isoformat(), "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["since"] == "2024-07-15" and d["counts"]["overdue"] == 1 and d["counts"]["meetings"] == 2
    people = _run("snapshots", str(v1))
    assert "Q3 meeting" in people.stdout and "tracker-july.xlsx" in people.stdout
    assert _run("snapshots", "--delete", str(listed[0]["id"])).returncode == 0
    assert json.loads(_run("snapshots", "--json").stdout)["snapshots"] == []


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--no-snapshot",), {}), ((), {store.KEEP_ENV: "0"})],
    ids=["--no-snapshot", "keeping off"],
)
def test_cli_keeps_nothing_when_told_not_to(tracker_files, data_dir: Path, args, env) -> None:
    r = _run("summary", str(tracker_files[0]), "--json", *args, env=env)
    assert r.returncode == 0 and json.loads(r.stdout)["people"] == 4
    assert not data_dir.exists()


def test_cli_bad_references_are_one_line_and_exit_2(tracker_files) -> None:
    for args in (
        ("diff", "no such thing", str(tracker_files[1])),
        ("snapshots", "--delete", "7"),
        ("snapshots", "--name", "7", "Q3"),
    ):
        r = _run(*args)
        assert r.returncode == 2 and r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr
        assert "Traceback" not in r.stderr


def test_cli_corrections_export_and_import(tracker_files, tmp_path: Path) -> None:
    v1 = str(tracker_files[0])
    assert "No corrections" in _run("corrections", v1).stdout
    # I correct a partner's type (as the app would), export, and my co-convener imports into their own store.
    key = store.load_remembered([("x.xlsx", v1_bytes())], Store()).structure_key
    from ngsp.core.corrections import Corrections

    Store().save_corrections(key, Corrections().with_org_type("County Workforce Board", "business"))
    out = tmp_path / "corrections.json"
    assert _run("corrections", v1, "--export", str(out)).returncode == 0
    theirs = {store.DATA_DIR_ENV: str(tmp_path / "theirs")}
    before = json.loads(_run("summary", v1, "--json", "--no-snapshot", env=theirs).stdout)
    assert _run("corrections", v1, "--import", str(out), env=theirs).returncode == 0
    after = json.loads(_run("summary", v1, "--json", "--no-snapshot", env=theirs).stdout)
    assert (before["organizations"]["business"], after["organizations"]["business"]) == (3, 4)
    assert "partner type: County Workforce Board -> business" in _run("corrections", v1, env=theirs).stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    r = _run("corrections", v1, "--import", str(bad), env=theirs)
    assert r.returncode == 2 and "not JSON" in r.stderr


def test_empty_trackers_on_either_side(tiny_tracker, empty_tracker, tiny_as_of) -> None:
    d = diff(empty_tracker, tiny_tracker, tiny_as_of)
    assert d.counts()["new_organizations"] == 5 and d.counts()["meetings"] == 5
    assert d.lapsed["organization"].tolist() == ["Beta Plastics"]
    gone = diff(tiny_tracker, empty_tracker, tiny_as_of)
    assert gone.priorities["done_now"].tolist() == [0, 0] and gone.share_now is None
    for x in (d, gone, diff(empty_tracker, empty_tracker, tiny_as_of)):
        json.dumps(x.to_dict())
        assert len(tiles(x)) == 7 and isinstance(headlines(x), list) and isinstance(sections(x), list)


def test_a_later_snapshot_looked_at_as_of_an_earlier_day_reads_from_its_own_latest_meeting():
    from _two_versions import V2_AS_OF, v1_bytes, v2_bytes

    from ngsp.ingest.pipeline import load_files

    old, new = load_files([("t.xlsx", v1_bytes())]), load_files([("t.xlsx", v2_bytes())])
    d = diff(old, new, V2_AS_OF, old_as_of=V2_AS_OF + dt.timedelta(days=400))
    assert d.since == dt.date(2024, 7, 10) <= d.as_of  # the earlier version's latest meeting


def test_sections_write_statuses_and_percents_as_the_pages_do():
    from _two_versions import V1_AS_OF, V2_AS_OF, v1_bytes, v2_bytes

    from ngsp.ingest.pipeline import load_files

    d = diff(load_files([("t.xlsx", v1_bytes())]), load_files([("t.xlsx", v2_bytes())]), V2_AS_OF, V1_AS_OF)
    tables = dict(sections(d))
    assert list(tables["Action items completed"]["Status now"]) == ["Done"]
    assert list(tables["Action items completed"]["Before"]) == ["In progress"]
    moved = tables["Priorities whose progress moved"]
    assert all(v == "—" or v.endswith("%") for v in moved["Average percent complete now"])
