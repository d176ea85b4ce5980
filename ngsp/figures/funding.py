"""Funding figures: money and in-kind support by source and status."""

from __future__ import annotations

import pandas as pd

from ngsp.core.model import Tracker
from ngsp.figures.registry import figure

SECURED = ("received", "committed")  # the statuses of money or support that is secured


def _funders(funding: pd.DataFrame) -> pd.Series:
    """Each funding row's funder as people see it: one source per name, unnamed ones together."""
    return funding["funder"].replace("", "(funder not named)")


def funding_sources(t: Tracker) -> int:
    """How many different funders the funding sheet names (the unnamed counting as one)."""
    return int(_funders(t.funding).nunique())


@figure(
    "Funding", "Funding and in-kind support: sources, the total amount, and amounts by status", kind="mapping"
)
def funding_totals(t: Tracker) -> dict:
    """Funding and in-kind: number of sources, total amount, and amounts by status."""
    f = t.funding
    by_status = f.groupby("status")["amount"].sum()
    return {
        "sources": funding_sources(t),
        "total": float(f["amount"].sum()),
        **{f"{k}": float(v) for k, v in by_status.items()},
    }


@figure(
    "Funding by source",
    "Per funder: cash and in-kind amounts, secured (received or committed) and pending",
)
def funding_by_source(t: Tracker) -> pd.DataFrame:
    """Per funder: cash and in-kind amounts, split into secured (received or committed) and pending."""
    f = t.funding.assign(amount=t.funding["amount"].fillna(0.0))
    f = f.assign(
        standing=f["status"]
        .map({**dict.fromkeys(SECURED, "secured"), "pending": "pending"})
        .fillna("status not known"),
        funder=_funders(f),
    )
    columns = ["funder", "secured", "pending", "status not known", "cash", "in_kind", "total"]
    if f.empty:
        return pd.DataFrame(columns=columns)
    by_standing = f.pivot_table(
        index="funder", columns="standing", values="amount", aggfunc="sum", fill_value=0.0
    )
    by_kind = f.pivot_table(index="funder", columns="kind", values="amount", aggfunc="sum", fill_value=0.0)
    out = (
        pd.concat([by_standing, by_kind], axis=1).reindex(columns=columns[1:-1], fill_value=0.0).reset_index()
    )
    out = out.assign(total=out[["secured", "pending", "status not known"]].sum(axis=1))
    return out.sort_values("total", ascending=False).reset_index(drop=True)[columns]


@figure(
    "Funding and in-kind support",
    "Totals secured, pending and in kind, and how many sources are braided together",
    kind="mapping",
)
def funding_summary(t: Tracker) -> dict:
    """Totals secured, pending and in kind, and how many sources are braided together."""
    by = funding_by_source(t)
    f = t.funding
    in_kind = f.loc[(f["kind"] == "in_kind") & f["status"].isin(SECURED), "amount"].sum()
    return {
        "secured": float(by["secured"].sum()) if len(by) else 0.0,
        "pending": float(by["pending"].sum()) if len(by) else 0.0,
        "in_kind_secured": float(in_kind),
        "sources": funding_sources(t),
        "sources_secured": int((by["secured"] > 0).sum()) if len(by) else 0,
    }


@figure("Funding secured", "Cash and in-kind support received or committed", kind="money")
def funding_secured(t: Tracker) -> float:
    """Cash and in-kind amounts received or committed, over every funder."""
    return funding_summary(t)["secured"]


@figure(
    "Funding sources braided together",
    "Different funders with money or in-kind support secured",
    kind="count",
)
def sources_secured(t: Tracker) -> int:
    """Funders with an amount received or committed."""
    return funding_summary(t)["sources_secured"]
