"""AppTest flows for what a convener tells the dashboard to keep: corrections on the Data quality page (each
kind is kept, applies on every page at once, can be undone, shared as a file and brought in again) and the
snapshots on the Since last meeting page (listed, renamed, deleted, not kept when switched off); a viewer
changes none of it."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE
from test_app import new_app, ok, upload, visit

from ngsp.app import state
from ngsp.core.corrections import Corrections
from ngsp.history.store import Store
from ngsp.ingest.pipeline import load_files


def k(name: str) -> str:
    return f"{state.W_CORR}.{name}"


@pytest.fixture(scope="module")
def sample():
    return load_files([(SAMPLE.name, SAMPLE.read_bytes())])


def quality_page():
    at = visit(new_app(), "data_quality")
    ok(at, "data_quality")
    assert "Correct what ngsp got wrong" in [h.value for h in at.header]
    return at


def kept(sample) -> Corrections:
    return Store(read_only=True).get_corrections(sample.structure_key)


def org_types(at) -> dict[str, str]:
    visit(at, "engagement")
    orgs = at.dataframe[-1].value
    return dict(zip(orgs["organisation"], orgs["type"], strict=True))


def test_a_partner_type_applies_on_every_page_and_can_be_undone(sample):
    business = sample.organizations.loc[sample.organizations["type"] == "business", "name"].iloc[0]
    at = quality_page()
    at.selectbox(key=k("org")).set_value(business)
    at.radio(key=k("org_type")).set_value("public")
    at.button(key=k("do_type")).click().run()
    assert not at.exception and not at.error
    assert kept(sample).org_types == ((business, "public"),)
    assert any(business in m.value and "→" in m.value for m in at.markdown)
    assert org_types(at)[business] == "Public partner"
    visit(at, "data_quality")
    at.button(key=k("undo.0")).click().run()
    assert not kept(sample)
    assert org_types(at)[business] == "Business"


def test_a_sheet_set_aside_leaves_the_dashboard_at_once(sample):
    at = visit(new_app(), "sustainability")
    before = {m.label: m.value for m in at.metric}
    visit(at, "data_quality")
    at.selectbox(key=k("sheet")).set_value("Funding & In-Kind")
    at.selectbox(key=k("kind")).set_value("set_aside")
    at.button(key=k("do_sheet")).click().run()
    assert not at.exception and not at.error
    sheets = at.dataframe[0].value
    assert (
        sheets.loc[sheets["Sheet"] == "Funding & In-Kind"]
        .iloc[0]
        .astype(str)
        .str.contains("not partnership data")
        .any()
    )
    assert any("not partnership data" in m.value for m in at.markdown)
    visit(at, "sustainability")
    ok(at, "sustainability")
    assert {m.label: m.value for m in at.metric} != before


def test_a_column_meaning_and_a_wrong_merge(sample):
    merged = sample.quality.merges[sample.quality.merges["how"] != "the name shown"].iloc[0]
    at = quality_page()
    at.selectbox(key=k("col_sheet")).set_value("Partner Roster")
    at.run()
    at.selectbox(key=k("col_header")).set_value("Phone")
    at.selectbox(key=k("col_field")).set_value("")
    at.button(key=k("do_column")).click().run()
    at.selectbox(key=k("split")).set_value(merged["spelling"])
    at.button(key=k("do_split")).click().run()
    assert not at.exception and not at.error
    c = kept(sample)
    assert c.columns == (("Partner Roster", "Phone", ""),)
    assert c.split_org == (merged["spelling"],)
    assert merged["spelling"] in org_types(at)  # an organisation of its own now


def test_two_spellings_become_one_organisation(sample):
    names = sorted(sample.organizations["name"])[:2]
    at = quality_page()
    at.selectbox(key=k("same_a")).set_value(names[0])
    at.selectbox(key=k("same_b")).set_value(names[1])
    at.button(key=k("do_same")).click().run()
    assert not at.exception and not at.error
    assert kept(sample).same_org == (tuple(names),)
    shown = org_types(at)
    assert not (names[0] in shown and names[1] in shown)


def test_share_and_bring_in_corrections_and_clear_them(sample, tmp_path, monkeypatch):
    c = Corrections().with_org_type(sample.organizations["name"].iloc[0], "public")
    at = quality_page()
    upload_key = next(u.key for u in at.file_uploader if u.key and u.key.startswith(k("upload")))
    at.file_uploader(key=upload_key).set_value([("from-ann.json", c.to_json().encode(), "application/json")])
    at.run()
    assert not at.exception and not at.error
    assert kept(sample) == c
    share = next(b for b in at.get("download_button") if b.label.startswith("Share these corrections"))
    assert share.proto.disabled is False
    at.button(key=k("clear")).click().run()
    assert not kept(sample)


def test_a_file_that_is_not_corrections_is_refused_in_plain_words(sample):
    at = quality_page()
    upload_key = next(u.key for u in at.file_uploader if u.key and u.key.startswith(k("upload")))
    at.file_uploader(key=upload_key).set_value(
        [("x.json", json.dumps({"a": 1}).encode(), "application/json")]
    )
    at.run()
    assert not at.exception
    assert any("not an ngsp corrections file" in e.value for e in at.error)
    assert not kept(sample)


def test_a_correction_reparses_once_and_page_switches_parse_nothing(sample, monkeypatch):
    import ngsp.ingest.pipeline

    calls = []
    real = ngsp.ingest.pipeline.load_files

    def counting(files, *args, **kwargs):
        calls.append(kwargs.get("corrections"))
        return real(files, *args, **kwargs)

    at = quality_page()
    monkeypatch.setattr(ngsp.ingest.pipeline, "load_files", counting)
    at.selectbox(key=k("org")).set_value(sample.organizations["name"].iloc[1])
    at.button(key=k("do_type")).click().run()
    assert len(calls) == 1 and calls[0]  # only the corrected reading; the unaided one is cached
    for page in ["overview", "engagement", "data_quality", "overview"]:
        visit(at, page)
        ok(at, page)
    assert len(calls) == 1


def test_viewers_see_no_correction_controls(monkeypatch):
    monkeypatch.setattr(state, "can_edit", lambda: False)
    at = visit(new_app(), "data_quality")
    ok(at, "data_quality")
    assert "Correct what ngsp got wrong" not in [h.value for h in at.header]
    assert not [b for b in at.button if (b.key or "").startswith(state.W_CORR)]


# ---------------------------------------------------------------- snapshots


def unique_sample(tag: str) -> bytes:
    """The sample with one note changed, so its bytes were never kept before (the session cache is shared)."""
    import io

    import openpyxl

    wb = openpyxl.load_workbook(SAMPLE)
    wb["README"]["A30"] = f"test {tag}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_snapshots_are_listed_renamed_and_deleted(sample):
    at = upload(new_app(), ("ours.xlsx", unique_sample("rename")))
    visit(at, "since_last_meeting")
    ok(at, "since_last_meeting")
    listed = at.dataframe[0].value
    assert len(listed) == 1 and listed["files"].iloc[0] == "ours.xlsx"
    at.text_input(key=state.W_SNAPSHOT_NAME).input("Q3 meeting")
    at.button(key="w.snapshot.rename").click().run()
    assert not at.exception and not at.error
    assert list(Store(read_only=True).list_snapshots(sample.structure_key)["name"]) == ["Q3 meeting"]
    assert at.dataframe[0].value["name"].iloc[0] == "Q3 meeting"
    at.button(key="w.snapshot.delete").click().run()
    assert not at.exception and not at.error
    assert Store(read_only=True).list_snapshots().empty


def test_a_snapshot_name_that_is_a_number_is_refused_in_plain_words():
    at = visit(upload(new_app(), ("ours.xlsx", unique_sample("number"))), "since_last_meeting")
    at.text_input(key=state.W_SNAPSHOT_NAME).input("2024")
    at.button(key="w.snapshot.rename").click().run()
    assert not at.exception
    assert any("looks like a snapshot number" in e.value for e in at.error)


def test_keeping_switched_off_writes_nothing():
    at = visit(new_app(), "since_last_meeting")
    at.toggle(key=state.W_KEEP).set_value(False).run()
    upload(at, ("ours.xlsx", unique_sample("off")))
    ok(at, "since_last_meeting")
    assert not any("dated copy is kept" in c.value for c in at.sidebar.caption)
    assert Store(read_only=True).list_snapshots().empty
    assert not Store(read_only=True).path.exists()


def test_keeping_follows_the_setting(monkeypatch):
    monkeypatch.setenv("NGSP_KEEP_SNAPSHOTS", "0")
    at = visit(upload(new_app(), ("ours.xlsx", unique_sample("env"))), "since_last_meeting")
    assert at.toggle(key=state.W_KEEP).value is False
    assert Store(read_only=True).list_snapshots().empty


def test_viewers_see_the_snapshots_but_change_nothing(monkeypatch):
    at = upload(new_app(), ("ours.xlsx", unique_sample("viewer")))
    monkeypatch.setattr(state, "can_edit", lambda: False)
    visit(at, "since_last_meeting")
    ok(at, "since_last_meeting")
    assert len(at.dataframe[0].value) == 1
    assert not at.toggle and not [b for b in at.button if (b.key or "").startswith("w.snapshot")]
