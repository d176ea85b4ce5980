"""AppTest flows: every page with the sample, with each example tracker uploaded, with a bad file and with none.

The app is driven exactly as a user drives it: upload in the sidebar, then switch pages (see app.py for why
the page url_paths differ from the file names, which is what makes these flows run through the frame).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
from _pages import PAGES
from conftest import ROOT, XSS_ORG, XSS_PRIORITY, example_trackers, xss_tracker_bytes
from streamlit.testing.v1 import AppTest

from ngsp.app import loading, state, widgets

TITLES = {"overview": "Overview", "engagement": "Engagement", "cadence": "Cadence", "priorities": "Priorities",
          "sustainability": "Sustainability", "data_quality": "Data quality",
          "since_last_meeting": "Since last meeting"}  # fmt: skip
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def new_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    return at.run()


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.sidebar.file_uploader[0].set_value([(name, data, XLSX) for name, data in files])
    return at.run()


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    return at.run()


def ok(at: AppTest, page: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not [e.value for e in at.error if widgets.PAGE_FAILED in e.value], (
        f"{page} failed to draw (see the log)"
    )
    assert [t.value for t in at.title][:1] == [TITLES[page]]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def set_as_of(at: AppTest, day: dt.date) -> AppTest:
    at.date_input(key=state.W_AS_OF).set_value(day)
    return at.run()


@pytest.fixture(scope="module")
def sample_expected() -> dict:
    return json.loads((ROOT / "sample_data" / "demo_tracker.expected.json").read_text())


def test_first_look_is_a_full_dashboard_from_the_sample(sample_expected):
    at = new_app()
    ok(at, "overview")
    set_as_of(at, dt.date.fromisoformat(sample_expected["as_of"]))
    m = metrics(at)
    items = sample_expected["action_items"]
    assert m["Action items overdue"] == str(items["overdue"])
    assert m["Action items done"] == f"{items['done']} of {items['total']}"
    assert (
        m["Business share at partnership meetings"]
        == f"{sample_expected['attendance']['business_share_full']:.0%}"
    )
    assert any("sample tracker" in c.value for c in at.sidebar.caption)
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_the_sample(page):
    at = visit(new_app(), page)
    ok(at, page)
    assert not at.error
    if page in ("engagement", "cadence", "priorities", "sustainability"):
        assert at.get("plotly_chart"), f"{page} drew no chart"
    if page == "data_quality":
        assert len(at.dataframe) >= 2


@pytest.mark.parametrize("path", example_trackers(), ids=lambda p: p.name)
def test_every_page_with_an_example_tracker_uploaded(path):
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    at = upload(new_app(), (path.name, path.read_bytes()))
    set_as_of(at, dt.date.fromisoformat(expected["as_of"]))
    assert not at.error, [e.value for e in at.error]
    ok(at, "overview")
    m = metrics(at)
    items = expected["action_items"]
    assert m["Action items overdue"] == str(items["overdue"])
    assert m["Action items done"] == f"{items['done']} of {items['total']}"
    assert (
        m["Business share at partnership meetings"] == f"{expected['attendance']['business_share_full']:.0%}"
    )
    for page in PAGES:
        visit(at, page)
        ok(at, page)
        assert any(widgets.plain(path.name) in c.value for c in at.sidebar.caption), f"{page} lost the upload"
        if page == "cadence":
            met = sum(expected["cadence"].values())
            assert metrics(at)["Quarters that met the target"] == f"{met} of {len(expected['cadence'])}"
        if page == "priorities":
            assert {s.value for s in at.subheader} >= {widgets.esc(p) for p in expected["priorities"]}
        if page == "engagement":
            risk = at.dataframe[0].value
            assert (risk["type"] == "Business").sum() == expected["lapsed_businesses"]


def test_an_old_tracker_offers_to_count_as_of_its_latest_meeting():
    at = new_app()
    set_as_of(at, dt.date(2030, 1, 1))
    assert at.button(key="w.stale").label.startswith("Count as of ")
    at.button(key="w.stale").click().run()
    assert at.date_input(key=state.W_AS_OF).value < dt.date(2030, 1, 1)
    assert not [b for b in at.button if b.key == "w.stale"]
    assert metrics(at)["Active businesses"] != "0"


def test_several_files_make_one_tracker():
    paths = example_trackers()[:1]
    if not paths:
        pytest.skip("../shared/trackers is not beside the repository")
    sample = (ROOT / "sample_data" / "demo_tracker.xlsx").read_bytes()
    at = upload(new_app(), ("a.xlsx", sample), (paths[0].name, paths[0].read_bytes()))
    assert not at.exception
    assert any("a.xlsx" in c.value and widgets.plain(paths[0].name) in c.value for c in at.sidebar.caption)


def test_a_bad_upload_shows_the_core_message_not_a_traceback():
    at = upload(new_app(), ("minutes.xlsx", b"this is not a spreadsheet"))
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith("minutes.xlsx: ")
    assert "Traceback" not in at.error[0].value
    for page in PAGES:
        visit(at, page)
        ok(at, page)
        assert at.info, f"{page} does not say what to do"
        assert at.error[0].value.startswith("minutes.xlsx: ")
    # Back to the sample with one click.
    at.button(key="w.use_sample").click().run()
    assert not at.error and at.get("plotly_chart") == [] or True
    visit(at, "engagement")
    assert not at.error and at.get("plotly_chart")


def test_an_unexpected_failure_shows_a_plain_message(monkeypatch):
    import ngsp.ingest.pipeline

    def boom(files):
        raise RuntimeError("internal detail that users must not see")

    monkeypatch.setattr(ngsp.ingest.pipeline, "load_files", boom)
    at = upload(new_app(), ("odd.xlsx", b"odd bytes that fail in a new way"))
    assert not at.exception
    assert at.error[0].value.startswith("odd.xlsx: something went wrong")
    assert "internal detail" not in at.error[0].value


def test_switching_pages_parses_nothing(monkeypatch):
    import ngsp.ingest.pipeline

    data = xss_tracker_bytes()
    calls = []
    real = ngsp.ingest.pipeline.load_files

    def counting(files, *args, **kwargs):
        calls.append([name for name, _ in files])
        return real(files, *args, **kwargs)

    at = new_app()  # the sample is parsed first; count only what follows
    monkeypatch.setattr(ngsp.ingest.pipeline, "load_files", counting)
    at = upload(at, ("counted.xlsx", data))
    after_upload = len(calls)
    assert after_upload <= 1
    for page in [*PAGES, *PAGES]:
        visit(at, page)
        ok(at, page)
    assert len(calls) == after_upload


def test_pages_leave_the_cached_tracker_as_it_was_read(monkeypatch):
    # The loaded tracker is cached as a resource (one shared object, no copy per page switch): no page, filter or
    # export may change it.
    import copy

    import pandas as pd

    import ngsp.ingest.pipeline

    real = ngsp.ingest.pipeline.load_files
    loaded = []

    def keeping(files, *args, **kwargs):
        t = real(files, *args, **kwargs)
        loaded.append((t, copy.deepcopy(t)))
        return t

    import streamlit as st

    st.cache_resource.clear()  # read here, not taken from an earlier test's cache in this process
    at = new_app()
    monkeypatch.setattr(ngsp.ingest.pipeline, "load_files", keeping)
    at = upload(
        at, *[(p.name, p.read_bytes()) for p in example_trackers()[:1]] or [("x.xlsx", xss_tracker_bytes())]
    )
    for page in PAGES:
        visit(at, page)
        ok(at, page)
    assert loaded
    for t, before in loaded:
        for table in ("organizations", "people", "meetings", "attendance", "action_items", "funding"):
            pd.testing.assert_frame_equal(getattr(t, table), getattr(before, table))
        for part in ("sheets", "columns", "merges", "rejected", "ledger"):
            pd.testing.assert_frame_equal(getattr(t.quality, part), getattr(before.quality, part))


def test_a_store_that_fails_never_stops_the_dashboard(monkeypatch):
    from ngsp.history import store

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store.Store, "take_snapshot", broken)
    monkeypatch.setattr(store, "since_last_meeting", broken)
    at = upload(new_app(), ("kept.xlsx", xss_tracker_bytes()))
    ok(at, "overview")
    assert not at.error and metrics(at)["Action items overdue"]


def test_a_page_that_fails_shows_a_plain_message(monkeypatch):
    from ngsp.figures import cadence

    def broken(*args, **kwargs):
        raise KeyError("a bug of ours")

    monkeypatch.setattr(cadence, "cadence_status", broken)
    at = visit(new_app(), "cadence")
    assert not at.exception
    assert at.error and at.error[0].value.startswith(widgets.PAGE_FAILED)
    assert "KeyError" not in at.error[0].value
    visit(at, "overview")  # the rest of the dashboard still works
    ok(at, "overview")


@pytest.mark.parametrize("page", PAGES)
def test_empty_state_without_any_tracker(monkeypatch, page):
    monkeypatch.setattr(loading, "SAMPLE_PATH", ROOT / "sample_data" / "not-bundled.xlsx")
    at = visit(new_app(), page)
    ok(at, page)
    assert not at.error
    assert any("Upload your tracker" in i.value for i in at.info)


def test_filters_apply_on_every_page_and_survive_page_switches():
    at = new_app()
    key = next(w.key for w in at.multiselect if w.key.startswith(state.W_TYPES))
    at.multiselect(key=key).set_value(["public"]).run()
    assert metrics(at)["Active businesses"] == "0"
    visit(at, "engagement")
    orgs = at.dataframe[-1].value
    assert set(orgs["type"]) == {"Public partner"}
    visit(at, "overview")
    assert metrics(at)["Active businesses"] == "0"


def test_priority_filter_narrows_the_priorities_page():
    at = visit(new_app(), "priorities")
    every = [s.value for s in at.subheader]
    assert len(every) >= 2
    key = next(w.key for w in at.multiselect if w.key.startswith(state.W_PRIORITIES))
    first = at.multiselect(key=key).options[0]
    at.multiselect(key=key).set_value([first]).run()
    assert [s.value for s in at.subheader] == [widgets.esc(first)]


def test_cadence_target_is_configurable():
    at = visit(new_app(), "cadence")
    before = metrics(at)["Quarters that met the target"]
    at.number_input(key=state.W_TARGET).set_value(6).run()
    after = metrics(at)["Quarters that met the target"]
    assert after.startswith("0 of") and before != after


def test_presentation_mode_hides_the_sidebar_and_keeps_the_upload():
    paths = example_trackers()[:1]
    at = new_app()
    if paths:
        upload(at, (paths[0].name, paths[0].read_bytes()))
    at.button(key="w.present").click().run()
    assert not at.exception
    assert not at.sidebar.file_uploader and not at.sidebar.date_input
    assert len(at.get("plotly_chart")) == 1, "the first slide shows the headline figures"
    at.button(key="w.next").click().run()
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and not at.exception
    at.button(key="w.prev").click().run()
    at.button(key="w.prev").click().run()  # wraps around to the last slide
    assert len(at.get("plotly_chart")) == 1
    at.button(key="w.exit").click().run()
    assert at.sidebar.file_uploader
    if paths:
        assert any(widgets.plain(paths[0].name) in c.value for c in at.sidebar.caption)


def test_tracker_text_is_shown_as_text_never_as_markup():
    at = upload(new_app(), ("evil.xlsx", xss_tracker_bytes()))
    assert not at.exception and not at.error
    visit(at, "engagement")
    assert XSS_ORG in set(at.dataframe[-1].value["organisation"])
    visit(at, "priorities")
    heads = [s.value for s in at.subheader]
    assert widgets.esc(XSS_PRIORITY) in heads
    assert all("<script>" not in h for h in heads)


def test_esc_escapes_markdown_and_html():
    assert widgets.esc("<b>*x*</b>") == r"\<b\>\*x\*\</b\>"
    assert widgets.esc("a [b](c)") == r"a \[b\]\(c\)"
    assert widgets.esc("plain words") == "plain words"


def test_export_downloads_are_offered_where_people_look():
    pytest.importorskip("ngsp.export")
    at = new_app()
    labels = {b.label for b in at.get("download_button")}
    assert {"Download slides (PowerPoint)", "Download the report (PDF)"} <= labels
    assert any("template" in b.label for b in at.sidebar.get("download_button"))
    visit(at, "data_quality")
    assert "Download the clean tracker (Excel)" in {b.label for b in at.get("download_button")}


# ---------------------------------------------------------------- the frame's invariants


def test_page_url_paths_differ_from_file_names():
    """See app.py: an equal pair makes AppTest skip the frame after a page switch."""
    pages = re.findall(
        r'st\.Page\(\s*"pages/(\w+)\.py".*?url_path="([^"]+)"', (ROOT / "app.py").read_text(), re.S
    )
    assert len(pages) == len(PAGES) + 1
    for stem, url in pages:
        assert url != stem and url.lower() != re.sub(r"^[0-9]*[_ -]*", "", stem).lower()
    assert sorted(Path(ROOT, "pages").glob("*.py")) == sorted(ROOT / "pages" / f"{s}.py" for s, _ in pages)


def test_pages_are_thin_and_markup_free():
    for path in [
        ROOT / "app.py",
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "ngsp" / "app").glob("*.py")),
    ]:
        text = path.read_text()
        assert "unsafe_allow_html" not in text and "st.html" not in text, path.name
        if path.parent.name == "pages":
            assert len(text.splitlines()) < 100, path.name
            assert not re.search(r"\.(groupby|merge|pivot|apply)\(", text), f"{path.name} does pandas work"


def test_streamlit_config():
    from ngsp.core import limits

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == limits.MAX_FILE_BYTES
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["browser"]["gatherUsageStats"] is False


def test_since_last_meeting_compares_an_upload_with_the_one_before():
    import io

    import openpyxl

    first = xss_tracker_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(first))
    cell = next(  # one action item finished since
        c for ws in wb.worksheets for row in ws.iter_rows() for c in row
        if isinstance(c.value, str) and c.value.strip().lower() == "in progress"
    )  # fmt: skip
    cell.value = "Complete"
    later = io.BytesIO()
    wb.save(later)

    at = upload(new_app(), ("tracker.xlsx", first))
    visit(at, "since_last_meeting")
    ok(at, "since_last_meeting")
    assert any("No earlier version" in i.value for i in at.info)
    visit(at, "overview")
    assert "Since last meeting" not in [h.value for h in at.header]
    upload(at, ("tracker.xlsx", later.getvalue()))
    assert "Since last meeting" in [h.value for h in at.header]  # the Overview shows the changes too
    assert metrics(at)["Action items completed"] == "1"
    visit(at, "since_last_meeting")
    ok(at, "since_last_meeting")
    assert not any("No earlier version" in i.value for i in at.info)
    assert at.metric and not at.error


def test_the_sample_is_read_once_for_everybody_and_uploads_for_their_session(monkeypatch):
    """A new visitor's first view finds the sample read already (it is the same for everybody); a user's own
    files are cached for their session only. (AppTest runs every app in one session, so the routing is checked.)"""
    routed = {"mine": [], "ours": []}
    for scope in routed:
        real = getattr(loading, f"_read_{scope}")

        def spy(files, *args, real=real, scope=scope):
            routed[scope].append(files[0][0])
            return real(files, *args)

        monkeypatch.setattr(loading, f"_read_{scope}", spy)
    ok(new_app(), "overview")
    assert "demo_tracker.xlsx" in routed["ours"] and "demo_tracker.xlsx" not in routed["mine"]
    upload(new_app(), ("ours.xlsx", xss_tracker_bytes()))
    assert "ours.xlsx" in routed["mine"] and "ours.xlsx" not in routed["ours"]


def test_the_overview_lists_what_needs_attention_as_text_without_a_grid(sample_expected):
    """A list is quicker to read, and the first view then loads none of the browser's table code."""
    from ngsp.figures import actions
    from ngsp.ingest.pipeline import load_files

    at = new_app()
    set_as_of(at, dt.date.fromisoformat(sample_expected["as_of"]))
    assert not at.dataframe
    t = load_files([("s.xlsx", (ROOT / "sample_data" / "demo_tracker.xlsx").read_bytes())])
    late = actions.overdue_items(t, dt.date.fromisoformat(sample_expected["as_of"]))
    text = "\n".join(m.value for m in at.markdown)
    assert all(f"**{widgets.esc(d)}**" in text for d in late["description"])


def test_the_frame_shows_the_page_title_first_then_figures_then_the_sidebar(monkeypatch):
    """Show the frame at once and fill it: the page's title comes before the tracker is read, and the page's
    figures before the sidebar's controls (which wait for the same reading)."""
    import streamlit as st

    from ngsp.app import sidebar
    from ngsp.figures import headline

    at = new_app()
    order: list[str] = []

    def spy(name, real):
        def wrapped(*args, **kwargs):
            order.append(name)
            return real(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(st, "title", spy("title", st.title))
    monkeypatch.setattr(loading, "_read", spy("read", loading._read))
    monkeypatch.setattr(headline, "kpis", spy("figures", headline.kpis))
    monkeypatch.setattr(sidebar, "sidebar", spy("sidebar", sidebar.sidebar))
    import uuid

    from builders import xlsx_bytes

    rows = [
        ["Name", "Organization", "Partner Type"],
        ["Ana Lopez", f"Acme {uuid.uuid4().hex[:6]}", "Business"],
    ]
    upload(at, ("fresh.xlsx", xlsx_bytes({"Partners": rows})))  # never read before, in any test
    ok(at, "overview")
    assert [o for o in order if o != "read"][:3] == ["title", "figures", "sidebar"]
    assert order.index("title") < order.index("read") < order.index("figures")


def test_the_frame_reads_roles_without_importing_the_access_rules():
    from ngsp import access

    assert state.CONVENER == access.CONVENER


def test_no_arrow_and_no_colour_for_a_change_that_rounds_to_nothing(monkeypatch):
    """ "↓ -0 pts" in red read as a loss: a change too small to show is "no change", in grey, without an arrow."""
    from ngsp.figures import headline

    real = headline.kpis

    def tiny_changes(t, as_of):
        k = real(t, as_of)
        share = k["key"] == "business_share"
        return k.assign(
            previous=k["previous"].where(~share, k["value"].astype(object) + 0.002),
            delta=k["delta"].where(~share, -0.002),
        )

    monkeypatch.setattr(headline, "kpis", tiny_changes)
    at = new_app()
    tile = next(m for m in at.metric if m.label == "Business share at partnership meetings")
    assert tile.proto.delta == "no change"
    assert "direction: NONE" in str(tile.proto) and "color: GRAY" in str(tile.proto)


def test_file_names_are_shown_as_text_never_as_markdown_or_links():
    """A file named like a Markdown image loaded a picture from anywhere in the sidebar and the error box, and a
    bare address became a live link (issue 16)."""
    name = "![x](https://evil.example/x.png) www.evil.example [y](javascript:alert(1)).xlsx"
    at = upload(new_app(), (name, xss_tracker_bytes()))
    shown = [c.value for c in at.sidebar.caption if c.value.startswith("Showing your files")]
    assert shown == [f"Showing your files: {widgets.plain(name)}"]
    assert (
        "![" not in shown[0]
        and "](" not in shown[0]
        and "www.evil" not in shown[0]
        and "https:" not in shown[0]
    )
    broken = upload(new_app(), (name.replace(".xlsx", ".csv"), b"\x00\x01\x02 not a table"))
    errors = [e.value for e in broken.error]
    assert errors and not any("![" in e or "](" in e for e in errors)
