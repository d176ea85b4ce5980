"""The registry of figures: every figure the summary, a page, a slide, the deck or the report shows, by name.

In the way datasette registers its facets, each area module registers its figures where it defines them, with
``@figure(label, counts)``: a plain-words label and a sentence saying what the figure counts, for people. The
summary, the pages, presentation mode and the exports look figures up here (``compute(name, t, as_of)``), so a
figure is defined once, described once, and shown the same way everywhere.

The registry is filled when ``ngsp.figures`` is imported and never changes afterwards.
"""

from __future__ import annotations

import datetime as dt
import inspect
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from ngsp.core.model import Tracker

KINDS = ("count", "percent", "money", "text", "mapping", "table", "list")
"""What a figure gives: a number shown as a count, a share or money; text; a mapping of named values; a table
(a DataFrame); a list."""

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Figure:
    """One registered figure: its name, how people see it named and explained, and the function that computes it."""

    name: str
    label: str  # plain words, as on a tile, a heading or a slide: "Lapsed businesses"
    counts: str  # what it counts, in plain words, as in a tile's help or a page's caption
    kind: str  # one of KINDS
    module: str
    function: str
    options: frozenset[str]  # the keyword options it takes beyond the tracker and as-of (target, ...)
    dated: bool  # whether it takes the as-of date

    @property
    def area(self) -> str:
        """The area the figure belongs to: the name of the module that defines it (engagement, cadence, ...)."""
        return self.module.rsplit(".", 1)[-1]

    @property
    def fn(self) -> Callable[..., Any]:
        """The function, looked up in its module when called, so a direct call and the registry run the same code."""
        return getattr(sys.modules[self.module], self.function)

    def __call__(self, t: Tracker, as_of: dt.date | None = None, **options: Any) -> Any:
        """The figure for a tracker (as of a date, for date-relative figures).

        Options the figure does not take are left out, so one call can pass the app's settings (the cadence
        target) to any figure.
        """
        kw = {k: v for k, v in options.items() if k in self.options}
        if not self.dated:
            return self.fn(t, **kw)
        if as_of is None:
            raise TypeError(f"the figure {self.name!r} is counted as of a date: give as_of")
        return self.fn(t, as_of, **kw)


_FIGURES: dict[str, Figure] = {}
FIGURES: Mapping[str, Figure] = MappingProxyType(_FIGURES)
"""Every registered figure by name, in the order the area modules define them."""


def figure(label: str, counts: str, kind: str = "table") -> Callable[[F], F]:
    """Register the decorated function as a figure under its own name; the function itself is unchanged."""
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")

    def register(fn: F) -> F:
        params = inspect.signature(fn).parameters
        if next(iter(params), None) != "t":
            raise TypeError(
                f"{fn.__module__}.{fn.__name__} is not a figure: a figure takes the tracker first, as t"
            )
        entry = Figure(
            name=fn.__name__,
            label=label,
            counts=counts,
            kind=kind,
            module=fn.__module__,
            function=fn.__name__,
            options=frozenset(p for p in list(params)[1:] if p != "as_of"),
            dated="as_of" in params,
        )
        known = _FIGURES.get(entry.name)
        if known is not None and (known.module, known.function) != (entry.module, entry.function):
            raise ValueError(f"two figures are named {entry.name!r}: in {known.module} and in {entry.module}")
        _FIGURES[entry.name] = entry
        return fn

    return register


def get(name: str) -> Figure:
    """The figure registered under a name."""
    try:
        return FIGURES[name]
    except KeyError:
        raise KeyError(f"no figure is named {name!r}; the figures are: {', '.join(FIGURES)}") from None


def compute(name: str, t: Tracker, as_of: dt.date | None = None, **options: Any) -> Any:
    """The named figure for a tracker, as of a date (options it does not take are left out)."""
    return get(name)(t, as_of, **options)
