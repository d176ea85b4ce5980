"""Attendance reports with known truth: the files Zoom, Teams, Meet, Webex, Eventbrite and forms write, as
conveners download them, re-save them in Excel, and drop them beside a roster.

A seed draws people (some on a roster, some not), meetings (some already in the tracker's log), who attended
each meeting and in how many sessions; a writer renders each meeting in one layout, locale and encoding, and
writes names as the platforms and people do (display names, "Last, First", organisations or devices in
brackets, platform tags, middle initials, credentials, addresses in another case, no address at all). The truth
is what a careful person would count from those files: the distinct people, the attendance records (one per
person per meeting) and the meetings' dates. Every way of writing a name used here is one the brief says must
be matched, so the truth never asks for a guess.

Written from the format reference (../shared/formats/attendance_exports.md), not from ngsp's code.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from openpyxl import Workbook

FIRST = [
    "Ana", "Priya", "Tom", "Helen", "Luis", "Dana", "Marcus", "Keiko", "Olu", "Grace", "Ravi", "Sofia", "Jamal",
    "Ingrid", "Mateo", "Chloe", "Wen", "Fatima", "Declan", "Nadia", "Owen", "Lucia", "Samir", "Hana", "Tobias",
    "Maren", "Elif", "Kofi", "Yara", "Bruno",
]  # fmt: skip
LAST = [
    "Ruiz", "Raman", "Okafor", "Castro", "Ortega", "Whitfield", "Bell", "Tanaka", "Adeyemi", "Lindqvist",
    "Menon", "Varga", "Hughes", "Berg", "Silva", "Moreau", "Zhang", "Haddad", "Byrne", "Petrova", "Price",
    "Romano", "Khoury", "Sato", "Keller", "Dahl", "Yilmaz", "Mensah", "Farah", "Costa",
]  # fmt: skip
ORGS = [
    ("Northfield Manufacturing", "northfield-mfg.example.com"),
    ("Brightpath Health", "brightpath-health.example.org"),
    ("Acme Tool and Die", "acmetool.example.com"),
    ("Valley Community College", "valleycc.example.edu"),
    ("County Workforce Board", "workforce.example.gov"),
    ("Summit Machining", "summitmachining.example.com"),
    ("Riverbend Logistics", "riverbend.example.net"),
    ("Granite Fabrication", "granitefab.example.com"),
]
PERSONAL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com"]
TITLES = [
    "Advanced Manufacturing Partnership - Quarterly Meeting",
    "Talent Pipeline Action Team",
    "Healthcare Workforce Action Team",
    "Full Partnership Meeting",
    "Co-chair planning call",
    "Transportation Action Team",
]
LAYOUTS = (
    "zoom_classic_perjoin",
    "zoom_classic_unique",
    "zoom_classic_nopreamble",
    "zoom_2024_perjoin",
    "zoom_2024_unique",
    "zoomus",
    "zoom_webinar",
    "teams_list",
    "teams_summary",
    "teams_sections",
    "teams_live",
    "meet",
    "webex",
    "eventbrite",
    "google_forms",
    "microsoft_forms",
)
TEAMS_LAYOUTS = {"teams_list", "teams_summary", "teams_sections"}
ENCODINGS = (
    "native",
    "utf8",
    "utf8_bom",
    "utf16",
    "utf16_nobom",
    "cp1252_resave",
    "semicolon_resave",
    "xlsx",
)


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str  # "" for somebody whose address nobody knows
    org: str
    on_roster: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Presence:
    """One person at one meeting: their sessions (join, leave) and how the report writes them."""

    person: Person
    sessions: list[tuple[datetime, datetime]]
    display: str
    shown_email: str
    role: str = "Attendee"

    @property
    def minutes(self) -> float:
        return sum((b - a).total_seconds() for a, b in self.sessions) / 60


@dataclass
class Meeting:
    day: date
    start: datetime
    end: datetime
    title: str
    present: list[Presence]
    in_tracker: bool = False  # the tracker's log already lists this meeting (with some of its people)
    logged: list[Person] = field(default_factory=list)


@dataclass
class Case:
    """Files to read together, and what reading them must give."""

    label: str
    files: list[tuple[str, bytes]]
    people: int
    records: int
    dates: list[str]
    dayfirst_tracker: bool = False
    rejoins: int = 0  # people who joined a meeting more than once
    in_tracker: int = 0  # meetings the tracker's log lists already (the reports add to them)


# ---------------------------------------------------------------------------------------------------------
def people_pool(rng: random.Random, n: int) -> list[Person]:
    """n people with distinct names and distinct first-name-and-initial pairs (so 'Ana R.' is unambiguous)."""
    out, seen, initials = [], set(), set()
    firsts, lasts = FIRST[:], LAST[:]
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    k = 0
    while len(out) < n and k < 900:
        f, la = firsts[k % len(firsts)], lasts[(k * 7 + k // len(firsts)) % len(lasts)]
        k += 1
        if (f, la) in seen or (f, la[0]) in initials:
            continue
        seen.add((f, la))
        initials.add((f, la[0]))
        org, domain = rng.choice(ORGS)
        on_roster = rng.random() < 0.7
        kind = rng.random()
        if kind < 0.75:
            email = f"{f}.{la}@{domain}".lower()
        elif kind < 0.9:
            email = f"{f}{la}{k}@{rng.choice(PERSONAL)}".lower()
            org = org if on_roster else ""
        else:
            email = ""
        out.append(Person(f, la, email, org, on_roster))
    return out


def _display(
    rng: random.Random, p: Person, layout: str, alone: bool, lone_first: bool = False
) -> tuple[str, str]:
    """How a report writes a person: (display name, address shown). Only forms the brief says must match.

    ``alone``: no roster is read with the report, so a name must stand on its own (no initials);
    ``lone_first``: nobody else on the roster has this person's first name, so it may stand alone ("Priya")."""
    email = p.email
    forms = ["plain", "plain", "case", "lastfirst", "org", "credential"]
    if layout.startswith("zoom"):
        forms += ["device"]
    if layout in TEAMS_LAYOUTS:
        forms += ["tag"]
    if not alone and p.on_roster:
        forms += ["middle", "initial"] + (["first"] if lone_first else [])
    form = rng.choice(forms)
    if email and rng.random() < 0.3:
        email = email.upper() if rng.random() < 0.5 else email.title()
    if p.email and not alone and p.on_roster and rng.random() < 0.25:
        email = ""  # a guest not signed in: the name must do
    name = p.name
    if form == "case":
        name = name.upper() if rng.random() < 0.5 else name.lower()
    elif form == "lastfirst":
        name = f"{p.last}, {p.first}"
    elif form == "org" and p.org:
        name = f"{p.name} ({p.org})"
    elif form == "credential":
        name = rng.choice([f"Dr. {p.name}", f"{p.name}, PhD", f"{p.name}, SPHR"])
    elif form == "device":
        name = rng.choice([f"{p.first}'s iPhone ({p.name})", f"iPad ({p.name})"])
    elif form == "tag":
        name = f"{p.name} ({rng.choice(['External', 'Guest', 'Unverified'])})"
        if "Unverified" in name:
            email = ""
    elif form == "middle":
        name = f"{p.first} {rng.choice('ABCDEJKLMS')}. {p.last}"
    elif form == "initial":
        name = f"{p.first} {p.last[0]}."
    elif form == "first":
        name = p.first
    if not email and not alone and not p.on_roster:
        email = p.email  # somebody new is known by an address or a full name
        if not email:
            name = p.name
    if form == "first" and email:
        email = ""  # a first name alone is how a guest not signed in shows
    if not email and alone and form in ("initial", "middle", "first"):
        name = p.name
    return name, email


def make_meetings(
    rng: random.Random, pool: list[Person], n: int, layout_of, alone: bool, year: int = 2025
) -> list[Meeting]:
    out = []
    firsts = [p.first for p in pool if p.on_roster]
    days = sorted(rng.sample(range(10, 330), n))
    for d in days:
        day = date(year, 1, 1) + timedelta(days=d)
        start = datetime.combine(day, time(rng.choice([8, 9, 10, 13, 14, 15]), rng.choice([0, 28, 58]), 12))
        length = rng.choice([45, 60, 90])
        end = start + timedelta(minutes=length)
        layout = layout_of(len(out))
        who = rng.sample(pool, rng.randint(3, min(9, len(pool))))
        present = []
        for p in who:
            joins = rng.choice([1, 1, 1, 2, 3])
            a = start + timedelta(seconds=rng.randint(0, 900))
            sessions = []
            for _ in range(joins):
                b = min(end, a + timedelta(seconds=rng.randint(300, 2400)))
                sessions.append((a, b))
                a = b + timedelta(seconds=rng.randint(30, 300))
                if a >= end:
                    break
            display, shown = _display(
                rng,
                p,
                layout,
                alone,
                firsts.count(p.first) == 1 and p.first not in {q.first for q in pool if not q.on_roster},
            )
            present.append(Presence(p, sessions, display, shown))
        present[0].role = "Organizer"
        out.append(Meeting(day, start, end, rng.choice(TITLES), present))
    return out


# ---------------------------------------------------------------------------------------------------------
# Date and time as each locale writes them.
def us(t: datetime, year4: bool = True, seconds: bool = True, zero: bool = False) -> str:
    y = t.year if year4 else t.year % 100
    h = t.hour % 12 or 12
    d = f"{t.month:02d}/{t.day:02d}/{y}" if zero else f"{t.month}/{t.day}/{y}"
    clock = f"{h:02d}:{t.minute:02d}" if zero else f"{h}:{t.minute:02d}"
    return f"{d} {clock}{f':{t.second:02d}' if seconds else ''} {'AM' if t.hour < 12 else 'PM'}"


def gb(t: datetime, year4: bool = True, sep: str = "/") -> str:
    y = t.year if year4 else f"{t.year % 100:02d}"
    return f"{t.day:02d}{sep}{t.month:02d}{sep}{y}, {t:%H:%M:%S}"


def teams_us(t: datetime, year4: bool = True) -> str:
    return us(t, year4).replace(" ", ", ", 1)


def excel(t: datetime, dayfirst: bool = False) -> str:
    """What Excel writes back for a date-time it understood: 9/24/20 13:30 (or 24/09/2020 13:30)."""
    return (
        f"{t.day:02d}/{t.month:02d}/{t.year} {t:%H:%M}"
        if dayfirst
        else f"{t.month}/{t.day}/{t.year % 100:02d} {t:%H:%M}"
    )


def teams_dur(minutes: float) -> str:
    s = int(round(minutes * 60))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return " ".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (sec, "s")) if v) or "0s"


def meet_dur(minutes: float) -> str:
    s = int(round(minutes * 60))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    if not h and not m:
        return f"{sec} sec"
    return " ".join(f"{v} {u}" for v, u in ((h, "hr"), (m, "min")) if v)


def zoom_min(minutes: float) -> int:
    return max(1, int(-(-minutes // 1)))


# ---------------------------------------------------------------------------------------------------------
# Layouts: (file name, rows, is Teams-like UTF-16 tab file, dayfirst locale used)
def render(rng: random.Random, m: Meeting, layout: str, locale: str) -> tuple[str, list[list[str]]]:
    title = m.title
    stamp = f"{m.start:%Y-%m-%d %H-%M}"
    rows: list[list[str]] = []
    if layout.startswith("zoom_classic") or layout.startswith("zoom_2024"):
        classic = layout.startswith("zoom_classic")
        unique = layout.endswith("unique")
        if classic and not layout.endswith("nopreamble"):
            rows += [
                ["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"],
                ["81234567890", title, us(m.start, zero=True), us(m.end, zero=True), m.present[0].person.email or "",
                 str(zoom_min((m.end - m.start).total_seconds() / 60)), str(len(m.present))],
                [""] * rng.choice([1, 7]),
            ]  # fmt: skip
        elif not classic:
            host = m.present[0]
            rows += [
                ["Topic", "ID", "Host", "Duration (minutes)", "Start time", "End time", "Participants"],
                [title, "84512309876", f"{host.person.name} ({host.person.email})",
                 str(zoom_min((m.end - m.start).total_seconds() / 60)), us(m.start, zero=True), us(m.end, zero=True),
                 str(len(m.present))],
                [""],
            ]  # fmt: skip
        name_h = "Name (Original Name)" if classic else "Name (original name)"
        email_h = "User Email" if classic else "Email"
        if unique:
            rows.append(
                [
                    name_h,
                    email_h,
                    "Total Duration (Minutes)" if classic else "Total duration (minutes)",
                    "Guest",
                ]
            )
            for p in m.present:
                rows.append(
                    [p.display, p.shown_email, str(zoom_min(p.minutes)), rng.choice(["Yes", "No", ""])]
                )
        else:
            head = [
                name_h,
                email_h,
                "Join Time",
                "Leave Time",
                "Duration (Minutes)",
                "Guest",
                "In Waiting Room",
            ]
            if not classic:
                head = [
                    name_h,
                    email_h,
                    "Join time",
                    "Leave time",
                    "Duration (minutes)",
                    "Guest",
                    "In waiting room",
                ]
            rows.append(head)
            waiting = rng.random() < 0.5
            for p in m.present:
                if waiting and p is m.present[-1]:
                    a = p.sessions[0][0] - timedelta(minutes=2)
                    rows.append(
                        [
                            p.display,
                            p.shown_email,
                            us(a, zero=True),
                            us(p.sessions[0][0], zero=True),
                            "2",
                            "Yes",
                            "Yes",
                        ]
                    )
                for a, b in p.sessions:
                    rows.append([p.display, p.shown_email, us(a, zero=True), us(b, zero=True),
                                 str(zoom_min((b - a).total_seconds() / 60)), "Yes", "No"])  # fmt: skip
        return f"participants_{rng.randint(10**9, 10**10)}.csv", rows
    if layout == "zoomus":
        rows.append(
            ["User Name", "User Email", "Join time", "Leave time", "Duration(Minutes)", "Attentiveness Score"]
        )
        for p in m.present:
            for a, b in p.sessions:
                rows.append([p.display, p.shown_email, f"{a:%m/%d/%Y %H:%M:%S}", f"{b:%m/%d/%Y %H:%M:%S}",
                             f"{zoom_min((b - a).total_seconds() / 60)}.0", ""])  # fmt: skip
        return f"zoomus_meeting_report_{rng.randint(10**10, 10**11)}.csv", rows
    if layout == "zoom_webinar":
        w = 12
        pad = lambda r: r + [""] * (w - len(r))  # noqa: E731
        wdate = lambda t: f"{t:%b} {t.day}, {t.year} {t:%H:%M:%S}"  # noqa: E731
        rows += [
            pad(["Attendee Report"]),
            pad(["Report Generated:", f"{m.end + timedelta(days=3):%b %d, %Y %I:%M %p}"]),
        ]
        rows += [
            pad(
                [
                    "Topic",
                    "Webinar ID",
                    "Actual Start Time",
                    "Actual Duration (minutes)",
                    "# Registered",
                    "Unique Viewers",
                ]
            )
        ]
        rows += [
            pad([title, "91234567890", wdate(m.start), "60", str(len(m.present) + 2), str(len(m.present))])
        ]
        rows += [
            pad(["Host Details"]),
            pad(
                [
                    "Attended",
                    "User Name (Original Name)",
                    "Email",
                    "Join Time",
                    "Leave Time",
                    "Time in Session (minutes)",
                    "Is Guest",
                    "Country/Region Name",
                ]
            ),
        ]
        host, rest = m.present[0], m.present[1:]
        for a, b in host.sessions:
            rows.append(
                pad(
                    [
                        "Yes",
                        host.display,
                        host.shown_email,
                        wdate(a),
                        wdate(b),
                        str(zoom_min((b - a).total_seconds() / 60)),
                        "No",
                        "United States",
                    ]
                )
            )
        rows += [
            pad(["Attendee Details"]),
            [
                "Attended",
                "User Name (Original Name)",
                "First Name",
                "Last Name",
                "Email",
                "Phone",
                "Registration Time",
                "Approval Status",
                "Join Time",
                "Leave Time",
                "Time in Session (minutes)",
                "Is Guest",
            ],
        ]
        for p in rest:
            for a, b in p.sessions:
                rows.append(
                    [
                        "Yes",
                        p.display,
                        p.person.first,
                        p.person.last,
                        p.shown_email,
                        "",
                        wdate(m.start - timedelta(days=5)),
                        "approved",
                        wdate(a),
                        wdate(b),
                        str(zoom_min((b - a).total_seconds() / 60)),
                        "Yes",
                    ]
                )
        for k in range(2):  # registered, did not come
            rows.append(
                [
                    "No",
                    f"No Show{k}",
                    "No",
                    f"Show{k}",
                    f"noshow{k}@example.com",
                    "",
                    wdate(m.start - timedelta(days=5)),
                    "approved",
                    "--",
                    "--",
                    "--",
                    "--",
                ]
            )
        return f"webinar_attendee_report_{m.day:%Y%m%d}.csv", rows
    if layout == "teams_list":
        rows.append(["Full Name", "User Action", "Timestamp"])
        events = []
        for p in m.present:
            name = p.display if "," in p.display or "(" in p.display else f"{p.person.last}, {p.person.first}"
            if p.display.isupper() or p.display.islower():
                name = p.display
            for k, (a, b) in enumerate(p.sessions):
                events.append(
                    (a, name, "Joined" if k or a > m.start + timedelta(minutes=1) else "Joined before")
                )
                if k < len(p.sessions) - 1 or rng.random() < 0.7:
                    events.append((b, name, "Left"))
        events.sort()
        fmt = teams_us if locale == "en-US" else gb
        for t, name, action in events:
            rows.append([name, action, fmt(t)])
        return "meetingAttendanceList.csv", rows
    if layout in ("teams_summary", "teams_sections"):
        fmt = teams_us if locale == "en-US" else (lambda t, y=True: gb(t, y, "." if locale == "de" else "/"))
        y4 = layout == "teams_summary"
        if layout == "teams_summary":
            rows += [["Meeting Summary"], ["Total Number of Participants", str(len(m.present))], ["Meeting Title", title],
                     ["Meeting Start Time", fmt(m.start, y4)], ["Meeting End Time", fmt(m.end, y4)],
                     ["Meeting Id", "3f1c2a9e-5b7d-4c11-9a0e-2d6b8f4e7a10"], [""],
                     ["Full Name", "Join Time", "Leave Time", "Duration", "Email", "Role", "Participant ID (UPN)"]]  # fmt: skip
            for p in m.present:
                for a, b in p.sessions:
                    rows.append([p.display, fmt(a, y4), fmt(b, y4), teams_dur((b - a).total_seconds() / 60),
                                 p.shown_email, p.role, p.shown_email])  # fmt: skip
            return f"meetingAttendanceReport({title}).csv", rows
        caps = rng.random() < 0.5
        rows += [["1. Summary"], ["Meeting title", title], ["Attended participants", str(len(m.present))],
                 ["Start time", fmt(m.start, False)], ["End time", fmt(m.end, False)],
                 ["Meeting duration", teams_dur((m.end - m.start).total_seconds() / 60)], [""],
                 ["2. Participants"],
                 ["Name", "First Join" if caps else "First join", "Last Leave" if caps else "Last leave",
                  "In-Meeting Duration" if caps else "In-meeting duration", "Email", "Participant ID (UPN)", "Role"]]  # fmt: skip
        for p in m.present:
            role = p.role if locale == "en-US" else p.role.replace("Organizer", "Organiser")
            rows.append([p.display, fmt(p.sessions[0][0], False), fmt(p.sessions[-1][1], False), teams_dur(p.minutes),
                         p.shown_email, p.shown_email, role])  # fmt: skip
        rows += [[""], ["3. In-Meeting Activities" if caps else "3. In-Meeting activities"],
                 ["Name", "Join Time" if caps else "Join time", "Leave Time" if caps else "Leave time", "Duration", "Email", "Role"]]  # fmt: skip
        for p in m.present:
            for a, b in p.sessions:
                rows.append(
                    [
                        p.display,
                        fmt(a, False),
                        fmt(b, False),
                        teams_dur((b - a).total_seconds() / 60),
                        p.shown_email,
                        p.role,
                    ]
                )
        return f"{title} - Attendance report {m.day:%m-%d-%y}.csv", rows
    if layout == "teams_live":
        rows.append(
            ["SessionId", "ParticipantId", "FullName", "UserAgent", "UtcEventTimestamp", "Action", "Role"]
        )
        for k, p in enumerate(m.present):
            for s, (a, b) in enumerate(p.sessions):
                sid = f"{k:04d}-{s}"
                pid = p.shown_email or f"guest-{k}"
                rows.append(
                    [sid, pid, p.display, "Mozilla/5.0", f"{a:%m/%d/%Y %I:%M:%S %p}", "Joined", p.role]
                )
                rows.append([sid, pid, p.display, "Mozilla/5.0", f"{b:%m/%d/%Y %I:%M:%S %p}", "Left", p.role])
        return "AttendeeReport.csv", rows
    if layout == "meet":
        space = chr(0x202F) if rng.random() < 0.5 else " "  # Meet's 2024 files: a narrow no-break space

        def clock(t: datetime) -> str:
            return f"{t.hour % 12 or 12}:{t.minute:02d}{space}{'AM' if t.hour < 12 else 'PM'}"

        rows.append(["First name", "Last name", "Email", "Duration", "Time joined", "Time exited"])
        for p in m.present:
            rows.append(
                [
                    p.person.first,
                    p.person.last,
                    p.shown_email,
                    meet_dur(p.minutes),
                    clock(p.sessions[0][0]),
                    clock(p.sessions[-1][1]),
                ]
            )
        return f"{stamp} {title} - Attendance Report.csv", rows
    if layout == "webex":
        rows.append(
            [
                "Name",
                "Email",
                "Invited",
                "Registered",
                "Join time",
                "Leave time",
                "Attendance duration",
                "Connection type",
            ]
        )
        for p in m.present:
            for a, b in p.sessions:
                rows.append(
                    [
                        p.display,
                        p.shown_email,
                        "Yes",
                        "No",
                        f"{a:%b} {a.day}, {a.year} {a:%I:%M %p}",
                        f"{b:%b} {b.day}, {b.year} {b:%I:%M %p}",
                        f"{zoom_min((b - a).total_seconds() / 60)} mins",
                        "Desktop app",
                    ]
                )
        return f"{title} attendees.csv", rows
    if layout == "eventbrite":
        rows.append(
            [
                "Order #",
                "Order Date",
                "First Name",
                "Last Name",
                "Email",
                "Quantity",
                "Ticket Type",
                "Attendee #",
                "Order Type",
                "Attendee Status",
                "Company",
            ]
        )
        for k, p in enumerate(m.present):
            rows.append(
                [
                    str(7834512000 + k),
                    us(m.start - timedelta(days=9), False, False),
                    p.person.first,
                    p.person.last,
                    p.person.email,
                    "1",
                    "General Admission",
                    str(9912345000 + k),
                    "Free Order",
                    "Checked In",
                    p.person.org,
                ]
            )
        for k in range(2):
            rows.append(
                [
                    str(7834519000 + k),
                    us(m.start - timedelta(days=9), False, False),
                    "Reg",
                    f"Only{k}",
                    f"reg{k}@example.com",
                    "1",
                    "General Admission",
                    str(9912349000 + k),
                    "Free Order",
                    rng.choice(["Attending", "Not Attending"]),
                    "",
                ]
            )
        return f"{m.day:%Y-%m-%d} {title} - Attendee Summary.csv", rows
    if layout == "google_forms":
        rows.append(
            [
                "Timestamp",
                "Email Address",
                "Full name",
                "Organisation",
                "Which partnership meeting are you signing in to?",
            ]
        )
        for p in m.present:
            t = p.sessions[0][0]
            for _ in range(2 if rng.random() < 0.2 else 1):  # a double submission
                rows.append(
                    [
                        f"{t.month}/{t.day}/{t.year} {t:%H:%M:%S}",
                        p.person.email,
                        p.person.name,
                        p.person.org,
                        f"{title} - {m.day.day} {m.day:%b}",
                    ]
                )
        return f"{title} sign-in (Responses) - Form Responses 1.csv", rows
    if layout == "microsoft_forms":
        rows.append(["ID", "Start time", "Completion time", "Email", "Name", "Full name", "Organisation"])
        for k, p in enumerate(m.present):
            t = p.sessions[0][0]
            anon = rng.random() < 0.3 or not p.person.email
            rows.append(
                [
                    str(k + 1),
                    excel(t - timedelta(minutes=1)),
                    excel(t),
                    "anonymous" if anon else p.person.email,
                    "" if anon else p.person.name,
                    p.person.name,
                    p.person.org,
                ]
            )
        return f"Partnership sign-in {m.day:%Y-%m-%d}.csv", rows
    raise ValueError(layout)


def attended(m: Meeting, layout: str) -> list[Presence]:
    """Who the file says came: a webinar's no-shows are none of them; a registration export counts check-ins."""
    return m.present


# ---------------------------------------------------------------------------------------------------------
# Files as downloaded, and as Excel writes them back.
def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def _tabbed(rows: list[list[str]]) -> str:
    # Teams does not quote names with commas in its own files.
    return "".join("\t".join(r) + "\n" for r in rows)


_EXCEL_READS = {
    # The date-times Excel understands on opening a file, by its locale; "9/14/2020, 9:58:12 AM" (a comma after
    # the date) it leaves as text.
    False: (
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%y %H:%M",
        "%m/%d/%Y %I:%M %p",
    ),
    True: ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%y %H:%M", "%d.%m.%Y %H:%M:%S"),
}


def _excel_reads(v: str, dayfirst: bool) -> datetime | None:
    for f in _EXCEL_READS[dayfirst]:
        try:
            return datetime.strptime(v, f)
        except ValueError:
            continue
    return None


def _excel_cells(rows: list[list[str]], dayfirst: bool) -> list[list[object]]:
    """Cells as Excel holds them after opening the file: numbers as numbers, date-times it understood as dates."""
    out = []
    for r in rows:
        cells: list[object] = []
        for v in r:
            if v.replace(".", "", 1).isdigit() and len(v) < 10:
                cells.append(float(v) if "." in v else int(v))
                continue
            t = _excel_reads(v, dayfirst) if v else None
            cells.append(t if t is not None else (v if v else None))
        out.append(cells)
    return out


def _resaved_text(rows: list[list[str]], dayfirst: bool) -> list[list[str]]:
    """Text as Excel writes a CSV back: date-times it understood shortened (9/24/20 13:30), BOMs dropped."""
    out = []
    for r in _excel_cells(rows, dayfirst):
        out.append(
            [excel(v, dayfirst) if isinstance(v, datetime) else ("" if v is None else str(v)) for v in r]
        )
    return out


def encode(name: str, rows: list[list[str]], layout: str, encoding: str, dayfirst: bool) -> tuple[str, bytes]:
    teams = layout in TEAMS_LAYOUTS
    if encoding == "native":
        if teams:
            return name, _tabbed(rows).encode("utf-16")
        bom = layout.startswith("zoom")
        return name, _csv(rows).encode("utf-8-sig" if bom else "utf-8")
    if encoding == "utf8":
        return name, (_tabbed(rows) if teams else _csv(rows)).encode("utf-8")
    if encoding == "utf8_bom":
        return name, (_tabbed(rows) if teams else _csv(rows)).encode("utf-8-sig")
    if encoding == "utf16":
        return name, _tabbed(rows).encode("utf-16")
    if encoding == "utf16_nobom":
        return name, _tabbed(rows).encode("utf-16-le")
    if encoding == "cp1252_resave":
        return name, _csv(_resaved_text(rows, dayfirst)).encode("cp1252", errors="replace")
    if encoding == "semicolon_resave":
        return name, _csv(_resaved_text(rows, dayfirst), ";").encode("utf-8-sig")
    if encoding == "xlsx":
        wb = Workbook()
        ws = wb.active
        ws.title = name.rsplit(".", 1)[0][:31].replace("(", "").replace(")", "")
        for r in _excel_cells(rows, dayfirst):
            ws.append(r)
        buf = io.BytesIO()
        wb.save(buf)
        return name.rsplit(".", 1)[0] + ".xlsx", buf.getvalue()
    raise ValueError(encoding)


# ---------------------------------------------------------------------------------------------------------
def roster_file(people: list[Person], meetings: list[Meeting], dayfirst: bool = False) -> tuple[str, bytes]:
    """The convener's tracker: a partner roster and, for meetings already in it, a sign-in log."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Partners"
    ws.append(["Name", "Organization", "Email", "Partner type"])
    for p in people:
        if p.on_roster:
            ws.append(
                [
                    p.name,
                    p.org,
                    p.email,
                    "Public" if p.org and ("College" in p.org or "Board" in p.org) else "Business",
                ]
            )
    log = wb.create_sheet("Meeting log")
    log.append(["Date", "Meeting", "Name", "Organization"])
    for m in meetings:
        if m.in_tracker:
            d = (
                f"{m.day.day:02d}/{m.day.month:02d}/{m.day.year}"
                if dayfirst
                else f"{m.day.month}/{m.day.day}/{m.day.year}"
            )
            for p in m.logged:
                log.append([d, "Quarterly partnership meeting", p.name, p.org])
    buf = io.BytesIO()
    wb.save(buf)
    return "Partnership tracker.xlsx", buf.getvalue()


def _locale(rng: random.Random, layout: str) -> str:
    if layout in TEAMS_LAYOUTS:
        return rng.choice(["en-US", "en-GB", "de"])
    return "en-US"


def _encoding(rng: random.Random, layout: str, locale: str) -> str:
    options = ["native", "native", "utf8", "utf8_bom", "cp1252_resave", "semicolon_resave", "xlsx"]
    if layout in TEAMS_LAYOUTS:
        options += ["utf16", "utf16_nobom"]
    if layout in ("teams_list",) and locale != "en-US":
        options = [o for o in options if "resave" not in o and o != "xlsx"] or ["native"]
    return rng.choice(options)


def _unique_people(pool: list[Person], meetings: list[Meeting], with_roster: bool) -> int:
    seen = {p for m in meetings for p in (pr.person for pr in m.present)}
    seen |= {p for m in meetings for p in m.logged}
    if with_roster:
        seen |= {p for p in pool if p.on_roster}
    return len(seen)


def single_case(seed: int, layout: str, encoding: str | None = None, locale: str | None = None) -> Case:
    """One report read alone."""
    rng = random.Random(seed)
    pool = people_pool(rng, 8)
    m = make_meetings(rng, pool, 1, lambda _i: layout, alone=True)[0]
    locale = locale or _locale(rng, layout)
    encoding = encoding or _encoding(rng, layout, locale)
    dayfirst = locale != "en-US"
    if dayfirst and ("resave" in encoding or encoding == "xlsx") and m.day.day <= 12:
        # An Excel re-save in a day-first locale of a date whose day is 12 or less proves nothing: no reader can
        # tell 05/03 from 05/03. Such a file is only honest beside a tracker that writes its dates day-first.
        m = _shift_past_12(m)
    name, rows = render(rng, m, layout, locale)
    fname, data = encode(name, rows, layout, encoding, dayfirst)
    n = len({p.person for p in attended(m, layout)})
    rejoins = sum(len(p.sessions) > 1 for p in m.present)
    return Case(f"{layout}/{locale}/{encoding}", [(fname, data)], n, n, [m.day.isoformat()], rejoins=rejoins)


def _shift_past_12(m: Meeting) -> Meeting:
    delta = timedelta(days=13 - m.day.day)
    m.day += delta
    m.start += delta
    m.end += delta
    for p in m.present:
        p.sessions = [(a + delta, b + delta) for a, b in p.sessions]
    return m


def folder_case(seed: int, n_reports: int = 10, dayfirst_tracker: bool = False) -> Case:
    """A roster (with a log of some meetings) and many Zoom and Teams reports in one folder."""
    rng = random.Random(seed)
    pool = people_pool(rng, 18)
    layouts = [rng.choice(("zoom_classic_perjoin", "zoom_2024_perjoin", "zoom_2024_unique", "zoomus", "teams_summary", "teams_sections", "teams_list")) for _ in range(n_reports)]  # fmt: skip
    meetings = make_meetings(rng, pool, n_reports, lambda i: layouts[i], alone=False)
    roster_people = [p for p in pool if p.on_roster]
    for k, m in enumerate(meetings):
        if rng.random() < 0.3 or (dayfirst_tracker and k == 0):
            m.in_tracker = True
            m.logged = rng.sample(roster_people, min(3, len(roster_people)))
    if dayfirst_tracker and meetings[0].day.day <= 12:
        _shift_past_12(meetings[0])  # the tracker's log shows it writes days first (a day above 12)
    files = [roster_file(pool, meetings, dayfirst_tracker)]
    used = set()
    for m, layout in zip(meetings, layouts, strict=True):
        locale = (
            ("en-GB" if dayfirst_tracker else _locale(rng, layout)) if layout in TEAMS_LAYOUTS else "en-US"
        )
        encoding = _encoding(rng, layout, locale)
        if (locale != "en-US") != dayfirst_tracker and ("resave" in encoding or encoding == "xlsx"):
            # Excel re-saves in its own locale, the convener's: a US file opened by a day-first Excel (or the
            # other way round) has its dates changed before anyone can read them. Not written.
            encoding = "native"
        name, rows = render(rng, m, layout, locale)
        fname, data = encode(name, rows, layout, encoding, locale != "en-US")
        while fname in used:
            fname = f"copy {fname}"
        used.add(fname)
        files.append((fname, data))
    records = sum(len({*(pr.person for pr in m.present), *m.logged}) for m in meetings)
    return Case(
        f"folder/{seed}/{n_reports}{'/dayfirst' if dayfirst_tracker else ''}",
        files,
        _unique_people(pool, meetings, True),
        records,
        sorted({m.day.isoformat() for m in meetings}),
        dayfirst_tracker,
        sum(len(p.sessions) > 1 for m in meetings for p in m.present),
        sum(m.in_tracker for m in meetings),
    )


# ---------------------------------------------------------------------------------------------------------
def sweep_cases(seeds: int = 1, folders: int = 6) -> list[Case]:
    """Every layout in every encoding and locale it comes in (``seeds`` draws each), and folders mixing a
    roster with many Zoom and Teams reports (one in three with a tracker that writes its dates day-first)."""
    cases = []
    for k, layout in enumerate(LAYOUTS):
        encodings = [e for e in ENCODINGS if layout in TEAMS_LAYOUTS or not e.startswith("utf16")]
        locales = ["en-US", "en-GB", "de"] if layout in TEAMS_LAYOUTS else ["en-US"]
        for e, encoding in enumerate(encodings):
            for loc, locale in enumerate(locales):
                for v in range(seeds):
                    cases.append(single_case(10_000 * k + 100 * e + 10 * loc + v, layout, encoding, locale))
    for seed in range(folders):
        cases.append(folder_case(500 + seed, 12 + seed % 4, dayfirst_tracker=seed % 3 == 2))
    return cases


def check(case: Case, tracker) -> list[str]:
    """What reading the case's files got wrong: distinct people, attendance records, meeting dates."""
    got = {
        "people": len(tracker.people),
        "attendance records": len(tracker.attendance),
        "meeting dates": sorted({d.date().isoformat() for d in tracker.meetings["date"] if d == d}),
    }
    want = {"people": case.people, "attendance records": case.records, "meeting dates": case.dates}
    return [f"{k}: got {got[k]}, want {want[k]}" for k in want if got[k] != want[k]]


def main() -> None:
    """Print the sweep's score: ``python tests/reportgen.py [SEEDS]``, from any folder."""
    import sys
    from pathlib import Path

    sys.path.insert(
        0, str(Path(__file__).resolve().parents[1])
    )  # the checkout's ngsp, not only an installed one
    from ngsp.ingest.pipeline import load_files

    cases = sweep_cases(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    wrong = 0
    for c in cases:
        problems = check(c, load_files(c.files))
        wrong += len(problems)
        for p in problems:
            print(f"{c.label}: {p}")
    total = 3 * len(cases)
    print(f"{total - wrong}/{total} checks right over {len(cases)} cases")


if __name__ == "__main__":
    main()
