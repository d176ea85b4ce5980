"""Sustainability, for funders: is the partnership holding together, led by business, and resourced?"""

import streamlit as st

from ngsp import figures
from ngsp.app import ui
from ngsp.figures import charts
from ngsp.figures.format import fmt_money

t, as_of = ui.tracker(), ui.as_of()
st.title("Sustainability")
if t is None:
    ui.no_tracker()
    st.stop()

ui.tiles(figures.compute("sustainability_tiles", t, as_of))
ui.export_download("report", t, key="dl.report.sust")
ui.chart(charts.retention(figures.compute("retention_by_year", t, as_of)), key="c.retention")
ui.chart(charts.champion_bench(figures.compute("champion_bench", t)), key="c.bench")
ui.chart(charts.meetings_by_quarter(figures.compute("meetings_by_quarter", t, as_of)), key="c.consistency")

st.header("Funding and in-kind support")
money = figures.compute("funding_summary", t)
if not money["sources"]:
    ui.empty_state(
        "The tracker has no funding sheet. Add one (source, cash or in-kind, amount, status) to see it here."
    )
    st.stop()
a, b, c, d = st.columns(4)
a.metric("Secured (received or committed)", fmt_money(money["secured"]), border=True)
b.metric("Pending", fmt_money(money["pending"]), border=True)
c.metric("In-kind support secured", fmt_money(money["in_kind_secured"]), border=True)
d.metric("Sources braided together", f"{money['sources_secured']} of {money['sources']}", border=True,
         help="Funders with money or in-kind support secured, of all funders listed")  # fmt: skip
by_source = figures.compute("funding_by_source", t)
ui.chart(charts.funding(by_source), key="c.funding")
ui.table(by_source, figures.get("funding_by_source").label, key="dl.funding", column_config={
    "funder": "Source", "secured": st.column_config.NumberColumn("Secured", format="dollar"),
    "pending": st.column_config.NumberColumn("Pending", format="dollar"),
    "status not known": st.column_config.NumberColumn("Status not known", format="dollar"),
    "cash": st.column_config.NumberColumn("Cash", format="dollar"),
    "in_kind": st.column_config.NumberColumn("In kind", format="dollar"),
    "total": st.column_config.NumberColumn("Total", format="dollar"),
})  # fmt: skip
