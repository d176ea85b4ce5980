"""ngsp.figures.format: labels and numbers for people."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ngsp.figures import format as fmt


def test_quarter_label():
    assert fmt.quarter_label(dt.date(2024, 8, 1)) == "2024 Q3"


def test_meeting_name():
    assert (
        fmt.meeting_name(pd.Timestamp("2024-03-05"), "action_team", "Childcare") == "5 Mar 2024 · Childcare"
    )
    assert fmt.meeting_name(pd.NaT, "full_partnership", "") == "date not known · Full partnership"


def test_formatting():
    assert fmt.fmt_count(1234) == "1,234" and fmt.fmt_count(None) == "—"
    assert fmt.fmt_percent(0.8376) == "84%"
    assert fmt.fmt_money(40000) == "$40,000"
    assert fmt.fmt_money(float("inf")) == "—" and fmt.fmt_money(float("-inf")) == "—"  # never "$inf"
    assert fmt.fmt_date(dt.date(2024, 3, 5)) == "5 Mar 2024" and fmt.fmt_date(pd.NaT) == "not known"
    assert fmt.fmt_delta(0.05, "percent") == "+5 pts" and fmt.fmt_delta(-2, "count") == "-2"
    assert fmt.plural(1, "row") == "1 row" and fmt.plural(1200, "row") == "1,200 rows"
    assert fmt.fmt_value(0.5, "percent") == "50%" and fmt.fmt_value("3 of 4", "text") == "3 of 4"
