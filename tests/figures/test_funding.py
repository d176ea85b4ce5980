"""ngsp.figures.funding: the funding figures, on the five-partner tracker of conftest.py."""

from __future__ import annotations

from ngsp.figures import funding


def test_funding(tiny_tracker):
    f = funding.funding_by_source(tiny_tracker).set_index("funder")
    assert f.loc["County Workforce Board", "pending"] == 25000
    assert f.loc["Valley College", "in_kind"] == 5000
    assert funding.funding_summary(tiny_tracker) == {
        "secured": 45000.0,
        "pending": 25000.0,
        "in_kind_secured": 5000.0,
        "sources": 3,
        "sources_secured": 2,
    }
