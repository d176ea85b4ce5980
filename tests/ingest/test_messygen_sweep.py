"""The sweep over generated trackers (tests/sweep.py): what it counts as a check, and its held-out folders."""

from __future__ import annotations

import json
from pathlib import Path

import messygen as mg
import messylayouts as ml
import pytest
import sweep

EXPECTED = {
    "schema": "ngsp.summary/1",
    "as_of": "2025-01-01",
    "organizations": {"total": 3, "business": 2, "public": 1},
    "people": 5,
    "cadence": {"2024Q1": True, "2024Q2": False},
    "priorities": {"Talent": {"items": 2, "done": 1}, "Housing": {"items": 1, "done": 0}},
    "rejected_rows": 0,
}


def test_a_check_is_a_figure_or_a_cadence_or_priority_entry() -> None:
    got = json.loads(json.dumps(EXPECTED))
    assert sweep.score(EXPECTED, got)[:2] == (7, 7)  # 3 figures + 2 quarters + 2 priorities; not schema/as_of
    got["organizations"]["public"] = 2  # one part wrong: the figure is wrong
    got["cadence"]["2024Q2"] = True
    got["priorities"] = {"talent": {"items": 2, "done": 1}, "Transport": {"items": 1, "done": 1}}
    right, total, problems = sweep.score(EXPECTED, got)
    # right: people, rejected_rows, 2024Q1, Talent (names without regard to case); wrong: organizations,
    # 2024Q2, Housing missing, Transport unexpected (one more check)
    assert (right, total) == (4, 8)
    assert any("Transport" in p for p in problems) and any("Housing" in p for p in problems)


def test_a_refused_tracker_scores_every_check_wrong() -> None:
    right, total, problems = sweep.score(EXPECTED, None)
    assert (right, total) == (0, 7) and problems


def test_families_and_seeds_arguments() -> None:
    assert sweep.families("all") == [*mg.LAYOUTS, *ml.FAMILIES]
    assert sweep.families("grid,legend") == ["grid", "legend"]
    with pytest.raises(SystemExit):
        sweep.families("gird")
    assert sweep.seeds("1-3,7") == [1, 2, 3, 7]
    assert sweep.parse_force("creds=False,tool=asana,legend=2") == {
        "creds": False,
        "tool": "asana",
        "legend": 2,
    }


def test_holdout_writes_each_case_with_its_expected_summary(tmp_path: Path) -> None:
    sweep.holdout(["stacked", "grid"], [3], ["csv"], tmp_path)
    for fam in ("stacked", "grid"):
        d = tmp_path / f"{fam}-s3-csv"
        meta = json.loads((d / "case.json").read_text())
        assert meta["family"] == fam and meta["files"]
        assert all((d / f).is_file() for f in meta["files"])
        made = (ml if fam in ml.FAMILIES else mg).make_case(3, fam, "csv", tmp_path / "again")
        assert json.loads((d / "expected.json").read_text()) == made.expected
        assert meta["as_of"] == made.as_of.isoformat()


def test_vocab_overlap_names_the_generator_words_ngsp_already_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ml, "HEADERS", {"org": ["Organization", "Zqxv organisation-ish"]})
    monkeypatch.setattr(ml, "NEW_TYPE_WORDS", [])
    monkeypatch.setattr(ml, "STATUS_PHRASES", {})
    assert sweep.vocab_overlap() == [("org", "Organization")]
