"""The local store: corrections and snapshots survive a restart, identical loads are kept once, and nothing is
written when keeping is off or the user only views. Every test's store lives in its own temporary folder."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pandas as pd
import pytest
from _two_versions import V1_AS_OF, v1_bytes, v1_sheets
from builders import xlsx_bytes

from ngsp.core import schema
from ngsp.core.corrections import Corrections
from ngsp.figures.metrics import summary
from ngsp.history import store
from ngsp.history.store import Store, StoreError, files_sha256, load_remembered
from ngsp.ingest.pipeline import load_files

AS_OF = dt.date(2025, 1, 1)
SHEETS = {
    "Partners": [
        ["Name", "Organization", "Notes"],
        ["Ana Lopez", "Summit Machining", "x"],
        ["Cy Dee", "Front Range Foundation", ""],
    ],
    "Resources": [["Funding Source", "Amount"], ["State grant", 1000]],
}


def _files(sheets=SHEETS, name: str = "tracker.xlsx") -> list[tuple[str, bytes]]:
    return [(name, xlsx_bytes(sheets))]


def test_default_path_comes_from_the_environment_else_the_home_folder(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert Store().path == data_dir / "ngsp.sqlite3"
    monkeypatch.delenv(store.DATA_DIR_ENV)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert store.default_path() == tmp_path / "home" / ".ngsp" / "ngsp.sqlite3"


def test_reading_an_absent_store_finds_it_empty_and_creates_nothing(data_dir: Path) -> None:
    s = Store()
    assert s.list_snapshots().empty and list(s.list_snapshots().columns) == store.LIST_COLUMNS
    assert s.get_corrections("abc") == Corrections()
    assert s.schema_version() == 0
    assert not data_dir.exists()


def test_schema_is_versioned_and_in_wal_mode(data_dir: Path) -> None:
    s = Store()
    s.save_corrections("k", Corrections().with_org_type("Acme", "public"))
    assert s.schema_version() == store.SCHEMA_VERSION
    with sqlite3.connect(s.path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer ngsp"):
        Store().get_corrections("k")


def test_a_damaged_store_is_a_plain_error(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "ngsp.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="could not be used"):
        Store().get_corrections("k")


# ---------------------------------------------------------------- tables


def test_tables_round_trip_with_their_dtypes(tiny_tracker) -> None:
    t = tiny_tracker
    back = store.tracker_from_blob(store.tables_blob(t))
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(t, name).reset_index(drop=True))
    assert str(back.meetings["date"].dtype) == "datetime64[ns]"
    assert back.action_items["percent"].dtype == "float64"
    assert back.organizations["name"].dtype == t.organizations["name"].dtype
    for name in ("sheets", "columns", "merges", "rejected"):
        pd.testing.assert_frame_equal(getattr(back.quality, name), getattr(t.quality, name))
    assert (back.name, back.files, back.structure_key) == (t.name, t.files, t.structure_key)
    assert summary(back, AS_OF) == summary(t, AS_OF)


def test_a_loaded_tracker_round_trips_with_its_corrections() -> None:
    c = Corrections().with_org_type("Front Range Foundation", "business")
    t = load_files(_files(), corrections=c)
    back = store.tracker_from_blob(store.tables_blob(t))
    assert back.corrections == c
    assert summary(back, AS_OF) == summary(t, AS_OF)
    pd.testing.assert_frame_equal(back.quality.ledger, t.quality.ledger)


# ---------------------------------------------------------------- corrections


def test_corrections_round_trip_through_the_store_and_change_the_summary(data_dir: Path) -> None:
    files = _files()
    plain = load_remembered(files, Store())
    assert summary(plain, AS_OF)["organizations"]["business"] == 1
    c = Corrections().with_org_type("Front Range Foundation", "business")
    Store().save_corrections(plain.structure_key, c, name=plain.name)
    assert Store().get_corrections(plain.structure_key) == c  # a new Store object: a restart
    # Next week's copy, under another name, is the same tracker and gets the same picture.
    again = load_remembered(_files(name="tracker (2).xlsx"), Store())
    assert again.corrections == c
    assert summary(again, AS_OF)["organizations"] == {"total": 2, "business": 2, "public": 0}


def test_a_co_convener_imports_exported_corrections(tmp_path: Path) -> None:
    mine, theirs = Store(tmp_path / "me" / "s.sqlite3"), Store(tmp_path / "them" / "s.sqlite3")
    key = load_remembered(_files(), mine).structure_key
    mine.save_corrections(key, Corrections().with_org_type("Front Range Foundation", "business"))
    text = mine.export_corrections(key)
    assert theirs.import_corrections(key, text) == mine.get_corrections(key)
    assert summary(load_remembered(_files(), theirs), AS_OF)["organizations"]["business"] == 2
    with pytest.raises(ValueError, match="not an ngsp corrections file"):
        theirs.import_corrections(key, '{"x": 1}')


def test_a_sheet_kind_correction_keeps_the_tracker_recognised() -> None:
    files = _files()
    key = load_remembered(files, Store()).structure_key
    Store().save_corrections(key, Corrections().with_sheet_kind("Resources", "set_aside"))
    t = load_remembered(files, Store())
    assert t.structure_key == key
    assert t.funding.empty and Store().get_corrections(t.structure_key)


def test_a_corrected_tracker_is_read_and_detected_once(monkeypatch) -> None:
    """The store only stores: loading with kept corrections reads the file once and re-detects only the sheets
    the corrections speak of."""
    from ngsp.ingest import pipeline

    files = _files()
    key = load_remembered(files, Store()).structure_key
    Store().save_corrections(key, Corrections().with_sheet_kind("Resources", "set_aside"))
    reads, detected = [], []
    real_read, real_detect = pipeline.read_files, pipeline.detect_sheet
    monkeypatch.setattr(pipeline, "read_files", lambda fs: reads.append(1) or real_read(fs))
    monkeypatch.setattr(
        pipeline, "detect_sheet", lambda s, *a, **k: detected.append(s.name) or real_detect(s, *a, **k)
    )
    t = load_remembered(files, Store())
    assert t.funding.empty and t.structure_key == key
    assert len(reads) == 1
    assert detected.count("Resources") == 2 and all(
        detected.count(n) == 1 for n in set(detected) - {"Resources"}
    )


# ---------------------------------------------------------------- snapshots


def test_snapshots_survive_a_restart_and_identical_bytes_are_kept_once(data_dir: Path) -> None:
    data = v1_bytes()  # once: openpyxl stamps the time into each workbook it writes
    files = [("v1.xlsx", data)]
    t = load_files(files)
    info = Store().take_snapshot(t, files_sha256(files), as_of=V1_AS_OF)
    assert info is not None and info.as_of == V1_AS_OF
    # The same bytes again, even under another file name, are not stored twice.
    assert Store().take_snapshot(t, files_sha256([("renamed.xlsx", data)])) is None
    listed = Store().list_snapshots(t.structure_key)
    assert list(listed["id"]) == [info.id] and listed["files"][0] == "v1.xlsx"
    assert str(listed["taken_at"].dtype) == "datetime64[ns]"
    back = Store().load_snapshot(info.id)
    pd.testing.assert_frame_equal(back.action_items, t.action_items)
    assert Store().snapshot_summary(info.id) == summary(t, V1_AS_OF)


def test_a_changed_tracker_is_a_new_snapshot_of_the_same_tracker() -> None:
    sheets = v1_sheets()
    sheets["Action Plan"][1][4] = "Done"
    a, b = [("t.xlsx", v1_bytes())], [("t.xlsx", xlsx_bytes(sheets))]
    ta, tb = load_files(a), load_files(b)
    assert ta.structure_key == tb.structure_key
    s = Store()
    s.take_snapshot(ta, files_sha256(a), taken_at=dt.datetime(2024, 7, 15, 9))
    s.take_snapshot(tb, files_sha256(b), taken_at=dt.datetime(2024, 10, 1, 9))
    listed = s.list_snapshots(ta.structure_key)
    assert list(listed["taken_at"].dt.date) == [dt.date(2024, 10, 1), dt.date(2024, 7, 15)]  # newest first
    assert len(s.list_snapshots("another tracker")) == 0


def test_name_and_delete_snapshots() -> None:
    files = [("v1.xlsx", v1_bytes())]
    s = Store()
    info = s.take_snapshot(load_files(files), files_sha256(files))
    s.name_snapshot(info.id, "  Q3   meeting ")
    assert s.list_snapshots()["name"].tolist() == ["Q3 meeting"]
    assert s.snapshot_info("Q3 meeting").id == info.id
    assert s.load_snapshot("Q3 meeting").name == load_files(files).name
    with pytest.raises(StoreError, match="looks like a snapshot number"):
        s.name_snapshot(info.id, "2024")
    with pytest.raises(StoreError, match="no snapshot is called"):
        s.load_snapshot("Q4 meeting")
    s.delete_snapshot(info.id)
    assert s.list_snapshots().empty
    with pytest.raises(StoreError, match="no snapshot number"):
        s.delete_snapshot(info.id)


@pytest.mark.parametrize("how", ["setting", "environment", "per call", "viewer"])
def test_nothing_is_written_when_keeping_is_off_or_the_user_only_views(
    how: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [("v1.xlsx", v1_bytes())]
    t = load_files(files)
    if how == "environment":
        monkeypatch.setenv(store.KEEP_ENV, "0")
    s = {"setting": Store(keep_snapshots=False), "viewer": Store(read_only=True)}.get(how, Store())
    assert s.take_snapshot(t, files_sha256(files), keep=False if how == "per call" else None) is None
    assert not data_dir.exists()


def test_a_viewer_cannot_change_anything() -> None:
    files = [("v1.xlsx", v1_bytes())]
    info = Store().take_snapshot(load_files(files), files_sha256(files))
    viewer = Store(read_only=True)
    assert len(viewer.list_snapshots()) == 1
    for change in (
        lambda: viewer.name_snapshot(info.id, "Q3"),
        lambda: viewer.delete_snapshot(info.id),
        lambda: viewer.save_corrections("k", Corrections()),
    ):
        with pytest.raises(StoreError, match="read-only"):
            change()


def test_several_sessions_write_at_once() -> None:
    errors: list[BaseException] = []

    def session(i: int) -> None:
        try:
            s, c = Store(), Corrections()  # each session its own object, as each Streamlit session would
            for j in range(5):
                c = c.with_org_type(f"Org {j}", "public")
                s.save_corrections(f"tracker-{i}", c)
                s.list_snapshots()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert all(len(Store().get_corrections(f"tracker-{i}").org_types) == 5 for i in range(6))


def test_load_and_keep_keeps_once_and_a_broken_store_never_stops_the_load(data_dir: Path) -> None:
    files = _files()
    t, note = store.load_and_keep(files, Store())
    assert note == "" and len(Store().list_snapshots(t.structure_key)) == 1
    assert store.load_and_keep(files, Store())[1] == ""  # the same bytes: nothing new
    assert len(Store().list_snapshots()) == 1
    (data_dir / "ngsp.sqlite3").write_bytes(b"broken" * 100)
    t2, note = store.load_and_keep(files, Store())
    assert summary(t2, AS_OF) == summary(t, AS_OF) and "could not be used" in note


def test_the_sample_tracker_round_trips_to_the_same_summary_and_no_differences() -> None:
    from conftest import SAMPLE

    from ngsp.history.diff import diff
    from ngsp.ingest.pipeline import load_paths

    t = load_paths([SAMPLE])
    back = store.tracker_from_blob(store.tables_blob(t))
    assert summary(back, AS_OF) == summary(t, AS_OF)
    assert not diff(back, t, AS_OF)


def test_a_snapshot_kept_before_a_column_was_added_still_reads(tiny_tracker) -> None:
    """Snapshots outlive versions: a table without a column added since is read with that column empty."""
    import dataclasses

    old = dataclasses.replace(
        tiny_tracker, organizations=tiny_tracker.organizations.drop(columns=["type_why"])
    )
    back = store.tracker_from_blob(store.tables_blob(old))
    assert list(back.organizations.columns) == list(schema.ORGANIZATIONS.columns)
    assert set(back.organizations["type_why"]) == {""}
