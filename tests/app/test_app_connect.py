"""AppTest flows for connecting a tracker by path or link: inside the data folder it shows, outside it is refused
in plain words, and Refresh with unchanged bytes parses nothing again."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from conftest import SAMPLE, xss_tracker_bytes
from test_app import metrics, new_app, ok, upload, visit

from ngsp.app import state


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A data folder the app may read paths from, holding one tracker."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("NGSP_DATA_DIR", str(folder))
    return folder


def connect(at, source: str):
    at.text_input(key=state.W_CONNECT).input(source)
    at.button(key="w.connect.go").click()
    return at.run()


def test_a_file_in_the_data_folder_shows_its_figures(data_dir):
    shutil.copy(SAMPLE, data_dir / "ours.xlsx")
    expected = json.loads(SAMPLE.with_name("demo_tracker.expected.json").read_text())
    at = connect(new_app(), "ours.xlsx")
    ok(at, "overview")
    assert not at.error, [e.value for e in at.error]
    assert any("ours.xlsx" in c.value for c in at.sidebar.caption)
    at.date_input(key=state.W_AS_OF).set_value(dt.date.fromisoformat(expected["as_of"])).run()
    items = expected["action_items"]
    assert metrics(at)["Action items done"] == f"{items['done']} of {items['total']}"
    visit(at, "engagement")  # the connected tracker survives a page switch
    ok(at, "engagement")
    assert any("ours.xlsx" in c.value for c in at.sidebar.caption)


def test_a_path_outside_the_data_folder_is_refused_in_plain_words(data_dir, tmp_path):
    outside = tmp_path / "elsewhere.xlsx"
    shutil.copy(SAMPLE, outside)
    at = connect(new_app(), str(outside))
    assert not at.exception
    assert len(at.error) == 1
    assert "outside the data folder" in at.error[0].value and "Traceback" not in at.error[0].value
    assert any("sample tracker" in c.value for c in at.sidebar.caption)  # still the sample


def test_paths_are_refused_without_a_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("NGSP_DATA_DIR")
    shutil.copy(SAMPLE, tmp_path / "t.xlsx")
    at = connect(new_app(), str(tmp_path / "t.xlsx"))
    assert not at.exception
    assert "does not read files from the computer it runs on" in at.error[0].value


def test_refresh_with_unchanged_bytes_parses_nothing(data_dir, monkeypatch):
    import ngsp.ingest.pipeline

    (data_dir / "counted.xlsx").write_bytes(xss_tracker_bytes())
    calls = []
    real = ngsp.ingest.pipeline.load_files

    def counting(files, *args, **kwargs):
        calls.append([name for name, _ in files])
        return real(files, *args, **kwargs)

    at = new_app()  # the sample's own parse is not what this test counts
    monkeypatch.setattr(ngsp.ingest.pipeline, "load_files", counting)
    connect(at, "counted.xlsx")
    assert calls == [["counted.xlsx"]]
    for _ in range(2):
        at.button(key="w.connect.refresh").click().run()
        ok(at, "overview")
        assert not at.error
    visit(at, "data_quality")
    ok(at, "data_quality")
    assert calls == [["counted.xlsx"]]


def test_refresh_sees_a_changed_file(data_dir):
    shutil.copy(SAMPLE, data_dir / "live.xlsx")
    at = connect(new_app(), "live.xlsx")
    (data_dir / "live.xlsx").write_bytes(b"not a spreadsheet any more")
    at.button(key="w.connect.refresh").click().run()
    assert not at.exception
    assert any(e.value.startswith("live.xlsx: ") for e in at.error)


def test_uploading_or_choosing_the_sample_forgets_the_connection(data_dir):
    shutil.copy(SAMPLE, data_dir / "ours.xlsx")
    at = connect(new_app(), "ours.xlsx")
    assert at.session_state[state.CONNECTED] == "ours.xlsx"
    upload(at, ("mine.xlsx", SAMPLE.read_bytes()))
    assert at.session_state[state.CONNECTED] is None
    assert any("mine.xlsx" in c.value for c in at.sidebar.caption)
    connect(at, "ours.xlsx")
    at.button(key="w.use_sample").click().run()
    assert at.session_state[state.CONNECTED] is None
    assert any("sample tracker" in c.value for c in at.sidebar.caption)
