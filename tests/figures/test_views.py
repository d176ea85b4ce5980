"""ngsp.figures.views: every figure the pages show, on the five-partner tracker of conftest.py."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from conftest import TINY_AS_OF, example_trackers

from ngsp.figures import views

A = TINY_AS_OF


def test_thresholds_are_named_once():
    assert views.ACTIVE_DAYS == 182
    assert views.DUE_SOON_DAYS == 90
    assert views.FULL_MEETINGS_PER_QUARTER == 1
    assert views.SUMMARY_WITHIN_DAYS == 7
    assert views.FIRST_CALLS_WITHIN_DAYS == 28


def test_quarter_label():
    assert views.quarter_label(dt.date(2024, 8, 1)) == "2024 Q3"


def test_meeting_name():
    assert (
        views.meeting_name(pd.Timestamp("2024-03-05"), "action_team", "Childcare") == "5 Mar 2024 · Childcare"
    )
    assert views.meeting_name(pd.NaT, "full_partnership", "") == "date not known · Full partnership"


def test_attendance_detail_adds_meeting_and_org(tiny_tracker):
    d = views.attendance_detail(tiny_tracker)
    assert len(d) == len(tiny_tracker.attendance)
    row = d[(d["meeting_id"] == "m3") & (d["person_id"] == "p4")].iloc[0]
    assert (row["organisation"], row["org_type"], row["meeting_type"]) == (
        "Valley College",
        "public",
        "full_partnership",
    )


def test_filter_options(tiny_tracker):
    o = views.filter_options(tiny_tracker)
    assert o == {
        "start": dt.date(2024, 1, 15),
        "end": dt.date(2025, 1, 31),
        "priorities": ["Childcare", "Transportation"],
        "partner_types": ["business", "public"],
    }


def test_filter_tracker_by_dates(tiny_tracker):
    t = views.filter_tracker(tiny_tracker, start=dt.date(2024, 4, 1), end=dt.date(2024, 12, 31))
    assert list(t.meetings["meeting_id"]) == ["m3", "m4", "m5"]
    assert set(t.attendance["meeting_id"]) == {"m3", "m4", "m5"}
    assert list(t.action_items["item_id"]) == ["i1", "i2", "i4"]  # i3 is due in 2025; i4 has no due date
    assert len(tiny_tracker.meetings) == 5  # the argument is untouched


def test_filter_tracker_by_priority_keeps_partnership_meetings(tiny_tracker):
    t = views.filter_tracker(tiny_tracker, priorities=["childcare"])
    assert list(t.meetings["meeting_id"]) == ["m1", "m3", "m4", "m5"]
    assert list(t.action_items["item_id"]) == ["i3", "i4"]


def test_filter_tracker_by_partner_type(tiny_tracker):
    t = views.filter_tracker(tiny_tracker, partner_types=["public"])
    assert set(t.organizations["org_id"]) == {"o3", "o5"}
    assert set(t.attendance["org_id"]) == {"o3", "o5"}
    assert list(t.action_items["item_id"]) == ["i2"]


def test_filter_tracker_without_filters_is_the_same(tiny_tracker):
    t = views.filter_tracker(tiny_tracker)
    assert t.attendance.equals(tiny_tracker.attendance)
    assert t.quality is tiny_tracker.quality


def test_meeting_engagement(tiny_tracker):
    e = views.meeting_engagement(tiny_tracker)
    assert list(e["business"]) == [3, 1, 1, 2, 0]
    assert list(e["public"]) == [2, 1, 2, 1, 2]
    assert e.loc[2, "business_share"] == pytest.approx(0.3333)
    assert e.loc[0, "meeting"] == "15 Jan 2024 · Launch"
    assert list(views.meeting_engagement(tiny_tracker, partnership_only=True)["meeting_id"]) == [
        "m1",
        "m3",
        "m4",
    ]


def test_partner_meeting_matrix_has_zeros(tiny_tracker):
    m = views.partner_meeting_matrix(tiny_tracker)
    assert len(m) == 4 * 3  # four organisations came to something, three partnership meetings
    beta = m[m["organisation"] == "Beta Plastics"].set_index("meeting_id")["people"]
    assert beta.to_dict() == {"m1": 1, "m3": 0, "m4": 0}
    assert m[(m["org_id"] == "o1") & (m["meeting_id"] == "m1")]["people"].item() == 2


def test_business_flow_by_quarter(tiny_tracker):
    f = views.business_flow_by_quarter(tiny_tracker, A)
    assert f.to_dict("records") == [
        {"quarter": "2024 Q1", "new": 2, "active": 2, "lapsed": 0},
        {"quarter": "2024 Q2", "new": 0, "active": 1, "lapsed": 1},
        {"quarter": "2024 Q3", "new": 0, "active": 0, "lapsed": 1},
        {"quarter": "2024 Q4 (so far)", "new": 0, "active": 1, "lapsed": None},  # not over: nobody gone yet
    ]
    over = views.business_flow_by_quarter(tiny_tracker, dt.date(2024, 12, 31)).to_dict("records")[-1]
    assert over == {"quarter": "2024 Q4", "new": 0, "active": 1, "lapsed": 0}


def test_at_risk_and_lapsed(tiny_tracker):
    risk = views.at_risk_partners(tiny_tracker, A)
    assert list(risk["organisation"]) == ["Beta Plastics"]
    assert risk.loc[0, "last_seen"] == pd.Timestamp("2024-01-15")
    assert list(views.lapsed_businesses(tiny_tracker, A)["organisation"]) == ["Beta Plastics"]
    # Before the October meeting, the two most recent were the launch and April: nobody had lapsed.
    assert views.lapsed_businesses(tiny_tracker, dt.date(2024, 9, 1)).empty


def test_org_engagement(tiny_tracker):
    o = views.org_engagement(tiny_tracker, A).set_index("organisation")
    assert o.loc["County Workforce Board", "meetings_attended"] == 5
    assert o.loc["Acme Manufacturing", "people"] == 2
    assert o.loc["Valley College", "attendance_rate"] == pytest.approx(0.6667)
    assert o.loc["Beta Plastics", "last_seen"] == pd.Timestamp("2024-01-15")
    assert o.loc["<img src=x onerror=alert(1)>", "trend"] == "not seen lately"
    assert pd.isna(o.loc["<img src=x onerror=alert(1)>", "attendance_rate"])


def test_business_share_full(tiny_tracker):
    assert views.business_share_full(tiny_tracker, A) == pytest.approx(6 / 11, abs=1e-4)


def test_meeting_timeline(tiny_tracker):
    tl = views.meeting_timeline(tiny_tracker)
    assert list(tl["type_label"]) == [
        "Launch",
        "Action team",
        "Full partnership",
        "Full partnership",
        "Action team",
    ]


def test_cadence_grid(tiny_tracker):
    g = views.cadence_grid(tiny_tracker, A)
    assert list(g["quarter"]) == ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4"]
    assert list(g["status"]) == ["met", "met", "missed", "met"]
    assert list(g["complete"]) == [True, True, True, False]
    assert list(views.cadence_grid(tiny_tracker, A, target=2)["status"]) == [
        "missed",
        "missed",
        "missed",
        "in progress",
    ]


def test_latest_meeting_only_when_the_tracker_is_old(tiny_tracker):
    assert views.latest_meeting(tiny_tracker, A) is None  # 26 days before
    assert views.latest_meeting(tiny_tracker, dt.date(2025, 6, 1)) == dt.date(2024, 10, 20)
    assert views.STALE_DAYS == 120


def test_cadence_table(tiny_tracker):
    g = views.cadence_table(tiny_tracker, A)
    assert list(g["Target"]) == ["met", "met", "missed", "met"]
    assert list(g["Action-team calls"]) == [1, 0, 0, 1]
    assert views.cadence_table(tiny_tracker, A, target=2)["Target"].iloc[-1] == "not yet (quarter not over)"


def test_cadence_status(tiny_tracker):
    s = views.cadence_status(tiny_tracker, A)
    assert s["last_full"] == dt.date(2024, 10, 2)
    assert s["days_since"] == 44
    assert s["next_due"] == dt.date(2025, 3, 31)  # this quarter is already met
    assert (s["quarters_met"], s["quarters_complete"]) == (2, 3)
    assert views.cadence_status(tiny_tracker, dt.date(2024, 9, 1))["next_due"] == dt.date(2024, 9, 30)


def test_summary_follow_through(tiny_tracker):
    s = views.summary_follow_through(tiny_tracker)
    assert list(s["days_to_summary"]) == [4, 20]
    assert list(s["on_time"]) == [True, False]


def test_launch_follow_through(tiny_tracker):
    f = views.launch_follow_through(tiny_tracker)
    assert list(f["team"]) == ["Transportation", "Childcare"]
    assert list(f["days_after_launch"]) == [21, 279]
    assert list(f["on_time"]) == [True, False]


def test_action_items_view_and_overdue(tiny_tracker):
    v = views.action_items_view(tiny_tracker, A).set_index("item_id")
    assert v.loc["i2", "overdue"] and v.loc["i2", "days_overdue"] == 46
    assert not v.loc["i1", "overdue"]  # done items are never overdue
    assert v.loc["i3", "due_soon"]
    o = views.overdue_items(tiny_tracker, A)
    assert list(o["description"]) == ["Pilot a vanpool"]
    assert list(views.items_due_soon(tiny_tracker, A)["description"]) == ["Map providers"]
    assert views.items_due_soon(tiny_tracker, A, days=30).empty
    assert views.overdue_by_owner(tiny_tracker, A).to_dict("records") == [
        {"priority": "Transportation", "owner": "Cara", "overdue": 1}
    ]


def test_status_mix_has_every_status(tiny_tracker):
    m = views.status_mix(tiny_tracker)
    assert len(m) == 2 * 5
    assert m["items"].sum() == 4


def test_priority_cards(tiny_tracker):
    c = views.priority_cards(tiny_tracker, A).set_index("priority")
    assert c.loc["Transportation", ["items", "done", "overdue"]].tolist() == [2, 1, 1]
    assert c.loc["Transportation", "mean_percent"] == pytest.approx(0.75)
    assert c.loc["Childcare", "due_soon"] == 1
    assert c.loc["Childcare", "status_cancelled"] == 1
    assert c.loc["Childcare", "champions"] == "Ann, Bob"
    assert c.loc["Transportation", "support_partners"] == "County Workforce Board"


def test_priority_sections(tiny_tracker):
    sections = {s["priority"]: s for s in views.priority_sections(tiny_tracker, A)}
    assert sections["Transportation"]["status_words"] == "1 done · 1 in progress"
    assert sections["Transportation"]["overdue_by_owner"].to_dict("records") == [
        {"owner": "Cara", "overdue": 1}
    ]
    assert sections["Childcare"]["overdue_by_owner"].empty
    assert list(sections["Childcare"]["due_soon_items"]["description"]) == ["Map providers"]


def test_retention_by_year(tiny_tracker):
    r = views.retention_by_year(tiny_tracker, dt.date(2025, 6, 1))
    assert list(r["year"]) == ["2024", "2025"]
    assert r.loc[0, "active"] == 2 and r.loc[1, "active"] == 0
    assert r.loc[1, "retention"] == 0.0


def test_champion_bench(tiny_tracker):
    b = views.champion_bench(tiny_tracker).set_index("priority")
    assert b.loc["Childcare", "businesses_leading"] == 2
    assert b.loc["Transportation", "businesses"] == "Acme Manufacturing"


def test_funding(tiny_tracker):
    f = views.funding_by_source(tiny_tracker).set_index("funder")
    assert f.loc["County Workforce Board", "pending"] == 25000
    assert f.loc["Valley College", "in_kind"] == 5000
    assert views.funding_summary(tiny_tracker) == {
        "secured": 45000.0,
        "pending": 25000.0,
        "in_kind_secured": 5000.0,
        "sources": 3,
        "sources_secured": 2,
    }


def test_meetings_by_quarter(tiny_tracker):
    m = views.meetings_by_quarter(tiny_tracker, A)
    assert m["meetings"].sum() == 5


def test_kpis(tiny_tracker):
    k = views.kpis(tiny_tracker, A).set_index("key")
    assert k.loc["active_businesses", "value"] == 1  # only Acme came in the last six months
    assert k.loc["public_partners", "value"] == 2
    assert (k.loc["meetings_quarter", "value"], k.loc["meetings_quarter", "delta"]) == (2, 2)
    assert k.loc["items_done", "value"] == 1 and k.loc["items_done", "of"] == 4
    assert k.loc["items_overdue", "value"] == 1 and k.loc["items_overdue", "delta"] is None
    assert set(k["kind"]) <= {"count", "percent"}
    assert k["label"].str.len().min() > 0 and k["help"].str.len().min() > 0


def test_needs_attention(tiny_tracker):
    n = views.needs_attention(tiny_tracker, A)
    assert list(n["kind"]) == [
        "Overdue action item",
        "Lapsed business",
        "Quarter without a full partnership meeting",
        "Public partners outnumbered business leaders",
    ]
    assert list(n["item"]) == [
        "Pilot a vanpool",
        "Beta Plastics",
        "2024 Q3",
        "10 Apr 2024 · Full partnership",
    ]


def test_sustainability_tiles(tiny_tracker):
    s = views.sustainability_tiles(tiny_tracker, A).set_index("label")["value"]
    assert s["Months since the first partnership meeting"] == 10
    assert s["Funding sources braided together"] == 2
    assert s["Quarters with a full partnership meeting"] == "2 of 3"  # 2024 Q4 is not over yet


def test_quality_tables_and_csv(tiny_tracker):
    tables = views.quality_tables(tiny_tracker)
    assert len(tables) == 4 and set(tables) == set(views.QUALITY_EMPTY)
    csv = views.csv_bytes(tables["Rows set aside"]).decode("utf-8-sig")
    assert csv.splitlines()[0] == "File,Sheet,Row,Reason,What the row held"


def test_formatting():
    assert views.fmt_count(1234) == "1,234" and views.fmt_count(None) == "—"
    assert views.fmt_percent(0.8376) == "84%"
    assert views.fmt_money(40000) == "$40,000"
    assert views.fmt_date(dt.date(2024, 3, 5)) == "5 Mar 2024" and views.fmt_date(pd.NaT) == "not known"
    assert views.fmt_delta(0.05, "percent") == "+5 pts" and views.fmt_delta(-2, "count") == "-2"
    assert views.plural(1, "row") == "1 row" and views.plural(1200, "row") == "1,200 rows"
    assert views.fmt_value(0.5, "percent") == "50%" and views.fmt_value("3 of 4", "text") == "3 of 4"


def test_every_view_copes_with_an_empty_tracker(empty_tracker):
    for f in (views.meeting_engagement, views.partner_meeting_matrix, views.meeting_timeline, views.status_mix,
              views.summary_follow_through, views.launch_follow_through, views.champion_bench,
              views.funding_by_source):  # fmt: skip
        assert f(empty_tracker).empty, f.__name__
    for f in (views.business_flow_by_quarter, views.at_risk_partners, views.org_engagement, views.cadence_grid,
              views.overdue_items, views.items_due_soon, views.priority_cards, views.retention_by_year,
              views.needs_attention, views.meetings_by_quarter):  # fmt: skip
        assert f(empty_tracker, A).empty, f.__name__
    assert views.kpis(empty_tracker, A).set_index("key").loc["business_share", "value"] is None
    assert views.cadence_status(empty_tracker, A)["last_full"] is None
    assert len(views.sustainability_tiles(empty_tracker, A)) == 8


@pytest.mark.parametrize("path", example_trackers(), ids=lambda p: p.name)
def test_views_agree_with_the_summary(path):
    """The pages and the command line count the same things the same way."""
    from ngsp.figures import metrics
    from ngsp.ingest.pipeline import load_paths

    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    as_of = dt.date.fromisoformat(expected["as_of"])
    t = load_paths([path])
    s = metrics.summary(t, as_of)
    assert len(views.lapsed_businesses(t, as_of)) == s["lapsed_businesses"]
    assert len(views.overdue_items(t, as_of)) == s["action_items"]["overdue"]
    grid = views.cadence_grid(t, as_of)
    complete = grid[grid["complete"]]
    assert {
        q.replace(" ", ""): st == "met" for q, st in zip(complete["quarter"], complete["status"], strict=True)
    } == (s["cadence"])
    cards = views.priority_cards(t, as_of).set_index("priority")
    assert {p: {"items": int(r["items"]), "done": int(r["done"])} for p, r in cards.iterrows()} == s[
        "priorities"
    ]
    k = views.kpis(t, as_of).set_index("key")
    assert k.loc["business_share", "value"] == s["attendance"]["business_share_full"]


def test_example_trackers_are_present_or_skipped():
    if not example_trackers():
        pytest.skip("../shared/trackers is not beside the repository: the agreement tests above were skipped")


def test_team_priorities_match_short_team_names(tiny_tracker):
    t = tiny_tracker
    m = t.meetings.assign(team=t.meetings["team"].replace({"Transportation": "transportation action team"}))
    i = t.action_items.assign(priority=t.action_items["priority"].replace({"Childcare": "Childcare Access"}))
    t = t.__class__(**{**t.__dict__, "meetings": m, "action_items": i})
    assert views.team_priorities(t) == {
        "transportation action team": "Transportation",
        "childcare": "Childcare Access",
    }
    assert views.filter_options(t)["priorities"] == ["Childcare Access", "Transportation"]
    assert "m5" in set(views.filter_tracker(t, priorities=["Childcare Access"]).meetings["meeting_id"])


def test_attendance_whose_organisations_were_not_read_still_counts(tiny_tracker, tiny_as_of):
    # An organisation column ngsp missed leaves attendance without any organisation: the pages still draw.
    import dataclasses

    t = dataclasses.replace(tiny_tracker, organizations=tiny_tracker.organizations.iloc[0:0])
    detail = views.attendance_detail(t)
    assert len(detail) == len(t.attendance) and set(detail["organisation"]) == {"(organisation not known)"}
    assert views.kpis(t, tiny_as_of).set_index("key").loc["active_businesses", "value"] == 0
