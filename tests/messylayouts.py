"""More messy trackers with known truth: the layout and value families of issue 13, on messygen's truth model.

Each family renders a seeded partnership (``messygen.make_partnership``) the way some convener or some tool
would, and returns the truth *as rendered*, so ``Rendered.expected(as_of)`` is the exact ngsp.summary/1 for
the file actually written. Files are written by messygen's writers (xlsx, csv, ods ...).

Layout families (``FAMILIES``; the knobs each draws are in ``pick_knobs``):

- ``values``: a plain roster + attendance log + action plan, with every value family below switched up, so
  value reading is measured apart from layout reading.
- ``transposed``: meetings down the side; across the top either people (their organisations in a merged
  header row above them, marks in the cells) or organisations (the names of who came in the cells).
- ``stacked``: sign-in blocks stacked on one sheet, one per meeting, each under a title line (date + meeting
  name; on a sheet per year or per quarter the title may give a weekday and no year), with total/headcount
  lines between blocks.
- ``onecell``: one row per meeting, its attendees in one cell (comma, semicolon or line-break separated),
  with each person's organisation in brackets, after a dash, or only on a roster sheet.
- ``smartsheet``: a Smartsheet export: meetings as parent rows with their invitees as children (an
  "Attended" checkbox), and the action plan as priorities with their tasks as children, the parents carrying
  rolled-up dates and percents. Hierarchy is Excel row grouping (outline levels) and/or an alignment indent
  on the primary column, as Smartsheet's Excel export groups hierarchy rows; a CSV or ODS keeps it as
  leading spaces.
- ``crm``: a CRM campaign-member report (Salesforce style: Campaign Name, Member Status, First/Last Name,
  Company / Account, Email, Responded), plus a contacts report; only members whose status says they
  attended are attendance. The formatted export has a title block, a subtotal per campaign and a footer.
- ``projecttool``: the action plan as a project tool exports it (Asana CSV, Trello CSV, Planner xlsx, monday
  xlsx, Airtable CSV), beside a roster and an attendance log. Section, list, bucket or group = priority.
- ``dashboard``: a dashboard sheet in front of the data: figures as formulas with cached values, pivot blocks
  ("Row Labels" ... "Grand Total") of attendance by organisation and by meeting, none of which are partners,
  people or meetings.
- ``threerow``: a grid (people down, meetings across) whose header spans three rows (meeting name or a
  merged meeting-type band, date, then the Name/Organisation labels), under a logo-and-title block, with
  blank spacer columns and a long notes column.
- ``legend``: a grid whose marks are letters, symbols, ballot boxes or colour words, with a legend on the
  sheet giving their meaning ("A = attended, R = regrets" — so here A is *present*).
- ``narrative``: the action plan as a narrative table: goal and strategy merged over their tasks.

Value families (drawn in every family by the knobs ``creds``, ``abbrev``, ``phrases``, ``due_words``,
``with_type``; ``values`` switches them all on):

- Due dates as people write them. Rules assumed (a period is its last day):
  "Spring YYYY" = May 31, "Summer YYYY" = Aug 31, "Fall/Autumn YYYY" = Nov 30 (meteorological seasons;
  winter is never written, as it straddles two years); "year-end YYYY", "EOY YYYY", "End of YYYY",
  "YE YYYY" and a bare "YYYY" = Dec 31; "1H YYYY"/"H1 YYYY"/"first half of YYYY" = Jun 30, "2H"/"H2" = Dec 31;
  "Q2/25", "2Q25", "Q2 '25", "Q2/2025" = the calendar quarter's last day (no fiscal years); "mid-YYYY" =
  Jun 30; "end of March 2025", "by March 2025", "late March 2025" = Mar 31. "ASAP", "As needed", "N/A",
  "Rolling", "When funded", "-" = no due date. A bare "year-end" with no year is never written (no truth).
- Status phrases (``STATUS_PHRASES``): each phrase says one status. A negated "done" ("not done", "not yet
  complete") carries no more than the absence of a status, which the spec reads as not started, so it is
  ``not_started``; "shelved for now" is stalled, "shelved for good" cancelled. Besides issue 13's own
  examples, no phrase is one ngsp's vocabulary lists.
- Names with a title, credentials or a suffix ("Dr. Lee Chan", "Pat Ruiz, SPHR", "Sam Ortiz Jr.") written
  on some of a person's rows and not on others: one person.
- Organisation names with abbreviations (Natl, Cmty, Bros., Inst., Dept., Univ., a word cut short with a
  period) on some rows, the full name on others: one organisation. An abbreviation is only written when
  it cannot be read as another organisation of the partnership (each cut word a subsequence of the full
  word starting with its letter, every other word equal).
- No partner-type column: public partners are named as colleges, universities, ISDs, BOCES, counties,
  cities, workforce boards, chambers, EDCs, agencies, consortia, libraries; one may be named plainly with
  a .gov/.us/.edu e-mail domain written beside every one of its people.
- Header words from ``HEADERS``, a pool of convener, Smartsheet, Salesforce and project-tool phrasings
  written here, none of them an entry of ngsp's own vocabulary (``python tests/sweep.py --vocab-overlap``
  lists any that has become one). Tool exports keep the tools' own column names.
"""

from __future__ import annotations

import calendar
import random
import re
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import messygen as mg
from messygen import Item, Meeting, Person, Rendered, Sheet, Truth, fmt_date

FAMILIES = (
    "values",
    "transposed",
    "stacked",
    "onecell",
    "smartsheet",
    "crm",
    "projecttool",
    "dashboard",
    "threerow",
    "legend",
    "narrative",
)
TOOLS = ("asana", "trello", "planner", "monday", "airtable")
MONTHS = list(calendar.month_name)
MONS = list(calendar.month_abbr)
WEEKDAYS = list(calendar.day_name)

# --------------------------------------------------------------------------------------------------
# Words: header phrasings conveners and tools use that are not the usual ones
# --------------------------------------------------------------------------------------------------

HEADERS: dict[str, list[str]] = {
    "name": [
        "Who showed",
        "Guest name",
        "Attendee's name",
        "Name of rep",
        "Staff member",
        "Who came",
        "Signed in as",
        "Partner rep",
        "Person attending",
        "Their name",
        "Name of person",
    ],
    "first_last": [
        ("First nm", "Last nm"),
        ("Preferred first", "Last (family)"),
        ("Given", "Family"),
        ("Name (first)", "Name (last)"),
    ],
    "org": [
        "Outfit",
        "Rep's employer",
        "Where they work",
        "Company they're with",
        "Home organization",
        "Works for",
        "Org / business",
        "Employer (company)",
        "Represents",
        "Their company",
        "Org they represent",
    ],
    "type": [
        "Business or support?",
        "Industry vs. public",
        "Seat type",
        "Partner kind",
        "Side",
        "Private/Public",
        "Membership class",
        "Kind of partner",
    ],
    "email": ["E-mail addr", "Reach them at", "Email (work)", "Inbox", "Contact e-mail", "Electronic mail"],
    "title": ["Role at company", "Job they do", "Their role", "Title/role", "Does what"],
    "date": ["When held", "Held on", "Mtg day", "Day of", "Date we met", "Gathering date", "Convened on"],
    "meeting": [
        "What kind of meeting",
        "Occasion",
        "Which meeting",
        "Session name",
        "Get-together",
        "Event held",
    ],
    "desc": [
        "What we'll do",
        "Undertaking",
        "Thing to do",
        "Action we agreed",
        "Piece of work",
        "Next move",
        "What needs doing",
    ],
    "owner": [
        "Driver",
        "Who's on it",
        "Steward",
        "On point",
        "Carried by",
        "Accountable",
        "Handled by",
        "Captain",
    ],
    "due": [
        "Landing date",
        "Finish by",
        "ETA",
        "Needed by",
        "Complete by",
        "Goal date",
        "Aim for",
        "Wrap-up",
    ],
    "status": [
        "Where it stands",
        "Where we are",
        "Standing",
        "How's it going",
        "Latest",
        "Where it's at",
        "Pulse",
    ],
    "pct": ["How far along", "Share finished", "Pct. finished", "Done so far", "Percent there"],
    "note": ["Color commentary", "Detail", "Context", "Background", "Running notes", "Fine print"],
    "priority": ["Bucket", "Workstream", "Lane", "Track", "Big goal", "Area of work", "Umbrella"],
    "count": ["# in room", "Turnout", "How many", "Bodies in seats"],
    "attended": ["Made it?", "Showed up", "Came?", "In the room", "Turned up?"],
    "strategy": ["Approach", "How", "Tactic area", "Game plan"],
}

# Type words a tracker without the usual ones may use: (business, public).
NEW_TYPE_WORDS = [
    ("Profit-making", "Support org"),
    ("Employer side", "Public side"),
    ("Private co.", "Gov/Edu"),
    ("Business member", "Community resource"),
    ("Private firm", "Partner agency"),
]

# --------------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------------

STATUS_PHRASES = {
    "done": [
        "Ticked off the list",
        "Good to go - finished",
        "Finished - see notes",
        "100% done",
        "Put to bed",
        "Done and dusted",
        "Delivered in full",
    ],
    "in_progress": [
        "In the works",
        "Moving along",
        "Work underway",
        "Making headway",
        "Halfway there",
        "Partly done",
        "Getting there",
    ],
    "not_started": [
        "Still to start",
        "Waiting its turn",
        "Nobody's picked it up",
        "Hasn't got going",
        "Not done",
        "Not yet complete",
        "Nothing done yet",
        "Queued up for later",
    ],
    "stalled": [
        "On hold for now",
        "Shelved for now",
        "Held up by funding",
        "Parked for the season",
        "Stuck - no lead",
        "Blocked by budget",
        "On the back burner",
    ],
    "cancelled": [
        "Shelved for good",
        "We let this one go",
        "Scrapped by the team",
        "Off the table",
        "Taken off our plate",
        "Removed from plan",
    ],
}

NO_DUE_WORDS = ["ASAP", "As needed", "N/A", "Rolling", "When funded", "-"]

PREFIX_TITLES = ["Dr.", "Dr", "Mr.", "Ms.", "Rev."]
CREDENTIALS = [
    ", SPHR",
    ", PhD",
    ", MBA",
    ", RN",
    ", SHRM-CP",
    ", PE",
    ", CPA",
    ", MSN, RN",
    " PhD",
    ", Ed.D.",
]
SUFFIXES = [" Jr.", " Sr.", " III", " Jr", " II"]

# Short forms of words of organisation names (each a subsequence of its word starting with its letter).
ORG_ABBREVIATIONS = {
    "National": ["Natl", "Nat'l", "Natl."],
    "Community": ["Cmty", "Cmty.", "Comm."],
    "Brothers": ["Bros.", "Bros"],
    "Institute": ["Inst.", "Inst"],
    "University": ["Univ.", "Univ"],
    "Department": ["Dept.", "Dept"],
    "Development": ["Dev.", "Devel."],
    "Economic": ["Econ."],
    "Technical": ["Tech."],
    "County": ["Cnty", "Cnty."],
    "Corporation": ["Corp."],
    "Center": ["Ctr.", "Ctr"],
    "Services": ["Svcs", "Svcs."],
    "Manufacturing": ["Mfg", "Mfg."],
    "Hospital": ["Hosp."],
    "Medical": ["Med."],
    "Regional": ["Reg'l", "Regl"],
    "District": ["Dist."],
    "Association": ["Assn.", "Assoc."],
    "Technology": ["Tech."],
}


def _letters(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower())


def _subseq(short: str, full: str) -> bool:
    it = iter(full)
    return bool(short) and short[0] == full[:1] and all(ch in it for ch in short)


def agrees(abbr: str, full: str) -> bool:
    """Whether an abbreviated name can be read as this full name (same words, each cut word a subsequence)."""
    a, f = abbr.split(), full.split()
    if len(a) != len(f):
        return False
    for x, y in zip(a, f, strict=True):
        lx, ly = _letters(x), _letters(y)
        if lx == ly:
            continue
        if not (x.endswith(".") or "'" in x or x in sum(ORG_ABBREVIATIONS.values(), [])) or not _subseq(
            lx, ly
        ):
            return False
    return True


def abbreviations(name: str, others: list[str]) -> list[str]:
    """The abbreviated spellings of a name that no other organisation's name agrees with."""
    words = name.split()
    out: list[str] = []
    for i, w in enumerate(words):
        forms = list(ORG_ABBREVIATIONS.get(w, []))
        if w.isalpha() and len(w) >= 8 and w not in ORG_ABBREVIATIONS:
            forms.append(w[: 4 + len(w) % 3] + ".")  # a word cut short with a period
        for form in forms:
            cand = " ".join([*words[:i], form, *words[i + 1 :]])
            if not any(agrees(cand, o) for o in others if o != name):
                out.append(cand)
    return out


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def due_phrase(rng: random.Random, d: date) -> tuple[str, date]:
    """A due period written as people do, around date d, and the last day it stands for (rules above)."""
    y, q = d.year, (d.month - 1) // 3 + 1
    styles = ["eoy", "half", "quarter", "mid", "month", "year"]
    if 3 <= d.month <= 11:
        styles += ["season", "season"]
    style = rng.choice(styles)
    if style == "season":
        name, end = {
            3: ("Spring", 5),
            4: ("Spring", 5),
            5: ("Spring", 5),
            6: ("Summer", 8),
            7: ("Summer", 8),
        }.get(d.month, ("Summer", 8) if d.month == 8 else (rng.choice(["Fall", "Autumn", "fall"]), 11))
        return f"{name} {y}", _last_day(y, end)
    if style == "eoy":
        return rng.choice(
            [f"year-end {y}", f"EOY {y}", f"End of {y}", f"YE {y}", f"Year end '{y % 100:02d}"]
        ), date(y, 12, 31)
    if style == "half":
        h = 1 if d.month <= 6 else 2
        text = rng.choice(
            [f"{h}H {y}", f"H{h} {y}"] + ([f"first half of {y}"] if h == 1 else [f"second half of {y}"])
        )
        return text, _last_day(y, 6 * h)
    if style == "quarter":
        return rng.choice(
            [f"Q{q}/{y % 100:02d}", f"{q}Q{y % 100:02d}", f"Q{q} '{y % 100:02d}", f"Q{q}/{y}"]
        ), _last_day(y, 3 * q)
    if style == "mid":
        return rng.choice([f"mid-{y}", f"Mid {y}", f"mid {y}"]), date(y, 6, 30)
    if style == "month":
        m = d.month
        return rng.choice(
            [
                f"end of {MONTHS[m]} {y}",
                f"by {MONTHS[m]} {y}",
                f"late {MONTHS[m]} {y}",
                f"End of {MONS[m]} {y}",
            ]
        ), _last_day(y, m)
    return str(y), date(y, 12, 31)


# --------------------------------------------------------------------------------------------------
# The truth as these families carry it
# --------------------------------------------------------------------------------------------------


def _rename_orgs(t: Truth, rng: random.Random) -> Truth:
    """Names with abbreviable words (Brothers, National, Institute) and public bodies named as they are in
    many states (ISD, BOCES, EDC, consortium, agency), so no type column is needed to tell them apart."""
    names = {o.id: o.name for o in t.orgs}
    taken = {n.lower() for n in names.values()}
    reg, county, cities, state, st = t.region
    businesses = [o for o in t.orgs if o.kind == "business"]
    firsts = defaultdict(int)
    for o in businesses:
        firsts[o.name.split()[0]] += 1
    lone = [o for o in businesses if firsts[o.name.split()[0]] == 1]
    rng.shuffle(lone)
    nouns = mg.INDUSTRIES[t.industry]["nouns"]
    plans = [
        lambda: f"{rng.choice(mg.LAST)} Brothers {rng.choice(nouns)}",
        lambda: f"National {rng.choice(nouns)} Institute",
        lambda: f"{rng.choice(mg.PREFIXES)} National {rng.choice(nouns)}",
    ]
    for o, make in zip(lone, rng.sample(plans, rng.randint(1, 3)), strict=False):
        new = make()
        if new.lower() not in taken:
            taken.add(new.lower())
            names[o.id] = new
    public_swaps = [
        (" School District", [" ISD", " Independent School District"]),
        (" Economic Development Corporation", [" EDC"]),
        (" Workforce Development Board", [" Workforce Consortium", " Workforce Development Board"]),
        (" Department of Labor", [" Workforce Agency", " Department of Labor"]),
    ]
    for o in t.orgs:
        if o.kind != "public":
            continue
        for old, news in public_swaps:
            if o.name.endswith(old) and rng.random() < 0.5:
                new = o.name[: -len(old)] + rng.choice(news)
                if new.lower() not in taken:
                    taken.add(new.lower())
                    names[o.id] = new
    sd = [o for o in t.orgs if o.kind == "public" and names[o.id].endswith("School District")]
    if sd and rng.random() < 0.4 and f"{county} boces" not in taken:
        names[sd[0].id] = f"{county} BOCES"
        taken.add(f"{county} boces")
    return replace(t, orgs=tuple(replace(o, name=names[o.id]) for o in t.orgs))


def _rewrite_dues(t: Truth, rng: random.Random, share: float) -> Truth:
    """Periods and no-dates as people write them; a period's due is its last day (rules above)."""
    items = []
    for i in t.items:
        if i.due_text is not None and rng.random() < share:
            if i.due is None:
                i = replace(i, due_text=rng.choice(NO_DUE_WORDS))
            else:
                text, due = due_phrase(rng, i.due)
                i = replace(i, due_text=text, due=due)
        items.append(i)
    return replace(t, items=tuple(items))


def value_truth(truth: Truth, rng: random.Random, v: dict) -> Truth:
    t = _rename_orgs(truth, rng)
    if v["due_words"]:
        t = _rewrite_dues(t, rng, 0.8)
    return t


# --------------------------------------------------------------------------------------------------
# Style: messygen's messiness plus the value families
# --------------------------------------------------------------------------------------------------


class XStyle(mg.Style):
    """One tracker's messiness, with credentials, abbreviations and status phrases on top of messygen's."""

    def __init__(self, truth: Truth, rng: random.Random, v: dict):
        super().__init__(truth, rng, day_first=False)
        self.v = v
        self.deco: dict[str, tuple[str, str]] = {}
        for p in truth.people:
            if v["creds"] and rng.random() < 0.3:
                kind = rng.choice(["prefix", "cred", "cred", "suffix"])
                self.deco[p.id] = (
                    kind,
                    rng.choice({"prefix": PREFIX_TITLES, "cred": CREDENTIALS, "suffix": SUFFIXES}[kind]),
                )
        self.comma_names = True  # False where a comma separates people
        if rng.random() < 0.5:
            self.type_words = rng.choice(NEW_TYPE_WORDS)
        names = [o.name for o in truth.orgs]
        self.abbr = {o.id: abbreviations(o.name, names) for o in truth.orgs}

    def person_name(self, p: Person, order: str = "first_last", nick: bool = False) -> str:
        name = super().person_name(p, order, nick)
        d = self.deco.get(p.id)
        if d is None or "," in name or self.rng.random() < 0.35:
            return name
        kind, word = d
        if kind == "prefix":
            return f"{word} {name.strip()}"
        if kind == "cred" and ("," not in word or self.comma_names):
            return f"{name.rstrip()}{word}"
        if kind == "suffix":
            return f"{name.rstrip()}{word}"
        return name

    def split_name(self, p: Person, nick: bool = False) -> tuple[str, str]:
        f, last = super().split_name(p, nick)
        d = self.deco.get(p.id)
        if d and d[0] == "suffix" and self.rng.random() < 0.65:
            last = f"{last}{d[1]}"
        return f, last

    def org_name(self, oid: str | None) -> str:
        if oid and self.v["abbrev"] and self.abbr.get(oid) and self.rng.random() < 0.3:
            return self.rng.choice(self.abbr[oid])
        return super().org_name(oid)

    def status_word(self, s: str) -> str:
        if self.v["phrases"] and self.rng.random() < 0.6:
            return self.rng.choice(STATUS_PHRASES[s])
        return super().status_word(s)

    def due_cell(self, i: Item) -> Any:
        return self.date(i.due) if i.due_text is None else i.due_text

    def h(self, role: str) -> Any:
        return self.rng.choice(HEADERS[role])


# --------------------------------------------------------------------------------------------------
# Pieces several families share: a roster, a log and an action plan in new words
# --------------------------------------------------------------------------------------------------


def _owner(st: XStyle, owner: str) -> str:
    people = {f"{p.first} {p.last}": p for p in st.t.people}
    p = people.get(owner)
    return st.person_name(p) if p else owner


def roster_sheet(st: XStyle, people: list[Person], v: dict) -> Sheet:
    r = st.rng
    sh = Sheet(
        r.choice(["Who's Who", "Our Partners", "People", "Partner Directory", "Rolodex"]), role="roster"
    )
    split = v["split"]
    cols = [("first", h) for h in r.choice(HEADERS["first_last"])] if split else [("name", st.h("name"))]
    cols += [("org", st.h("org"))]
    if v["with_type"]:
        cols.append(("type", st.h("type")))
    cols += [("title", st.h("title")), ("email", st.h("email"))]
    if r.random() < 0.4:
        mg._title_rows(sh, [st.t.name, ""], len(cols), v["merge"])
    sh.add([h for _, h in cols])
    for p in people:
        e = st.email(p, keep=0.95 if p.org not in v["domain_only"] else 1.0)
        row: list[Any] = []
        for key, _ in cols:
            if key == "first":
                if not row:
                    row += list(st.split_name(p))
            elif key == "name":
                row.append(st.person_name(p))
            elif key == "org":
                row.append(st.org_name(p.org))
            elif key == "type":
                row.append(st.type_word(p.org))
            elif key == "title":
                row.append(p.title)
            elif key == "email":
                row.append(e)
        sh.add(row)
    return sh


def meeting_name(st: XStyle, m: Meeting) -> str:
    return mg.meeting_label(st, m)


def log_sheet(st: XStyle, t: Truth, v: dict) -> Sheet:
    """A long attendance log in new words: one row per person per meeting."""
    r = st.rng
    sh = Sheet(r.choice(["Sign-in Log", "Who Came", "Turnout", "Log"]), role="attendance")
    cols = [
        ("date", st.h("date")),
        ("meeting", st.h("meeting")),
        ("name", st.h("name")),
        ("org", st.h("org")),
    ]
    cols.append(("email", st.h("email")))
    if v["with_type"]:
        cols.append(("type", st.h("type")))
    sh.add([h for _, h in cols])
    bad = defaultdict(list)
    for mid, oid in t.bad_attendance:
        bad[mid].append(oid)
    for m in t.meetings:
        lab = meeting_name(st, m)
        rows: list[tuple[str, Any]] = [("p", pid) for pid in t.attendees(m.id)]
        for oid in bad[m.id]:
            rows.insert(r.randint(1, len(rows)), ("bad", oid))
        for what, x in rows:
            row: list[Any] = [st.date(m.date), lab]
            if what == "p":
                p = t.person(x)
                row += [
                    st.person_name(p),
                    st.org_name(p.org),
                    st.email(p, 1.0 if p.org in v["domain_only"] else 0.75),
                ]
                oid = p.org
            else:
                row += ["", st.org_name(x), ""]
                oid = x
            if v["with_type"]:
                row.append(st.type_word(oid))
            sh.add(row)
    return sh


def _status_truth(t: Truth, mode: str) -> Truth:
    """What a plan with only a status, or only a percent, column carries."""
    if mode == "pct":
        return replace(t, items=tuple(replace(i, status=None) for i in t.items))
    if mode == "status":
        return replace(t, items=tuple(replace(i, percent=None) for i in t.items))
    return t


def _pct(x: float | None, fmt: str) -> Any:
    if x is None:
        return ""
    return {"fraction": x, "text": f"{round(x * 100)}%", "number": float(round(x * 100))}[fmt]


def _half_filled(st: XStyle, t: Truth, key: str, v: dict) -> Any:
    """A cell of an action-plan row someone started and left without saying what is to be done."""
    owner = st.rng.choice([i.owner for i in t.items])
    return {
        "owner": owner,
        "due": st.date(t.as_of + timedelta(days=st.rng.randint(30, 120))),
        "status": st.status_word("not_started"),
        "pct": _pct(0.0, v["pct_fmt"]),
        "note": "tbd",
    }.get(key, "")


def plan_sheet(st: XStyle, t: Truth, v: dict) -> tuple[Sheet, Truth]:
    """An action plan in new words, the priority as a column."""
    r = st.rng
    t = _status_truth(t, v["status_mode"])
    sh = Sheet(r.choice(["Game Plan", "Commitments", "Work Items", "Our Plan"]), role="plan")
    cols = [
        ("priority", st.h("priority")),
        ("desc", st.h("desc")),
        ("owner", st.h("owner")),
        ("due", st.h("due")),
    ]
    if v["status_mode"] != "pct":
        cols.append(("status", st.h("status")))
    if v["status_mode"] != "status":
        cols.append(("pct", st.h("pct")))
    cols.append(("note", st.h("note")))
    sh.add([h for _, h in cols])
    by_pri: dict[str, list[Item | None]] = defaultdict(list)
    for i in t.items:
        by_pri[i.priority].append(i)
    for pname in t.bad_items:
        by_pri[pname].insert(r.randint(1, len(by_pri[pname])), None)
    for pname, lst in by_pri.items():
        for i in lst:
            row: list[Any] = []
            for key, _ in cols:
                if key == "priority":
                    row.append(pname)
                elif i is None:  # a half-filled row: everything but what is to be done
                    row.append(_half_filled(st, t, key, v))
                elif key == "desc":
                    row.append(i.description)
                elif key == "owner":
                    row.append(_owner(st, i.owner))
                elif key == "due":
                    row.append(st.due_cell(i))
                elif key == "status":
                    row.append(st.status_word(i.status) if i.status else "")
                elif key == "pct":
                    row.append(_pct(i.percent, v["pct_fmt"]))
                elif key == "note":
                    row.append(i.note)
            sh.add(row)
    return sh, t


def _without(t: Truth, drop: set[str]) -> Truth:
    """The truth without some people (a layout that has no place for them)."""
    return replace(
        t,
        people=tuple(p for p in t.people if p.id not in drop),
        attendance=tuple(a for a in t.attendance if a[0] not in drop),
    )


def _roster_people(t: Truth) -> list[Person]:
    return [p for p in t.people if p.on_roster]


def _came(t: Truth) -> list[Person]:
    came = {p for p, _ in t.attendance}
    return [p for p in t.people if p.id in came]


def _org_sort(st: XStyle, people: list[Person]) -> list[Person]:
    return sorted(people, key=lambda p: (st.t.org(p.org).name if p.org else "~", p.last, p.first))


def _date_label(st: XStyle, m: Meeting, with_year: bool = True) -> str:
    r = st.rng
    lab = meeting_name(st, m)
    if not with_year:
        d = r.choice(
            [
                f"{WEEKDAYS[m.date.weekday()]}, {MONTHS[m.date.month]} {m.date.day}",
                f"{WEEKDAYS[m.date.weekday()][:3]} {m.date.month}/{m.date.day}",
                f"{MONTHS[m.date.month]} {m.date.day}",
            ]
        )
    else:
        d = fmt_date(m.date, r.choice(["num4", "num2", "long", "weekday", "abbr"]))
    return r.choice([f"{d} – {lab}", f"{d} {lab}", f"{lab} ({d})", f"{lab} — {d}"])


# --------------------------------------------------------------------------------------------------
# Layout families
# --------------------------------------------------------------------------------------------------


def r_values(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """A plain roster, log and action plan, in new words and with every value family on."""
    sheets = [roster_sheet(st, _roster_people(t), v), log_sheet(st, t, v)]
    plan, t = plan_sheet(st, t, v)
    return [*sheets, plan], t


def r_transposed(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """Meetings down the side; people (under their organisations) or organisations across the top."""
    r = st.rng
    sheets: list[Sheet] = []
    if v["roster"]:
        sheets.append(roster_sheet(st, _roster_people(t), v))
    else:
        t = t.without_roster_only()
    t = replace(t, bad_attendance=())  # a half-filled row has no place across the top
    # Somebody with no organisation has no column (organisations across) or no group under the band (a
    # blank band cell reads as "the organisation to the left"): the file cannot carry them.
    t = _without(t, {p.id for p in t.people if p.org is None})
    present = set(t.attendance)
    people = _org_sort(st, _came(t))
    sh = Sheet(
        r.choice(["Attendance (by meeting)", "Who Attended", "Meetings x Partners", "Turnout"]),
        role="attendance",
    )
    left = [st.h("date"), st.h("meeting")] if v["date_col"] else [st.h("meeting")]
    nl = len(left)
    if v["across"] == "people":
        width = nl + len(people)
        mg._title_rows(sh, [t.name, ""], width, v["merge"])
        band = [None] * nl
        groups: list[tuple[str, list[Person]]] = []
        for p in people:
            key = st.t.org(p.org).name if p.org else ""
            if not groups or groups[-1][0] != key:
                groups.append((key, []))
            groups[-1][1].append(p)
        rr = len(sh.rows)
        col = nl
        for key, ps in groups:
            label = st.org_name(ps[0].org) if key else ""
            for k in range(len(ps)):
                band.append(label if k == 0 or v["band_repeat"] else None)
            if v["merge"] and len(ps) > 1 and not v["band_repeat"]:
                sh.merges.append((rr, col, rr, col + len(ps) - 1))
            col += len(ps)
        sh.add(band)
        sh.add(left + [st.person_name(p) for p in people])
        for m in t.meetings:
            head = [st.date(m.date), meeting_name(st, m)] if v["date_col"] else [_date_label(st, m)]
            sh.add(head + [st.mark((p.id, m.id) in present) for p in people])
        if v["total_row"]:
            counts = [sum((p.id, m.id) in present for m in t.meetings) for p in people]
            sh.add([r.choice(["Total", "# attended", "Meetings attended"])] + [None] * (nl - 1) + counts)
    else:
        orgs = sorted({p.org for p in people}, key=lambda o: st.t.org(o).name)
        sep = v["sep"]
        sh.add(left + [st.org_name(o) for o in orgs])
        for m in t.meetings:
            head = [st.date(m.date), meeting_name(st, m)] if v["date_col"] else [_date_label(st, m)]
            cells = []
            for o in orgs:
                names = [st.person_name(p) for p in people if p.org == o and (p.id, m.id) in present]
                names = [n if "," not in n or sep.strip() != "," else n.split(",")[0] for n in names]
                cells.append(sep.join(n.strip() for n in names))
            sh.add(head + cells)
    sheets.append(sh)
    plan, t = plan_sheet(st, t, v)
    return [*sheets, plan], t


def r_stacked(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """Sign-in blocks stacked on one sheet (or a sheet per year or quarter), one per meeting."""
    r = st.rng
    sheets: list[Sheet] = []
    if v["roster"]:
        sheets.append(roster_sheet(st, _roster_people(t), v))
    else:
        t = t.without_roster_only()
    groups: dict[str, list[Meeting]] = defaultdict(list)
    for m in t.meetings:
        y, q = m.date.year, (m.date.month - 1) // 3 + 1
        key = {"one": "", "year": f"{y}", "quarter": f"Q{q} {y}"}[v["stack_by"]]
        groups[key].append(m)
    bad = defaultdict(list)
    for mid, oid in t.bad_attendance:
        bad[mid].append(oid)
    cols = [("name", st.h("name")), ("org", st.h("org"))]
    if v["email"]:
        cols.append(("email", st.h("email")))
    if v["with_type"]:
        cols.append(("type", st.h("type")))
    width = len(cols)
    for key, ms in groups.items():
        if v["stack_by"] == "year":
            name = r.choice([key, f"{key} Meetings", f"Sign-ins {key}"])
        elif v["stack_by"] == "quarter":
            q, y = key.split()
            name = r.choice([key, f"{y} {q}", f"{MONS[3 * int(q[1]) - 2]}-{MONS[3 * int(q[1])]} {y}"])
        else:
            name = r.choice(["Sign-ins", "All Sign-in Sheets", "Meeting Sign-ins"])
        sh = Sheet(name, role="attendance")
        if r.random() < 0.6:
            mg._title_rows(sh, [f"{t.name} — sign-in sheets", ""], width, v["merge"])
        for k, m in enumerate(ms):
            title = _date_label(st, m, with_year=not (v["no_year"] and v["stack_by"] != "one"))
            rr = sh.add([title] + [None] * (width - 1))
            if v["merge"]:
                sh.merges.append((rr, 0, rr, width - 1))
            if k == 0 or v["repeat_header"]:
                sh.add([h for _, h in cols])
            rows: list[tuple[str, Any]] = [("p", pid) for pid in t.attendees(m.id)]
            for oid in bad[m.id]:
                rows.insert(r.randint(1, len(rows)), ("bad", oid))
            for what, x in rows:
                p = t.person(x) if what == "p" else None
                oid = p.org if p else x
                row: list[Any] = []
                for c, _ in cols:
                    if c == "name":
                        row.append(st.person_name(p) if p else "")
                    elif c == "org":
                        row.append(st.org_name(oid))
                    elif c == "email":
                        row.append(st.email(p) if p else "")
                    elif c == "type":
                        row.append(st.type_word(oid))
                sh.add(row)
            n = len(rows)
            total = r.choice(
                [
                    [f"Total: {n}"],
                    ["Total", n],
                    [f"Headcount {n}"],
                    [f"{n} attendees"],
                    [r.choice(["TOTAL", "Total attending"])] + [None] * (width - 2) + [n],
                ]
            )
            sh.add((total + [None] * width)[:width])
            sh.add([None] * width)
            if r.random() < 0.3:
                sh.add([None] * width)
        sheets.append(sh)
    plan, t = plan_sheet(st, t, v)
    return [*sheets, plan], t


def r_onecell(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """One row per meeting, its attendees written in one cell."""
    r = st.rng
    sep = v["sep"]
    st.comma_names = sep.strip() != ","
    sheets: list[Sheet] = []
    mode = v["onecell_org"]
    if mode == "roster":
        sheets.append(roster_sheet(st, _roster_people(t), v))
    else:
        t = t.without_roster_only()
    t = replace(t, bad_attendance=())  # no row of its own for a record without a person
    sh = Sheet(r.choice(["Meetings", "Meeting Notes", "Meeting Record", "Gatherings"]), role="attendance")
    cols = [
        st.h("date"),
        st.h("meeting"),
        r.choice(["Who showed", "Who came", "Attendees (all)", "In the room"]),
    ]
    if v["count_col"]:
        cols.append(st.h("count"))
    cols.append(st.h("note"))
    sh.add(cols)
    for m in t.meetings:
        names = []
        for pid in t.attendees(m.id):
            p = t.person(pid)
            n = st.person_name(p).strip()
            if "," in n and not st.comma_names:
                n = f"{p.first} {p.last}"
            if p.org and (mode != "roster" or not p.on_roster):
                o = st.org_name(p.org).strip()
                if not st.comma_names:
                    o = o.replace(",", "")  # "Summit Machining, Inc." would read as two names
                n = f"{n} ({o})" if mode in ("paren", "roster") else f"{n} {r.choice(['-', '–'])} {o}"
            names.append(n)
        if r.random() < 0.5:
            r.shuffle(names)
        row: list[Any] = [st.date(m.date), meeting_name(st, m), sep.join(names)]
        if v["count_col"]:
            row.append(len(names))
        row.append(
            r.choice(
                [
                    "",
                    "Good discussion of the next quarter's priorities; follow-up notes sent to all partners.",
                    "Agenda: updates from each action team, funding news, and a tour of the host's floor.",
                    "Quorum reached.",
                ]
            )
        )
        sh.add(row)
    sheets.append(sh)
    plan, t = plan_sheet(st, t, v)
    return [*sheets, plan], t


def _tool_truth(t: Truth, statuses: dict[str, str | None] | None = None) -> Truth:
    """A tool keeps dates only (a period becomes its last day) and one status per task, no percent;
    it has no row without a task name."""
    items = []
    for i in t.items:
        s = mg.effective_status(i)
        s = statuses.get(s, s) if statuses is not None else s
        items.append(replace(i, status=s, percent=None, due_text=None))
    return replace(t, items=tuple(items), bad_items=())


def _invitees(st: XStyle, t: Truth, m: Meeting) -> list[tuple[Person, bool]]:
    """Who was on a meeting's list: everyone who came, and some roster people who did not."""
    came = set(t.attendees(m.id))
    others = [p for p in _roster_people(t) if p.id not in came]
    k = min(
        len(others),
        st.rng.randint(1, 6) if m.kind in ("launch", "full_partnership") else st.rng.randint(0, 2),
    )
    out = [(t.person(pid), True) for pid in t.attendees(m.id)] + [
        (p, False) for p in st.rng.sample(others, k)
    ]
    st.rng.shuffle(out)
    return out


def r_smartsheet(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """A Smartsheet export: meetings with their invitees as child rows; priorities with their tasks."""
    r = st.rng
    sheets = [roster_sheet(st, _roster_people(t), v)]
    sheets[0].name = r.choice(["Contacts", "Partner Contacts", "Contact List"])
    t = replace(t, bad_attendance=())

    def child(sh: Sheet, row: int, depth: int) -> None:
        """Smartsheet's Excel export groups a parent's rows (outline) and indents the primary column."""
        if v["hier"] == "spaces":
            sh.rows[row][0] = "   " * depth + str(sh.rows[row][0] or "")
            return
        sh.indents[(row, 0)] = depth
        if v["hier"] == "outline+indent":
            sh.outline[row] = depth

    sh = Sheet(r.choice(["Meeting Tracker", "Partnership Meetings", "Events"]), role="attendance")
    att_h = r.choice(["Attended", "Attended?", "Checked In"])
    sh.add(
        [
            r.choice(["Meeting / Invitee", "Task Name", "Event"]),
            "Date",
            st.h("org") if r.random() < 0.5 else "Organization",
            st.h("email") if r.random() < 0.5 else "Email",
            att_h,
            "Comments",
        ]
    )
    for m in t.meetings:
        sh.add([meeting_name(st, m), m.date, None, None, None, m.location])
        for p, came in _invitees(st, t, m):
            rr = sh.add([st.person_name(p), None, st.org_name(p.org), st.email(p), came, None])
            child(sh, rr, 1)
    sheets.append(sh)

    t = _tool_truth(t)
    plan = Sheet(r.choice(["Action Plan", "Project Plan", "Workplan"]), role="plan")
    plan.add(["Task Name", "Assigned To", "Start Date", "End Date", "% Complete", "Status", "Comments"])
    base = 0
    if v["root_row"]:
        rr = plan.add([f"{t.name} Action Plan", None, None, None, None, None, None])
        base = 1
    by_pri: dict[str, list[Item]] = defaultdict(list)
    for i in t.items:
        by_pri[i.priority].append(i)
    for pname, lst in by_pri.items():
        dues = [i.due for i in lst if i.due]
        starts = [i.due - timedelta(days=r.randint(20, 90)) for i in lst if i.due]
        pcts = [{"done": 1.0, "in_progress": 0.5}.get(i.status, 0.0) for i in lst]
        rr = plan.add(
            [
                pname,
                None,
                min(starts) if starts else None,
                max(dues) if dues else None,
                round(sum(pcts) / len(pcts), 2),
                None,
                None,
            ]
        )
        if base:
            child(plan, rr, 1)
        for i, start in zip(
            lst, [i.due - timedelta(days=r.randint(20, 90)) if i.due else None for i in lst], strict=True
        ):
            rr = plan.add(
                [
                    i.description,
                    _owner(st, i.owner),
                    start,
                    i.due,
                    {"done": 1.0, "in_progress": 0.5}.get(i.status, 0.0),
                    st.status_word(i.status),
                    i.note or None,
                ]
            )
            child(plan, rr, base + 1)
    plan.percent_cols.add(4)
    sheets.append(plan)
    return sheets, t


CRM_STATUS_ABSENT = ["Invited", "Registered", "No Show", "Declined", "Sent"]


def _account_type(name: str, kind: str, rng: random.Random) -> str:
    if kind == "business":
        return rng.choice(["Employer", "Employer", "Industry"])
    low = name.lower()
    if any(w in low for w in ("college", "university", "school", "isd", "boces", "institute")):
        return "Education"
    if "workforce" in low:
        return "Workforce Board"
    if any(w in low for w in ("city of", "county", "department", "agency", "state")):
        return "Government"
    return "Nonprofit"


def r_crm(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """A CRM campaign-member report (one campaign per meeting) and a contacts report."""
    r = st.rng
    t = replace(t, bad_attendance=())
    contacts = Sheet("Contacts", role="roster")
    hdr = ["First Name", "Last Name", "Account Name", "Title", "Email"]
    if v["with_type"]:
        hdr.append("Account Type")
    hdr.append("Mailing City")
    contacts.add(hdr)
    city = t.region[2]
    for p in _roster_people(t):
        o = t.org(p.org)
        row = [*st.split_name(p), st.org_name(p.org), p.title, st.email(p, 0.9)]
        if v["with_type"]:
            row.append(_account_type(o.name, o.kind, r))
        row.append(r.choice(city))
        contacts.add(row)
    members = Sheet(
        r.choice(["Campaign Members", "Campaign Member Report", "Event Members"]), role="attendance"
    )
    cols = [
        "Campaign Name",
        "Start Date",
        "Member Status",
        "First Name",
        "Last Name",
        "Title",
        "Company / Account",
        "Email",
        "Member Type",
        "Responded",
    ]
    formatted = v["crm_style"] == "formatted"
    if formatted:
        for line in [
            "Partnership Campaign Members",
            f"{t.name}",
            "Filtered By: Type equals Partnership Meeting",
            "",
        ]:
            members.add([line])
    members.add(cols)
    for m in t.meetings:
        cname = r.choice(
            [
                f"{m.date:%Y-%m-%d} {meeting_name(st, m)}",
                f"{meeting_name(st, m)} - {MONS[m.date.month]} {m.date.year}",
                f"{meeting_name(st, m)} {m.date.month}/{m.date.day}",
            ]
        )
        n = 0
        first = True
        for p, came in _invitees(st, t, m):
            status = (
                r.choice(["Attended", "Attended", "Attended - In Person", "Attended Virtually"])
                if came
                else r.choice(CRM_STATUS_ABSENT)
            )
            responded = 1 if status not in ("Invited", "Sent") else 0
            f, last = st.split_name(p)
            show = not formatted or first
            members.add(
                [
                    cname if show else None,
                    m.date if show else None,
                    status,
                    f,
                    last,
                    p.title,
                    st.org_name(p.org),
                    st.email(p, 0.85),
                    "Contact" if p.on_roster else "Lead",
                    responded,
                ]
            )
            n += 1
            first = False
        if formatted:
            members.add(["Subtotal", None, None, None, None, None, None, None, None, n])
    if formatted:
        members.add(["Total", None, None, None, None, None, None, None, None, None])
        members.add([])
        members.add(["Confidential Information - Do Not Distribute"])
        members.add([f"Copyright (c) 2000-{t.as_of.year} salesforce.com, inc. All rights reserved."])
    plan, t = plan_sheet(st, t, v)
    return [contacts, members, plan], t


TRELLO_COLORS = {"done": "green", "in_progress": "yellow", "stalled": "orange", "cancelled": "black"}


def _tool_sheet(st: XStyle, t: Truth, tool: str, v: dict) -> tuple[Sheet, Truth]:
    r = st.rng
    stamp = t.as_of

    def iso(d: date | None) -> str:
        return d.isoformat() if d else ""

    if tool == "asana":
        with_status = v["asana_status"]
        t = _tool_truth(
            t,
            None
            if with_status
            else {"in_progress": None, "not_started": None, "stalled": None, "cancelled": None},
        )
        sh = Sheet(f"{t.name} Action Plan"[:31], role="plan")
        hdr = [
            "Task ID",
            "Created At",
            "Completed At",
            "Last Modified",
            "Name",
            "Section/Column",
            "Assignee",
            "Assignee Email",
            "Start Date",
            "Due Date",
            "Tags",
            "Notes",
            "Projects",
            "Parent task",
        ]
        if with_status:
            hdr.append("Status")
        sh.add(hdr)
        for i in t.items:
            created = (i.due or stamp) - timedelta(days=r.randint(60, 200))
            done = i.status == "done"
            owner = {f"{p.first} {p.last}": p for p in t.people}.get(i.owner)
            row = [
                str(1200000000000000 + r.randint(0, 10**14)),
                iso(created),
                iso(min(stamp, (i.due or stamp))) if done else "",
                iso(stamp - timedelta(days=r.randint(1, 30))),
                i.description,
                i.priority,
                i.owner,
                owner.email if owner and owner.email else "",
                "",
                iso(i.due),
                "",
                i.note,
                "Sector Partnership",
                "",
            ]
            if with_status:
                row.append(st.status_word(i.status) if i.status else "")
            sh.add(row)
        return sh, t
    if tool == "trello":
        t = _tool_truth(t)
        sh = Sheet(r.choice(["Partnership Board", "Action Board"]), role="plan")
        sh.add(
            [
                "Card ID",
                "Card Name",
                "Card URL",
                "Card Description",
                "Labels",
                "Members",
                "Due Date",
                "Start Date",
                "Attachment Count",
                "Checklist Item Total Count",
                "Checklist Item Completed Count",
                "Vote Count",
                "Comment Count",
                "Last Activity Date",
                "List ID",
                "List Name",
                "Board ID",
                "Board Name",
                "Archived",
            ]
        )
        lists = {n: f"{r.getrandbits(96):024x}" for n, _ in t.priorities}
        board = f"{r.getrandbits(96):024x}"
        for i in t.items:
            cid = f"{r.getrandbits(96):024x}"
            s = i.status
            label = f"{st.status_word(s)} ({TRELLO_COLORS[s]})" if s in TRELLO_COLORS else ""
            sh.add(
                [
                    cid,
                    i.description,
                    f"https://trello.com/c/{cid[:8]}",
                    i.note,
                    label,
                    i.owner,
                    (i.due.isoformat() + "T17:00:00.000Z") if i.due else "",
                    "",
                    0,
                    0,
                    0,
                    0,
                    r.randint(0, 4),
                    iso(stamp - timedelta(days=r.randint(1, 20))),
                    lists[i.priority],
                    i.priority,
                    board,
                    t.name,
                    "true" if s == "cancelled" else "false",
                ]
            )
        return sh, t
    if tool == "planner":
        t = _tool_truth(t, {"stalled": "in_progress", "cancelled": "not_started"})
        sh = Sheet(r.choice(["Tasks", "Plan"]), role="plan")
        sh.add(["Plan name", f"{t.name} Action Plan"])
        sh.add(["Plan ID", f"{r.getrandbits(120):030x}"])
        sh.add(["Date of export", stamp])
        sh.add([])
        sh.add(
            [
                "Task ID",
                "Task Name",
                "Bucket Name",
                "Progress",
                "Priority",
                "Assigned To",
                "Created By",
                "Created Date",
                "Start date",
                "Due date",
                "Is Recurring",
                "Late",
                "Completed Date",
                "Completed By",
                "Completed Checklist Items",
                "Checklist Items",
                "Labels",
                "Description",
            ]
        )
        words = {"done": "Completed", "in_progress": "In progress", "not_started": "Not started"}
        for i in t.items:
            done = i.status == "done"
            late = bool(i.due and i.due < stamp and not done)
            sh.add(
                [
                    f"{r.getrandbits(120):028x}",
                    i.description,
                    i.priority,
                    words[i.status],
                    r.choice(["Medium", "Medium", "Important", "Urgent", "Low"]),
                    i.owner,
                    t.people[0].first + " " + t.people[0].last,
                    (i.due or stamp) - timedelta(days=r.randint(60, 200)),
                    None,
                    i.due,
                    "false",
                    str(late).lower(),
                    min(stamp, i.due or stamp) if done else None,
                    i.owner if done else None,
                    None,
                    None,
                    None,
                    i.note,
                ]
            )
        return sh, t
    if tool == "monday":
        t = _tool_truth(t)
        words = {
            "done": "Done",
            "in_progress": "Working on it",
            "stalled": "Stuck",
            "not_started": "",
            "cancelled": "Canceled",
        }
        sh = Sheet(r.choice(["Action Plan", "Partnership Board"]), role="plan")
        sh.add([f"{t.name} Action Plan"])
        sh.add([])
        timeline = v["monday_timeline"]
        by_pri: dict[str, list[Item]] = defaultdict(list)
        for i in t.items:
            by_pri[i.priority].append(i)
        for pname, lst in by_pri.items():
            sh.add([pname])
            sh.add(
                [
                    "Name",
                    "Person",
                    "Status",
                    "Timeline" if timeline else "Date",
                    "Priority",
                    "Notes",
                    "Item ID",
                ]
            )
            for i in lst:
                when: Any = i.due
                if timeline and i.due:
                    when = f"{(i.due - timedelta(days=r.randint(14, 90))).isoformat()} - {i.due.isoformat()}"
                sh.add(
                    [
                        i.description,
                        i.owner,
                        words[i.status],
                        when,
                        r.choice(["High", "Medium", "Low", ""]),
                        i.note,
                        str(r.randint(10**9, 10**10)),
                    ]
                )
            sh.add([])
        return sh, t
    # airtable
    t = _tool_truth(t)
    sh = Sheet(r.choice(["Grid view", "Tasks-Grid view", "All tasks"]), role="plan")
    done_col = v["airtable_done"]
    hdr = ["Name", st.h("priority"), st.h("owner"), st.h("due"), st.h("status")] + (
        ["Done"] if done_col else []
    )
    sh.add(hdr)
    for i in t.items:
        row = [
            i.description,
            i.priority,
            _owner(st, i.owner),
            f"{i.due.month}/{i.due.day}/{i.due.year}" if i.due else "",
            st.status_word(i.status),
        ]
        if done_col:
            row.append("checked" if i.status == "done" else "")
        sh.add(row)
    return sh, t


def r_projecttool(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """The action plan as a project tool exports it, beside a roster and an attendance log."""
    sheets = [roster_sheet(st, _roster_people(t), v), log_sheet(st, t, v)]
    plan, t = _tool_sheet(st, t, v["tool"], v)
    return [*sheets, plan], t


def _template_parts(
    st: XStyle, t: Truth, rng: random.Random, v: dict, plan: bool = True
) -> tuple[list[Sheet], Truth]:
    """A roster, a long log and (optionally) an action plan as messygen writes them (the usual words)."""
    base = mg.pick_variant("template", rng, with_type=v["with_type"], day_first=False)
    sheets = [
        mg._tag(
            mg.render_roster(st, _roster_people(t), base["with_type"], base["split"], base["order"]), "roster"
        ),
        mg._tag(mg.render_log(st, t, base["split"], base["order"], base), "attendance"),
    ]
    if plan:
        ps, t = mg.render_action_plan(st, t, base)
        sheets += [mg._tag(sh, "plan") for sh in ps]
    return sheets, t


def r_dashboard(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """A dashboard in front of the data: formulas with cached values and pivot blocks."""
    r = st.rng
    data, t = _template_parts(st, t, r, v)
    roster_name, log_name = data[0].name, data[1].name
    s = mg.expected_summary(t)
    dash = Sheet(r.choice(["Dashboard", "Summary", "Overview", "At a Glance"]), role="aside")
    dash.add([f"{t.name} — Dashboard"])
    dash.add([f"Data through {fmt_date(t.as_of, 'long')}"])
    dash.add([])
    n_att = s["attendance"]["records"]
    kpis = [
        (
            "Partner organizations",
            s["organizations"]["total"],
            f"SUMPRODUCT(1/COUNTIF('{roster_name}'!B2:B500,'{roster_name}'!B2:B500))",
        ),
        ("Businesses", s["organizations"]["business"], f"COUNTIF('{roster_name}'!C:C,\"Business*\")"),
        ("Public partners", s["organizations"]["public"], f"COUNTIF('{roster_name}'!C:C,\"Public*\")"),
        (
            "Meetings held",
            s["meetings"]["total"],
            f"SUMPRODUCT(1/COUNTIF('{log_name}'!A2:A2000,'{log_name}'!A2:A2000))",
        ),
        ("Sign-ins", n_att, f"COUNTA('{log_name}'!C:C)-1"),
        ("Avg. per meeting", round(n_att / max(1, s["meetings"]["total"]), 1), "B8/B7"),
    ]
    for label, value, formula in kpis:
        rr = dash.add([label, value])
        dash.formulas[(rr, 1)] = formula
    dash.add([])
    # Pivot blocks: attendance by organisation and by meeting date, side by side or one under another.
    by_org: dict[str, int] = defaultdict(int)
    for pid, _ in t.attendance:
        o = t.org(t.person(pid).org)
        by_org[o.name if o else "(blank)"] += 1
    by_date: dict[date, int] = defaultdict(int)
    for _, mid in t.attendance:
        by_date[t.meeting(mid).date] += 1
    blocks = [
        [["Row Labels", "Count of Name"], *[[k, by_org[k]] for k in sorted(by_org)], ["Grand Total", n_att]],
        [
            ["Row Labels", r.choice(["Count of Date", "Sum of Attended"])],
            *[[d, n] for d, n in sorted(by_date.items())],
            ["Grand Total", n_att],
        ],
    ]
    top = len(dash.rows)
    if v["pivots_side"]:
        height = max(len(b) for b in blocks)
        for k in range(height):
            row: list[Any] = []
            for b in blocks:
                row += (b[k] if k < len(b) else [None, None]) + [None]
            dash.add(row)
    else:
        for b in blocks:
            for row in b:
                dash.add(row)
            dash.add([])
    # A bar chart of the first pivot (its rows between the header and the grand total).
    dash.charts.append(("Sign-ins by organization", top + 1, top + len(blocks[0]) - 2, 0, 1, "H2"))
    return [dash, *data], t


def _grid_people(t: Truth, st: XStyle) -> list[Person]:
    people = _came(t)
    return sorted(people, key=lambda p: (p.last, p.first)) if st.rng.random() < 0.5 else _org_sort(st, people)


NOTES = [
    "",
    "",
    "",
    "Moved into a new role in the spring; her replacement is on the contact list.",
    "Prefers e-mail over phone. Joined the talent action team after the second quarterly meeting.",
    "Hosted the plant tour; wants to be on the agenda for the next convening to share apprenticeship results.",
    "Left a voicemail about the summer camp — follow up.",
]


def r_threerow(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """A grid whose header spans three rows under a logo-and-title block, with spacer and notes columns."""
    r = st.rng
    sheets: list[Sheet] = []
    if v["roster"]:
        sheets.append(roster_sheet(st, _roster_people(t), v))
    else:
        t = t.without_roster_only()
    people = _grid_people(t, st)
    meetings = list(t.meetings)
    if v["band"]:  # a merged meeting-type band: columns grouped by type or team
        order = {k: n for n, k in enumerate(mg.KINDS)}
        meetings.sort(key=lambda m: (order[m.kind], m.team or "", m.date))
    left = [("name", st.h("name")), ("org", st.h("org"))]
    if v["with_type"]:
        left.append(("type", st.h("type")))
    nl = len(left)
    spacer = 1 if v["spacer"] else 0
    first = nl + spacer
    width = first + len(meetings) + 2
    sh = Sheet(r.choice(["Attendance", "Partner Engagement", "Engagement Tracker"]), role="attendance")
    if v["logo"]:
        for _ in range(r.randint(2, 4)):
            sh.add([None] * width)  # where the logo picture sits
        sh.add([t.orgs[[o.kind for o in t.orgs].index("public")].name])
    mg._title_rows(
        sh,
        [f"{t.name}", f"Partner attendance {min(m.date for m in meetings).year}–{t.as_of.year}", ""],
        width,
        v["merge"],
    )
    # Row 1: meeting names (or a band over each type's meetings); row 2: dates; row 3: the labels.
    r1: list[Any] = [None] * first
    if v["band"]:
        rr = len(sh.rows)
        k = 0
        while k < len(meetings):
            m = meetings[k]
            j = k
            while j + 1 < len(meetings) and (meetings[j + 1].kind, meetings[j + 1].team) == (m.kind, m.team):
                j += 1
            label = mg.meeting_label(st, m) if m.kind != "other" else m.label
            r1 += [label] + [None] * (j - k)
            if j > k:
                sh.merges.append((rr, first + k, rr, first + j))
            k = j + 1
    else:
        r1 += [mg.meeting_label(st, m) for m in meetings]
    sh.add(r1 + [None, None])
    sh.add([None] * first + [st.date(m.date) for m in meetings] + [None, None])
    sh.add([h for _, h in left] + [None] * spacer + [None] * len(meetings) + [st.h("count"), st.h("note")])
    present = set(t.attendance)
    rows: list[tuple[str, Any]] = [("p", p) for p in people]
    for mid, oid in t.bad_attendance:
        rows.insert(r.randint(1, len(rows)), ("bad", (oid, mid)))
    for what, x in rows:
        if what == "p":
            row = [st.person_name(x), st.org_name(x.org)] + ([st.type_word(x.org)] if v["with_type"] else [])
            marks = [(x.id, m.id) in present for m in meetings]
        else:
            oid, mid = x
            row = ["", st.org_name(oid)] + ([st.type_word(oid)] if v["with_type"] else [])
            marks = [m.id == mid for m in meetings]
        row += [None] * spacer + [st.mark(on) for on in marks] + [sum(marks), r.choice(NOTES)]
        sh.add(row)
    sheets.append(sh)
    plan, t = plan_sheet(st, t, v)
    return [*sheets, plan], t


# (present marks, absent marks, legend lines)
LEGENDS = [
    (["A"], ["R", "N"], ["A = attended, R = regrets, N = no-show"]),
    (["●"], ["○"], ["● present / ○ absent"]),
    (["☑"], ["☐"], ["☑ = was there", "☐ = invited, not there"]),
    (["G", "V"], ["—"], ["G = in person, V = virtual, — = not there"]),
    (["Green"], ["Red", "Yellow"], ["Green = attended; Red = absent; Yellow = excused"]),
    (["P"], ["E", "U"], ["P = present, E = excused, U = unexcused absence"]),
    (["IP", "Z"], ["NS"], ["IP = in person", "Z = joined on Zoom", "NS = no show"]),
    (["◼"], ["◻"], ["Legend: ◼ attended  ◻ did not attend"]),
    (["✔"], ["✘"], ["✔ came   ✘ sent regrets"]),
]


def r_legend(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """A grid of marks whose meaning a legend on the sheet gives."""
    r = st.rng
    t = t.without_roster_only()
    present_marks, absent_marks, lines = LEGENDS[v["legend"]]
    st.present = present_marks
    st.absent = absent_marks + ([None] if v["blank_absent"] else [])
    people = _grid_people(t, st)
    meetings = list(t.meetings)
    left = [st.h("name"), st.h("org")]
    width = len(left) + len(meetings)
    sh = Sheet(r.choice(["Attendance", "Roll Call", "Attendance Grid"]), role="attendance")
    legend_rows = [[line] + [None] * (width - 1) for line in lines]
    if v["legend_at"] == "two_cells":
        legend_rows = []
        for line in lines:
            for part in re.split(r"[,;/]\s*|\s{2,}", line.replace("Legend: ", "")):
                mark, _, meaning = part.partition(" = ") if " = " in part else part.partition(" ")
                legend_rows.append([mark.strip(), meaning.strip()] + [None] * (width - 2))
    mg._title_rows(sh, [t.name, ""], width, v["merge"])
    if v["legend_at"] == "top":
        for row in legend_rows:
            sh.add(row)
        sh.add([None] * width)
    sh.add(left + [_date_label(st, m) if v["label_dates"] else st.date(m.date) for m in meetings])
    if not v["label_dates"]:
        # a row of meeting names under the dates
        sh.rows.insert(len(sh.rows) - 1, [None] * len(left) + [mg.meeting_label(st, m) for m in meetings])
    present = set(t.attendance)
    rows: list[tuple[str, Any]] = [("p", p) for p in people]
    for mid, oid in t.bad_attendance:
        rows.insert(r.randint(1, len(rows)), ("bad", (oid, mid)))
    for what, x in rows:
        if what == "p":
            marks = [(x.id, m.id) in present for m in meetings]
            row = [st.person_name(x), st.org_name(x.org)]
        else:
            marks = [m.id == x[1] for m in meetings]
            row = ["", st.org_name(x[0])]
        sh.add(row + [st.mark(on) for on in marks])
    if v["legend_at"] != "top":
        sh.add([None] * width)
        for row in legend_rows:
            sh.add(row)
    plan, t = plan_sheet(st, t, v)
    return [sh, plan], t


STRATEGIES = [
    "Grow awareness of local careers",
    "Connect employers with schools",
    "Remove barriers to getting to work",
    "Build shared training capacity",
    "Keep the workers we have",
    "Make the case to funders",
    "Bring more employers to the table",
]


def r_narrative(st: XStyle, t: Truth, v: dict) -> tuple[list[Sheet], Truth]:
    """The action plan as a narrative table: a goal and a strategy merged over their tasks."""
    r = st.rng
    data, _ = _template_parts(st, t, r, v, plan=False)
    t = _status_truth(t, v["status_mode"])
    sh = Sheet(r.choice(["Strategic Plan", "Action Plan Narrative", "Goals & Strategies"]), role="plan")
    cols = [
        ("goal", r.choice(["Goal", "Priority Goal", "Outcome Goal"])),
        ("strategy", st.h("strategy")),
        ("desc", r.choice(["Action Steps", "Tasks", st.h("desc")])),
        ("owner", r.choice(["Lead", st.h("owner")])),
        ("due", r.choice(["Timeline", st.h("due")])),
    ]
    if v["status_mode"] != "pct":
        cols.append(("status", r.choice(["Status", st.h("status")])))
    if v["status_mode"] != "status":
        cols.append(("pct", st.h("pct")))
    cols.append(("measure", r.choice(["Measure of Success", "How we'll know", "Indicator"])))
    if r.random() < 0.6:
        mg._title_rows(sh, [f"{t.name} — Strategic Action Plan", ""], len(cols), v["merge"])
    sh.add([h for _, h in cols])
    by_pri: dict[str, list[Item | None]] = defaultdict(list)
    for i in t.items:
        by_pri[i.priority].append(i)
    for pname in t.bad_items:
        by_pri[pname].insert(r.randint(1, len(by_pri[pname])), None)
    strategies = list(STRATEGIES)
    for n, (pname, lst) in enumerate(by_pri.items(), start=1):
        goal = r.choice([pname, f"Goal {n}: {pname}", f"{n}. {pname}"]) if v["goal_deco"] else pname
        top = len(sh.rows)
        k = 0
        s_no = 0
        while k < len(lst):
            size = min(len(lst) - k, r.randint(1, 3))
            s_no += 1
            strat = f"Strategy {n}.{s_no}: {strategies[(n + s_no) % len(strategies)]}"
            s_top = len(sh.rows)
            for j, i in enumerate(lst[k : k + size]):
                row: list[Any] = []
                for key, _ in cols:
                    if key == "goal":
                        row.append(goal if len(sh.rows) == top else None)
                    elif key == "strategy":
                        row.append(strat if j == 0 else None)
                    elif i is None:  # a half-filled row: everything but what is to be done
                        row.append(_half_filled(st, t, key, v))
                    elif key == "desc":
                        row.append(i.description)
                    elif key == "owner":
                        row.append(_owner(st, i.owner))
                    elif key == "due":
                        row.append(st.due_cell(i))
                    elif key == "status":
                        row.append(st.status_word(i.status) if i.status else "")
                    elif key == "pct":
                        row.append(_pct(i.percent, v["pct_fmt"]))
                    elif key == "measure":
                        row.append(
                            r.choice(["", "Number of students reached", "Seats filled by employers", ""])
                        )
                sh.add(row)
            if size > 1:
                sh.merges.append((s_top, 1, len(sh.rows) - 1, 1))
            k += size
        if len(sh.rows) - 1 > top:
            sh.merges.append((top, 0, len(sh.rows) - 1, 0))
    return [*data, sh], t


RENDERERS = {
    "values": r_values,
    "transposed": r_transposed,
    "stacked": r_stacked,
    "onecell": r_onecell,
    "smartsheet": r_smartsheet,
    "crm": r_crm,
    "projecttool": r_projecttool,
    "dashboard": r_dashboard,
    "threerow": r_threerow,
    "legend": r_legend,
    "narrative": r_narrative,
}

# Families whose files write each person's e-mail wherever they appear (so an organisation may be known
# as public by its domain alone).
_EMAIL_FAMILIES = {"values", "projecttool"}


def pick_knobs(family: str, rng: random.Random, **over: Any) -> dict:
    """The knobs of one rendering, drawn from the seed (any can be forced)."""
    v: dict[str, Any] = {
        "creds": rng.random() < 0.5,
        "abbrev": rng.random() < 0.5,
        "phrases": rng.random() < 0.5,
        "due_words": rng.random() < 0.5,
        "with_type": rng.random() < 0.4,
        "plain_public": rng.random() < 0.4,
        "split": rng.random() < 0.15,
        "merge": rng.random() < 0.7,
        "status_mode": rng.choices(["status", "status+pct", "pct"], [45, 40, 15])[0],
        "pct_fmt": rng.choice(["fraction", "text", "number"]),
        "csv_bom": rng.random() < 0.5,
        "roster": rng.random() < 0.3,
        # transposed
        "across": rng.choice(["people", "people", "orgs"]),
        "date_col": rng.random() < 0.6,
        "band_repeat": rng.random() < 0.25,
        "total_row": rng.random() < 0.5,
        "sep": rng.choice([", ", "; ", "\n"]),
        # stacked
        "stack_by": rng.choice(["one", "year", "quarter"]),
        "no_year": rng.random() < 0.6,
        "repeat_header": rng.random() < 0.7,
        "email": rng.random() < 0.5,
        # onecell
        "onecell_org": rng.choice(["paren", "paren", "dash", "roster"]),
        "count_col": rng.random() < 0.5,
        # smartsheet
        "hier": rng.choice(["outline+indent", "outline+indent", "indent", "spaces"]),
        "root_row": rng.random() < 0.3,
        # crm
        "crm_style": rng.choice(["details", "formatted"]),
        # projecttool
        "tool": rng.choice(TOOLS),
        "asana_status": rng.random() < 0.4,
        "monday_timeline": rng.random() < 0.5,
        "airtable_done": rng.random() < 0.5,
        # dashboard
        "pivots_side": rng.random() < 0.5,
        # threerow
        "band": rng.random() < 0.5,
        "spacer": rng.random() < 0.7,
        "logo": rng.random() < 0.7,
        # legend
        "legend": rng.randrange(len(LEGENDS)),
        "legend_at": rng.choice(["top", "bottom", "bottom", "two_cells"]),
        "blank_absent": rng.random() < 0.6,
        "label_dates": rng.random() < 0.5,
        # narrative
        "goal_deco": rng.random() < 0.5,
    }
    if family == "values":
        v.update(creds=True, abbrev=True, phrases=True, due_words=True, with_type=False)
    v.update(over)
    if family not in _EMAIL_FAMILIES or v["with_type"]:
        v["plain_public"] = False
    return v


def _plain_public(t: Truth, rng: random.Random) -> tuple[Truth, set[str]]:
    """One public body given a plain name; its .gov/.us domain, on every one of its people, says what it is."""
    reg, county, cities, state, st = t.region
    pubs = [o for o in t.orgs if o.kind == "public" and any(p.org == o.id for p in t.counted_people())]
    if not pubs:
        return t, set()
    o = rng.choice(pubs)
    name = rng.choice(
        [f"{cities[2]} Works", f"Pathways {reg}", f"{county} Connects", f"Bridge to Work {cities[1]}"]
    )
    if name.lower() in {x.name.lower() for x in t.orgs}:
        return t, set()
    dom = rng.choice(
        [
            f"{mg._slug(name, 12)}.gov",
            f"{mg._slug(name, 10)}.{st}.us",
            f"state.{st}.us",
            f"{mg._slug(state, 14)}.gov",
        ]
    )
    emails = {p.email.lower() for p in t.people if p.email}
    people = []
    for p in t.people:
        if p.org == o.id:
            e = f"{p.first[0]}{p.last}@{dom}".lower()
            if e in emails:
                e = f"{p.first}.{p.last}@{dom}".lower()
            emails.add(e)
            p = replace(p, email=e)
        people.append(p)
    orgs = tuple(replace(x, name=name, domain=dom) if x.id == o.id else x for x in t.orgs)
    return replace(t, orgs=orgs, people=tuple(people)), {o.id}


def render_family(truth: Truth, family: str, seed: int | None = None, **over: Any) -> Rendered:
    """Write a truth in one family with seeded messiness; returns the book and the truth it carries."""
    rng = random.Random(f"{truth.seed}/{family}/{seed}")
    v = pick_knobs(family, rng, **over)
    t = value_truth(truth, rng, v)
    v["domain_only"] = set()
    if v["plain_public"]:
        t, v["domain_only"] = _plain_public(t, rng)
    st = XStyle(t, rng, v)
    sheets, t = RENDERERS[family](st, t, v)
    v["present_marks"] = list(st.present)  # what the file's grids, if any, write for "came"
    names: set[str] = set()
    for sh in sheets:
        sh.name = mg._sheet_safe(sh.name)
        base, n = sh.name, 2
        while sh.name.lower() in names:
            sh.name = mg._sheet_safe(f"{base[:27]} {n}")
            n += 1
        names.add(sh.name.lower())
    title = re.sub(r"\W+", "_", t.name).strip("_").lower()
    v["domain_only"] = sorted(v["domain_only"])
    return Rendered(mg.Book(title, sheets, day_first=False, csv_bom=v["csv_bom"]), t, family, v)


def relevant_knobs(family: str, v: dict) -> dict:
    """The knobs that shaped a family's file (for a readable failure)."""
    common = {
        "creds",
        "abbrev",
        "phrases",
        "due_words",
        "with_type",
        "plain_public",
        "status_mode",
        "pct_fmt",
    }
    own = {
        "values": {"split"},
        "transposed": {"roster", "across", "date_col", "band_repeat", "total_row", "sep", "merge"},
        "stacked": {"roster", "stack_by", "no_year", "repeat_header", "email", "merge"},
        "onecell": {"onecell_org", "sep", "count_col"},
        "smartsheet": {"hier", "root_row"},
        "crm": {"crm_style"},
        "projecttool": {"tool", "asana_status", "monday_timeline", "airtable_done"},
        "dashboard": {"pivots_side"},
        "threerow": {"roster", "band", "spacer", "logo", "merge"},
        "legend": {"legend", "legend_at", "blank_absent", "label_dates"},
        "narrative": {"goal_deco", "merge"},
    }[family]
    return {k: v[k] for k in v if k in common | own}


def make_case(
    seed: int, family: str, fmt: str, folder: Path, knobs: dict | None = None, **truth_kw: Any
) -> mg.Case:
    """Generate, render and write one tracker of a family; the expected summary is the rendered truth's."""
    truth = mg.make_partnership(seed, **truth_kw)
    rendered = render_family(truth, family, **(knobs or {}))
    paths = mg.write(rendered, fmt, folder)
    return mg.Case(seed, family, fmt, paths, truth.as_of, rendered.expected(truth.as_of), rendered.variant)


def check_truth(truth: Truth) -> list[str]:
    """messygen's consistency checks, knowing that this module's no-date words are no date."""
    no_date = {w.lower() for w in NO_DUE_WORDS}
    text = {i.id: (i.due_text or "").strip().lower() for i in truth.items}
    return [
        p
        for p in mg.check_truth(truth)
        if not (p.endswith("due text without a date") and text.get(p.split()[1]) in no_date)
    ]
