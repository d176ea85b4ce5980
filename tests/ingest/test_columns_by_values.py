"""Column meaning from headers and values together: an unfamiliar header is read by what its column holds, and a
familiar word over the wrong values (Y / N under "Partner?") never makes a column the organisation."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import load

from ngsp.figures.summary import summary
from ngsp.ingest.detect.values import contradicts, profile, value_fields, value_kind
from ngsp.ingest.names import name_kind

ROSTER = [
    ["Who", "Outfit", "Partner?", "Reach them at"],
    ["Ana Lopez", "Acme Manufacturing", "Y", "ana@acme.com"],
    ["Bo Chan", "Front Range Community College", "N", "bo@frcc.edu"],
    ["Cy Diaz", "Summit Machining", "Y", "cy@summit.com"],
    ["Di Evans", "Larimer County Workforce Center", "N", "di@larimer.org"],
    ["Ed Fox", "Banner Health", "Y", "ed@banner.org"],
]
LOG = [
    ["Gathering", "When", "Who", "Outfit"],
    ["Quarterly partnership meeting", dt.datetime(2024, 3, 5), "Ana Lopez", "Acme Manufacturing"],
    ["Quarterly partnership meeting", dt.datetime(2024, 3, 5), "Bo Chan", "Front Range Community College"],
    ["Quarterly partnership meeting", dt.datetime(2024, 3, 5), "Cy Diaz", "Summit Machining"],
    ["Quarterly partnership meeting", dt.datetime(2024, 6, 5), "Di Evans", "Larimer County Workforce Center"],
    ["Quarterly partnership meeting", dt.datetime(2024, 6, 5), "Ed Fox", "Banner Health"],
]


def test_an_unfamiliar_organisation_header_is_read_by_its_values_and_a_yes_no_column_is_never_it() -> None:
    t = load({"Members": ROSTER, "Sign-ins": LOG})
    cols = t.quality.columns.set_index(["source_sheet", "header"])["field"]
    assert cols[("Members", "Outfit")] == "org" and cols[("Sign-ins", "Outfit")] == "org"
    assert cols[("Members", "Partner?")] != "org"
    assert sorted(t.organizations["name"]) == sorted(r[1] for r in ROSTER[1:])
    s = summary(t, dt.date(2024, 12, 1))
    assert s["organizations"] == {"total": 5, "business": 3, "public": 2}
    assert s["attendance"] == {"records": 5, "business_share_full": 0.6}
    how = t.quality.columns.set_index(["source_sheet", "header"])["how"]
    assert how[("Members", "Outfit")] == "its values"


def test_an_action_plan_with_no_familiar_header_word_but_one() -> None:
    t = load(
        {
            "Work": [
                ["Thing to do", "Who's on it", "Landing date", "Where it stands"],
                ["Host a career fair for high school juniors", "Ana Lopez", "Fall 2024", "still to start"],
                ["Survey employers about childcare needs", "Bo Chan", "EOY 2025", "shelved"],
                ["Launch a transportation pilot with the county", "Cy Diaz", "3/1/2024", "on hold for now"],
                ["Build a shared apprenticeship curriculum", "Di Evans", "Q2/25", "wrapped up"],
            ]
        }
    )
    items = t.action_items.set_index("description")
    assert list(items["status"]) == ["not_started", "stalled", "stalled", "done"]
    assert [d.date() for d in items["due"]] == [
        dt.date(2024, 11, 30),
        dt.date(2025, 12, 31),
        dt.date(2024, 3, 1),
        dt.date(2025, 6, 30),
    ]
    # Fall 2024 (ends 30 November, not started) and 3/1/2024 (on hold) are overdue on 1 December.
    assert summary(t, dt.date(2024, 12, 1))["action_items"]["overdue"] == 2


def test_a_due_date_without_its_year_takes_the_year_of_the_plans_other_due_dates() -> None:
    t = load(
        {
            "Plan": [
                ["Action item", "Due", "Status"],
                ["Recruit two more employers", "3/31/2025", "In progress"],
                ["Publish the talent survey", "Q3", "Not started"],
                ["Hold the summit", "year-end", "Not started"],
                ["Map childcare providers", "ASAP", "Not started"],
            ]
        }
    )
    due = dict(zip(t.action_items["description"], t.action_items["due"], strict=True))
    assert due["Publish the talent survey"].date() == dt.date(2025, 9, 30)
    assert due["Hold the summit"].date() == dt.date(2025, 12, 31)
    assert due["Map childcare providers"] is pd_nat()


def pd_nat():
    import pandas as pd

    return pd.NaT


@pytest.mark.parametrize(
    ("values", "proposed", "ruled_out"),
    [
        (["Y", "N", "Y", "Y", "N"], "attended", "org"),
        (["ana@acme.com", "bo@frcc.edu", "cy@x.org"], "email", "org"),
        (["Business", "Public", "Industry", "Business"], "org_type", "org"),
        (["In progress", "Done", "On hold", "Not started", "still to start"], "status", "org"),
        ([0.5, 1.0, 0.25, "75%", 0], "percent", "person"),
        (["$5,000", "$12,500", "$1.2k", "$300"], "amount", "funder"),
        (["Maria Lopez", "Lopez, Bo", "Dana Whitfield", "Tom Okafor", "Sam Ortiz Jr."], "person", "email"),
        (
            ["Acme Manufacturing", "Banner Health", "Summit Machining", "Front Range Community College"],
            "org",
            "email",
        ),
    ],
)
def test_values_propose_a_field_and_rule_others_out(values, proposed, ruled_out) -> None:
    p = profile([[v] for v in values], 0, 0, False)
    assert proposed in dict(value_fields(p))
    assert contradicts(ruled_out, p)


def test_a_few_repeated_words_are_a_category_not_organisations() -> None:
    p = profile([[v] for v in ["Champion", "Member", "Member", "Co-chair", "Member", "Member"]], 0, 0, False)
    assert "org" not in dict(value_fields(p))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Maria Lopez", "person"),
        ("Lopez, Maria", "person"),
        ("Pat Ruiz, SPHR", "person"),
        ("Dr. Lee Chan", "person"),
        ("Sam Ortiz Jr.", "person"),
        ("Acme Mfg, Inc.", "org"),
        ("Front Range Community College", "org"),
        ("Grace Hospital", "org"),
        ("Summit Machining", "org"),
        ("Y", None),
        ("In progress", None),
    ],
)
def test_people_and_organisations_names(text, kind) -> None:
    assert name_kind(text) == kind


def test_a_header_of_unfamiliar_words_is_found_by_what_its_columns_hold() -> None:
    t = load(
        {
            "Folks": [
                ["Our partnership's people"],
                [],
                ["Human", "Outfit", "Reach"],
                ["Ana Lopez", "Acme Manufacturing", "ana@acme.com"],
                ["Bo Chan", "Front Range Community College", "bo@frcc.edu"],
                ["Cy Diaz", "Summit Machining", "cy@summit.com"],
            ]
        }
    )
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("roster", 3)
    assert sorted(t.people["name"]) == ["Ana Lopez", "Bo Chan", "Cy Diaz"]
    assert len(t.organizations) == 3


def test_a_plan_in_unfamiliar_words_is_read_by_its_values() -> None:
    # No header word says "action item": tasks written as sentences, a few repeated lanes, people, due dates
    # and periods, status words and percents say it, and the lane is the priority, not the organisation.
    t = load(
        {
            "Work Items": [
                ["Lane", "Piece of work", "Accountable", "Finish by", "Where it's at", "Pct. finished"],
                [
                    "Nursing Workforce",
                    "Launch a healthcare careers camp",
                    "Sarah Baker",
                    "Q4/24",
                    "Active",
                    "40%",
                ],
                [
                    "Nursing Workforce",
                    "Pilot a joint program",
                    "Donna Yazzie",
                    dt.datetime(2025, 1, 28),
                    "On Hold",
                    "50%",
                ],
                [
                    "Nursing Workforce",
                    "Publish a quarterly progress update",
                    "Jessica Patel",
                    "2026",
                    "Done",
                    "100%",
                ],
                [
                    "Rural Access",
                    "Host a listening session with employees",
                    "Joseph Garcia",
                    "Mid 2024",
                    "Done",
                    "",
                ],
                [
                    "Rural Access",
                    "Identify public partners to support",
                    "Emily Kim",
                    dt.datetime(2025, 7, 30),
                    "Active",
                    "25%",
                ],
            ]
        }
    )
    assert t.quality.sheets.iloc[0]["taken_as"] == "action plan"
    items = t.action_items
    assert list(items["description"].str.split().str[0]) == ["Launch", "Pilot", "Publish", "Host", "Identify"]
    assert list(items["priority"]) == ["Nursing Workforce"] * 3 + ["Rural Access"] * 2
    assert list(items["owner"])[:2] == ["Sarah Baker", "Donna Yazzie"]
    assert list(items["status"]) == ["in_progress", "stalled", "done", "done", "in_progress"]
    assert t.organizations.empty and t.people.empty


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Pilot a joint program", "phrase"),
        ("Identify public partners to support", "phrase"),
        ("See notes from last call", "phrase"),
        ("Bank of the West", "org"),
        ("Maria de la Cruz", "person"),
    ],
)
def test_text_written_as_a_sentence_is_no_name(text, kind) -> None:
    assert value_kind(text, False) == kind


def test_header_words_and_values_that_agree_outrank_either_alone() -> None:
    # "What needs doing" only loosely names the task, and its sentences could be notes too; "Fine print" names
    # nothing, and its sentences, left empty on many rows, are the notes.
    tasks = [
        ("Rural Access", "Run a careers camp", "Sarah Baker", "Q4/2024", "Active", "Needs a champion"),
        ("Rural Access", "Share a cost comparison", "Donna Yazzie", "Q1/25", "Stalled", None),
        ("Rural Access", "Print a short newsletter", "Jessica Patel", "Q2/25", "Done", None),
        ("Nursing", "Host a listening session", "Joseph Garcia", "Q3/25", "Done", None),
        ("Nursing", "Pilot a joint program", "Emily Kim", "Q3/25", "Active", "See notes from last call"),
        ("Nursing", "Map the clinics with students", "Ana Lopez", "Q4/25", "Active", "On hold"),
        ("Nursing", "Write up what clinics said", "Bo Chan", "Q4/25", "Done", "Call back after the vote"),
    ]
    header = ["Area of work", "What needs doing", "Driver", "Goal date", "Where it's at", "Fine print"]
    t = load({"Game Plan": [header, *map(list, tasks)]})
    fields = t.quality.columns.set_index("header")["field"]
    assert (fields["What needs doing"], fields["Fine print"]) == ("description", "notes")
    assert len(t.action_items) == 7 and t.quality.ledger["role"].eq("rejected").sum() == 0


def test_a_data_row_with_header_words_in_it_is_not_the_header() -> None:
    # Only "Action we agreed" is a header word above; "See notes from last call" and "To do" further down are
    # header words too, in rows whose other cells are like the values around them: data, not a header.
    tasks = [
        (
            "Housing",
            "Host a listening session",
            "Joseph Adams",
            dt.datetime(2026, 11, 13),
            "Discontinued",
            None,
        ),
        ("Housing", "Convene HR directors on retention", "Jamal Nakamura", "1/26/2026", "In process", None),
        (
            "Housing",
            "Draft a brief for elected officials",
            "Pat Peterson",
            "3/25/2025",
            "Achieved",
            "Needs a champion",
        ),
        (
            "Childcare",
            "Launch a youth pilot",
            "Jon Roberts",
            "2/15/2025",
            "To do",
            "See notes from last call",
        ),
        ("Childcare", "Map the providers near plants", "Tim Howard", "Fall 2025", "Paused", None),
        ("Childcare", "Recruit three more businesses", "Priya Castillo", "12/19/2024", "Not started", None),
    ]
    header = ["Lane", "Action we agreed", "Handled by", "Needed by", "Pulse", "Fine print"]
    t = load({"Work Items": [header, *map(list, tasks)]})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("action plan", 1)
    assert len(t.action_items) == 6 and set(t.action_items["priority"]) == {"Housing", "Childcare"}


def test_a_log_whose_meeting_column_could_be_read_as_tasks_is_no_action_plan() -> None:
    # "What kind of meeting" also loosely says "what": a plan needs a column best read as its tasks, and a
    # column of meetings' names under a meeting word is not one, whatever the dates beside it could be.
    rows = [["Gathering date", "What kind of meeting", "Name of person", "Outfit"]]
    for d, meeting in [(dt.datetime(2024, 3, 5), "Quarterly partnership meeting"), (dt.datetime(2024, 4, 9), "Talent action team")]:  # fmt: skip
        rows += [[d, meeting, name, org] for name, org in [r[:2] for r in ROSTER[1:4]]]
    t = load({"Sign-in Log": rows})
    assert t.quality.sheets.iloc[0]["taken_as"] == "attendance log"
    assert len(t.attendance) == 6 and t.action_items.empty


def test_a_header_of_unfamiliar_words_over_a_plan_is_its_first_row_not_a_row_telling_one_thing_more() -> None:
    # No word of the header is known; the first task's row tells one thing more (its "lane" reads as an
    # organisation) yet is data like the rows around it. Shares done are numbers without their sign.
    tasks = [
        ("Rural Access", "Share a cost comparison", "Steven Lindqvist", "6/22/24", "Done and dusted", 100),
        ("Rural Access", "Pilot a joint program", "Elizabeth Gutierrez", "09/11/2024", "Complete", 100),
        ("Rural Access", "Publish a progress update", "Steven Lindqvist", "07/31/2024", "In the works", 60),
        ("Nursing", "Host a listening session", "Joseph Sanchez", "4/15/2025", "Delivered in full", 100),
        ("Nursing", "Set up a shared float pool", "Nancy Allen", "10/10/2024", "Not started", 0),
    ]
    header = ["Workstream", "Undertaking", "Carried by", "Wrap-up", "Where it stands", "Done so far"]
    t = load({"Our Plan": [header, *map(list, tasks)]})
    sheet = t.quality.sheets.iloc[0]
    assert (sheet["taken_as"], sheet["header_row"]) == ("action plan", 1)
    assert len(t.action_items) == 5
    assert t.quality.columns.set_index("header")["field"]["Done so far"] == "percent"
    assert list(t.action_items["percent"]) == [1.0, 1.0, 0.6, 1.0, 0.0]


def test_numbers_in_steps_of_five_are_shares_done_and_a_headcount_is_not() -> None:
    assert "percent" in dict(value_fields(profile([[v] for v in [0, 60, 100, 25]], 0, 0, False)))
    assert "percent" not in dict(value_fields(profile([[v] for v in [3, 17, 5, 12]], 0, 0, False)))


def test_identifiers_links_and_unused_counts_are_never_a_priority_or_a_percent() -> None:
    # A Trello board export: the list's id is a code on every row, its name the priority; a count nobody used
    # (all zeros) is no percent complete.
    head = [
        "Card ID",
        "Card Name",
        "Card URL",
        "Members",
        "Due Date",
        "Attachment Count",
        "List ID",
        "List Name",
    ]
    rows = [head]
    lists = {"Talent": "e3fe312a1d2e38fdc0e85f67", "Image": "0177df3489b61406e3182bd4"}
    for k in range(8):
        name = "Talent" if k < 4 else "Image"
        rows.append([f"9476a03173fc700be5ce{k:04d}", f"Host session number {k} with employers",
                     f"https://trello.com/c/9476a0{k}", "Ana Lopez", dt.datetime(2025, 3, 1 + k), 0.0,
                     lists[name], name])  # fmt: skip
    t = load({"Board": rows})
    assert sorted(set(t.action_items["priority"])) == ["Image", "Talent"]
    assert t.action_items["percent"].isna().all()
    cols = t.quality.columns
    taken = dict(zip(cols["header"], cols["field"], strict=True))
    assert "List ID" not in taken and "Card ID" not in taken and taken.get("Attachment Count") != "percent"


def test_a_crm_contacts_export_is_a_roster_not_a_task_list() -> None:
    # First and last names in columns of their own, job titles repeating like a task's group, account names
    # that read like tasks: a list of people.
    rows = [["First Name", "Last Name", "Account Name", "Title", "Email", "Account Type", "Mailing City"]]
    firms = ["Bedrock Home Health", "Red Fox Family Dental", "Fox Valley Community College"]
    titles = ["HR Director", "CEO", "Dean of Workforce"]
    for k, (first, last) in enumerate([("Ana", "Lopez"), ("Bo", "Chan"), ("Cy", "Diaz"), ("Di", "Evans"),
                                       ("Ed", "Fox"), ("Flo", "Gray")]):  # fmt: skip
        rows.append(
            [first, last, firms[k % 3], titles[k % 3], f"{first.lower()}@x{k}.com", "Employer", "Appleton"]
        )
    t = load({"Contacts": rows})
    assert list(t.quality.sheets["taken_as"]) == ["roster"]
    assert len(t.people) == 6 and t.action_items.empty


def test_meeting_names_holding_words_of_firms_names_are_meetings() -> None:
    # "Behavioral Health Staffing Action Team" holds "Health", as firms' names do: the gathering's word tells.
    names = ["Behavioral Health Staffing Action Team", "Action Team Call - Housing for Health Workers",
             "AT: Allied Health Pathways", "Full Partnership Convening", "Co-chair Call"]  # fmt: skip
    for n in names:
        assert value_kind(n, False) == "meeting", n
    for n in ["Summit Machining", "Mercy Health Forum", "Launch a careers camp with the county"]:
        assert value_kind(n, False) != "meeting", n


def test_given_and_family_name_columns_are_first_and_last_names_by_their_values() -> None:
    rows = [["Given", "Family", "Rep's employer", "Email (work)"]]
    for first, last, org in [("George", "Gutierrez", "Bedrock Home Health"), ("Brian", "Nguyen", "Bedrock Home Health"),
                             ("Luis", "Nakamura", "Red Fox Family Dental"), ("Justin", "Bailey", "Red Fox Dental"),
                             ("Maria", "Lopez", "Fox Valley Community College")]:  # fmt: skip
        rows.append([first, last, org, None])
    t = load({"Rolodex": rows})
    assert sorted(t.people["name"]) == ["Brian Nguyen", "George Gutierrez", "Justin Bailey", "Luis Nakamura",
                                        "Maria Lopez"]  # fmt: skip


def test_a_directory_of_people_with_firms_and_job_titles_is_no_task_list() -> None:
    # "Works for" holds firms' names (no sentences) and "Does what" job titles repeating like a task's group;
    # the column headed as names holds people: a directory of partners.
    rows = [["Guest name", "Works for", "Does what", "Electronic mail"]]
    firms = ["Rampart Interactive", "Bedrock Data", "Eagle Interactive", "Pioneer Technologies", "Harmony Analytics",
             "Bedrock Digital", "Prairie Robotics", "Horizon Analytics"]  # fmt: skip
    titles = ["HR Director", "CTO", "Founder"]
    names = [
        "Eric Gomez",
        "Charles Flores",
        "Kimberly Hall",
        "Ana Lopez",
        "Bo Chan",
        "Cy Diaz",
        "Di Evans",
        "Ed Fox",
    ]
    people = [(n, firms[k], titles[k % 3]) for k, n in enumerate(names)]
    rows += [[n, o, r, f"{n.split()[0].lower()}@x.com"] for n, o, r in people]
    t = load({"Partner Directory": rows})
    assert list(t.quality.sheets["taken_as"]) == ["roster"]
    assert len(t.people) == 8 and t.action_items.empty
