"""ngsp.figures.registry: every figure is registered once, described for people, and is what its callers use."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, TINY_AS_OF

from ngsp import figures
from ngsp.figures import cadence, registry

A = TINY_AS_OF


def test_every_figure_says_what_it_counts_in_plain_words():
    assert len(figures.FIGURES) > 40
    for name, f in figures.FIGURES.items():
        assert f.name == name and f.kind in registry.KINDS, name
        assert f.label and f.label[0].isupper(), name
        assert len(f.counts.split()) >= 4, f"{name}: say what it counts"
        assert "_" not in f.label + f.counts, f"{name}: a field name in words for people"
        assert f.area in {"engagement", "cadence", "actions", "funding", "quality", "headline"}, name


def test_labels_tell_figures_apart():
    labels = [f.label for f in figures.FIGURES.values()]
    assert len(labels) == len(set(labels))


def test_every_figure_copes_with_an_empty_and_a_small_tracker(empty_tracker, tiny_tracker):
    for (name, f), t in itertools.product(figures.FIGURES.items(), (empty_tracker, tiny_tracker)):
        value = f(t, A, target=1)
        if f.kind == "count":
            assert value is None or isinstance(value, int), name
        elif f.kind in ("percent", "money"):
            assert value is None or isinstance(value, float), name
        elif f.kind == "table":
            assert isinstance(value, pd.DataFrame), name
        elif f.kind == "mapping":
            assert isinstance(value, dict), name
        elif f.kind == "list":
            assert isinstance(value, list), name
        else:
            assert isinstance(value, str), name


def test_compute_passes_only_the_options_a_figure_takes(tiny_tracker):
    two = figures.compute("cadence_grid", tiny_tracker, A, target=2)
    assert list(two["status"]) == list(cadence.cadence_grid(tiny_tracker, A, target=2)["status"])
    assert figures.compute("champion_bench", tiny_tracker, A, target=2).equals(
        figures.compute("champion_bench", tiny_tracker)
    )


def test_a_dated_figure_needs_a_date_and_an_unknown_name_is_named(tiny_tracker):
    with pytest.raises(TypeError, match="as_of"):
        figures.compute("lapsed_businesses", tiny_tracker)
    with pytest.raises(KeyError, match="lapsed_busineses"):
        figures.get("lapsed_busineses")


def test_the_registry_runs_the_module_function(monkeypatch, tiny_tracker):
    """A figure is looked up in its module when called: the registry and a direct call never differ."""
    monkeypatch.setattr(cadence, "meeting_counts", lambda t: {"total": -1})
    assert figures.compute("meeting_counts", tiny_tracker) == {"total": -1}


def test_a_name_is_registered_once(monkeypatch):
    monkeypatch.setattr(registry, "_FIGURES", dict(registry.FIGURES))  # this test's registrations stay here

    def cadence(t):
        return {}

    with pytest.raises(ValueError, match="two figures are named 'cadence'"):
        registry.figure("Another cadence", "Something else under the same name")(cadence)


def test_only_a_function_of_a_tracker_is_a_figure(monkeypatch):
    monkeypatch.setattr(registry, "_FIGURES", dict(registry.FIGURES))

    def progress(items):
        return {}

    with pytest.raises(TypeError, match="takes the tracker first"):
        registry.figure("Progress", "Some items and how many are done")(progress)


def _names_looked_up(path: Path) -> set[str]:
    """The figure names a file passes as a literal to compute(...), get(...), summary's fig(...) or a slide."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else f"{getattr(func.value, 'id', '?')}.{func.attr}"
        if called in ("compute", "get", "fig", "_slide", "figures.compute", "figures.get", "registry.get"):
            arg = node.args[1] if called == "_slide" else node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                out.add(arg.value)
    return out


def test_pages_slides_summary_and_exports_look_their_figures_up_here():
    files = [*sorted((ROOT / "pages").glob("*.py")), *(ROOT / "ngsp" / p for p in (
        "figures/summary.py", "figures/charts.py", "figures/headline.py", "export/_figures.py",
        "export/deck.py", "export/report.py"))]  # fmt: skip
    used = {f.relative_to(ROOT).as_posix(): _names_looked_up(f) for f in files}
    for where, names in used.items():
        assert names <= set(figures.FIGURES), f"{where} asks for {names - set(figures.FIGURES)}"
    for where in ("figures/summary.py", "figures/charts.py", "export/deck.py", "export/report.py"):
        assert used[f"ngsp/{where}"], f"{where} does not use the registry"
    pages = [p for p in used if p.startswith("pages/") and "present" not in p and "since" not in p]
    assert all(used[p] for p in pages), [p for p in pages if not used[p]]


def test_summary_keys_come_from_the_registry(tiny_tracker):
    s = figures.summary(tiny_tracker, A)
    assert s["organizations"] == figures.compute("org_counts", tiny_tracker)
    assert s["attendance"]["business_share_full"] == figures.compute("business_share_full", tiny_tracker, A)
    assert s["funding"] == figures.compute("funding_totals", tiny_tracker)
    assert s["as_of"] == A.isoformat() and isinstance(dt.date.fromisoformat(s["as_of"]), dt.date)
