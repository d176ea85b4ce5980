"""The figures agree wherever they are shown: the summary (what ``python -m ngsp summary --json`` prints), the
figures the pages show, and the text of the deck (.pptx) and the report (.pdf).

Trackers are built here with the cases where two writings of one figure part ways: two partnership meetings on
one date, a quarter still in progress at the as-of date, no partnership meeting at all, an empty tracker.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass

import pandas as pd
import pytest
from conftest import TINY_AS_OF, example_trackers
from pptx import Presentation
from pypdf import PdfReader

from ngsp import figures
from ngsp.core import schema
from ngsp.core.model import Quality, Tracker
from ngsp.export import deck_bytes, report_bytes
from ngsp.figures import actions, cadence, engagement, funding, headline
from ngsp.figures.format import fmt_money, fmt_percent

A = TINY_AS_OF

# ---------------------------------------------------------------- trackers built in code


def _table(name: str, rows: list[dict]) -> pd.DataFrame:
    """Rows -> a frame valid against the schema (text columns blank where a row does not say)."""
    sch = schema.TABLES[name]
    text = {col: "" for col, spec in sch.columns.items() if "str" in str(spec.dtype)}
    src = {"source_file": "agree.xlsx", "source_sheet": name}
    full = [{**text, **src, "source_row": i + 2, **r} for i, r in enumerate(rows)]
    return sch.validate(pd.DataFrame(full, columns=list(sch.columns)))


def tracker(orgs, people, meetings, present, items=(), funding_rows=()) -> Tracker:
    """A tracker from short tuples: orgs (id, name, type), people (id, name, org), meetings (id, date, type,
    team), present {meeting: [people]}, items (priority, description, owner, due, status), funding (funder,
    kind, amount, status)."""
    org_of = {p: o for p, _, o in people}
    ts = pd.Timestamp
    return Tracker(
        organizations=_table("organizations", [
            {"org_id": i, "name": n, "type": k, "type_source": "tracker", "spellings": n} for i, n, k in orgs]),
        people=_table("people", [
            {"person_id": i, "name": n, "email": f"{i}@example.org", "org_id": o} for i, n, o in people]),
        meetings=_table("meetings", [
            {"meeting_id": i, "date": ts(d), "type": k, "team": tm, "label": f"{k} {d}", "summary_sent": pd.NaT}
            for i, d, k, tm in meetings]),
        attendance=_table("attendance", [
            {"meeting_id": m, "person_id": p, "org_id": org_of[p]} for m, ps in present.items() for p in ps]),
        action_items=_table("action_items", [
            {"item_id": f"i{n}", "priority": pr, "description": d, "owner": ow, "due": ts(due) if due else pd.NaT,
             "due_text": due or "", "status": st, "status_text": st, "percent": None}
            for n, (pr, d, ow, due, st) in enumerate(items)]),
        funding=_table("funding", [
            {"funder": f, "kind": k, "amount": a, "status": s, "period": "2024"} for f, k, a, s in funding_rows]),
        quality=Quality(),
        name="Agreement",
    )  # fmt: skip


ORGS = [("o1", "Acme Tools", "business"), ("o2", "Orbit Labs", "business"), ("o3", "Nova Foods", "business"),
        ("o4", "County Board", "public"), ("o5", "Valley College", "public")]  # fmt: skip
PEOPLE = [
    ("p1", "Ann", "o1"),
    ("p2", "Olu", "o2"),
    ("p3", "Nia", "o3"),
    ("p4", "Cara", "o4"),
    ("p5", "Dan", "o5"),
]
ITEMS = [
    ("Talent", "Survey employers", "Ann", "2024-03-31", "done"),
    ("Talent", "Pilot a bootcamp", "Cara", "2024-06-30", "in_progress"),
    ("Talent", "Recruit mentors", "Olu", "2024-08-15", "stalled"),
    ("Transit", "Map routes", "Nia", "2025-02-01", "not_started"),
    ("Transit", "Vanpool", "Dan", "2024-09-01", "cancelled"),
]
FUNDING = [("State grant", "cash", 40000.0, "received"), ("County Board", "cash", 25000.0, "pending"),
           ("Valley College", "in_kind", 5000.0, "committed")]  # fmt: skip


def two_meetings_on_one_date() -> Tracker:
    """The 2nd and 3rd most recent partnership meetings share a date, listed in the tracker in the order opposite
    to their ids: "the two most recent" is decided by date, then meeting id. Orbit Labs came to the one of the
    two with the larger id, so it is not lapsed; Nova Foods came to neither recent one, so it is."""
    meetings = [("m1", "2024-01-15", "launch", ""), ("m3", "2024-06-05", "full_partnership", ""),
                ("m2", "2024-06-05", "full_partnership", ""), ("m4", "2024-10-02", "full_partnership", ""),
                ("m5", "2024-10-20", "action_team", "Talent")]  # fmt: skip
    present = {"m1": ["p1", "p2", "p3", "p4"], "m3": ["p2", "p4"], "m2": ["p1", "p5"], "m4": ["p1", "p4", "p5"],
               "m5": ["p3"]}  # fmt: skip
    return tracker(ORGS, PEOPLE, meetings, present, ITEMS, FUNDING)


def quarter_in_progress() -> Tracker:
    """As of 15 Nov 2024 the fourth quarter is under way with its meeting held, and a meeting after as-of is
    already scheduled: neither counts as a complete quarter, and the later one is not yet attendance."""
    meetings = [("m1", "2024-02-01", "launch", ""), ("m2", "2024-05-01", "full_partnership", ""),
                ("m3", "2024-10-10", "full_partnership", ""), ("m4", "2024-12-05", "full_partnership", "")]  # fmt: skip
    present = {"m1": ["p1", "p2", "p3", "p4", "p5"], "m2": ["p1", "p4"], "m3": ["p1", "p4", "p5"],
               "m4": ["p1", "p2", "p3"]}  # fmt: skip
    return tracker(ORGS, PEOPLE, meetings, present, ITEMS, FUNDING)


def no_partnership_meetings() -> Tracker:
    """Only action-team and planning calls: no business share, no cadence, nobody lapsed."""
    meetings = [("m1", "2024-03-01", "action_team", "Talent"), ("m2", "2024-06-01", "planning", "")]
    present = {"m1": ["p1", "p4"], "m2": ["p2"]}
    return tracker(ORGS, PEOPLE, meetings, present, ITEMS[:2])


def empty() -> Tracker:
    return tracker([], [], [], {})


CASES = {
    "two meetings on one date": two_meetings_on_one_date,
    "quarter in progress": quarter_in_progress,
    "no partnership meetings": no_partnership_meetings,
    "empty tracker": empty,
}

# ---------------------------------------------------------------- what each place shows


@dataclass(frozen=True)
class Shown:
    """The agreed figures as one place shows them."""

    share: float | None
    lapsed: list[str]
    overdue: int
    quarters: tuple[int, int]  # (met, complete)
    priorities: dict[str, tuple[int, int]]  # name: (done, items)
    funding: tuple[float, int]  # (total, sources)


def from_summary(t: Tracker, as_of: dt.date) -> tuple[dict, Shown]:
    s = figures.summary(t, as_of)
    ids = set(engagement.lapsed_businesses(t, as_of)["org_id"])  # the count is in the summary, names are not
    names = sorted(t.organizations.loc[t.organizations["org_id"].isin(ids), "name"])
    assert len(names) == s["lapsed_businesses"], (
        f"the summary counts {s['lapsed_businesses']} lapsed: {names}"
    )
    return s, Shown(
        share=s["attendance"]["business_share_full"],
        lapsed=names,
        overdue=s["action_items"]["overdue"],
        quarters=(sum(s["cadence"].values()), len(s["cadence"])),
        priorities={p: (v["done"], v["items"]) for p, v in s["priorities"].items()},
        funding=(s["funding"]["total"], s["funding"]["sources"]),
    )


def page_figures(t: Tracker, as_of: dt.date) -> list[tuple[str, object, object]]:
    """(where, what it shows, what the summary says) for every page figure of the agreed ones."""
    k = headline.kpis(t, as_of).set_index("key")["value"]
    todo = headline.needs_attention(t, as_of)
    risk = engagement.at_risk_partners(t, as_of)
    status = cadence.cadence_status(t, as_of)
    grid = cadence.cadence_grid(t, as_of)
    complete = grid[grid["complete"].astype(bool)]
    tiles = headline.sustainability_tiles(t, as_of).set_index("label")["value"]
    money = funding.funding_summary(t)
    eng = engagement.meeting_engagement(t, partnership_only=True)
    eng = eng[eng["date"] <= pd.Timestamp(as_of)]
    known = int(eng["business"].sum() + eng["public"].sum())
    cards = actions.priority_sections(t, as_of)
    return [
        ("Overview tile", "share", k["business_share"]),
        ("Engagement chart (people at partnership meetings)", "share",
         round(int(eng["business"].sum()) / known, 4) if known else None),
        ("Engagement: at-risk businesses", "lapsed", sorted(risk.loc[risk["org_type"] == "business", "organisation"])),
        ("Overview: needs attention", "lapsed", sorted(todo.loc[todo["kind"] == "Lapsed businesses", "item"])),
        ("Overview tile", "overdue", k["items_overdue"]),
        ("Overview: needs attention", "overdue", int((todo["kind"] == "Overdue action items").sum())),
        ("Priorities cards", "overdue", sum(c["overdue"] for c in cards)),
        ("Cadence page", "quarters", (status["quarters_met"], status["quarters_complete"])),
        ("Cadence chart", "quarters", (int((complete["status"] == "met").sum()), len(complete))),
        ("Sustainability tile", "quarters", tiles["Quarters with a full partnership meeting"]),
        ("Priorities cards", "priorities", {c["priority"]: (c["done"], c["items"]) for c in cards}),
        ("Sustainability funding", "funding", (money["secured"] + money["pending"] + money.get("unknown", 0.0),
                                               money["sources"])),
        ("Sustainability tile", "funding secured", tiles["Funding secured"]),
    ]  # fmt: skip


def deck_text(t: Tracker, as_of: dt.date) -> list[list[str]]:
    """Each slide's texts (text boxes, then table cells), in the order they were placed."""
    prs = Presentation(io.BytesIO(deck_bytes(t, as_of)))
    slides = []
    for slide in prs.slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                texts.append(" ".join(shape.text_frame.text.split()))
            if shape.has_table:
                texts += [" ".join(c.text.split()) for row in shape.table.rows for c in row.cells]
        slides.append(texts)
    return slides


def report_text(t: Tracker, as_of: dt.date) -> str:
    """The report's text with line breaks and repeated spaces folded, so a wrapped sentence reads whole."""
    pdf = PdfReader(io.BytesIO(report_bytes(t, as_of)))
    return " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())


def _before(texts: list[str], label: str) -> str:
    """The text placed just before a tile's label: the tile's value."""
    return texts[texts.index(label) - 1]


def _slide(slides: list[list[str]], title: str) -> list[str]:
    return next(s for s in slides if s and s[0] == title)


def _attention(lines: list[str], kind: str) -> tuple[int, list[str]]:
    """(count, names) of one kind in the needs-attention sentences ("Kind (n): a; b."); (0, []) when absent."""
    for line in lines:
        if m := re.fullmatch(rf"(?:•\s*)?{re.escape(kind)} \((\d+)\): (.*)\.", line):
            return int(m.group(1)), sorted(m.group(2).split("; "))
    return 0, []


# ---------------------------------------------------------------- the test


@pytest.mark.parametrize("case", list(CASES))
def test_summary_pages_deck_and_report_agree(case):
    t, as_of = CASES[case](), A
    s, want = from_summary(t, as_of)

    for where, what, shown in page_figures(t, as_of):
        expected = {
            "share": want.share, "lapsed": want.lapsed, "overdue": want.overdue,
            "quarters": want.quarters, "priorities": want.priorities,
            "funding": want.funding, "funding secured": s["funding"].get("received", 0.0)
            + s["funding"].get("committed", 0.0),
        }[what]  # fmt: skip
        if where == "Sustainability tile" and what == "quarters":
            expected = f"{want.quarters[0]} of {want.quarters[1]}"
        assert shown == expected, f"{case}: {where} shows {what} {shown!r}, the summary {expected!r}"

    slides = deck_text(t, as_of)
    stands = _slide(slides, "Where the partnership stands")
    assert _before(stands, "of the people at partnership meetings came from business") == fmt_percent(
        want.share
    )
    assert _before(stands, "action items past due") == str(want.overdue)
    met, complete = want.quarters
    assert _before(stands, "complete quarters with a full partnership meeting") == f"{met} of {complete}"
    attention = [
        line for text in _slide(slides, "What needs attention")[1:] for line in text.split("• ") if line
    ]
    attention = [line.strip() for line in attention]
    assert _attention(attention, "Lapsed businesses") == (len(want.lapsed), want.lapsed), case
    assert _attention(attention, "Overdue action items")[0] == want.overdue, case
    cadence_slide = _slide(slides, "Meeting every quarter")
    if complete or met:
        assert f"{met} of {complete}" in cadence_slide, case
    missed = [k.replace("Q", " Q") for k, v in s["cadence"].items() if not v]
    said = next((x for x in cadence_slide if "Missed:" in x or "No quarter missed." in x), "")
    assert all(q in said.partition("Missed:")[2] for q in missed), f"{case}: {said}"
    assert ("No quarter missed." in said) == (not missed and bool(complete)), f"{case}: {said}"
    for name, (done, items) in want.priorities.items():
        assert f"{done} of {items}" in _slide(slides, name), f"{case}: the {name} slide"
    if want.share is not None:
        assert fmt_percent(want.share) in _slide(slides, "Who comes to partnership meetings"), case

    pdf = report_text(t, as_of)
    if want.share is not None:
        assert (
            f"Business leaders made up {fmt_percent(want.share)} of the people at partnership meetings" in pdf
        )
    else:
        assert "Business leaders made up" not in pdf
    if want.lapsed:
        n = len(want.lapsed)
        assert f"{n} business{'es' if n != 1 else ''} that took part before missed the two most recent" in pdf
        assert f"Lapsed businesses ({n}): {'; '.join(want.lapsed)}." in pdf
    else:
        assert "Lapsed businesses (" not in pdf and "that took part before missed" not in pdf
    overdue = f"{want.overdue} is" if want.overdue == 1 else f"{want.overdue} are"
    assert (f"; {overdue} past due." in pdf) == bool(want.overdue), case
    if complete:
        assert f"It was met in {met} of {complete} complete quarters" in pdf, case
        assert f"It met in {met} of the {complete} complete quarters since it launched" in pdf, case
    for name, (done, items) in want.priorities.items():
        assert f"{name}" in pdf and f"{done} of {items} items done" in pdf, f"{case}: {name}"
    total, sources = want.funding
    if sources:
        assert f"{fmt_money(total)} recorded from {sources} source{'s' if sources != 1 else ''}" in pdf, case
        secured = s["funding"].get("received", 0.0) + s["funding"].get("committed", 0.0)
        assert f"{fmt_money(secured)} is received or committed" in pdf, case
    else:
        assert "recorded from" not in pdf


def test_the_tie_is_decided_by_date_then_meeting_id():
    """Two partnership meetings on one date: the later id is the more recent, everywhere."""
    t = two_meetings_on_one_date()
    assert figures.summary(t, A)["lapsed_businesses"] == 1
    assert list(engagement.lapsed_businesses(t, A)["organisation"]) == ["Nova Foods"]
    assert list(engagement.at_risk_partners(t, A)["organisation"]) == ["Nova Foods"]


# ---------------------------------------------------------------- moved from test_views.py


def test_every_view_copes_with_an_empty_tracker(empty_tracker):
    for f in (engagement.meeting_engagement, engagement.partner_meeting_matrix, cadence.meeting_timeline,
              actions.status_mix, cadence.summary_follow_through, cadence.launch_follow_through,
              actions.champion_bench, funding.funding_by_source):  # fmt: skip
        assert f(empty_tracker).empty, f.__name__
    for f in (engagement.business_flow_by_quarter, engagement.at_risk_partners, engagement.org_engagement,
              cadence.cadence_grid, actions.overdue_items, actions.items_due_soon, actions.priority_cards,
              engagement.retention_by_year, headline.needs_attention, cadence.meetings_by_quarter):  # fmt: skip
        assert f(empty_tracker, A).empty, f.__name__
    assert headline.kpis(empty_tracker, A).set_index("key").loc["business_share", "value"] is None
    assert cadence.cadence_status(empty_tracker, A)["last_full"] is None
    assert len(headline.sustainability_tiles(empty_tracker, A)) == 8


@pytest.mark.parametrize("path", example_trackers(), ids=lambda p: p.name)
def test_views_agree_with_the_summary(path):
    """The pages and the command line count the same things the same way."""
    from ngsp.figures.summary import summary
    from ngsp.ingest.pipeline import load_paths

    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    as_of = dt.date.fromisoformat(expected["as_of"])
    t = load_paths([path])
    s = summary(t, as_of)
    assert len(engagement.lapsed_businesses(t, as_of)) == s["lapsed_businesses"]
    assert len(actions.overdue_items(t, as_of)) == s["action_items"]["overdue"]
    grid = cadence.cadence_grid(t, as_of)
    complete = grid[grid["complete"]]
    assert {
        q.replace(" ", ""): st == "met" for q, st in zip(complete["quarter"], complete["status"], strict=True)
    } == (s["cadence"])
    cards = actions.priority_cards(t, as_of).set_index("priority")
    assert {p: {"items": int(r["items"]), "done": int(r["done"])} for p, r in cards.iterrows()} == s[
        "priorities"
    ]
    k = headline.kpis(t, as_of).set_index("key")
    assert k.loc["business_share", "value"] == s["attendance"]["business_share_full"]


def test_example_trackers_are_present_or_skipped():
    if not example_trackers():
        pytest.skip("../shared/trackers is not beside the repository: the agreement tests above were skipped")
