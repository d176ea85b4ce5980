"""Sustainability, for funders: is the partnership holding together, led by business, and resourced?"""

import streamlit as st

from ngsp import figures
from ngsp.app import loading, state, widgets
from ngsp.figures import charts
from ngsp.figures.format import fmt_money

st.title("Sustainability")
t, as_of = loading.tracker(), state.as_of()
if widgets.nothing_to_show(t):
    widgets.stop_page()

widgets.tiles(figures.compute("sustainability_tiles", t, as_of))
widgets.export_download("report", t, key="dl.report.sust")
widgets.chart(charts.retention(figures.compute("retention_by_year", t, as_of)), key="c.retention")
widgets.chart(charts.champion_bench(figures.compute("champion_bench", t)), key="c.bench")
widgets.chart(
    charts.meetings_by_quarter(figures.compute("meetings_by_quarter", t, as_of)), key="c.consistency"
)

st.header("Funding and in-kind support")
money = figures.compute("funding_summary", t)
if not money["sources"]:
    widgets.empty_state(
        "The tracker has no funding sheet. Add one (source, cash or in-kind, amount, status) to see it here."
    )
    widgets.stop_page()
a, b, c, d = st.columns(4)
a.metric("Secured (received or committed)", fmt_money(money["secured"]), border=True)
b.metric("Pending", fmt_money(money["pending"]), border=True)
c.metric("In-kind support secured", fmt_money(money["in_kind_secured"]), border=True)
d.metric("Sources braided together", f"{money['sources_secured']} of {money['sources']}", border=True,
         help="Funders with money or in-kind support secured, of all funders listed")  # fmt: skip
by_source = figures.compute("funding_by_source", t)
widgets.chart(charts.funding(by_source), key="c.funding")
widgets.table(by_source, "Funding by source", key="dl.funding", column_config={
    "funder": "Source", "secured": st.column_config.NumberColumn("Secured", format="dollar"),
    "pending": st.column_config.NumberColumn("Pending", format="dollar"),
    "status not known": st.column_config.NumberColumn("Status not known", format="dollar"),
    "cash": st.column_config.NumberColumn("Cash", format="dollar"),
    "in_kind": st.column_config.NumberColumn("In kind", format="dollar"),
    "total": st.column_config.NumberColumn("Total", format="dollar"),
})  # fmt: skip
