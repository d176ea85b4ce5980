"""AppTest: a newer version of the tracker uploaded on top of the older (the uploader keeps both) replaces it,
with a notice and an undo; files that together make one tracker still combine; a connected folder holding two
versions shows the newer."""

from __future__ import annotations

import functools

import _two_versions
from _two_versions import V2_AS_OF, v1_sheets, v2_sheets
from builders import xlsx_bytes
from test_app import metrics, new_app, ok, set_as_of, upload

from ngsp.app import state

v1_bytes = functools.cache(
    _two_versions.v1_bytes
)  # built once: a workbook's bytes carry the time it was saved
v2_bytes = functools.cache(_two_versions.v2_bytes)


def shown(at) -> list[str]:
    return [name for name, _ in at.session_state[state.SOURCE] or ()]


def figures(*files: tuple[str, bytes]) -> dict[str, str]:
    at = upload(new_app(), *files)
    set_as_of(at, V2_AS_OF)
    return metrics(at)


def notices(at) -> list[str]:
    return [i.value for i in at.sidebar.info]


def test_a_newer_version_uploaded_on_top_replaces_the_older_with_an_undo():
    at = upload(new_app(), ("tracker v1.xlsx", v1_bytes()))
    at = upload(
        at, ("tracker v1.xlsx", v1_bytes()), ("tracker v2.xlsx", v2_bytes())
    )  # the uploader keeps both
    set_as_of(at, V2_AS_OF)
    ok(at, "overview")
    assert metrics(at) == figures(
        ("tracker v2.xlsx", v2_bytes())
    )  # "done 1 of 5", not the two added together
    assert metrics(at)["Action items done"] == "1 of 5"
    assert any("“tracker v2.xlsx” is a newer version of “tracker v1.xlsx”" in n for n in notices(at))
    assert any("Showing your files: tracker v2.xlsx" == c.value for c in at.sidebar.caption)
    at.button(key="w.read_together").click().run()  # undo: they were parts of one tracker after all
    assert not notices(at)
    assert shown(at) == ["tracker v1.xlsx", "tracker v2.xlsx"]
    assert metrics(at)["Action items done"] != "1 of 5"


def test_the_same_file_name_uploaded_again_replaces_the_first():
    other = v1_sheets()
    other["Action Plan"][0] = ["Goal", "Task", "Lead", "Deadline", "State"]  # another structure, same name
    at = upload(new_app(), ("tracker.xlsx", xlsx_bytes(other)), ("tracker.xlsx", v2_bytes()))
    set_as_of(at, V2_AS_OF)
    assert at.session_state[state.SOURCE] == (("tracker.xlsx", v2_bytes()),)  # the later of the two
    assert any("newer version" in n for n in notices(at))


def test_files_that_together_make_one_tracker_still_combine():
    year1 = v1_sheets()  # the same structure, a year apart: no meeting in common
    year2 = v2_sheets()
    year2["Attendance"] = [
        ["Name", "Organization", "1/14/26 Quarterly", "4/8/26 Quarterly"],
        *[row[:2] + ["X", "X"] for row in year2["Attendance"][1:]],
    ]
    files = (("2024.xlsx", xlsx_bytes(year1)), ("2026.xlsx", xlsx_bytes(year2)))
    at = upload(new_app(), *files)
    ok(at, "overview")
    assert not notices(at)
    assert at.session_state[state.SOURCE] == files
    assert any("2024.xlsx, 2026.xlsx" in c.value for c in at.sidebar.caption)


def test_a_connected_folder_holding_two_versions_shows_the_newer(data_dir):
    folder = data_dir / "tracker"
    folder.mkdir(parents=True)
    (folder / "a latest.xlsx").write_bytes(v2_bytes())  # by name it comes first; by its meetings it is newer
    (folder / "b last quarter.xlsx").write_bytes(v1_bytes())
    at = new_app()
    at.text_input(key=state.W_CONNECT).input("tracker")
    at.button(key="w.connect.go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert shown(at) == ["a latest.xlsx"]
    assert any("“a latest.xlsx” is a newer version of “b last quarter.xlsx”" in n for n in notices(at))
    set_as_of(at, V2_AS_OF)
    assert metrics(at)["Action items done"] == "1 of 5"
