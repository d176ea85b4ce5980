"""The partnership's name: asked once (taken from the tracker's title line when it has one), editable in the
sidebar, remembered with the tracker's corrections whatever its file is called next time, and used in every
title: the Overview, the presentation, the deck and the report (never a file's name)."""

from __future__ import annotations

import functools

import _two_versions
from _two_versions import v1_sheets
from builders import xlsx_bytes
from test_app import new_app, upload

from ngsp.app import state
from ngsp.history.store import Store
from ngsp.ingest.pipeline import load_files

NAME = "Fox Valley Manufacturing Partnership"
v1_bytes = functools.cache(_two_versions.v1_bytes)


def name_box(at):
    return next(t for t in at.sidebar.text_input if (t.key or "").startswith(state.W_NAME))


def overview_caption(at) -> str:
    return at.caption[0].value


def test_the_name_is_asked_once_and_titles_the_overview_never_the_file_name():
    at = upload(new_app(), ("tracker v3 final.xlsx", v1_bytes()))
    assert "tracker v3 final" not in overview_caption(at)
    assert overview_caption(at).startswith("Your partnership")
    assert name_box(at).value == ""
    assert any("What is your partnership called?" in c.value for c in at.sidebar.caption)
    name_box(at).input(NAME).run()
    assert not at.exception and not at.error
    assert overview_caption(at).startswith(NAME)
    key = load_files([("t.xlsx", v1_bytes())]).structure_key
    assert Store(read_only=True).get_corrections(key).name == NAME  # kept with the tracker's corrections
    assert not any("What is your partnership called?" in c.value for c in at.sidebar.caption)

    again = upload(new_app(), ("tracker v4.xlsx", v1_bytes()))  # next week, another file name
    assert overview_caption(again).startswith(NAME)
    assert name_box(again).value == NAME
    again.button(key="w.present").click().run()
    assert any(NAME in c.value for c in again.caption)


def test_a_title_line_names_the_partnership():
    sheets = v1_sheets()
    sheets["Partners"] = [[f"{NAME} — Partner Roster"], [], *sheets["Partners"]]
    at = upload(new_app(), ("roster export.xlsx", xlsx_bytes(sheets)))
    assert overview_caption(at).startswith(NAME)
    assert name_box(at).value == NAME
    assert not any("What is your partnership called?" in c.value for c in at.sidebar.caption)


def test_viewers_are_not_asked(monkeypatch):
    monkeypatch.setattr(state, "can_edit", lambda: False)
    at = new_app()
    assert not [t for t in at.sidebar.text_input if (t.key or "").startswith(state.W_NAME)]
