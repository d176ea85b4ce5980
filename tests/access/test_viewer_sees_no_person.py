"""A viewer (a funder) sees no person, however a tracker writes them (issue 16).

Names reached the viewer three ways redaction by column missed: an action-item owner who is not on the roster,
first names used alone in free text ("call Bartholomew", "Xiomara's retention project"), and a sheet named after
a person on the Data quality page; a funder or organisation that is a person ("Kim Lee (self-employed)",
"personal gift from ...") was shown as written. Here a tracker puts names, e-mails and phone numbers in every
free-text field, and none may reach any page, slide, chart or download a viewer gets.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from builders import xlsx_bytes

from ngsp import access

AS_OF = dt.date(2025, 6, 30)

# Every way a person is written in the tracker below; none may reach a viewer (matched as whole words).
SECRETS = [
    "Bartholomew",
    "Quince",
    "Xiomara",
    "Delacroix",
    "Ravi",
    "Patel",
    "Dana",
    "Whitfield",
    "Kim Lee",
    "Odalys",
    "Fennimore",
    "bq@acme.example",
    "dana.whitfield@example.org",
    "555) 201-3344",
    "608 555 0142",
]


def names_everywhere() -> bytes:
    """A tracker with people written in every field a convener types into."""
    roster = [
        ["Name", "Organization", "Partner Type", "Email", "Phone", "Title"],
        ["Bartholomew Quince", "Acme Manufacturing", "Business", "bq@acme.example", "608 555 0142", "Owner"],
        ["Xiomara Delacroix", "County Workforce Board", "Public", "xd@county.example", "", "Director"],
        ["Ravi Patel", "Beta Tools", "Business", "", "", "CEO"],
        ["Kim Lee", "Kim Lee (self-employed)", "Business", "", "", "Consultant"],
        ["Odalys Fennimore", "Gamma Health", "Business", "", "", "HR lead"],
    ]
    meetings = [
        ["Meeting", "Date", "Type", "Location", "Notes"],
        [
            "Launch hosted by Bartholomew",
            dt.date(2025, 1, 15),
            "Launch",
            "Xiomara's office",
            "Ravi to follow up",
        ],
        ["Q1 partnership meeting", dt.date(2025, 3, 20), "Full partnership", "Acme plant", "thanks Kim Lee"],
        ["Q2 partnership meeting", dt.date(2025, 6, 5), "Full partnership", "Beta Tools", ""],
    ]
    attendance = [
        ["Name", "Organization", "Meeting", "Date"],
        ["Bartholomew Quince", "Acme Manufacturing", "Launch hosted by Bartholomew", dt.date(2025, 1, 15)],
        ["Xiomara Delacroix", "County Workforce Board", "Launch hosted by Bartholomew", dt.date(2025, 1, 15)],
        ["Ravi Patel", "Beta Tools", "Q1 partnership meeting", dt.date(2025, 3, 20)],
        ["Kim Lee", "Kim Lee (self-employed)", "Q1 partnership meeting", dt.date(2025, 3, 20)],
        ["Odalys Fennimore", "Gamma Health", "Q2 partnership meeting", dt.date(2025, 6, 5)],
    ]
    plan = [
        ["Priority", "Action Item", "Owner", "Status", "Due", "Notes", "Contact person"],
        ["Talent Pipeline", "Call Bartholomew about the plant tour", "Ravi Patel", "In progress", "2025-05-01",
         "ask Xiomara", "Dana Whitfield"],
        ["Talent Pipeline", "Xiomara's retention project", "Dana Whitfield", "Not started", "when Kim is back",
         "", "Dana Whitfield"],
        ["Childcare Access", "Email dana.whitfield@example.org or ring (555) 201-3344", "Odalys Fennimore",
         "Stalled", "Q3 2025", "", ""],
        ["Childcare Access", "Survey members with Odalys", "County Workforce Board", "Done", "2025-02-01", "",
         ""],
    ]  # fmt: skip
    funding = [
        ["Funder", "Amount", "Status", "Notes"],
        ["Kim Lee (self-employed)", 500, "Received", "in kind"],
        ["personal gift from Ravi Patel", 250, "Received", ""],
        ["Joyce Foundation", 10000, "Committed", "thanks to Xiomara"],
    ]
    notes_sheet = [["Notes for Bartholomew"], ["Xiomara says the board meets monthly"]]
    return xlsx_bytes(
        {
            "Roster": roster,
            "Meetings": meetings,
            "Attendance": attendance,
            "Action Plan": plan,
            "Funding": funding,
            "Bartholomew": notes_sheet,  # a sheet named after a person
        }
    )


def leaks(text: str) -> list[str]:
    return [s for s in SECRETS if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.IGNORECASE)]


@pytest.fixture(scope="module")
def tracker():
    from ngsp.ingest.pipeline import load_files

    return load_files([("tracker.xlsx", names_everywhere())])


def _all_text(t) -> str:
    frames = [t.organizations, t.people, t.meetings, t.attendance, t.action_items, t.funding]
    q = t.quality
    frames += [q.sheets, q.columns, q.merges, q.rejected, q.corrections, q.ledger]
    return "\n".join(
        [df.to_csv(index=False) for df in frames] + list(q.notes) + list(q.warnings) + [t.name, *t.files]
    )


def test_the_convener_sees_everybody(tracker):
    assert set(leaks(_all_text(tracker))) == set(SECRETS)  # every secret is somewhere in the tracker


def test_the_viewers_tracker_holds_no_person(tracker):
    r = access.redact(tracker)
    assert not leaks(_all_text(r)), leaks(_all_text(r))


def test_owners_not_on_the_roster_are_a_partner_and_people_funders_an_individual(tracker):
    r = access.redact(tracker)
    owners = dict(zip(tracker.action_items["description"], r.action_items["owner"], strict=True))
    assert owners["Xiomara's retention project"] == access.SOME_PARTNER  # Dana Whitfield: not on the roster
    assert owners["Survey members with Odalys"] == "County Workforce Board"
    assert "[name]'s retention project" in set(r.action_items["description"])
    funders = list(r.funding["funder"])
    assert funders[2] == "Joyce Foundation" and all(f.startswith(access.INDIVIDUAL) for f in funders[:2])
    assert any(n.startswith(access.INDIVIDUAL) for n in r.organizations["name"])  # Kim Lee (self-employed)
    assert "Acme Manufacturing" in set(r.organizations["name"])  # organisations stay
    assert r.funding["amount"].sum() == tracker.funding["amount"].sum()  # and every figure


def test_a_sheet_named_after_a_person_is_not_named(tracker):
    r = access.redact(tracker)
    assert "Bartholomew" in set(tracker.quality.sheets["source_sheet"])
    assert "Bartholomew" not in set(r.quality.sheets["source_sheet"])


@pytest.mark.parametrize(
    ("name", "individual"),
    [
        ("Kim Lee (self-employed)", True),
        ("personal gift from Ravi Patel", True),
        ("Donation from Acme Manufacturing", False),
        ("Anonymous", True),
        ("Maria Lopez", True),
        ("Rocky Mountain Excavation", False),
        ("Joyce Foundation", False),
        ("County Workforce Board", False),
        ("Individual donors", True),
    ],
)
def test_which_funders_are_a_person(name, individual):
    assert access.is_individual(name) is individual


def test_names_are_found_whole_and_alone_but_not_inside_words():
    scrub = access.Scrubber(["Ann Lee", "Bartholomew Quince"], keep=["Lee County Board"])
    assert scrub("call Bartholomew; Ann Lee joins") == "call [name]; [name] joins"
    assert (
        scrub("Bartholomew's team, Annapolis, Lee County Board")
        == "[name]'s team, Annapolis, Lee County Board"
    )
    assert scrub("May 2025: plan the tour") == "May 2025: plan the tour"


def _deck_text(data: bytes) -> str:
    from pptx import Presentation

    texts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
            if getattr(shape, "has_chart", False) and shape.has_chart:
                for plot in shape.chart.plots:
                    texts += [str(c) for c in plot.categories] + [s.name for s in plot.series]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


def test_the_viewers_slides_and_report_name_nobody(tracker):
    from pypdf import PdfReader

    from ngsp import export

    r = access.redact(tracker)
    deck = _deck_text(export.deck_bytes(r, AS_OF))
    report = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(export.report_bytes(r, AS_OF))).pages)
    assert "Acme Manufacturing" in deck + report
    assert not leaks(deck), leaks(deck)
    assert not leaks(report), leaks(report)


@pytest.mark.slow
def test_a_viewer_meets_no_person_on_any_page(tmp_path):
    """AppTest: signed in with the viewer password, on every page and every presentation slide."""
    from _pages import PAGES
    from google.protobuf import text_format
    from streamlit.testing.v1 import AppTest

    from ngsp.app import state as ui

    root = __import__("conftest").ROOT
    viewer_pw = "funder secret 22"
    at = AppTest.from_file(str(root / "app.py"), default_timeout=180)
    at.secrets["ngsp"] = {
        "auth": {"mode": "password", "viewer_password_hash": access.hash_password(viewer_pw)}
    }
    at.run()
    at.text_input(key=ui.W_PASSWORD).input(viewer_pw)
    at.button[0].click()
    at.run()
    assert at.session_state[ui.ROLE] == access.VIEWER
    at.session_state[ui.SOURCE] = (("tracker.xlsx", names_everywhere()),)
    at.session_state[ui.AS_OF] = AS_OF

    def rendered() -> str:
        out = []
        for node in at._tree:
            if getattr(node, "proto", None) is not None:
                out.append(text_format.MessageToString(node.proto, as_utf8=True))
            if getattr(node, "type", "") in ("arrow_data_frame", "dataframe"):
                out.append(node.value.to_csv())
        return "\n".join(out)

    shown = []
    for page in PAGES:
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, page
        text = rendered()
        shown.append(text)
        assert not leaks(text), f"{page}: {leaks(text)}"
    assert any("Acme Manufacturing" in s for s in shown), "the tracker was shown"
    # presentation mode: every slide (charts are in the page as plotly specs: labels, hover text, titles)
    from ngsp.figures import charts

    at.switch_page("pages/overview.py")
    at.run()
    at.button(key="w.present").click().run()
    for _ in charts.SLIDES:
        assert not leaks(rendered()), leaks(rendered())
        at.button(key="w.next").click().run()
