"""Tracker -> figures, one definition each.

One module per area (``engagement``, ``cadence``, ``actions``, ``funding``, ``quality``, and ``headline`` for the
tiles that gather them) defines each figure as a small pure function and registers it by name in ``registry``;
``summary`` builds ngsp.summary/1 from the registry, and the pages, presentation mode, the deck and the report
look their figures up there too. ``format`` turns figures into words for people, ``charts`` into plotly figures,
``filters`` narrows a tracker to the sidebar's selection, and ``thresholds`` names every threshold once.
"""

from ngsp.figures import actions, cadence, engagement, funding, headline, quality  # noqa: F401 - registers figures
from ngsp.figures.registry import FIGURES, Figure, compute, get
from ngsp.figures.summary import SCHEMA_ID, summary

__all__ = ["FIGURES", "SCHEMA_ID", "Figure", "compute", "get", "summary"]
