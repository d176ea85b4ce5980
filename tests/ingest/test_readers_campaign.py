"""CRM campaign-member and event-registration reports: only attended / checked-in rows are attendance, the rest
are kept as what they are (ngsp.ingest.detect.readers.campaign)."""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes

from ngsp.figures.summary import summary
from ngsp.ingest import vocab
from ngsp.ingest.pipeline import load_files

D = dt.date
AS_OF = D(2025, 7, 1)

SALESFORCE = """Campaign Name,Member Type,Status,First Name,Last Name,Title,Company / Account,Email,Responded,First Responded Date,Campaign Start Date
Q1 Partnership Meeting 2025,Contact,Attended,Ana,Lopez,HR Director,Acme Manufacturing,ana@acme.com,true,2/20/2025,3/5/2025
Q1 Partnership Meeting 2025,Contact,Registered,Bo,Chan,Director,Larimer Workforce Center,bo@larimer.gov,true,2/21/2025,3/5/2025
Q1 Partnership Meeting 2025,Contact,No Show,Cy,Dee,Owner,Beta Tools,cy@betatools.com,true,2/22/2025,3/5/2025
Q1 Partnership Meeting 2025,Lead,Sent,Dee,Fox,Dean,Front Range Community College,dee@frcc.edu,false,,3/5/2025
Q1 Partnership Meeting 2025,Contact,Attended,Eve,Gray,Manager,Larimer Workforce Center,eve@larimer.gov,true,2/25/2025,3/5/2025
Talent Action Team - April,Contact,Attended,Ana,Lopez,HR Director,Acme Manufacturing,ana@acme.com,true,3/20/2025,4/2/2025
Talent Action Team - April,Contact,Invited,Cy,Dee,Owner,Beta Tools,cy@betatools.com,false,,4/2/2025
"""


def test_salesforce_campaign_members_only_attended_is_attendance() -> None:
    t = load_files([("campaign_members.csv", SALESFORCE.encode())])
    s = summary(t, AS_OF)
    assert s["meetings"]["total"] == 2
    assert s["meetings"]["full_partnership"] == 1 and s["meetings"]["action_team"] == 1
    assert s["attendance"]["records"] == 3
    assert s["attendance"]["business_share_full"] == 0.5  # Ana (Acme) and Eve (Larimer); never Bo, Cy or Dee
    assert s["people"] == 2 and s["organizations"]["total"] == 2  # a mailing list is not the partnership
    assert set(t.meetings["date"].dt.date) == {
        D(2025, 3, 5),
        D(2025, 4, 2),
    }  # the campaign's date, not a response date
    assert s["rejected_rows"] == 0
    led = t.quality.ledger
    aside = led[led["role"] == "set_aside"]
    assert len(aside) == 4  # every registration, invitation and no-show is on the report with its status
    assert {d.split("'")[1] for d in aside["detail"]} == {"Registered", "No Show", "Sent", "Invited"}
    assert s["warnings"] == []
    cols = t.quality.columns
    assert "org_type" not in set(cols["field"])  # "Member Type" (Contact / Lead) is no partner type
    assert "attended" not in set(cols["field"])  # the "Responded" yes/no is not attendance


def test_hubspot_registrations_with_the_event_in_the_title_lines() -> None:
    rows = [
        ["Marketing event participations"],
        ["Event: Spring Partnership Convening"],
        ["Date: April 15, 2025"],
        [],
        ["First name", "Last name", "Email", "Company name", "State"],
        ["Ana", "Lopez", "ana@acme.com", "Acme Manufacturing", "ATTENDED"],
        ["Bo", "Chan", "bo@larimer.gov", "Larimer Workforce Center", "REGISTERED"],
        ["Cy", "Dee", "cy@betatools.com", "Beta Tools", "NO_SHOW"],
        ["Dee", "Fox", "dee@frcc.edu", "Front Range Community College", "CANCELLED"],
        ["Eve", "Gray", "eve@larimer.gov", "Larimer Workforce Center", "ATTENDED"],
    ]
    t = load_files([("hubspot.xlsx", xlsx_bytes({"Participations": rows}))])
    s = summary(t, AS_OF)
    assert s["meetings"]["total"] == 1 and s["meetings"]["full_partnership"] == 1
    assert list(t.meetings["date"].dt.date) == [D(2025, 4, 15)]
    assert s["attendance"]["records"] == 2
    assert t.quality.sheets["taken_as"].iloc[0] == "campaign members"


def test_salesforce_formatted_report_footer_lines_are_notes_and_the_date_comes_from_the_sheet_name() -> None:
    rows = [
        ["Campaign Members: Quarterly Partnership Meeting"],
        [],
        ["First Name", "Last Name", "Company / Account", "Member Status"],
        ["Ana", "Lopez", "Acme Manufacturing", "Attended"],
        ["Bo", "Chan", "Larimer Workforce Center", "Responded"],
        ["Cy", "Dee", "Beta Tools", "Attended"],
        [],
        ["Grand Totals (3 records)"],
        ["Confidential Information - Do Not Distribute"],
    ]
    t = load_files([("report.xlsx", xlsx_bytes({"Members 6-3-2025": rows}))])
    s = summary(t, AS_OF)
    assert list(t.meetings["date"].dt.date) == [D(2025, 6, 3)]
    assert s["meetings"]["full_partnership"] == 1
    assert s["attendance"]["records"] == 2
    led = t.quality.ledger.set_index("source_row")
    assert led.loc[8, "role"] == led.loc[9, "role"] == "note"
    assert s["rejected_rows"] == 0


def test_an_undated_event_rejects_its_attendance_rows_with_the_reason() -> None:
    text = "Name,Email,Status\nAna Lopez,ana@acme.com,Attended\nBo Chan,bo@larimer.gov,Registered\nCy Dee,cy@beta.com,Attended\n"
    t = load_files([("members.csv", text.encode())])
    assert list(t.quality.rejected["source_row"]) == [2, 4]
    assert set(t.quality.rejected["reason"]) == {
        "an attendance row whose meeting has no date that can be read"
    }
    assert len(t.attendance) == 0


def test_an_action_plan_with_owners_and_statuses_is_no_campaign() -> None:
    rows = [
        ["Action Item", "Owner", "Status"],
        ["Recruit employers", "Ana Lopez", "Planned"],
        ["Map routes", "Bo Chan", "Pending"],
        ["Publish calendar", "Cy Dee", "Completed"],
    ]
    t = load_files([("plan.xlsx", xlsx_bytes({"Plan": rows}))])
    assert t.quality.sheets["taken_as"].iloc[0] == "action plan"


def test_member_statuses() -> None:
    came = ["Attended", "ATTENDED", "Checked In", "Attended - Virtual", "attended in person"]
    not_came = [
        "Registered",
        "Invited",
        "Sent",
        "Responded",
        "No Show",
        "NO_SHOW",
        "Did not attend",
        "Declined",
    ]
    assert all(vocab.member_came(w) is True for w in came)
    assert all(vocab.member_came(w) is False for w in not_came)
    assert vocab.member_came("Maria Lopez") is None and vocab.member_came("Yes") is None


def test_a_report_grouped_by_campaign_names_each_campaign_on_its_first_row_only() -> None:
    # Salesforce's formatted export: the campaign and its date on the first member's row, a subtotal after each
    # campaign. A date beside a meeting's name on a row is data, not a grid's header; "Campaign Name" is the
    # event, not the member.
    head = [
        "Campaign Name",
        "Start Date",
        "Member Status",
        "First Name",
        "Last Name",
        "Title",
        "Company / Account",
    ]
    rows = [
        ["Partnership Campaign Members"],
        ["Filtered By: Type equals Partnership Meeting"],
        [],
        [*head, "Member Type"],
        [
            "2025-03-05 Partnership Meeting",
            D(2025, 3, 5),
            "Registered",
            "Bo",
            "Chan",
            "Dean",
            "Larimer College",
        ],
        [None, None, "Attended", "Ana", "Lopez", "HR Director", "Acme Manufacturing", "Contact"],
        [None, None, "Attended Virtually", "Eve", "Gray", "Director", "Larimer Workforce Center", "Contact"],
        ["Subtotal", None, None, None, None, None, None, None],
        [
            "2025-04-02 Talent Action Team",
            D(2025, 4, 2),
            "Attended",
            "Ana",
            "Lopez",
            "Business Liaison",
            "Acme",
        ],
        [None, None, "No Show", "Cy", "Dee", "Owner", "Beta Tools", "Contact"],
        ["Subtotal", None, None, None, None, None, None, None],
        ["Total", None, None, None, None, None, None, None],
        ["Confidential Information - Do Not Distribute"],
    ]
    rows[4].append("Contact")
    rows[8].append(
        "Contact"
    )  # with a date and a meeting's name, almost a grid's header: it is a member's row
    t = load_files([("report.xlsx", xlsx_bytes({"Campaign Member Report": rows}))])
    s = summary(t, AS_OF)
    assert t.quality.sheets["taken_as"].iloc[0] == "campaign members"
    assert sorted(t.meetings["date"].dt.date) == [D(2025, 3, 5), D(2025, 4, 2)]
    assert s["meetings"]["full_partnership"] == 1 and s["meetings"]["action_team"] == 1
    assert s["attendance"]["records"] == 3
    assert s["people"] == 2  # Ana and Eve; a registration and a no-show are not the partnership's people
    assert s["rejected_rows"] == 0
