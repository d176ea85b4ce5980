"""ngsp.figures.headline: the Overview and funder tiles and the needs-attention list, on the five-partner tracker of conftest.py."""

from __future__ import annotations

from conftest import TINY_AS_OF

from ngsp.figures import headline

A = TINY_AS_OF


def test_kpis(tiny_tracker):
    k = headline.kpis(tiny_tracker, A).set_index("key")
    assert k.loc["active_businesses", "value"] == 1  # only Acme came in the last six months
    assert k.loc["public_partners", "value"] == 2
    assert (k.loc["meetings_quarter", "value"], k.loc["meetings_quarter", "delta"]) == (2, 2)
    assert k.loc["items_done", "value"] == 1 and k.loc["items_done", "of"] == 4
    assert k.loc["items_overdue", "value"] == 1 and k.loc["items_overdue", "delta"] is None
    assert set(k["kind"]) <= {"count", "percent"}
    assert k["label"].str.len().min() > 0 and k["help"].str.len().min() > 0


def test_needs_attention(tiny_tracker):
    n = headline.needs_attention(tiny_tracker, A)
    assert list(n["kind"]) == [
        "Overdue action items",
        "Lapsed businesses",
        "Quarters without a full partnership meeting",
        "Meetings where public partners outnumbered business leaders",
    ]
    assert list(n["item"]) == [
        "Pilot a vanpool",
        "Beta Plastics",
        "2024 Q3",
        "10 Apr 2024 · Full partnership",
    ]


def test_sustainability_tiles(tiny_tracker):
    s = headline.sustainability_tiles(tiny_tracker, A).set_index("label")["value"]
    assert s["Months since the first partnership meeting"] == 10
    assert s["Funding sources braided together"] == 2
    assert s["Quarters with a full partnership meeting"] == "2 of 3"  # 2024 Q4 is not over yet
