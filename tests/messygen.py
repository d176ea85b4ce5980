"""Messy trackers with known truth: a seeded partnership, its exact ngsp.summary/1, and renderers.

The truth model is generated first (organisations, people, meetings, attendance, action plan, funding);
a renderer then writes that truth the way some convener would (a template workbook with a long attendance
log, a wide attendance grid, or one sign-in sheet per meeting) with messiness chosen by the seed; a writer
saves it as .xlsx, a set of .csv, .ods, or (through LibreOffice) .xls / a LibreOffice re-save.

A renderer returns the truth *as rendered*: where a layout cannot carry a fact (a sign-in workbook has no
roster, so people who never came are not in it; an action plan with only a percent column cannot say
"on hold"), the returned truth drops or rewrites that fact, so ``expected_summary`` is always exact for
the file actually written.

Vocabulary here is written from how conveners label their sheets, not from ngsp's own word lists.
"""

from __future__ import annotations

import calendar
import csv
import dataclasses
import random
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------------------
# Vocabulary pools
# --------------------------------------------------------------------------------------------------

REGIONS = [
    # region, county, cities, state, state abbreviation
    (
        "Northern Colorado",
        "Larimer",
        ["Fort Collins", "Loveland", "Windsor", "Wellington", "Berthoud"],
        "Colorado",
        "co",
    ),
    (
        "Gallatin Valley",
        "Gallatin",
        ["Bozeman", "Belgrade", "Manhattan", "Three Forks", "Big Sky"],
        "Montana",
        "mt",
    ),
    (
        "Champlain Valley",
        "Chittenden",
        ["Burlington", "Essex", "Colchester", "Williston", "Winooski"],
        "Vermont",
        "vt",
    ),
    (
        "Miami Valley",
        "Montgomery",
        ["Dayton", "Kettering", "Huber Heights", "Xenia", "Miamisburg"],
        "Ohio",
        "oh",
    ),
    (
        "Fox Valley",
        "Outagamie",
        ["Appleton", "Neenah", "Kaukauna", "Menasha", "Little Chute"],
        "Wisconsin",
        "wi",
    ),
    (
        "Upstate",
        "Greenville",
        ["Greenville", "Spartanburg", "Greer", "Easley", "Simpsonville"],
        "South Carolina",
        "sc",
    ),
    ("Treasure Valley", "Ada", ["Boise", "Meridian", "Nampa", "Caldwell", "Kuna"], "Idaho", "id"),
    (
        "Southwest Michigan",
        "Kalamazoo",
        ["Kalamazoo", "Portage", "Battle Creek", "Niles", "Sturgis"],
        "Michigan",
        "mi",
    ),
]

PREFIXES = [
    "Summit",
    "Ridgeway",
    "Eagle",
    "Granite",
    "Riverbend",
    "Beacon",
    "Copperline",
    "Cascade",
    "Pinecrest",
    "Meadowlark",
    "Harmony",
    "Columbine",
    "Timberline",
    "Prairie",
    "Frontier",
    "Bluebird",
    "Ironwood",
    "Keystone",
    "Northstar",
    "Silverleaf",
    "Redstone",
    "Aspen",
    "Cedar",
    "Lakeside",
    "Highland",
    "Evergreen",
    "Sandstone",
    "Flatiron",
    "Rampart",
    "Overland",
    "Bedrock",
    "Mesa",
    "Juniper",
    "Sterling",
    "Horizon",
    "Pioneer",
    "Canyon",
    "Willow",
    "Foothills",
    "Trailhead",
    "Falcon",
    "Orchard",
    "Heritage",
    "Monarch",
    "Quarry",
    "Alpine",
    "Vista",
    "Hawthorne",
    "Apex",
    "Crestview",
    "Red Fox",
    "Mid-State",
    "O'Neill",
    "Osprey",
    "Badger",
    "Tamarack",
]

INDUSTRIES: dict[str, dict[str, Any]] = {
    "manufacturing": {
        "label": "Manufacturing",
        "nouns": [
            "Machining",
            "Manufacturing",
            "Fabrication",
            "Plastics",
            "Precision",
            "Tool & Die",
            "Metalworks",
            "Controls",
            "Components",
            "Composites",
            "Castings",
            "Packaging",
            "Foods",
            "Brewing",
            "Electronics",
            "Coatings",
            "Welding",
            "Automation",
            "Industries",
            "Engineering",
        ],
        "confusable": [
            ("Machining", "Manufacturing"),
            ("Plastics", "Precision"),
            ("Controls", "Components"),
            ("Fabrication", "Foods"),
            ("Castings", "Coatings"),
        ],
        "priorities": [
            ("Talent Pipeline", "Talent"),
            ("Incumbent Worker Training", "Training"),
            ("Transportation", "Transportation"),
            ("Childcare Access", "Childcare"),
            ("Supply Chain Collaboration", "Supply Chain"),
            ("Industry Image", "Image"),
            ("Workforce Housing", "Housing"),
        ],
        "titles": [
            "Owner",
            "President",
            "VP Operations",
            "Plant Manager",
            "HR Director",
            "HR Manager",
            "Training Coordinator",
            "Operations Manager",
            "CEO",
            "Talent Acquisition Lead",
        ],
        "tasks": [
            "Tour a plant with high school counselors",
            "Launch a youth apprenticeship pilot",
            "Map CNC and welding training seats",
            "Build a shared regional supplier directory",
            "Run a second-shift vanpool pilot",
            "Publish a manufacturing careers video",
        ],
    },
    "healthcare": {
        "label": "Healthcare",
        "nouns": [
            "Regional Hospital",
            "Medical Group",
            "Home Health",
            "Behavioral Health",
            "Senior Living",
            "Family Dental",
            "Family Medicine",
            "Pharmacy",
            "Rehabilitation",
            "Hospice",
            "Orthopedics",
            "Pediatrics",
            "Eye Care",
            "Physical Therapy",
            "Urgent Care",
            "Surgical Associates",
            "Health System",
        ],
        "confusable": [
            ("Home Health", "Behavioral Health"),
            ("Family Dental", "Family Medicine"),
            ("Orthopedics", "Pediatrics"),
            ("Medical Group", "Regional Hospital"),
        ],
        "priorities": [
            ("Nursing Workforce", "Nursing"),
            ("Behavioral Health Staffing", "Behavioral Health"),
            ("Rural Access", "Rural"),
            ("Housing for Health Workers", "Housing"),
            ("Allied Health Pathways", "Allied Health"),
            ("Retention and Wellbeing", "Retention"),
        ],
        "titles": [
            "CEO",
            "Chief Nursing Officer",
            "HR Director",
            "Practice Manager",
            "Owner",
            "Administrator",
            "Director of Nursing",
            "Talent Acquisition Manager",
            "Clinical Educator",
            "COO",
        ],
        "tasks": [
            "Expand CNA clinical placements",
            "Pilot a nurse residency with the college",
            "Share a travel-nurse cost comparison",
            "Launch a healthcare careers camp",
            "Map rural clinic staffing gaps",
            "Set up a shared float pool",
        ],
    },
    "construction": {
        "label": "Construction",
        "nouns": [
            "Builders",
            "Construction",
            "Roofing",
            "Electric",
            "Plumbing & Heating",
            "Excavation",
            "Concrete",
            "Steel Erectors",
            "Paving",
            "Homes",
            "Mechanical",
            "Framing",
            "Drywall",
            "Landscaping",
            "Glass & Glazing",
            "Contractors",
        ],
        "confusable": [
            ("Roofing", "Homes"),
            ("Plumbing & Heating", "Electric"),
            ("Concrete", "Construction"),
            ("Framing", "Paving"),
        ],
        "priorities": [
            ("Youth Outreach", "Youth"),
            ("Safety Training", "Safety"),
            ("Diversity in the Trades", "Diversity"),
            ("Workforce Housing", "Housing"),
            ("Pre-Apprenticeship", "Pre-App"),
            ("Equipment Operator Pipeline", "Operators"),
        ],
        "titles": [
            "Owner",
            "President",
            "Project Manager",
            "Superintendent",
            "Safety Director",
            "HR Manager",
            "Estimator",
            "Operations Manager",
            "Vice President",
            "Field Manager",
        ],
        "tasks": [
            "Host a build day for middle schoolers",
            "Recruit women into pre-apprenticeship",
            "Standardise OSHA-10 for new hires",
            "Create a trades career map",
            "Pilot a shared equipment simulator",
            "Hold a hiring event at the job corps",
        ],
    },
    "technology": {
        "label": "Technology",
        "nouns": [
            "Software",
            "Systems",
            "Data",
            "Networks",
            "Analytics",
            "Cloud Services",
            "Cybersecurity",
            "Digital",
            "Labs",
            "Technologies",
            "IT Services",
            "Solutions",
            "Robotics",
            "Interactive",
        ],
        "confusable": [("Software", "Systems"), ("Data", "Digital"), ("Networks", "Analytics")],
        "priorities": [
            ("Tech Talent Pipeline", "Talent"),
            ("Cybersecurity Skills", "Cyber"),
            ("Broadband Access", "Broadband"),
            ("Internships", "Internships"),
            ("Startup Ecosystem", "Startup"),
        ],
        "titles": [
            "CTO",
            "CEO",
            "Engineering Manager",
            "Founder",
            "HR Director",
            "Recruiter",
            "VP Engineering",
            "Operations Director",
            "Head of People",
        ],
        "tasks": [
            "Launch a paid summer internship cohort",
            "Align the college cyber certificate with employer needs",
            "Host a hackathon with the high schools",
            "Map broadband dead zones for remote workers",
            "Create a shared junior developer bootcamp",
            "Publish a regional tech salary survey",
        ],
    },
}

GENERIC_TASKS = [
    "Survey member businesses on skill gaps",
    "Inventory existing training programs",
    "Set a measurable 12-month goal",
    "Draft a one-page brief for elected officials",
    "Apply for a state sector partnership grant",
    "Recruit three more businesses to the team",
    "Publish a quarterly progress update",
    "Host a listening session with employees",
    "Share hiring data with the school district",
    "Identify public partners to support",
    "Develop an outreach toolkit",
    "Pilot a joint program",
    "Convene HR directors on retention",
    "Create a shared job board",
    "Present results at the full partnership meeting",
]

FIRST = [
    "Maria",
    "James",
    "Linda",
    "Robert",
    "Patricia",
    "Michael",
    "Jennifer",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Betty",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Andrew",
    "Emily",
    "Joshua",
    "Donna",
    "Kenneth",
    "Michelle",
    "Kevin",
    "Carol",
    "Brian",
    "Amanda",
    "George",
    "Melissa",
    "Timothy",
    "Deborah",
    "Ronald",
    "Stephanie",
    "Jason",
    "Rebecca",
    "Jeffrey",
    "Laura",
    "Ryan",
    "Sharon",
    "Jacob",
    "Cynthia",
    "Gary",
    "Kathleen",
    "Nicholas",
    "Amy",
    "Eric",
    "Angela",
    "Jonathan",
    "Shirley",
    "Stephen",
    "Anna",
    "Larry",
    "Brenda",
    "Justin",
    "Pamela",
    "Scott",
    "Nicole",
    "Brandon",
    "Emma",
    "Samantha",
    "Benjamin",
    "Katherine",
    "Samuel",
    "Christine",
    "Raymond",
    "Debra",
    "Priya",
    "Wei",
    "Aisha",
    "Carlos",
    "Jamal",
    "Mei",
    "Rosa",
    "Tyrone",
    "Ingrid",
    "Luis",
    "Fatima",
    "Hiroshi",
    "Olga",
    "Tomas",
]
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Kowalski",
    "Lindqvist",
    "Okafor",
    "Patel",
    "Nakamura",
    "Novak",
    "Schmidt",
    "Olsen",
    "Castillo",
    "Fitzgerald",
    "Haddad",
    "Yazzie",
    "Brennan",
    "Delgado",
    "Vasquez",
    "Chen",
    "Kim",
    "Singh",
]

MONTHS = list(calendar.month_name)
MONS = list(calendar.month_abbr)
WEEKDAYS = list(calendar.day_name)

KINDS = ("launch", "full_partnership", "action_team", "planning", "other")
STATUSES = ("done", "in_progress", "not_started", "stalled", "cancelled")

# How conveners write each status (title case is the usual; case and spacing noise is added on top).
STATUS_WORDS = {
    "done": ["Complete", "Completed", "Done", "Finished", "Achieved"],
    "in_progress": ["In progress", "In Progress", "Underway", "On track", "Started", "Active", "In process"],
    "not_started": ["Not started", "Not Started", "Planned", "To do", "Not yet started", "Upcoming"],
    "stalled": ["On hold", "On Hold", "Paused", "Blocked", "Stalled", "Stuck"],
    "cancelled": ["Cancelled", "Canceled", "Dropped", "Withdrawn", "Discontinued"],
}

TYPE_WORDS = [
    ("Business", "Public"),
    ("Business", "Public Partner"),
    ("Industry", "Support Partner"),
    ("Employer", "Community Partner"),
    ("B", "P"),
    ("Business Partner", "Public Partner"),
    ("Private Sector", "Public Sector"),
    ("Industry", "Public"),
]

PRESENT_MARKS = [
    ["X"],
    ["x", "X"],
    ["✓"],
    [1],
    ["1"],
    ["Y"],
    ["yes", "Yes"],
    ["P"],
    ["Attended"],
    ["x", "X", "1", "✓"],
    ["X", "x"],
    ["Present"],
]
ABSENT_MARKS = {
    "X": ["-", None],
    "Present": ["Absent", None],
    "Y": ["N", None],
    "yes": ["no", None],
    "Yes": ["No", None],
    "P": ["A", None],
    "Attended": ["Absent", None],
    "1": ["0", None],
    1: [0, None],
}

# --------------------------------------------------------------------------------------------------
# Truth model
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    kind: str  # "business" | "public"
    domain: str


@dataclass(frozen=True)
class Person:
    id: str
    first: str
    last: str
    org: str | None  # Org.id, None for a walk-in who gave no organisation
    email: str | None
    title: str
    role: str
    on_roster: bool


@dataclass(frozen=True)
class Meeting:
    id: str
    date: date
    kind: str  # one of KINDS
    team: str | None  # the priority name, for action team meetings
    location: str
    label: str = ""  # for "other" meetings: what it was ("Site Visit")


@dataclass(frozen=True)
class Item:
    id: str
    priority: str
    description: str
    owner: str
    status: str | None  # one of STATUSES, None when the tracker says nothing
    percent: float | None  # 0..1
    due: date | None  # resolved due date (period end for a period)
    due_text: str | None  # how a period / no-date is written ("Q3 2024", "Ongoing"); None for a plain date
    note: str = ""


@dataclass(frozen=True)
class Funding:
    source: str
    kind: str
    amount: float
    status: str
    period: str


@dataclass(frozen=True)
class Truth:
    """One partnership as it really is; renderers write it, expected_summary() counts it."""

    seed: int
    name: str
    industry: str
    region: tuple
    orgs: tuple[Org, ...]
    people: tuple[Person, ...]
    meetings: tuple[Meeting, ...]
    attendance: tuple[tuple[str, str], ...]  # (person id, meeting id), each once
    priorities: tuple[tuple[str, str], ...]  # (name, short name used in meeting labels)
    items: tuple[Item, ...]
    funding: tuple[Funding, ...]
    bad_attendance: tuple[tuple[str, str], ...] = ()  # (meeting id, org id): a row with no person
    bad_items: tuple[str, ...] = ()  # priority names: an action row with no description
    as_of: date = date(2025, 1, 1)  # a sensible "today" for this tracker
    funders_only: tuple[str, ...] = ()  # funder names that are no partner

    # -- lookups -----------------------------------------------------------------------------------
    def org(self, oid: str | None) -> Org | None:
        return {o.id: o for o in self.orgs}.get(oid) if oid else None

    def person(self, pid: str) -> Person:
        return {p.id: p for p in self.people}[pid]

    def meeting(self, mid: str) -> Meeting:
        return {m.id: m for m in self.meetings}[mid]

    def short(self, priority: str) -> str:
        return dict(self.priorities)[priority]

    def attendees(self, mid: str) -> list[str]:
        return [p for p, m in self.attendance if m == mid]

    def counted_people(self) -> list[Person]:
        """People on the roster or in an attendance record."""
        came = {p for p, _ in self.attendance}
        return [p for p in self.people if p.on_roster or p.id in came]

    def without_roster_only(self) -> Truth:
        """This truth as a tracker with no roster shows it: nobody who never came."""
        came = {p for p, _ in self.attendance}
        people = tuple(p for p in self.people if p.id in came)
        return replace(self, people=tuple(replace(p, on_roster=False) for p in people))


def _slug(text: str, n: int) -> str:
    return re.sub(r"[^a-z]", "", text.lower())[:n]


def _period_text(rng: random.Random, d: date) -> tuple[str, date]:
    """A due period containing d, written as conveners do, and the last day of that period."""
    q = (d.month - 1) // 3 + 1
    y = d.year
    qend = date(y, q * 3, calendar.monthrange(y, q * 3)[1])
    mend = date(y, d.month, calendar.monthrange(y, d.month)[1])
    style = rng.choice(["Q y", "y Q", "Q-yy", "Mon 'yy", "Month y", "Mon y", "Sept"])
    if style == "Q y":
        return f"Q{q} {y}", qend
    if style == "y Q":
        return f"{y} Q{q}", qend
    if style == "Q-yy":
        return f"Q{q}-{y % 100:02d}", qend
    if style == "Mon 'yy":
        return f"{MONS[d.month]} '{y % 100:02d}", mend
    if style == "Month y":
        return f"{MONTHS[d.month]} {y}", mend
    if style == "Sept" and d.month == 9:
        return f"Sept '{y % 100:02d}", mend
    return f"{MONS[d.month]} {y}", mend


def _quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _quarter_start(y: int, q: int) -> date:
    return date(y, 3 * q - 2, 1)


def _next_q(y: int, q: int) -> tuple[int, int]:
    return (y + 1, 1) if q == 4 else (y, q + 1)


def _weekday(d: date) -> date:
    """Meetings are on weekdays."""
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _business_names(rng: random.Random, industry: dict, n: int) -> list[str]:
    nouns = industry["nouns"]
    prefixes = list(PREFIXES)
    rng.shuffle(prefixes)
    names: list[str] = []
    # Deliberate near-names: one prefix, two nouns ("Summit Machining" vs "Summit Manufacturing").
    pairs = list(industry["confusable"])
    rng.shuffle(pairs)
    for a, b in pairs[: max(1, min(len(pairs), n // 9))]:
        p = prefixes.pop()
        names += [f"{p} {a}", f"{p} {b}"]
    used_prefix: dict[str, int] = defaultdict(int)
    while len(names) < n:
        p = prefixes[rng.randrange(len(prefixes))]
        noun = rng.choice(nouns)
        name = f"{p} {noun}"
        if name in names or used_prefix[p] >= (2 if n <= 90 else 4):
            continue
        used_prefix[p] += 1
        names.append(name)
    rng.shuffle(names)
    return names[:n]


def _public_orgs(rng: random.Random, region: tuple, n: int) -> list[tuple[str, str]]:
    """Support partners of a region: (name, email domain); names say what they are."""
    reg, county, cities, state, st = region
    rs, cs = _slug(reg, 12), _slug(county, 10)
    base = [
        (f"{county} County Workforce Center", f"{cs}county.gov"),
        (f"{reg} Workforce Development Board", f"{rs}wdb.org"),
        (f"{reg} Community College", f"{rs}cc.edu"),
        (f"{reg} Economic Development Corporation", f"{rs}edc.org"),
        (f"{state} Department of Labor", f"{_slug(state, 12)}.gov"),
        (f"University of {state}", f"u{_slug(state, 8)}.edu"),
        (f"{county} County Human Services", f"{cs}county.gov"),
        (f"{cities[0]} Area Chamber of Commerce", f"{_slug(cities[0], 12)}chamber.org"),
        (f"{cities[0]} School District", f"{_slug(cities[0], 10)}sd.k12.{st}.us"),
        (f"{cities[1]} Technical College", f"{_slug(cities[1], 10)}tech.edu"),
        (f"{cities[0]} Public Library", f"{_slug(cities[0], 10)}library.org"),
        (f"City of {cities[0]}", f"{_slug(cities[0], 12)}.gov"),
    ]
    for c in cities[1:]:
        s = _slug(c, 10)
        base += [
            (f"{c} School District", f"{s}sd.k12.{st}.us"),
            (f"{c} Chamber of Commerce", f"{s}chamber.org"),
            (f"City of {c}", f"cityof{s}.gov"),
            (f"{c} Public Library", f"{s}library.org"),
        ]
    head, tail = base[:6], base[6:]
    rng.shuffle(tail)
    chosen = (head + tail)[:n]
    # Domains shared by two public bodies (county offices) are fine, but keep them apart per name.
    return chosen


def _person_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    out = []
    while len(out) < n:
        f, last = rng.choice(FIRST), rng.choice(LAST)
        if (f, last) in seen or any(x[1] == last and x[0][0] == f[0] for x in seen if len(seen) < 600):
            continue
        seen.add((f, last))
        out.append((f, last))
    return out


def make_partnership(
    seed: int,
    n_orgs: int | None = None,
    years: float | None = None,
    industry: str | None = None,
    start: date | None = None,
    as_of: date | None = None,
    bad_rows: bool | None = None,
    n_priorities: int | None = None,
    items_per_priority: tuple[int, int] = (3, 7),
) -> Truth:
    """A seeded partnership: who is in it, what met when, who came, what the action plan says."""
    rng = random.Random(seed)
    industry = industry or rng.choice(sorted(INDUSTRIES))
    ind = INDUSTRIES[industry]
    n_orgs = n_orgs or rng.randint(18, 42)
    years = years or rng.choice([1.25, 1.5, 1.75, 2.0, 2.5])
    region = rng.choice(REGIONS)
    reg, county, cities, state, st = region

    # -- organisations ----------------------------------------------------------------------------
    n_public = max(4, round(n_orgs * rng.uniform(0.2, 0.3)))
    n_public = min(n_public, 12 + 4 * (len(cities) - 1))
    n_business = n_orgs - n_public
    orgs: list[Org] = []
    domains: set[str] = set()
    for i, name in enumerate(_business_names(rng, ind, n_business)):
        stem = _slug(name.replace("&", ""), rng.randint(12, 16))
        dom = f"{stem}.{rng.choice(['com', 'com', 'com', 'net', 'co'])}"
        while dom in domains:
            dom = f"{stem}{rng.randint(2, 9)}.com"
        domains.add(dom)
        orgs.append(Org(f"B{i:03d}", name, "business", dom))
    for i, (name, dom) in enumerate(_public_orgs(rng, region, n_public)):
        orgs.append(Org(f"P{i:03d}", name, "public", dom))
    businesses = [o for o in orgs if o.kind == "business"]
    publics = [o for o in orgs if o.kind == "public"]

    # -- people -----------------------------------------------------------------------------------
    counts = {
        o.id: rng.choices([1, 2, 3, 4], [35, 35, 20, 10])[0]
        if o.kind == "business"
        else rng.choices([1, 2, 3], [50, 35, 15])[0]
        for o in orgs
    }
    n_walkins = rng.randint(0, 3)
    n_noorg = 1 if rng.random() < 0.3 else 0
    names = _person_names(rng, sum(counts.values()) + n_walkins + n_noorg)
    people: list[Person] = []
    emails: set[str] = set()
    k = 0
    pub_titles = [
        "Director",
        "Business Services Manager",
        "Dean of Workforce",
        "Career Coach",
        "Program Manager",
        "Executive Director",
        "Economic Development Director",
        "CTE Coordinator",
        "Business Liaison",
    ]

    def email_for(first: str, last: str, dom: str) -> str | None:
        if rng.random() < 0.15:
            return None
        style = rng.choice(["flast", "first.last", "firstl", "flast"])
        local = {"flast": first[0] + last, "first.last": f"{first}.{last}", "firstl": first + last[0]}[style]
        e = f"{local.lower()}@{dom}"
        if e in emails:
            e = f"{first.lower()}.{last.lower()}@{dom}"
        if e in emails:
            return None
        emails.add(e)
        return e

    for o in orgs:
        for _ in range(counts[o.id]):
            f, last = names[k]
            k += 1
            title = rng.choice(ind["titles"] if o.kind == "business" else pub_titles)
            role = "Member" if o.kind == "business" else "Support Partner"
            people.append(Person(f"U{k:04d}", f, last, o.id, email_for(f, last, o.domain), title, role, True))
    # Co-chairs: two business champions; the convener sits at the workforce board.
    champs = rng.sample([p for p in people if p.org.startswith("B")], 2)
    convener = next(p for p in people if p.org == publics[0].id or p.org == publics[1].id)
    people = [
        replace(p, role="Co-chair") if p in champs else replace(p, role="Convener") if p == convener else p
        for p in people
    ]
    # Walk-ins: came to a meeting, never added to the roster (sometimes from an org on no roster either).
    for _ in range(n_walkins):
        f, last = names[k]
        k += 1
        o = rng.choice(orgs)
        people.append(Person(f"U{k:04d}", f, last, o.id, email_for(f, last, o.domain), "", "", False))
    for _ in range(n_noorg):
        f, last = names[k]
        k += 1
        people.append(Person(f"U{k:04d}", f, last, None, None, "", "", False))

    # -- meetings ---------------------------------------------------------------------------------
    start = start or date(rng.choice([2023, 2024, 2024, 2025]), rng.randint(1, 12), rng.randint(2, 26))
    start = _weekday(start)
    end = start + timedelta(days=int(365 * years))
    priorities = rng.sample(ind["priorities"], n_priorities or rng.choice([3, 4, 4, 4, 5]))
    cities_loc = [o.name for o in businesses[:6]] + [publics[0].name, "Zoom", "Teams"]
    meetings: list[Meeting] = []

    def add(d: date, kind: str, team: str | None = None, label: str = "") -> None:
        if any(m.date == d and m.kind == kind and m.team == team for m in meetings):
            return
        if kind in ("action_team", "planning"):
            loc = "Zoom" if rng.random() < 0.6 else rng.choice(cities_loc)
        else:
            loc = rng.choice(cities_loc[:-2])
        meetings.append(Meeting("", d, kind, team, loc, label))

    add(start, "launch")
    y, q = _next_q(*_quarter(start))
    full_quarters = []
    while _quarter_start(y, q) <= end:
        qs = _quarter_start(y, q)
        d = _weekday(qs + timedelta(days=rng.randint(8, 80)))
        if d <= end:
            full_quarters.append(d)
        y, q = _next_q(y, q)
    skip = [i for i in range(len(full_quarters)) if rng.random() < 0.15]
    if not skip and len(full_quarters) >= 4 and rng.random() < 0.7:
        skip = [rng.randrange(1, len(full_quarters) - 1)]
    full_dates = [d for i, d in enumerate(full_quarters) if i not in skip]
    for d in full_dates:
        add(d, "full_partnership")
    for d in [start, *full_dates]:
        if rng.random() < 0.6:
            add(_weekday(d - timedelta(days=rng.randint(7, 16))), "planning")
    for name, _short in priorities:
        d = start + timedelta(days=rng.randint(12, 40))
        while d <= end:
            add(_weekday(d), "action_team", name)
            d += timedelta(days=rng.randint(24, 62))
    if rng.random() < 0.4:
        for _ in range(rng.randint(1, 2)):
            d = _weekday(start + timedelta(days=rng.randint(30, max(31, (end - start).days - 5))))
            add(
                d,
                "other",
                label=rng.choice(
                    ["Site Visit", "Industry Tour", "Legislative Breakfast", "Networking Event"]
                ),
            )
    order = {k: i for i, k in enumerate(KINDS)}
    meetings.sort(key=lambda m: (m.date, order[m.kind], m.team or ""))
    meetings = [replace(m, id=f"M{i:03d}") for i, m in enumerate(meetings)]
    last_meeting = max(m.date for m in meetings)

    # -- attendance -------------------------------------------------------------------------------
    by_org: dict[str, list[Person]] = defaultdict(list)
    for p in people:
        if p.org and p.on_roster:
            by_org[p.org].append(p)
    engagement: dict[str, float] = {}
    lapse_at: dict[str, float] = {}
    for o in orgs:
        if o.kind == "business":
            engagement[o.id] = rng.choice([0.95, 0.9, 0.8, 0.7, 0.6, 0.4])
            if rng.random() < 0.12:
                lapse_at[o.id] = rng.uniform(0.3, 0.75)
        else:
            engagement[o.id] = rng.choice([0.7, 0.5, 0.3, 0.2])
    for c in champs:
        engagement[c.org] = 0.95
        lapse_at.pop(c.org, None)
    big = [m for m in meetings if m.kind in ("launch", "full_partnership")]
    span = max(1, (last_meeting - start).days)
    att: set[tuple[str, str]] = set()
    for m in big:
        frac = (m.date - start).days / span
        for o in orgs:
            if o.id in lapse_at and frac > lapse_at[o.id]:
                continue
            p_att = engagement[o.id] * (1.0 if m.kind == "launch" or o.kind == "business" else 0.8)
            if by_org[o.id] and rng.random() < p_att:
                staff = by_org[o.id]
                for p in rng.sample(staff, min(len(staff), rng.choices([1, 2, 3], [60, 30, 10])[0])):
                    att.add((p.id, m.id))
        att.add((convener.id, m.id))
        for c in champs:
            att.add((c.id, m.id))
    roster_people = [p for p in people if p.on_roster]
    teams: dict[str, list[Person]] = {}
    for name, _ in priorities:
        bs = [p for p in roster_people if p.org.startswith("B")]
        ps = [p for p in roster_people if p.org.startswith("P")]
        teams[name] = rng.sample(bs, min(len(bs), rng.randint(2, 4 + n_orgs // 25))) + rng.sample(
            ps, min(len(ps), rng.randint(1, 3))
        )
    for m in meetings:
        if m.kind == "action_team":
            members = teams[m.team]
            came = [p for p in members if rng.random() < 0.65] or rng.sample(members, 2)
            for p in came:
                att.add((p.id, m.id))
        elif m.kind == "planning":
            for p in [*champs, convener]:
                if rng.random() < 0.85 or p == convener:
                    att.add((p.id, m.id))
        elif m.kind == "other":
            for p in rng.sample(roster_people, min(len(roster_people), rng.randint(3, 9))):
                att.add((p.id, m.id))
    walkins = [p for p in people if not p.on_roster]
    for p in walkins:
        m = rng.choice(meetings)
        att.add((p.id, m.id))
    # A few roster people never come (roster-only).
    attendance = tuple(sorted(att, key=lambda a: (a[1], a[0])))

    # -- action plan ------------------------------------------------------------------------------
    items: list[Item] = []
    owners = [*champs] + [p for t in teams.values() for p in t]
    tasks = list(GENERIC_TASKS) + list(ind["tasks"])
    as_of = as_of or last_meeting + timedelta(days=rng.randint(3, 40))
    plan_end = max(end, as_of) + timedelta(days=200)
    for name, _ in priorities:
        descs = rng.sample(tasks, rng.randint(*items_per_priority))
        for desc in descs:
            status = rng.choices(list(STATUSES) + [None], [30, 33, 12, 10, 8, 4])[0]
            percent = {
                "done": rng.choice([1.0, 1.0, 1.0, None]),
                "in_progress": rng.choice([0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, None]),
                "not_started": rng.choice([0.0, 0.0, None]),
                "stalled": rng.choice([0.0, 0.25, 0.4, 0.5, None]),
                "cancelled": rng.choice([None, None, 0.0]),
                None: None,
            }[status]
            kind = rng.choices(["date", "period", "none"], [62, 25, 13])[0]
            d = start + timedelta(days=rng.randint(20, max(21, (plan_end - start).days)))
            if kind == "date":
                due, due_text = d, None
            elif kind == "period":
                due_text, due = _period_text(rng, d)
            else:
                due, due_text = None, rng.choice(["Ongoing", "ongoing", "TBD", "", "Ongoing"])
            owner = rng.choice(owners)
            note = rng.choice(
                ["", "", "", "Waiting on college", "See notes from last call", "Needs a champion"]
            )
            items.append(
                Item(
                    f"I{len(items):03d}",
                    name,
                    desc,
                    f"{owner.first} {owner.last}",
                    status,
                    percent,
                    due,
                    due_text,
                    note,
                )
            )

    # -- funding ----------------------------------------------------------------------------------
    funders_only = [
        f"{reg} Community Foundation",
        f"{state} Sector Partnership Grant",
        f"{rng.choice(PREFIXES)} Savings Bank",
    ]
    funding = [
        Funding(
            f"{publics[0].name} (WIOA)",
            "cash",
            float(rng.choice([15000, 25000, 30000])),
            "received",
            str(start.year),
        ),
        Funding(
            funders_only[1],
            "cash",
            float(rng.choice([40000, 50000, 75000])),
            rng.choice(["received", "committed"]),
            f"{start.year}-{start.year + 1}",
        ),
        Funding(
            funders_only[0], "cash", float(rng.choice([2500, 5000, 10000])), "pending", str(start.year + 1)
        ),
        Funding(
            "Member business dues", "cash", float(rng.choice([10000, 20000])), "received", str(start.year)
        ),
        Funding(funders_only[2], "in-kind", float(rng.choice([1500, 2500])), "received", str(start.year)),
    ]

    # -- rows a convener left half-filled ---------------------------------------------------------
    person_org = {p.id: p.org for p in people}
    bad_att: list[tuple[str, str]] = []
    bad_items: list[str] = []
    if bad_rows if bad_rows is not None else rng.random() < 0.6:
        for _ in range(rng.randint(1, 2)):
            m = rng.choice([m for m in meetings if len(set(_att_of(attendance, m.id))) >= 2])
            came_org = {truth_org for pid, _ in attendance for truth_org in [person_org[pid]]}
            o = rng.choice([o for o in businesses if o.id in came_org])
            bad_att.append((m.id, o.id))
        if rng.random() < 0.7:
            bad_items.append(rng.choice(priorities)[0])

    # A newcomer: a business on no roster, whose one person came to one partnership meeting.
    if rng.random() < 0.3:
        taken = {o.name for o in orgs}
        name = next(n for n in _business_names(rng, ind, n_business + 8) if n not in taken)
        dom = f"{_slug(name.replace('&', ''), 14)}.com"
        if dom not in domains:
            orgs.append(Org(f"B{len(businesses):03d}", name, "business", dom))
            f, last = next(x for x in _person_names(rng, len(names) + 40) if x not in set(names))
            k += 1
            newcomer = Person(f"U{k:04d}", f, last, orgs[-1].id, email_for(f, last, dom), "", "", False)
            people.append(newcomer)
            attendance = tuple(
                sorted({*attendance, (newcomer.id, rng.choice(big).id)}, key=lambda a: (a[1], a[0]))
            )

    return Truth(
        seed=seed,
        name=f"{reg} {ind['label']} Partnership",
        industry=industry,
        region=region,
        orgs=tuple(orgs),
        people=tuple(people),
        meetings=tuple(meetings),
        attendance=attendance,
        priorities=tuple(priorities),
        items=tuple(items),
        funding=tuple(funding),
        bad_attendance=tuple(bad_att),
        bad_items=tuple(bad_items),
        as_of=as_of,
        funders_only=tuple(funders_only),
    )


def _att_of(attendance: tuple[tuple[str, str], ...], mid: str) -> list[str]:
    return [p for p, m in attendance if m == mid]


# --------------------------------------------------------------------------------------------------
# The expected summary, computed from the truth as the spec defines it
# --------------------------------------------------------------------------------------------------


def effective_status(item: Item) -> str:
    """Status as the spec reads it: the status, else from percent complete, else not started."""
    if item.status:
        return item.status
    if item.percent is None or item.percent == 0:
        return "not_started"
    return "done" if item.percent >= 1 else "in_progress"


def expected_summary(truth: Truth, as_of: date | None = None) -> dict:
    """The ngsp.summary/1 dict for this truth, exactly as ../shared/spec/summary.md defines it."""
    as_of = as_of or truth.as_of
    people = truth.counted_people()
    orgs = {truth.org(p.org).id: truth.org(p.org) for p in people if p.org}
    n_bus = sum(o.kind == "business" for o in orgs.values())
    meetings = {m.id: m for m in truth.meetings}
    kinds = {k: sum(m.kind == k for m in truth.meetings) for k in KINDS}
    person = {p.id: p for p in truth.people}
    org_of = {p.id: truth.org(p.org) for p in truth.people}

    big = sorted(
        (m for m in truth.meetings if m.kind in ("launch", "full_partnership")), key=lambda m: m.date
    )
    big_past = [m for m in big if m.date <= as_of]
    past_ids = {m.id for m in big_past}
    bus = pub = 0
    for pid, mid in truth.attendance:
        if mid in past_ids and org_of[pid] is not None:
            if org_of[pid].kind == "business":
                bus += 1
            else:
                pub += 1
    share = round(bus / (bus + pub), 4) if bus + pub else None

    cadence: dict[str, bool] = {}
    if big:
        y, q = _quarter(big[0].date)
        stop = _quarter(as_of)
        held = {_quarter(m.date) for m in big}
        while (y, q) < stop:
            cadence[f"{y}Q{q}"] = (y, q) in held
            y, q = _next_q(y, q)

    statuses = [effective_status(i) for i in truth.items]
    overdue = sum(
        1
        for i, s in zip(truth.items, statuses, strict=True)
        if i.due is not None and i.due < as_of and s in ("in_progress", "not_started", "stalled")
    )
    priorities: dict[str, dict[str, int]] = {}
    for i, s in zip(truth.items, statuses, strict=True):
        p = priorities.setdefault(i.priority, {"items": 0, "done": 0})
        p["items"] += 1
        p["done"] += s == "done"

    recent = {m.id for m in big_past[-2:]}
    ever: set[str] = set()
    lately: set[str] = set()
    for pid, mid in truth.attendance:
        o = org_of[pid]
        if o is None or o.kind != "business" or mid not in past_ids:
            continue
        ever.add(o.id)
        if mid in recent:
            lately.add(o.id)
    del person, meetings

    return {
        "schema": "ngsp.summary/1",
        "as_of": as_of.isoformat(),
        "organizations": {"total": len(orgs), "business": n_bus, "public": len(orgs) - n_bus},
        "people": len(people),
        "meetings": {"total": len(truth.meetings), **kinds},
        "attendance": {"records": len(truth.attendance), "business_share_full": share},
        "cadence": cadence,
        "action_items": {
            "total": len(truth.items),
            **{s: statuses.count(s) for s in STATUSES},
            "overdue": overdue,
        },
        "priorities": priorities,
        "lapsed_businesses": len(ever - lately),
        "rejected_rows": len(truth.bad_attendance) + len(truth.bad_items),
    }


def check_truth(truth: Truth) -> list[str]:
    """What is wrong with a truth (empty when it is self-consistent)."""
    problems = []
    pids = {p.id for p in truth.people}
    mids = {m.id for m in truth.meetings}
    if len(set(truth.attendance)) != len(truth.attendance):
        problems.append("duplicate attendance")
    for p, m in truth.attendance:
        if p not in pids or m not in mids:
            problems.append(f"dangling attendance {p} {m}")
    for m in truth.meetings:
        if not truth.attendees(m.id):
            problems.append(f"meeting {m.id} has nobody")
    names = [(p.first, p.last) for p in truth.people]
    if len(set(names)) != len(names):
        problems.append("two people share a name")
    emails = [p.email.lower() for p in truth.people if p.email]
    if len(set(emails)) != len(emails):
        problems.append("two people share an email")
    onames = [o.name.lower() for o in truth.orgs]
    if len(set(onames)) != len(onames):
        problems.append("two organisations share a name")
    keys = [(m.date, m.kind, m.team) for m in truth.meetings]
    if len(set(keys)) != len(keys):
        problems.append("two meetings share date, type and team")
    bigdates = [m.date for m in truth.meetings if m.kind in ("launch", "full_partnership")]
    if len(set(bigdates)) != len(bigdates):
        problems.append("two partnership meetings on one date")
    pri = {n for n, _ in truth.priorities}
    for i in truth.items:
        if i.priority not in pri or not i.description:
            problems.append(f"bad item {i.id}")
        if i.due_text and i.due is None and i.due_text.strip().lower() not in ("ongoing", "tbd", ""):
            problems.append(f"item {i.id} due text without a date")
    for mid, oid in truth.bad_attendance:
        if mid not in mids or truth.org(oid) is None:
            problems.append("dangling bad attendance row")
    for o in truth.orgs:
        if o.kind not in ("business", "public"):
            problems.append(f"org {o.id} kind {o.kind}")
    return problems


# --------------------------------------------------------------------------------------------------
# Books: what a renderer produces and a writer saves
# --------------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based, inclusive r1, c1, r2, c2
    percent_cols: set[int] = field(default_factory=set)  # columns holding fractions shown as 0%
    table: bool = True  # False for instructions / dropdown lists (left out of a CSV set)
    role: str = ""  # roster, meetings, attendance, plan, funding, aside: which file it goes to when split
    # Layout a tool or a careful convener adds (all 0-based; none of the original layouts uses them):
    indents: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) -> alignment indent
    outline: dict[int, int] = field(default_factory=dict)  # row -> outline (row group) level
    # (row, col) -> formula; rows hold its value
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    # bar charts: (title, first row, last row, label col, value col, anchor cell), rows 0-based inclusive
    charts: list[tuple[str, int, int, int, int, str]] = field(default_factory=list)

    def add(self, row: list[Any]) -> int:
        self.rows.append(list(row))
        return len(self.rows) - 1


@dataclass
class Book:
    title: str  # the workbook's name (file stem)
    sheets: list[Sheet]
    day_first: bool = False
    csv_bom: bool = False  # Excel's "CSV UTF-8" starts each file with a byte-order mark


@dataclass
class Rendered:
    book: Book
    truth: Truth  # the truth as this file carries it
    layout: str
    variant: dict[str, Any]

    def expected(self, as_of: date | None = None) -> dict:
        return expected_summary(self.truth, as_of)


# --------------------------------------------------------------------------------------------------
# Messiness helpers
# --------------------------------------------------------------------------------------------------

# Abbreviations conveners type for words of organisation names.
ABBREVIATIONS = {
    "Manufacturing": ["Mfg", "Mfg."],
    "Associates": ["Assoc."],
    "Services": ["Svcs"],
    "Construction": ["Const."],
}
# Short forms of first names: written only beside the person's email, which says who they are.
NICKNAMES = {
    "Robert": "Bob",
    "William": "Bill",
    "Elizabeth": "Liz",
    "Katherine": "Kate",
    "Michael": "Mike",
    "James": "Jim",
    "Jennifer": "Jen",
    "Richard": "Rick",
    "Thomas": "Tom",
    "Joseph": "Joe",
    "Christine": "Chris",
    "Daniel": "Dan",
    "Matthew": "Matt",
    "Anthony": "Tony",
    "Steven": "Steve",
    "Kimberly": "Kim",
    "Nicholas": "Nick",
    "Timothy": "Tim",
    "Jonathan": "Jon",
    "Samuel": "Sam",
    "Benjamin": "Ben",
    "Deborah": "Debbie",
    "Patricia": "Pat",
    "Rebecca": "Becky",
    "Samantha": "Sam",
}

LEGAL = [" Inc.", ", Inc.", " Inc", " LLC", ", LLC", " Corp.", " Co.", ", Co."]


def _typo(name: str, rng: random.Random) -> str:
    """One-letter slip inside the longest word of a name."""
    words = name.split(" ")
    i = max(range(len(words)), key=lambda j: len(words[j]))
    w = words[i]
    if len(w) < 7:
        return name
    spots = [j for j in range(2, len(w) - 2) if w[j].isalpha() and w[j + 1].isalpha()]
    if not spots:
        return name
    j = rng.choice(spots)
    op = rng.choice(["drop", "swap", "double"])
    if op == "drop":
        w = w[:j] + w[j + 1 :]
    elif op == "swap":
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


class Style:
    """The messiness of one tracker, drawn from one seed."""

    def __init__(self, truth: Truth, rng: random.Random, day_first: bool = False, noise: float | None = None):
        self.t = truth
        self.rng = rng
        self.noise = rng.uniform(0.08, 0.25) if noise is None else noise
        self.day_first = day_first
        self.text_dates = rng.choice([0.0, 0.1, 0.25, 0.5]) if not day_first else 1.0
        self.date_styles = (
            rng.sample(["num4", "num4z", "num2", "iso", "long", "abbr", "dmy_abbr", "day_month"], 3)
            if not day_first
            else ["num4", "num4z"]
        )
        self.type_words = rng.choice(TYPE_WORDS)
        self.present = rng.choice(PRESENT_MARKS)
        self.absent = ABSENT_MARKS.get(self.present[0], [None])
        if self.absent != [None] and rng.random() < 0.5:
            self.absent = [self.absent[0]]  # fills every absent cell
        self.typos_left = rng.choice([0, 1, 1, 2])
        self.team_style = rng.choice(["full", "short"])
        self.blank_type = 0.03  # share of type cells left empty
        self.times = False  # Excel dates carry a time of day
        self.linked: set[str] = set()  # people already written with full name and email together
        self.nicked = False

    # dates --------------------------------------------------------------------------------------
    def date(self, d: date, force_text: bool = False, styles: list[str] | None = None) -> Any:
        if not force_text and self.rng.random() >= self.text_dates:
            if self.times and self.rng.random() < 0.5:  # exported from a calendar: a start time too
                return datetime.combine(d, time(self.rng.choice([8, 9, 12, 15]), self.rng.choice([0, 30])))
            return d
        return fmt_date(d, self.rng.choice(styles or self.date_styles), self.day_first)

    # names --------------------------------------------------------------------------------------
    def org_name(self, oid: str | None) -> str:
        o = self.t.org(oid)
        if o is None:
            return ""
        name = o.name
        r = self.rng
        if r.random() < self.noise:
            op = r.choice(["case", "space", "legal", "amp", "abbr", "typo", "punct"])
            if op == "case":
                name = r.choice([name.upper(), name.lower()])
            elif op == "space":
                name = r.choice([f" {name}", f"{name} ", name.replace(" ", "  ", 1)])
            elif op == "legal" and o.kind == "business":
                name += r.choice(LEGAL)
            elif op == "amp" and " & " in name:
                name = name.replace(" & ", " and ")
            elif op == "abbr" and any(w in name for w in ABBREVIATIONS):
                word = next(w for w in ABBREVIATIONS if w in name)
                name = name.replace(word, r.choice(ABBREVIATIONS[word]))
            elif op == "punct" and re.search(r"[-'.]", name):
                name = name.replace("-", r.choice([" ", ""])).replace("'", "").replace(".", "")
            elif op == "typo" and self.typos_left > 0:
                typo = _typo(name, r)
                if typo != name:
                    self.typos_left -= 1
                    name = typo
        return name

    def first_name(self, p: Person, nick: bool) -> str:
        """The first name, now and then as its short form when the row also carries the email."""
        if nick and p.first in NICKNAMES and self.rng.random() < self.noise / 3:
            self.nicked = True
            return NICKNAMES[p.first]
        return p.first

    def person_name(self, p: Person, order: str = "first_last", nick: bool = False) -> str:
        r = self.rng
        first = self.first_name(p, nick)
        name = f"{p.last}, {first}" if order == "last_first" else f"{first} {p.last}"
        if r.random() < self.noise:
            op = r.choice(["upper", "lower", "space", "flip"])
            if op == "upper":
                name = name.upper()
            elif op == "lower":
                name = name.lower()
            elif op == "space":
                name = r.choice([f" {name} ", name.replace(" ", "  ", 1)])
            elif order == "first_last":
                name = f"{p.last}, {first}"
        return name

    def split_name(self, p: Person, nick: bool = False) -> tuple[str, str]:
        f, last = self.first_name(p, nick), p.last
        if self.rng.random() < self.noise / 2:
            f, last = f.upper(), last.upper()
        if self.rng.random() < self.noise / 2:
            f = f" {f}"
        return f, last

    def email(self, p: Person, keep: float = 0.75) -> str:
        if not p.email or self.rng.random() > keep:
            return ""
        e = p.email
        if self.rng.random() < self.noise / 2:
            e = self.rng.choice([e.upper(), f" {e}", e.capitalize()])
        return e

    def type_word(self, oid: str | None) -> str:
        o = self.t.org(oid)
        if o is None or self.rng.random() < self.blank_type:
            return ""
        w = self.type_words[0] if o.kind == "business" else self.type_words[1]
        if self.rng.random() < self.noise / 2 and len(w) > 1:
            w = w.lower()
        return w

    def mark(self, present: bool) -> Any:
        if present:
            return self.rng.choice(self.present)
        return self.rng.choice(self.absent)

    def status_word(self, s: str) -> str:
        w = self.rng.choice(STATUS_WORDS[s])
        if self.rng.random() < self.noise / 2:
            w = self.rng.choice([w.upper(), w.lower(), f"{w} "])
        return w

    def team_name(self, priority: str) -> str:
        return priority if self.team_style == "full" else self.t.short(priority)


def fmt_date(d: date, style: str, day_first: bool = False) -> str:
    """A date as text, the way people type them."""
    a, b = (d.day, d.month) if day_first else (d.month, d.day)
    y2 = f"{d.year % 100:02d}"
    return {
        "num4": f"{a}/{b}/{d.year}",
        "num4z": f"{a:02d}/{b:02d}/{d.year}",
        "num2": f"{a}/{b}/{y2}",
        "iso": d.isoformat(),
        "long": f"{MONTHS[d.month]} {d.day}, {d.year}",
        "abbr": f"{MONS[d.month]} {d.day} {d.year}",
        "dmy_abbr": f"{d.day}-{MONS[d.month]}-{y2}",
        "day_month": f"{d.day} {MONTHS[d.month]} {d.year}",
        "weekday": f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month]} {d.day}, {d.year}",
        "dash2": f"{a}-{b}-{y2}",
        "dot2": f"{a}.{b}.{y2}",
    }[style]


# Words for meeting types, as written in meeting lists, logs and grid headers.
KIND_WORDS = {
    "launch": ["Launch", "Launch Meeting", "Kickoff", "Partnership Launch", "Kick-off Meeting"],
    "full_partnership": [
        "Full Partnership",
        "Quarterly",
        "Quarterly Partnership Meeting",
        "Partnership Meeting",
        "Full Partnership Meeting",
        "Quarterly Meeting",
        "All-Partner Meeting",
        "Quarterly Convening",
        "Full Partnership Convening",
    ],
    "planning": [
        "Planning Call",
        "Co-chair Call",
        "Co-Chair Planning",
        "Agenda Planning",
        "Planning Meeting",
        "Co-chairs Meeting",
    ],
}


def meeting_label(st: Style, m: Meeting, with_team: bool = True) -> str:
    """What a convener calls this meeting in a list or a column header."""
    r = st.rng
    if m.kind == "action_team":
        team = st.team_name(m.team)
        if not with_team:
            return r.choice(["Action Team", "Action Team Call", "AT Meeting"])
        return r.choice(
            [
                f"{team} Action Team",
                f"Action Team – {team}",
                f"{team} AT",
                f"AT: {team}",
                f"Action Team Call – {team}",
                f"{team} Working Group",
            ]
        )
    if m.kind == "other":
        return m.label
    return r.choice(KIND_WORDS[m.kind])


def _band(sheet: Sheet, keys: list[str], groups: list[tuple[str, set[str]]], merge: bool) -> None:
    """The upper row of a two-row header: a group label over several columns."""
    row: list[Any] = [None] * len(keys)
    r = len(sheet.rows)
    for label, members in groups:
        idx = [i for i, k in enumerate(keys) if k in members]
        if not idx:
            continue
        row[idx[0]] = label
        if merge and len(idx) > 1:
            sheet.merges.append((r, idx[0], r, idx[-1]))
    sheet.add(row)


def _title_rows(sheet: Sheet, lines: list[str], width: int, merge: bool) -> None:
    for line in lines:
        r = sheet.add([line] + [None] * (width - 1))
        if merge and line and width > 1:
            sheet.merges.append((r, 0, r, min(width - 1, 6)))


# --------------------------------------------------------------------------------------------------
# Renderers
# --------------------------------------------------------------------------------------------------

ROSTER_SHEETS = [
    "Partner List",
    "Partners",
    "Roster",
    "Contacts",
    "Members",
    "Partner Roster",
    "Contact List",
]
NAME_HEADERS = [
    "Name",
    "Attendee",
    "Contact",
    "Contact Name",
    "Full Name",
    "Participant",
    "Attendee Name",
    "Member Name",
]
FIRST_HEADERS = [("First Name", "Last Name"), ("First", "Last"), ("First name", "Surname")]
ORG_HEADERS = [
    "Organization",
    "Company",
    "Employer",
    "Business/Organization",
    "Company/Organization",
    "Agency",
    "Organization Name",
    "Org",
    "Affiliation",
    "Company Name",
    "Employer/Organization",
]
TYPE_HEADERS = [
    "Type",
    "Partner Type",
    "Sector (Business/Public)",
    "Business or Public",
    "Category",
    "B/P",
    "Member Type",
    "Sector",
    "Partner Category",
]
EMAIL_HEADERS = ["Email", "E-mail", "Email Address", "Work Email", "E-mail Address"]
TITLE_HEADERS = ["Title", "Job Title", "Position"]
DATE_HEADERS = ["Date", "Meeting Date", "Date of Meeting", "Mtg Date", "Date Held"]
MEETING_HEADERS = ["Meeting", "Meeting Type", "Event", "Type of Meeting", "Meeting Name", "Mtg Type"]
TEAM_HEADERS = ["Team", "Action Team", "Priority", "Workgroup"]
DESC_HEADERS = [
    "Action Item",
    "Action Step",
    "Task",
    "Next Step",
    "Action",
    "Activity",
    "Action Steps",
    "Strategy / Action",
    "Tactic",
    "Deliverable",
]
OWNER_HEADERS = [
    "Owner",
    "Lead",
    "Champion",
    "Responsible",
    "Who",
    "Point Person",
    "Lead(s)",
    "Owner(s)",
    "Lead Partner",
    "Assigned To",
]
DUE_HEADERS = ["Due", "Due Date", "By When", "Target Date", "Deadline", "Timeline", "When", "Due By"]
STATUS_HEADERS = ["Status", "Current Status", "Status Update"]
PCT_HEADERS = ["% Complete", "Progress", "Percent Complete", "% Done", "Pct Complete", "% complete"]
NOTE_HEADERS = ["Notes", "Comments", "Updates", "Next Steps / Notes"]
PRIORITY_HEADERS = [
    "Priority Area",
    "Priority",
    "Action Area",
    "Focus Area",
    "Goal",
    "Action Team",
    "Workgroup",
    "Strategic Priority",
    "Initiative",
]


def _person_cols(st: Style, split: bool) -> list[str]:
    r = st.rng
    return list(r.choice(FIRST_HEADERS)) if split else [r.choice(NAME_HEADERS)]


def _person_cells(st: Style, p: Person, split: bool, order: str, email: str = "") -> list[str]:
    """A person's name cell(s); a short first name only where the email ties it to a row seen before."""
    shown = bool(email.strip())
    nick = shown and p.id in st.linked
    st.nicked = False
    cells = list(st.split_name(p, nick)) if split else [st.person_name(p, order, nick)]
    if shown and not st.nicked:
        st.linked.add(p.id)  # full name and email together: later rows may use the short name
    return cells


def render_roster(st: Style, people: list[Person], with_type: bool, split: bool, order: str) -> Sheet:
    r = st.rng
    sh = Sheet(r.choice(ROSTER_SHEETS))
    cols: list[tuple[str, str]] = [("name", h) for h in _person_cols(st, split)]
    cols.append(("org", r.choice(ORG_HEADERS)))
    if with_type:
        cols.append(("type", r.choice(TYPE_HEADERS)))
    extra = [
        ("title", r.choice(TITLE_HEADERS)),
        ("email", r.choice(EMAIL_HEADERS)),
        ("phone", "Phone"),
        ("role", "Role"),
    ]
    extra = [c for c in extra if r.random() < 0.8 or c[0] == "email"]
    cols += extra
    width = len(cols)
    if r.random() < 0.5:
        _title_rows(
            sh,
            [st.t.name, f"Partner roster — updated {fmt_date(st.t.as_of, 'num4', st.day_first)}", ""],
            width,
            True,
        )
    if r.random() < 0.25 and split is False:
        # A two-row header: a group band over the contact and the organisation columns.
        band = ["Contact"] + [None] * (width - 1)
        oi = next(i for i, c in enumerate(cols) if c[0] == "org")
        band[oi] = "Organization"
        rr = sh.add(band)
        if oi > 1:
            sh.merges.append((rr, 0, rr, oi - 1))
        if width - oi > 1:
            sh.merges.append((rr, oi, rr, min(width - 1, oi + 1)))
    sh.add([h for _, h in cols])
    rows = list(people)
    if r.random() < 0.5:
        rows.sort(key=lambda p: (st.t.org(p.org).name if p.org else "", p.last))
    for p in rows:
        row: list[Any] = []
        e = st.email(p, keep=0.95)
        for key, _ in cols:
            if key == "name":
                row += _person_cells(st, p, split, order, e) if not row else []
            elif key == "org":
                row.append(st.org_name(p.org))
            elif key == "type":
                row.append(st.type_word(p.org))
            elif key == "title":
                row.append(p.title)
            elif key == "email":
                row.append(e)
            elif key == "phone":
                row.append(f"({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}")
            elif key == "role":
                row.append(p.role)
        sh.add(row)
    return sh


def render_meeting_list(st: Style, meetings: list[Meeting], team_col: bool) -> Sheet:
    r = st.rng
    sh = Sheet(r.choice(["Meetings", "Calendar", "Meeting Log", "Meeting Schedule", "Meeting List"]))
    hdr = [r.choice(DATE_HEADERS), r.choice(["Meeting Type", "Type", "Meeting"])]
    if team_col:
        hdr.append(r.choice(TEAM_HEADERS))
    hdr += ["Location", r.choice(["Summary Sent", "Notes", "Agenda Posted"])]
    sh.add(hdr)
    for m in meetings:
        row = [st.date(m.date), meeting_label(st, m, with_team=not team_col)]
        if team_col:
            row.append(st.team_name(m.team) if m.team else "")
        row += [m.location, r.choice(["", "", st.date(m.date + timedelta(days=r.randint(2, 9)))])]
        sh.add(row)
    return sh


def _maybe_note(st: Style, sh: Sheet, width: int) -> None:
    if st.rng.random() < 0.3:
        sh.add([None] * width)
        sh.add(
            [
                st.rng.choice(
                    [
                        "Note: virtual attendees were not tracked before the first quarterly meeting.",
                        "* Please add new partners to the roster tab too.",
                        "Notes: sign-in sheets scanned in the shared drive.",
                    ]
                )
            ]
            + [None] * (width - 1)
        )


def render_log(st: Style, truth: Truth, split: bool, order: str, v: dict) -> Sheet:
    """A long attendance log: one row per person per meeting."""
    r = st.rng
    sh = Sheet(
        r.choice(["Attendance Log", "Attendance", "Sign-ins", "Meeting Attendance", "Attendance Record"])
    )
    label_has_date = v["log_label_date"]
    cols = [] if label_has_date else [r.choice(DATE_HEADERS)]
    cols += [r.choice(MEETING_HEADERS)]
    team_col = v["log_team_col"]
    if team_col:
        cols.append(r.choice(TEAM_HEADERS))
    n_meeting = len(cols)
    cols += _person_cols(st, split) + [r.choice(ORG_HEADERS), r.choice(EMAIL_HEADERS)]
    if v["log_type_col"]:
        cols.append(r.choice(TYPE_HEADERS))
    width = len(cols)
    if r.random() < 0.3:
        _title_rows(sh, [f"{truth.name} – Attendance", ""], width, True)
    if v["band_headers"]:
        keys = ["meeting"] * n_meeting + ["who"] * (width - n_meeting)
        _band(sh, keys, [("Meeting", {"meeting"}), ("Attendee", {"who"})], v["merge_titles"])
    sh.add(cols)
    bad = defaultdict(list)
    for mid, oid in truth.bad_attendance:
        bad[mid].append(oid)
    blocks = v["log_blocks"]
    for m in truth.meetings:
        lab = meeting_label(st, m, with_team=not team_col)
        if label_has_date:
            lab = f"{fmt_date(m.date, r.choice(['num2', 'num4', 'dash2']), st.day_first)} {lab}"
        rows = [("p", pid) for pid in truth.attendees(m.id)]
        if r.random() < 0.5:
            r.shuffle(rows)
        for oid in bad[m.id]:
            rows.insert(r.randint(1, len(rows)), ("bad", oid))
        if r.random() < 0.08 and rows[0][0] == "p":
            rows.insert(r.randint(1, len(rows)), rows[0])  # signed in twice
        for k, (what, x) in enumerate(rows):
            first = k == 0
            row: list[Any] = []
            if not label_has_date:
                row.append(st.date(m.date) if first or not blocks else None)
            row.append(lab if first or not blocks else None)
            if team_col:
                row.append((st.team_name(m.team) if m.team else "") if first or not blocks else None)
            if what == "p":
                p = truth.person(x)
                e = st.email(p)
                row += _person_cells(st, p, split, order, e)
                row += [st.org_name(p.org), e]
                if v["log_type_col"]:
                    row.append(st.type_word(p.org))
            else:
                row += [""] * (2 if split else 1)
                row += [st.org_name(x), ""]
                if v["log_type_col"]:
                    row.append(st.type_word(x))
            sh.add(row)
        if blocks and r.random() < 0.3:
            sh.add([None] * width)
    _maybe_note(st, sh, width)
    return sh


def render_grid(
    st: Style, truth: Truth, meetings: list[Meeting], people: list[Person], v: dict, name: str
) -> Sheet:
    """A wide grid: people down, meetings across."""
    r = st.rng
    sh = Sheet(name)
    split = v["split"]
    left = [("name", h) for h in _person_cols(st, split)] + [("org", r.choice(ORG_HEADERS))]
    if v["with_type"]:
        left.append(("type", r.choice(TYPE_HEADERS)))
    if v["grid_email"]:
        left.append(("email", r.choice(EMAIL_HEADERS)))
    nl = len(left)
    width = nl + len(meetings) + (1 if v["grid_total_col"] else 0)
    titles = [truth.name]
    if r.random() < 0.7:
        titles.append(f"Partner attendance tracker — updated {fmt_date(truth.as_of, 'num4', st.day_first)}")
    titles.append("")
    _title_rows(sh, titles, width, v["merge_titles"])
    if v["grid_headers"] == "type_row":
        sh.add(
            [None] * nl + [meeting_label(st, m) for m in meetings] + ([None] if v["grid_total_col"] else [])
        )
        dates = [st.date(m.date) for m in meetings]
    else:
        dates = []
        for m in meetings:
            d = fmt_date(m.date, r.choice(["num2", "num4", "dash2"]), st.day_first)
            lab = meeting_label(st, m)
            dates.append(f"{d} {lab}" if r.random() < 0.8 else f"{lab} {d}")
    sh.add([h for _, h in left] + dates + (["Total"] if v["grid_total_col"] else []))
    present = set(truth.attendance)
    mids = [m.id for m in meetings]
    totals = [0] * len(meetings)
    rows: list[tuple[str, Any]] = [("p", p) for p in people]
    for mid, oid in truth.bad_attendance:  # one half-filled row per rejected record
        if mid in mids:
            rows.insert(r.randint(1, len(rows)), ("bad", (oid, [mid])))
    if v["grid_type_sections"]:
        # No type column: the grid is split by section rows ("BUSINESS PARTNERS", "Public Partners").
        def kind(item: tuple[str, Any]) -> int:
            oid = item[1].org if item[0] == "p" else item[1][0]
            o = truth.org(oid)
            return 2 if o is None else 0 if o.kind == "business" else 1

        rows.sort(key=kind)
        labels = r.choice(
            [
                ("BUSINESS PARTNERS", "PUBLIC PARTNERS", "GUESTS"),
                ("Business Partners", "Support Partners", "Guests"),
                ("Industry", "Public Partners", "Walk-ins"),
            ]
        )
        grouped: list[tuple[str, Any]] = []
        for k in (0, 1, 2):
            part = [x for x in rows if kind(x) == k]
            if part:
                grouped += [("section", labels[k]), *part]
        rows = grouped
    for what, x in rows:
        row: list[Any] = []
        if what == "section":
            rr = sh.add([x] + [None] * (width - 1))
            if v["merge_titles"]:
                sh.merges.append((rr, 0, rr, nl - 1))
            continue
        if what == "p":
            e = st.email(x, keep=0.9) if v["grid_email"] else ""
            for key, _ in left:
                if key == "name":
                    if not row:
                        row += _person_cells(st, x, split, v["order"], e)
                elif key == "org":
                    row.append(st.org_name(x.org))
                elif key == "type":
                    row.append(st.type_word(x.org))
                elif key == "email":
                    row.append(e)
            marks = [(x.id, mid) in present for mid in mids]
        else:
            oid, ms = x
            row = [""] * (2 if split else 1) + [st.org_name(oid)]
            row += [st.type_word(oid)] if v["with_type"] else []
            row += [""] if v["grid_email"] else []
            marks = [mid in ms for mid in mids]
        for i, on in enumerate(marks):
            totals[i] += on
        row += [st.mark(on) for on in marks]
        if v["grid_total_col"]:
            row.append(sum(marks))
        sh.add(row)
    if v["grid_total_row"]:
        sh.add(
            [r.choice(["Total", "TOTAL", "Total Attendance", "# Present"])]
            + [None] * (nl - 1)
            + totals
            + ([sum(totals)] if v["grid_total_col"] else [])
        )
    sh.add([None] * width)
    key = {
        "X": "X",
        "x": "x",
        "✓": "✓",
        1: "1",
        "1": "1",
        "Y": "Y",
        "yes": "yes",
        "Yes": "Yes",
        "P": "P",
        "Attended": "Attended",
        "Present": "Present",
    }
    marks_text = " / ".join(key[m] for m in st.present)
    sh.add([f"Key: {marks_text} = attended; blank = did not attend"] + [None] * (width - 1))
    return sh


def _sheet_safe(name: str) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "-", name)
    return name[:31]


def render_signin(st: Style, truth: Truth, m: Meeting, v: dict, used: set[str]) -> Sheet:
    """One meeting's sign-in sheet."""
    r = st.rng
    short = {
        "launch": "Launch",
        "full_partnership": r.choice(["Quarterly", "Partnership", "Full Partnership"]),
        "planning": r.choice(["Planning", "Co-chair Call"]),
        "other": m.label,
    }
    d = fmt_date(m.date, r.choice(["num2", "dash2", "dot2", "iso"]))
    what = f"{truth.short(m.team)} AT" if m.kind == "action_team" else short[m.kind]
    name = _sheet_safe(f"{what} {d}")
    while name in used:
        name = _sheet_safe(f"{what} {d} ({r.randint(2, 9)})")
    used.add(name)
    sh = Sheet(name)
    split = v["split"]
    cols = _person_cols(st, split) + [r.choice(ORG_HEADERS), r.choice(EMAIL_HEADERS)]
    if v["with_type"]:
        cols.append(r.choice(TYPE_HEADERS))
    if v["signature"]:
        cols.append("Signature")
    width = len(cols)
    full_name = {
        "launch": "Partnership Launch",
        "full_partnership": "Quarterly Partnership Meeting",
        "planning": "Co-chair Planning Call",
        "other": m.label,
    }
    mname = f"{m.team} Action Team" if m.kind == "action_team" else full_name[m.kind]
    if v["signin_titles"] == "full":
        _title_rows(
            sh,
            [
                "SIGN-IN SHEET",
                f"Meeting: {mname}",
                f"Date: {fmt_date(m.date, r.choice(['weekday', 'weekday', 'long', 'num4']))}",
                f"Location: {m.location}",
                "",
            ],
            width,
            v["merge_titles"],
        )
    elif v["signin_titles"] == "one_line":
        _title_rows(sh, [f"{mname} — {fmt_date(m.date, 'long')}", ""], width, v["merge_titles"])
    sh.add(cols)
    rows: list[tuple[str, Any]] = [("p", truth.person(p)) for p in truth.attendees(m.id)]
    for mid, oid in truth.bad_attendance:
        if mid == m.id:
            rows.insert(r.randint(1, len(rows)), ("bad", oid))
    for what_, x in rows:
        if what_ == "p":
            e = st.email(x)
            row = _person_cells(st, x, split, v["order"], e) + [st.org_name(x.org), e]
            oid = x.org
        else:
            row = [""] * (2 if split else 1) + [st.org_name(x), ""]
            oid = x
        if v["with_type"]:
            row.append(st.type_word(oid))
        if v["signature"]:
            row.append("")
        sh.add(row)
    return sh


PLAN_BANDS = [("Action", {"desc", "owner", "due"}), ("Progress", {"status", "pct"})]


def render_action_plan(st: Style, truth: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """The action plan, with the priority as a column, as section rows, or as a sheet of its own."""
    r = st.rng
    status_mode = v["status_mode"]  # "status", "status+pct", "pct"
    pct_fmt = v["pct_fmt"]  # "fraction", "text", "number", "excel"
    items = list(truth.items)
    if status_mode == "pct":
        # Only a percent column: the status the file can carry is the one the percent implies.
        items = [replace(i, status=None) for i in items]
        truth = replace(truth, items=tuple(items))
    if status_mode == "status":
        items = [replace(i, percent=None) for i in items]
        truth = replace(truth, items=tuple(items))

    def cols() -> list[tuple[str, str]]:
        c = [
            ("desc", r.choice(DESC_HEADERS)),
            ("owner", r.choice(OWNER_HEADERS)),
            ("due", r.choice(DUE_HEADERS)),
        ]
        if status_mode != "pct":
            c.append(("status", r.choice(STATUS_HEADERS)))
        if status_mode != "status":
            c.append(("pct", r.choice(PCT_HEADERS)))
        c.append(("note", r.choice(NOTE_HEADERS)))
        return c

    def pct(x: float | None) -> Any:
        if x is None:
            return ""
        if pct_fmt == "fraction" or pct_fmt == "excel":
            return x
        if pct_fmt == "text":
            return f"{round(x * 100)}%"
        return float(round(x * 100))

    def cells(i: Item | None, c: list[tuple[str, str]]) -> list[Any]:
        out: list[Any] = []
        for key, _ in c:
            if i is None:  # a half-filled row: no description
                out.append(
                    {
                        "desc": "",
                        "owner": "",
                        "due": "",
                        "status": st.status_word("in_progress") if status_mode != "pct" else "",
                        "pct": pct(0.25) if status_mode != "status" else "",
                        "note": "placeholder",
                    }[key]
                )
                continue
            if key == "desc":
                out.append(i.description)
            elif key == "owner":
                p = i.owner
                if r.random() < st.noise:
                    first, last = p.split(" ", 1)
                    p = r.choice([p.upper(), f"{last}, {first}", f" {p} "])
                out.append(p)
            elif key == "due":
                out.append(st.date(i.due) if i.due_text is None else i.due_text)
            elif key == "status":
                out.append(st.status_word(i.status) if i.status else "")
            elif key == "pct":
                out.append(pct(i.percent))
            elif key == "note":
                out.append(i.note)
        return out

    by_pri: dict[str, list[Item | None]] = {n: [] for n, _ in truth.priorities}
    for i in items:
        by_pri[i.priority].append(i)
    for pname in truth.bad_items:
        lst = by_pri[pname]
        lst.insert(r.randint(1, len(lst)), None)
    by_pri = {k: x for k, x in by_pri.items() if x}
    plan_name = r.choice(["Action Plan", "Action Items", "Action Plan 2025", "Work Plan", "Priorities"])
    mode = v["plan_mode"]
    sheets: list[Sheet] = []
    if mode in ("column", "column_merged"):
        sh = Sheet(plan_name)
        c = [("priority", r.choice(PRIORITY_HEADERS)), *cols()]
        c = c[:1] + c[1:]
        if r.random() < 0.3:
            _title_rows(sh, [f"{truth.name} — Action Plan", ""], len(c), v["merge_titles"])
        if v["band_headers"]:
            _band(sh, [k for k, _ in c], PLAN_BANDS, v["merge_titles"])
        sh.add([h for _, h in c])
        pcol = [k for k, (key, _) in enumerate(c) if key == "pct"]
        if pct_fmt == "excel" and pcol:
            sh.percent_cols.add(pcol[0])
        for pname, lst in by_pri.items():
            top = len(sh.rows)
            for k, i in enumerate(lst):
                shown = pname if mode == "column" or k == 0 else None
                if shown and r.random() < st.noise / 2:
                    shown = f" {pname} "
                sh.add([shown] + cells(i, c[1:]))
            if mode == "column_merged" and len(lst) > 1:
                sh.merges.append((top, 0, len(sh.rows) - 1, 0))
        sheets.append(sh)
    elif mode == "sections":
        sh = Sheet(plan_name)
        c = cols()
        width = len(c)
        _title_rows(sh, [f"{truth.name} — Action Plan", ""], width, v["merge_titles"])
        deco = v["section_deco"]
        one_header = r.random() < 0.3
        if one_header:
            sh.add([h for _, h in c])
        for n, (pname, lst) in enumerate(by_pri.items(), start=1):
            label = {
                "Priority N:": f"Priority {n}: {pname}",
                "PRIORITY N:": f"PRIORITY {n}: {pname.upper()}",
                "Priority N –": f"Priority {n} – {pname}",
                "Goal N:": f"Goal {n}: {pname}",
                "Focus Area N -": f"Focus Area {n} - {pname}",
                "bare": pname,
            }[deco if deco != "mixed" else r.choice(["Priority N:", "PRIORITY N:", "bare", "Priority N –"])]
            rr = sh.add([label] + [None] * (width - 1))
            sh.merges.append((rr, 0, rr, width - 1))
            if not one_header:
                sh.add([h for _, h in c] if n == 1 or r.random() < 0.8 else [h for _, h in cols()])
            for i in lst:
                sh.add(cells(i, c))
            sh.add([None] * width)
        if r.random() < 0.3:
            sh.add(["Note: statuses reviewed at each co-chair call."] + [None] * (width - 1))
        pcol = [k for k, (key, _) in enumerate(c) if key == "pct"]
        if pct_fmt == "excel" and pcol:
            sh.percent_cols.add(pcol[0])
        sheets.append(sh)
    else:  # one sheet per priority
        for n, (pname, lst) in enumerate(by_pri.items(), start=1):
            decorated = f"Priority {n} - {pname}"
            sh = Sheet(decorated if v["sheet_deco"] and len(decorated) <= 31 else _sheet_safe(pname))
            c = cols()
            if r.random() < 0.6:
                _title_rows(sh, [f"{pname} — Action Plan", ""], len(c), v["merge_titles"])
            if v["band_headers"]:
                _band(sh, [k for k, _ in c], PLAN_BANDS, v["merge_titles"])
            sh.add([h for _, h in c])
            for i in lst:
                sh.add(cells(i, c))
            pcol = [k for k, (key, _) in enumerate(c) if key == "pct"]
            if pct_fmt == "excel" and pcol:
                sh.percent_cols.add(pcol[0])
            sheets.append(sh)
    return sheets, truth


def render_funding(st: Style, truth: Truth) -> Sheet:
    r = st.rng
    sh = Sheet(r.choice(["Funding", "Resources", "Funding & In-Kind"]))
    sh.add(
        [
            r.choice(["Source", "Funder", "Funding Source"]),
            "Type",
            "Amount",
            "Status",
            r.choice(["Period", "Year", "Grant Period"]),
        ]
    )
    for f in truth.funding:
        sh.add([f.source, f.kind, f.amount, f.status, f.period])
    if r.random() < 0.5:
        sh.add(["Total", "", sum(f.amount for f in truth.funding), "", ""])
    return sh


def render_instructions(st: Style) -> Sheet:
    sh = Sheet(st.rng.choice(["Instructions", "How to use", "README", "Read Me"]), table=False)
    for line in [
        "How to use this tracker",
        "",
        "1. Add every partner to the roster tab.",
        "2. After each meeting, log who came.",
        "3. Update the action plan monthly. Use the status values on the Lists tab.",
    ]:
        sh.add([line])
    return sh


def render_lists(st: Style) -> Sheet:
    sh = Sheet(st.rng.choice(["Lists", "Dropdowns", "Lookup"]), table=False)
    statuses = [STATUS_WORDS[s][0] for s in STATUSES]
    kinds = ["Launch", "Full Partnership", "Action Team", "Planning Call"]
    sh.add(["Status options", "Type options", "Meeting types"])
    for k in range(max(len(statuses), len(kinds))):
        sh.add(
            [
                statuses[k] if k < len(statuses) else None,
                st.type_words[k] if k < 2 else None,
                kinds[k] if k < len(kinds) else None,
            ]
        )
    return sh


LAYOUTS = ("template", "grid", "signin")


def pick_variant(layout: str, rng: random.Random, **over: Any) -> dict:
    """The messiness knobs of one rendering, drawn from the seed (any can be forced)."""
    v = {
        "split": rng.random() < 0.25,
        "order": rng.choice(["first_last", "first_last", "last_first"]),
        "with_type": rng.random() < 0.75,
        "merge_titles": rng.random() < 0.7,
        "day_first": layout != "signin" and rng.random() < 0.12,
        "plan_mode": rng.choice(["column", "column_merged", "sections", "sections", "sheets"]),
        "status_mode": rng.choices(["status", "status+pct", "pct"], [35, 50, 15])[0],
        "pct_fmt": rng.choice(["fraction", "text", "number", "excel", "mixed"]),
        "section_deco": rng.choice(
            ["Priority N:", "PRIORITY N:", "Priority N –", "Goal N:", "Focus Area N -", "bare", "mixed"]
        ),
        "band_headers": rng.random() < 0.2,
        "sheet_deco": rng.random() < 0.3,
        "type_blank": rng.random() < 0.05,
        "csv_bom": rng.random() < 0.5,
        "times": rng.random() < 0.12,
        "instructions": rng.random() < 0.5,
        "lists": rng.random() < 0.4,
        "funding": rng.random() < 0.7,
        # template
        "meetings_sheet": rng.random() < 0.7,
        "meetings_team_col": rng.random() < 0.5,
        "log_label_date": rng.random() < 0.15,
        "log_team_col": rng.random() < 0.35,
        "log_type_col": rng.random() < 0.3,
        "log_blocks": rng.random() < 0.35,
        # grid
        "grid_headers": rng.choice(["type_row", "type_row", "label"]),
        "grid_email": rng.random() < 0.5,
        "grid_total_col": rng.random() < 0.3,
        "grid_total_row": rng.random() < 0.8,
        "grid_by_year": rng.random() < 0.25,
        "grid_type_sections": rng.random() < 0.15,
        "grid_roster": rng.random() < 0.2,
        # signin
        "signin_titles": rng.choice(["full", "full", "one_line", "none"]),
        "signature": rng.random() < 0.3,
        "signin_roster": rng.random() < 0.35,
        "signin_newest_first": rng.random() < 0.2,
    }
    if v["pct_fmt"] == "mixed":
        v["pct_fmt"] = rng.choice(["fraction", "text", "number"])
    v.update(over)
    if v["grid_type_sections"] and layout == "grid":
        v["with_type"] = False
    return v


def _tag(sheet: Sheet, role: str) -> Sheet:
    sheet.role = role
    return sheet


def render(truth: Truth, layout: str, seed: int | None = None, **over: Any) -> Rendered:
    """Write a truth in one layout with seeded messiness; returns the book and the truth it carries."""
    rng = random.Random(f"{truth.seed}/{layout}/{seed}")
    v = pick_variant(layout, rng, **over)
    st = Style(truth, rng, day_first=v["day_first"], noise=v.get("noise"))
    if v.get("type_words"):
        st.type_words = v["type_words"]
    if v["type_blank"]:
        st.blank_type = 1.0  # a type column nobody filled in
    st.times = v["times"]
    sheets: list[Sheet] = []
    t = truth
    if layout == "template":
        # Roster + long log; nobody is lost: roster-only people are on the roster.
        roster_people = [p for p in t.people if p.on_roster]
        sheets.append(
            _tag(render_roster(st, roster_people, v["with_type"], v["split"], v["order"]), "roster")
        )
        if v["meetings_sheet"]:
            sheets.append(_tag(render_meeting_list(st, list(t.meetings), v["meetings_team_col"]), "meetings"))
        sheets.append(_tag(render_log(st, t, v["split"], v["order"], v), "attendance"))
    elif layout == "grid":
        if v["grid_roster"]:
            sheets.append(
                _tag(
                    render_roster(
                        st, [p for p in t.people if p.on_roster], v["with_type"], v["split"], v["order"]
                    ),
                    "roster",
                )
            )
        else:
            t = t.without_roster_only()
        came = {p for p, _ in t.attendance}
        people = [p for p in t.people if p.id in came]
        people.sort(key=lambda p: (p.last, p.first))
        if rng.random() < 0.5:
            people.sort(
                key=lambda p: (t.org(p.org).kind if p.org else "z", t.org(p.org).name if p.org else "")
            )
        if v["grid_by_year"]:
            years = sorted({m.date.year for m in t.meetings})
            for y in years:
                ms = [m for m in t.meetings if m.date.year == y]
                sheets.append(_tag(render_grid(st, t, ms, people, v, f"{y} Attendance"), "attendance"))
        else:
            name = rng.choice(["Attendance", "Attendance Tracker", "Meeting Attendance", "Attendance Grid"])
            sheets.append(_tag(render_grid(st, t, list(t.meetings), people, v, name), "attendance"))
    elif layout == "signin":
        if v["signin_roster"]:
            sheets.append(
                _tag(
                    render_roster(
                        st, [p for p in t.people if p.on_roster], v["with_type"], v["split"], v["order"]
                    ),
                    "roster",
                )
            )
        else:
            t = t.without_roster_only()
        used: set[str] = set()
        ms = list(t.meetings)
        if v["signin_newest_first"]:
            ms.reverse()
        sheets += [_tag(render_signin(st, t, m, v, used), "attendance") for m in ms]
    else:
        raise ValueError(f"unknown layout {layout!r}")
    plan, t = render_action_plan(st, t, v)
    plan = [_tag(sh, "plan") for sh in plan]
    sheets = plan + sheets if rng.random() < 0.3 else sheets + plan
    if v["funding"]:
        sheets.append(_tag(render_funding(st, t), "funding"))
    if v["instructions"]:
        sheets.insert(0, _tag(render_instructions(st), "aside"))
    if v["lists"]:
        sheets.append(_tag(render_lists(st), "aside"))
    names: set[str] = set()
    for sh in sheets:  # sheet names are unique in a workbook
        base = sh.name
        n = 2
        while sh.name.lower() in names:
            sh.name = _sheet_safe(f"{base} {n}")
            n += 1
        names.add(sh.name.lower())
    title = re.sub(r"\W+", "_", t.name).strip("_").lower()
    return Rendered(Book(title, sheets, day_first=v["day_first"], csv_bom=v["csv_bom"]), t, layout, v)


# --------------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------------

FORMATS = ("xlsx", "csv", "ods", "xlsx-split", "xls", "lo-xlsx", "lo-ods")


def _cell(v: Any) -> Any:
    return None if v == "" else v


def write_xlsx(book: Book, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    # Fixed document dates, so a seeded workbook is the same bytes every run.
    wb.properties.created = wb.properties.modified = datetime(2026, 1, 1)
    wb.properties.creator = "ngsp test generator"
    date_fmt = "dd/mm/yyyy" if book.day_first else "m/d/yyyy"
    for sh in book.sheets:
        ws = wb.create_sheet(sh.name)
        for r, row in enumerate(sh.rows, start=1):
            for c, val in enumerate(row, start=1):
                val = _cell(val)
                if val is None:
                    continue
                cell = ws.cell(row=r, column=c, value=val)
                if isinstance(val, datetime):
                    cell.number_format = f"{date_fmt} h:mm"
                elif isinstance(val, date):
                    cell.number_format = date_fmt
                elif c - 1 in sh.percent_cols and isinstance(val, float):
                    cell.number_format = "0%"
        for r1, c1, r2, c2 in sh.merges:
            if r2 > r1 or c2 > c1:
                ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
                ws.cell(row=r1 + 1, column=c1 + 1).font = Font(bold=True)
        for (r, c), level in sh.indents.items():
            ws.cell(row=r + 1, column=c + 1).alignment = Alignment(indent=level)
        for r, level in sh.outline.items():
            ws.row_dimensions[r + 1].outlineLevel = level
        for (r, c), formula in sh.formulas.items():
            ws.cell(row=r + 1, column=c + 1, value=f"={formula}")
        for title, r1, r2, lc, vc, anchor in sh.charts:
            from openpyxl.chart import BarChart, Reference

            chart = BarChart()
            chart.title = title
            chart.add_data(
                Reference(ws, min_col=vc + 1, min_row=r1 + 1, max_row=r2 + 1), titles_from_data=False
            )
            chart.set_categories(Reference(ws, min_col=lc + 1, min_row=r1 + 1, max_row=r2 + 1))
            ws.add_chart(chart, anchor)
    wb.save(path)
    if any(sh.formulas for sh in book.sheets):
        _cache_formula_values(book, path)
    return path


def _cache_formula_values(book: Book, path: Path) -> None:
    """Give each formula the value Excel would have cached (openpyxl writes formulas with none)."""
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for i, sh in enumerate(book.sheets, start=1):
        name = f"xl/worksheets/sheet{i}.xml"
        xml = parts[name].decode("utf-8")
        for (r, c), _ in sh.formulas.items():
            ref = f"{get_column_letter(c + 1)}{r + 1}"
            val = sh.rows[r][c] if c < len(sh.rows[r]) else None
            m = re.search(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>', xml)
            if m is None:
                raise RuntimeError(f"formula cell {ref} not found in {name}")
            if isinstance(val, int | float) and not isinstance(val, bool):
                cell = f'<c r="{ref}"{m.group(1)}><f>{m.group(2)}</f><v>{val}</v></c>'
            else:
                text = "" if val is None else escape(str(val))
                cell = f'<c r="{ref}"{m.group(1)} t="str"><f>{m.group(2)}</f><v>{text}</v></c>'
            xml = xml[: m.start()] + cell + xml[m.end() :]
        parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def _csv_text(v: Any, day_first: bool) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, date):
        return fmt_date(v, "num4", day_first)
    if isinstance(v, float) and v.is_integer() and abs(v) >= 2:
        return str(int(v))
    return str(v)


def write_csv(book: Book, folder: Path) -> list[Path]:
    """One CSV per table, named as a spreadsheet app exports them ("Tracker - Sheet.csv")."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for sh in book.sheets:
        if not sh.table:
            continue
        p = folder / f"{book.title} - {sh.name}.csv"
        with p.open("w", newline="", encoding="utf-8-sig" if book.csv_bom else "utf-8") as fh:
            w = csv.writer(fh)
            for r, row in enumerate(sh.rows):
                cells = [_csv_text(v, book.day_first) for v in row]
                for (ir, ic), level in sh.indents.items():  # a CSV keeps an indent only as leading spaces
                    if ir == r and ic < len(cells) and cells[ic]:
                        cells[ic] = "    " * level + cells[ic]
                w.writerow(cells)
        out.append(p)
    return out


def write_ods(book: Book, path: Path) -> Path:
    """OpenDocument spreadsheet via odfpy, with merged cells kept."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for sh in book.sheets:
        table = Table(name=sh.name)
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in sh.merges:
            spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
            for rr in range(r1, r2 + 1):
                for cc in range(c1, c2 + 1):
                    if (rr, cc) != (r1, c1):
                        covered.add((rr, cc))
        width = max((len(row) for row in sh.rows), default=0)
        for r, row in enumerate(sh.rows):
            tr = TableRow()
            for c in range(width):
                val = _cell(row[c]) if c < len(row) else None
                if (r, c) in sh.indents and isinstance(val, str):  # written here as leading spaces
                    val = "    " * sh.indents[(r, c)] + val
                if (r, c) in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                kw: dict[str, Any] = {}
                if (r, c) in spans:
                    kw["numberrowsspanned"], kw["numbercolumnsspanned"] = spans[(r, c)]
                if val is None:
                    tc = TableCell(**kw)
                elif isinstance(val, bool):
                    tc = TableCell(valuetype="string", **kw)
                    tc.addElement(P(text=str(val)))
                elif isinstance(val, date):
                    tc = TableCell(valuetype="date", datevalue=val.isoformat(), **kw)
                    tc.addElement(P(text=fmt_date(val, "num4", book.day_first)))
                elif isinstance(val, int | float):
                    tc = TableCell(valuetype="float", value=str(val), **kw)
                    tc.addElement(P(text=str(val)))
                else:
                    tc = TableCell(valuetype="string", **kw)
                    tc.addElement(P(text=str(val)))
                tr.addElement(tc)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(sources: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """Convert files in one LibreOffice run: fmt "xls" (Excel 97) or "xlsx" (a LibreOffice re-save)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    filt = {"xls": "xls:MS Excel 97", "xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods"}[fmt]
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                filt,
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    out = [outdir / f"{s.stem}.{fmt}" for s in sources]
    missing = [p for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return out


LIBREOFFICE_TARGET = {"xls": "xls", "lo-xlsx": "xlsx", "lo-ods": "ods"}

# Which workbook each sheet goes to when a convener keeps one tracker in several files.
SPLIT_FILES = {
    "roster": "Partners",
    "meetings": "Partners",
    "aside": "Partners",
    "attendance": "Attendance",
    "plan": "Action Plan",
    "funding": "Action Plan",
}


def write_split(book: Book, folder: Path) -> list[Path]:
    """One tracker kept as several workbooks: partners, attendance, action plan."""
    groups: dict[str, list[Sheet]] = {}
    for sh in book.sheets:
        groups.setdefault(SPLIT_FILES.get(sh.role, "Attendance"), []).append(sh)
    if all(sh.role == "aside" for sh in groups.get("Partners", [])):
        groups["Attendance"] = groups.pop("Partners", []) + groups["Attendance"]
    return [
        write_xlsx(replace(book, sheets=sheets), folder / f"{book.title} - {name}.xlsx")
        for name, sheets in groups.items()
    ]


def write(rendered: Rendered, fmt: str, folder: Path) -> list[Path]:
    """Save a rendered tracker as fmt into folder; returns the file(s) that make up the tracker."""
    folder.mkdir(parents=True, exist_ok=True)
    book = rendered.book
    if fmt == "xlsx":
        return [write_xlsx(book, folder / f"{book.title}.xlsx")]
    if fmt == "csv":
        return write_csv(book, folder)
    if fmt == "ods":
        return [write_ods(book, folder / f"{book.title}.ods")]
    if fmt == "xlsx-split":
        return write_split(book, folder)
    if fmt in ("xls", "lo-xlsx", "lo-ods"):
        (folder / "src").mkdir(exist_ok=True)
        src = write_xlsx(book, folder / "src" / f"{book.title}.xlsx")
        return convert_with_libreoffice([src], LIBREOFFICE_TARGET[fmt], folder)
    raise ValueError(f"unknown format {fmt!r}")


@dataclass
class Case:
    """One generated test case: a tracker's files and the exact summary expected of them."""

    seed: int
    layout: str
    fmt: str
    paths: list[Path]
    as_of: date
    expected: dict
    variant: dict = dataclasses.field(default_factory=dict)


def make_case(seed: int, layout: str, fmt: str, folder: Path, **truth_kw: Any) -> Case:
    """Generate, render and write one tracker; the expected summary comes from the rendered truth."""
    truth = make_partnership(seed, **truth_kw)
    # Several files make one tracker; whether it writes day-first is then a property of the set, which
    # a reader may fairly judge file by file, so split sets stay month-first.
    rendered = render(truth, layout, **({"day_first": False} if fmt == "xlsx-split" else {}))
    paths = write(rendered, fmt, folder)
    return Case(seed, layout, fmt, paths, truth.as_of, rendered.expected(truth.as_of), rendered.variant)


def diff(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Readable key-by-key differences between two summaries (priority names compared without case)."""
    out: list[str] = []
    if isinstance(expected, dict) and isinstance(actual, dict):
        if path == ".priorities":
            expected = {str(k).casefold(): v for k, v in expected.items()}
            actual = {str(k).casefold(): v for k, v in actual.items()}
        for k in expected:
            if k not in actual:
                out.append(f"{path}.{k}: missing (expected {expected[k]!r})")
            else:
                out += diff(expected[k], actual[k], f"{path}.{k}")
        if path in (".priorities", ".cadence"):
            out += [f"{path}.{k}: unexpected {actual[k]!r}" for k in actual if k not in expected]
        return out
    if isinstance(expected, float) and isinstance(actual, int | float):
        if abs(expected - actual) > 5e-5:
            out.append(f"{path}: expected {expected} got {actual}")
        return out
    if expected != actual:
        out.append(f"{path}: expected {expected!r} got {actual!r}")
    return out


def main(argv: list[str] | None = None) -> None:
    """Write one generated case to a folder, with its expected summary, to open and inspect by hand."""
    import argparse
    import json

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("seed", type=int)
    ap.add_argument("layout", choices=LAYOUTS)
    ap.add_argument("fmt", choices=FORMATS)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--orgs", type=int, default=None, help="number of organisations")
    args = ap.parse_args(argv)
    case = make_case(args.seed, args.layout, args.fmt, args.folder, n_orgs=args.orgs)
    (args.folder / "expected.json").write_text(json.dumps(case.expected, indent=2) + "\n")
    print(f"as of {case.as_of}: {len(case.paths)} file(s) in {args.folder}")
    print(json.dumps({k: v for k, v in case.variant.items()}, indent=None))


if __name__ == "__main__":
    main()
