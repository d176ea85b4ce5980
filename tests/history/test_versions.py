"""Versions of one tracker vs parts of one: the newer replaces the older, parts stay together."""

from __future__ import annotations

import datetime as dt

from ngsp.history.versions import FileFacts, Replacement, latest_versions, oldest_first, same_tracker

D = dt.date


def f(name: str, key: str = "k", *days: dt.date) -> FileFacts:
    return FileFacts(name, key, frozenset(days))


def test_a_newer_version_replaces_the_older():
    old, new = (
        f("v1.xlsx", "k", D(2024, 1, 15), D(2024, 4, 10)),
        f("v2.xlsx", "k", D(2024, 4, 10), D(2024, 7, 1)),
    )
    assert latest_versions([old, new]) == ([1], [Replacement("v1.xlsx", "v2.xlsx")])


def test_the_same_file_name_is_a_version_whatever_it_holds():
    assert same_tracker(f("Tracker.xlsx", "a"), f("tracker.xlsx ", "b"))
    assert latest_versions([f("t.xlsx", "a"), f("t.xlsx", "")])[0] == [1]


def test_yearly_workbooks_and_tables_per_file_stay_together():
    y1, y2 = (
        f("2023.xlsx", "k", D(2023, 3, 1)),
        f("2024.xlsx", "k", D(2024, 3, 1)),
    )  # same structure, no meeting shared
    assert latest_versions([y1, y2]) == ([0, 1], [])
    csvs = [f("roster.csv", "r"), f("meetings.csv", "m", D(2024, 1, 1)), f("plan.csv", "p")]
    assert latest_versions(csvs) == ([0, 1, 2], [])
    assert latest_versions([f("notes.csv", ""), f("other.csv", "")])[0] == [0, 1]  # neither a tracker alone


def test_two_rosters_without_meetings_are_versions():
    assert same_tracker(f("partners.xlsx", "k"), f("partners (1).xlsx", "k"))


def test_an_undo_keeps_a_pair_together():
    old, new = f("v1.xlsx", "k", D(2024, 1, 15)), f("v2.xlsx", "k", D(2024, 1, 15))
    assert latest_versions([old, new], frozenset({frozenset(("v1.xlsx", "v2.xlsx"))})) == ([0, 1], [])


def test_three_versions_leave_the_newest():
    a, b, c = (f(n, "k", D(2024, 1, 15)) for n in ("a.xlsx", "b.xlsx", "c.xlsx"))
    kept, replaced = latest_versions([a, b, c])
    assert kept == [2] and [r.newer for r in replaced] == ["b.xlsx", "c.xlsx"]


def test_a_folder_orders_its_files_by_their_latest_meeting():
    newer, older = f("a final.xlsx", "k", D(2025, 1, 15)), f("b draft.xlsx", "k", D(2024, 1, 15))
    assert oldest_first([newer, older]) == [1, 0]
    assert oldest_first([f("v2.xlsx"), f("v1.xlsx")]) == [1, 0]  # no meetings: by name
