"""The words conveners use: headers, marks of attendance, statuses, meeting and partner types.

Everything here is matched on a normalised form (``norm``: lower case, punctuation to spaces, single spaces),
by whole words and then fuzzily, never by a fixed list of exact headers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

HEADER_FUZZY_CUTOFF = 88  # a header this close to a known phrase means its field

_PUNCT = re.compile(r"[^\w%$#&@+]+", re.UNICODE)


def norm(text: object) -> str:
    """Lower case, accents folded, punctuation to spaces, one space between words."""
    return _norm(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    if not s.isascii():
        # Accents go (José = Jose); letters with none to shed stay (Łukasz, Олег, 王伟): a name written
        # only in them is still someone's name, not an empty one that matches nobody.
        s = "".join(ch for ch in s if ch.isascii() or ch.isalnum())
    s = s.replace("_", " ").lower()
    return " ".join(_PUNCT.sub(" ", s).split())


# ---------------------------------------------------------------------------------------------------------
# Header words. Field -> phrases. A header means a field when one of its phrases matches as whole words
# (first the longest phrases), or fuzzily above limits.HEADER_FUZZY_CUTOFF.
HEADER_PHRASES: dict[str, tuple[str, ...]] = {
    "email": ("email", "e mail", "email address", "e mail address", "mail", "emails", "email addr"),
    "phone": (
        "phone",
        "phone number",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "cell phone",
        "work phone",
        "phone #",
        "contact number",
    ),
    "first_name": ("first name", "first", "given name", "fname", "forename"),
    "last_name": ("last name", "last", "surname", "family name", "lname"),
    "person": (
        "name",
        "attendee",
        "attendee name",
        "contact",
        "contact name",
        "full name",
        "participant",
        "participant name",
        "person",
        "member name",
        "representative",
        "rep",
        "attendees",
        "individual",
        "partner contact",
        "primary contact",
        "staff",
        "guest",
        "who attended",
        "who",
        "name of attendee",
        "your name",
        "print name",
        "people",
    ),
    "org": (
        "organization",
        "organisation",
        "org",
        "company",
        "employer",
        "business name",
        "agency",
        "affiliation",
        "institution",
        "organization name",
        "organisation name",
        "company name",
        "employer name",
        "partner organization",
        "partner",
        "partner name",
        "business",
        "entity",
        "firm",
        "member organization",
        "org name",
        "company organization",
        "school",
        "group",
    ),
    "org_type": (
        "partner type",
        "sector",
        "org type",
        "organization type",
        "organisation type",
        "business or public",
        "business public",
        "business vs public",
        "category",
        "partner category",
        "type of partner",
        "stakeholder type",
        "affiliation type",
        "b p",
        "business public partner",
        "partner sector",
        "membership type",
        "type",
    ),
    "title": ("title", "job title", "position", "job", "role title", "job role", "position title"),
    "role": ("role", "partnership role", "member role", "involvement", "membership", "participation role"),
    "meeting_date": (
        "date",
        "meeting date",
        "session date",
        "event date",
        "date of meeting",
        "when",
        "meeting day",
        "day",
        "date held",
    ),
    "meeting_type": (
        "meeting type",
        "type of meeting",
        "meeting",
        "event",
        "event type",
        "session",
        "session type",
        "meeting name",
        "meeting title",
        "event name",
        "convening",
        "gathering",
        "kind of meeting",
        "meeting kind",
        "format",
    ),
    "team": (
        "team",
        "action team",
        "at",
        "committee",
        "workgroup",
        "work group",
        "working group",
        "subcommittee",
        "team name",
        "action team name",
    ),
    "location": ("location", "venue", "where", "host", "place", "host site", "site", "address"),
    "summary_sent": (
        "summary sent",
        "notes sent",
        "minutes sent",
        "recap sent",
        "follow up sent",
        "summary distributed",
        "summary",
        "recap",
        "minutes distributed",
        "notes distributed",
        "follow up",
    ),
    "priority": (
        "priority",
        "priority area",
        "action area",
        "focus area",
        "goal",
        "strategy",
        "initiative",
        "objective",
        "priority name",
        "strategic priority",
        "theme",
        "pillar",
        "area",
        "action team priority",
        "opportunity area",
    ),
    "description": (
        "action item",
        "action",
        "task",
        "action step",
        "next step",
        "activity",
        "item",
        "deliverable",
        "description",
        "action items",
        "tasks",
        "steps",
        "step",
        "what",
        "action description",
        "task description",
        "milestone",
        "to do",
        "todo",
        "tactic",
        "tactics",
        "action item description",
        "activities",
        "work item",
    ),
    "owner": (
        "owner",
        "champion",
        "lead",
        "responsible",
        "point person",
        "assigned to",
        "assignee",
        "point of contact",
        "poc",
        "who",
        "lead person",
        "business champion",
        "champion s",
        "responsible party",
        "led by",
        "lead partner",
        "owner s",
    ),
    "due": (
        "due",
        "due date",
        "by when",
        "when",
        "target date",
        "deadline",
        "timeline",
        "target",
        "completion date",
        "target completion",
        "due by",
        "timeframe",
        "time frame",
        "expected completion",
        "end date",
        "target quarter",
        "when due",
    ),
    "status": ("status", "state", "current status", "progress status", "stage", "status update"),
    "percent": (
        "progress",
        "% complete",
        "percent complete",
        "pct complete",
        "completion",
        "percent done",
        "%",
        "% done",
        "pct",
        "percentage complete",
        "complete %",
        "percent",
        "% progress",
        "completion %",
    ),
    "notes": (
        "notes",
        "comments",
        "comment",
        "remarks",
        "note",
        "update",
        "updates",
        "details",
        "additional notes",
    ),
    "funder": (
        "source",
        "funder",
        "funding source",
        "grantor",
        "contributor",
        "sponsor",
        "donor",
        "source of funds",
        "funding partner",
        "organization providing",
        "investor",
        "provided by",
    ),
    "amount": (
        "amount",
        "value",
        "$",
        "dollars",
        "award",
        "amount $",
        "$ amount",
        "total amount",
        "dollar amount",
        "cash value",
        "estimated value",
        "contribution amount",
        "award amount",
    ),
    "funding_kind": (
        "type",
        "cash in kind",
        "kind",
        "contribution type",
        "funding type",
        "cash or in kind",
        "form",
        "support type",
    ),
    "funding_status": ("status", "funding status", "commitment", "committed", "stage"),
    "period": ("period", "year", "fiscal year", "grant period", "term", "fy", "dates", "duration"),
    "attended": (
        "attended",
        "present",
        "attendance",
        "here",
        "in attendance",
        "attended y n",
        "showed",
        "checked in",
        "signed in",
    ),
}

# Fields that describe one kind of table (used to decide what a sheet holds).
PERSON_FIELDS = {"person", "first_name", "last_name", "email"}
MEETING_FIELDS = {"meeting_date", "meeting_type"}
ITEM_FIELDS = {"description", "status", "percent", "due", "owner", "priority"}
FUNDING_FIELDS = {"funder", "amount", "funding_kind", "funding_status", "period"}


# Short forms in headers, read as the words they stand for.
HEADER_ABBREVIATIONS = {
    "mtg": "meeting",
    "mtgs": "meeting",
    "mgmt": "management",
    "org": "organization",
    "orgs": "organization",
    "co": "company",
    "dt": "date",
    "nm": "name",
    "desc": "description",
    "pct": "percent",
    "amt": "amount",
    "stat": "status",
    "tel": "phone",
    "ph": "phone",
    "addr": "address",
    "attn": "attendee",
    "attd": "attended",
    "resp": "responsible",
}


@lru_cache(maxsize=1)
def _fuzzy_header_choices() -> dict[str, str]:
    """Each header phrase longer than three letters and its field, for the fuzzy match (made once)."""
    return {p: fld for fld, phrases in HEADER_PHRASES.items() for p in phrases if len(p) > 3}


@lru_cache(maxsize=1)
def _reordered_header_phrases() -> dict[tuple[str, ...], set[str]]:
    """Header phrases of two words or more by their words in any order ("name first" is "first name"), made once."""
    out: dict[tuple[str, ...], set[str]] = {}
    for fld, phrases in HEADER_PHRASES.items():
        for p in phrases:
            if " " in p:
                out.setdefault(tuple(sorted(p.split())), set()).add(fld)
    return out


@lru_cache(maxsize=4096)
def header_fields(text: str) -> tuple[tuple[str, int], ...]:
    """The fields a header may mean, best first, each with a score 0..100."""
    if "@" in text:
        return ()  # an email address is data, never a header
    h = " ".join(HEADER_ABBREVIATIONS.get(w, w) for w in norm(text).split())
    if not h or len(h) > 60:
        return ()
    scores: dict[str, int] = {}
    words = f" {h} "
    for fld, phrases in HEADER_PHRASES.items():
        best = 0
        for p in phrases:
            if h == p:
                best = 100
                break
            if len(p) > 2 and f" {p} " in words:
                best = max(best, 70 + min(len(p), 25))
        if best:
            scores[fld] = best
    # "Name (first)", "Date, due": a header phrase with its words turned round, as exports and forms write them
    for fld in _reordered_header_phrases().get(tuple(sorted(h.split())), ()):
        scores[fld] = 100
    if not scores:
        choices = _fuzzy_header_choices()
        hit = process.extractOne(h, list(choices), scorer=fuzz.ratio, score_cutoff=HEADER_FUZZY_CUTOFF)
        if hit:
            scores[choices[hit[0]]] = int(hit[1]) - 20
    # Words that settle common collisions.
    if "type" in h.split() and ("meeting" in h or "event" in h or "session" in h):
        scores["meeting_type"] = 100
    if "date" in h.split() and ("due" in h or "target" in h or "completion" in h):
        scores["due"] = 100
    if "sent" in h.split() or "distributed" in h.split():
        scores["summary_sent"] = 100
    if ("business" in h and "public" in h) or ("partner" in h and "type" in h):
        scores["org_type"] = 100
    words_h = set(h.split())
    if words_h & {
        "action",
        "actions",
        "task",
        "tasks",
        "step",
        "steps",
        "activity",
        "activities",
        "deliverable",
    } and not (
        words_h
        & {
            "team",
            "area",
            "areas",
            "plan",
            "status",
            "date",
            "due",
            "owner",
            "lead",
            "notes",
            "note",
            "comments",
            "comment",
            "update",
            "updates",
            "remarks",
        }
    ):
        scores["description"] = 100  # "Strategy / Action", "Goal / Task": the row's action
    if words_h & {"notes", "note", "comments", "comment", "remarks"}:
        scores["notes"] = 100  # "Next Steps / Notes" is where the notes go
    if "%" in h or "percent" in h:
        scores["percent"] = max(scores.get("percent", 0), 95)
    if "email" in h.replace(" ", "") and "sent" not in h:
        scores["email"] = 100
    return tuple(sorted(scores.items(), key=lambda kv: -kv[1]))


# ---------------------------------------------------------------------------------------------------------
# Attendance marks.
PRESENT_MARKS = {
    "x",
    "y",
    "yes",
    "1",
    "p",
    "present",
    "attended",
    "here",
    "v",
    "✓",
    "✔",
    "√",
    "☑",
    "✅",
    "true",
    "in person",
    "virtual",
    "remote",
    "online",
    "zoom",
    "late",
    "attend",
    "checked in",
    "signed in",
    "ok",
    "*",
    "•",
    "t",
    "in",
    "on site",
    "onsite",
    "hybrid",
    "phone",
}
ABSENT_MARKS = {
    "",
    "n",
    "no",
    "0",
    "-",
    "–",
    "—",
    "a",
    "absent",
    "false",
    "excused",
    "x out",
    "regrets",
    "did not attend",
    "dna",
    "no show",
    "none",
    "f",
    "na",
    "n a",
    "abs",
    "sent regrets",
    "e",
    "ex",
    "not present",
    "declined",
    "cancelled",
}


def mark_present(value: object) -> bool | None:
    """True for a mark of presence, False for absence, None when the cell is not a mark at all."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value > 0
    raw = str(value).strip()
    low = raw.lower()
    if low in PRESENT_MARKS:
        return True
    if low in ABSENT_MARKS:
        return False
    n = norm(low)
    if n and n in PRESENT_MARKS:
        return True
    if n in ABSENT_MARKS:
        return False
    try:
        return float(low) > 0
    except ValueError:
        pass
    if len(raw) <= 3 and any(ch in raw for ch in "✓✔√☑✅xX"):
        return True
    return None


# ---------------------------------------------------------------------------------------------------------
# Where a person stands with an event in a CRM's campaign or event report (Salesforce campaign members, HubSpot and
# Dynamics event registrations). Only the first say the person came; the others are kept as what they are.
MEMBER_CAME = (
    "attended", "attend", "checked in", "check in", "present", "showed", "showed up", "participated", "joined",
    "walk in", "walked in", "attended in person", "attended virtually", "attended online", "attendee",
)  # fmt: skip
MEMBER_DID_NOT = (
    "registered", "invited", "sent", "responded", "no show", "noshow", "did not attend", "didn t attend",
    "not attended", "absent", "declined", "cancelled", "canceled", "waitlisted", "waitlist", "wait listed",
    "waiting list", "rsvp", "rsvp yes", "rsvp no", "rsvp d", "rsvpd", "accepted", "tentative", "planned",
    "opened", "clicked", "bounced", "unsubscribed", "received", "added", "interested", "pending", "confirmed",
    "not registered", "emailed", "skipped", "targeted", "nominated", "unable to attend", "regrets",
    "sent regrets", "excused", "registration cancelled", "not checked in", "unregistered",
)  # fmt: skip
_MEMBER = {norm(w): True for w in MEMBER_CAME} | {norm(w): False for w in MEMBER_DID_NOT}
_MEMBER_NEGATED = re.compile(r"^(?:not|no|did not|didn t|never|un)\b")


@lru_cache(maxsize=4096)
def member_came(text: str) -> bool | None:
    """True when a CRM member status says the person came ("Attended", "Checked in", "ATTENDED - virtual"),
    False when it says where else they stand (invited, registered, no show ...), None when it is no such status."""
    h = norm(text)
    if not h:
        return None
    if h in _MEMBER:
        return _MEMBER[h]
    if _MEMBER_NEGATED.match(h):
        return (
            False
            if any(f" {w} " in f" {h} " for w in ("attend", "attended", "show", "checked", "registered"))
            else None
        )
    for phrase, came in sorted(_MEMBER.items(), key=lambda kv: -len(kv[0])):
        if h.startswith(phrase + " "):
            return came  # "Attended - virtual", "Registered 3/1"
    return None


# ---------------------------------------------------------------------------------------------------------
# Urgency, as project tools and plans rate a task ("Priority: High"): never the partnership's priority (a goal).
URGENCY_WORDS = frozenset(
    {"urgent", "important", "high", "medium", "med", "low", "critical", "normal", "highest", "lowest", "top",
     "very high", "very low", "moderate", "routine"}
)  # fmt: skip
_URGENCY_CODE = re.compile(r"^(?:p[0-4]|[1-5] (?:high|medium|med|low|urgent|critical|normal))$")


@lru_cache(maxsize=2048)
def urgency_of(text: str) -> str | None:
    """The urgency a value rates a task with ("High", "P1", "2 - Medium", "Low priority"), or None."""
    h = norm(text)
    h = h.removesuffix(" priority").removesuffix(" urgency").strip()
    if h in URGENCY_WORDS or _URGENCY_CODE.match(h):
        return h
    return None


# ---------------------------------------------------------------------------------------------------------
# Status words.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "done": (
        "done",
        "complete",
        "completed",
        "finished",
        "closed",
        "achieved",
        "accomplished",
        "met",
        "delivered",
        "implemented",
        "resolved",
        "yes",
        "launched",
        "100",
        "wrapped up",
        "wrapped",
        "finalized",
        "finalised",
        "fulfilled",
        "in place",
        "closed out",
        "all set",
        "signed",
        "hired",
        "hosted",
        "live",
        "put to bed",
        "in the bag",
        "sorted",
        "box checked",
        "ticked off",
        "checked off",
        "crossed off",
        "shipped",
        "handed over",
        "up and running",
        "over the line",
        "across the finish line",
        "job done",
        "mission accomplished",
    ),
    "in_progress": (
        "in progress",
        "doing",  # a kanban board's middle list (To Do / Doing / Done)
        "underway",
        "under way",
        "ongoing",
        "on track",
        "started",
        "active",
        "progressing",
        "working",
        "in process",
        "wip",
        "at risk",
        "behind",
        "delayed",
        "partially complete",
        "partial",
        "in development",
        "moving",
        "begun",
        "off track",
        "behind schedule",
        "in motion",
        "continuing",
        "on going",
        "progress",
        "under development",
        "drafting",
        "draft",
        "in review",
        "under review",
        "kicked off",
        "halfway",
        "rolling out",
        "in discussion",
        "exploring",
        "being developed",
        "being planned",
        "piloting",
        "pilot underway",
        "making progress",
        "needs attention",
        "slipping",
        "making headway",
        "getting there",
        "in flight",
        "in hand",
        "gaining traction",
        "taking shape",
        "well along",
        "on schedule",
        "on target",
        "moving forward",
    ),
    "not_started": (
        "not started",
        "planned",
        "not yet started",
        "to do",
        "todo",
        "pending",
        "new",
        "open",
        "upcoming",
        "future",
        "scheduled",
        "proposed",
        "idea",
        "tbd",
        "not begun",
        "queued",
        "backlog",
        "no",
        "not yet",
        "planning",
        "still to start",
        "yet to start",
        "yet to begin",
        "to start",
        "to be started",
        "on deck",
        "idea stage",
        "needs owner",
        "needs a lead",
        "later",
        "next year",
        "next quarter",
        "up next",
        "someday",
        "on the radar",
        "on the list",
        "in the queue",
        "not kicked off",
        "not off the ground",
    ),
    "stalled": (
        "stalled",
        "on hold",
        "paused",
        "blocked",
        "stuck",
        "hold",
        "waiting",
        "deferred",
        "postponed",
        "inactive",
        "dormant",
        "suspended",
        "parked",
        "on pause",
        "held",
        "shelved",
        "on ice",
        "stopped",
        "frozen",
        "waiting on funding",
        "awaiting",
        "pending funding",
        "back burner",
        "in limbo",
        "gone cold",
        "on the shelf",
        "treading water",
        "holding pattern",
        "held up",
        "sidelined",
        "on standby",
        "hit a wall",
        "no movement",
        "dead in the water",
        "not moving",
    ),
    "cancelled": (
        "cancelled",
        "canceled",
        "dropped",
        "withdrawn",
        "abandoned",
        "discontinued",
        "no longer pursuing",
        "removed",
        "terminated",
        "scrapped",
        "not pursuing",
        "n a",
        "void",
        "retired",
        "killed",
        "declined",
        "no longer needed",
        "shelved for good",
        "shelved permanently",
        "dropped for good",
        "not moving forward",
        "won t do",
        "will not pursue",
        "closed without action",
        "rejected",
        "duplicate",
        "superseded",
        "off the table",
        "no go",
        "nixed",
        "dead",
        "not needed",
        "moot",
        "called off",
        "binned",
    ),
}
_STATUS_LOOKUP = {norm(w): s for s, ws in STATUS_WORDS.items() for w in ws}


# Part of the way: "partly done", "half finished", "mostly complete", "nearly there", "almost done".
_PART_WAY = re.compile(r"^(?:partly|partially|half|halfway|mostly|largely|nearly|almost|somewhat|close to)\b")
# Negations read as negations: "not done" is not done, "not yet started" has not started.
_NEGATED = (
    (
        re.compile(
            r"^(?:not|never|has not|hasn t|have not|haven t|yet to|still to|not yet)\b.*\b(?:start|started|begin|begun|began|going|got going|kicked off|off the ground)\b"
        ),
        "not_started",
    ),
    (
        re.compile(
            r"^(?:no longer|not pursu|not moving (?:forward|ahead)|won t|will not|not going ahead|not proceeding)"
        ),
        "cancelled",
    ),
    (
        re.compile(
            r"^(?:not|isn t|is not|incomplete|unfinished|not yet|not fully|not quite)\b.*\b(?:done|complete|completed|finished|met|achieved|delivered)?\b"
        ),
        "in_progress",
    ),
    (re.compile(r"^(?:not|no)\s+(?:active|moving|progressing)\b"), "stalled"),
    # Nothing done yet: "nothing done", "none started", "zero progress".
    (re.compile(r"^(?:nothing|none|zero|no work|no action)\b"), "not_started"),
)


def exact_status(h: str) -> str | None:
    """The status a phrase in plain words (`norm`) is word for word ("Completed", "On hold"), else None."""
    return _STATUS_LOOKUP.get(h)


@lru_cache(maxsize=2048)
def status_of(text: str) -> str | None:
    """The canonical status a status word or phrase means, or None when it is not a status."""
    h = norm(text)
    if not h:
        return None
    if h in _STATUS_LOOKUP:
        return _STATUS_LOOKUP[h]
    if _PART_WAY.match(h):
        return "in_progress"
    for rx, status in _NEGATED:
        if rx.match(h) and (status != "in_progress" or _names_done(h)):
            # A negated "done" ("not done", "not yet complete", "incomplete") says no more than no status at
            # all: not started.
            return "not_started" if status == "in_progress" else status
    # Phrases such as "Completed 3/4", "On hold - waiting on funds", "not started yet".
    for phrase, status in sorted(_STATUS_LOOKUP.items(), key=lambda kv: -len(kv[0])):
        if len(phrase) > 3 and (h.startswith(phrase + " ") or f" {phrase} " in f" {h} "):
            if status == "done" and h.startswith(("not ", "in")):
                continue
            return status
    hit = process.extractOne(h, list(_STATUS_LOOKUP), scorer=fuzz.ratio, score_cutoff=85)
    return _STATUS_LOOKUP[hit[0]] if hit else None


def _names_done(h: str) -> bool:
    """A negated phrase about being done ("not complete", "incomplete"), not any sentence starting with 'not'."""
    return h.startswith(("incomplete", "unfinished")) or any(
        f" {w}" in f" {h}" for w in ("done", "complete", "finished", "met", "achieved", "delivered")
    )


# ---------------------------------------------------------------------------------------------------------
# Meeting types.
_MEETING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("launch", ("launch", "kickoff", "kick off", "kick-off", "inaugural", "first convening")),
    (
        "planning",
        (
            "planning",
            "co chair",
            "cochair",
            "co-chair",
            "chairs",
            "agenda",
            "prep",
            "steering",
            "leadership team",
            "core team",
            "convener",
            "conveners",
            "check in",
            "debrief",
        ),
    ),
    (
        "action_team",
        (
            "action team",
            "at",
            "workgroup",
            "work group",
            "working group",
            "committee",
            "subcommittee",
            "task force",
            "team",
        ),
    ),
    (
        "full_partnership",
        (
            "full partnership",
            "quarterly",
            "partnership meeting",
            "full meeting",
            "all partner",
            "all partners",
            "general meeting",
            "convening",
            "partnership",
            "full",
            "summit",
            "annual",
            "membership meeting",
            "general",
            "plenary",
            "partner meeting",
            "regional meeting",
            "quarterly meeting",
            "qtrly",
            "qpm",
        ),
    ),
)


@lru_cache(maxsize=1 << 14)
def meeting_type_of(text: str) -> str | None:
    """The meeting type a label names (launch, full_partnership, action_team, planning), or None."""
    h = f" {norm(text)} "
    if not h.strip():
        return None
    for mtype, words in _MEETING_RULES:
        for w in words:
            if f" {norm(w)} " in h:
                return mtype
    return None


_TEAM_NOISE = re.compile(
    r"\b(action\s*team|at|call|meeting|mtg|work\s*group|working\s*group|workgroup|committee|subcommittee|"
    r"task\s*force|team|virtual|zoom|in\s*person|session)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 14)
def team_of(text: str) -> str:
    """The action team a label names ("Action Team Call – Talent" -> "Talent"), or ""."""
    s = _TEAM_NOISE.sub(" ", str(text))
    s = re.sub(r"^[\s\-–—:|/,.]+|[\s\-–—:|/,.]+$", "", " ".join(s.split()))
    s = re.sub(r"\s*[\-–—:|/]\s*$", "", s)
    return s.strip(" -–—:|/,.")


# ---------------------------------------------------------------------------------------------------------
# Partner types.
BUSINESS_TYPE_WORDS = (
    "business",
    "industry",
    "employer",
    "b",
    "biz",
    "private",
    "private sector",
    "company",
    "business partner",
    "industry partner",
    "employer partner",
    "member business",
    "firm",
    "business leader",
    "industry member",
    "for profit",
    "corporate",
)
PUBLIC_TYPE_WORDS = (
    "public",
    "public partner",
    "support partner",
    "community partner",
    "p",
    "support",
    "partner",
    "public sector",
    "government",
    "education",
    "workforce",
    "nonprofit",
    "non profit",
    "community",
    "public support",
    "civic",
    "agency",
    "supporting partner",
    "economic development",
    "training provider",
    "k 12",
    "higher ed",
    "higher education",
    "pub",
    "public agency",
    "resource partner",
    "ally",
    "intermediary",
)


def org_type_word(text: object) -> str | None:
    return _org_type_word(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=1 << 14)
def _org_type_word(text: str) -> str | None:
    """'business' or 'public' for a partner-type word as a tracker writes it, else None."""
    h = norm(text)
    if not h:
        return None
    if h in BUSINESS_TYPE_WORDS:
        return "business"
    if h in PUBLIC_TYPE_WORDS:
        return "public"
    words = set(h.split())
    if words & {"business", "industry", "employer", "private", "company"}:
        return "business"
    if words & {
        "public",
        "support",
        "community",
        "government",
        "education",
        "nonprofit",
        "workforce",
        "agency",
        "civic",
    }:
        return "public"
    return None


# Words in an organisation's name that say it is a public/support partner.
PUBLIC_NAME_WORDS = (
    "college",
    "community college",
    "university",
    "univ",
    "school",
    "school district",
    "schools",
    "district",
    "academy",
    "workforce",
    "workforce development",
    "workforce board",
    "workforce center",
    "wib",
    "wdb",
    "chamber",
    "chamber of commerce",
    "economic development",
    "edc",
    "county",
    "city of",
    "town of",
    "state",
    "department",
    "dept",
    "government",
    "council of governments",
    "council",
    "library",
    "public library",
    "foundation",
    "nonprofit",
    "non profit",
    "united way",
    "goodwill",
    "ymca",
    "extension",
    "vocational",
    "rehabilitation office",
    "human services",
    "adult education",
    "job corps",
    "american job center",
    "one stop",
    "career center",
    "boces",
    "isd",
    "usd",
    "commission",
    "authority",
    "agency",
    "office of",
    "institute of technology",
    "technical college",
    "polytechnic",
    "high school",
    "board of",
    "alliance",
    "association",
    "coalition",
    "network",
    "partnership",
    "consortium",
    "ministry",
    "federal",
    "municipal",
    "regional planning",
    "development corporation",
    "industrial corporation",
    "manufacturing extension",
    "small business development",
    "sbdc",
    "mep",
    "housing authority",
    "public",
    "tribal",
    "labor",
    "employment",
    "services office",
)
PUBLIC_EMAIL_SUFFIXES = (".gov", ".edu", ".k12", ".us", ".mil", ".gc.ca", ".ac.uk", ".gov.uk", ".state")


# Words that say "public" only when the people's email addresses do not say "business" (Mid-State Brewing).
WEAK_PUBLIC_NAME_WORDS = (
    "state",
    "alliance",
    "association",
    "network",
    "partnership",
    "council",
    "authority",
    "agency",
    "labor",
    "employment",
    "public",
    "foundation",
    "coalition",
    "consortium",
    "commission",
    "federal",
    "municipal",
    "services office",
    "academy",
    "extension",
)
BUSINESS_EMAIL_SUFFIXES = (".com", ".net", ".co", ".biz", ".io", ".us.com", ".inc", ".llc")


# Public partners' names that say so whatever else they hold: colleges, districts, governments, boards.
_PUBLIC_FORMS = re.compile(
    r"\b(?:college|university|univ|community college|technical college|school district|public schools?|"
    r"schools|school|isd|usd|cusd|boces|high school|middle school|elementary|"
    r"(?:city|town|village|county|state|commonwealth|borough|township) of|department of|dept of|office of|"
    r"board of|ministry of|bureau of|division of|"
    r"chamber(?: of commerce)?|economic development|edc|edo|workforce (?:board|center|centre|council|"
    r"development|investment|alliance|connection|solutions|partnership|region)|wib|wdb|wdc|"
    r"american job center|job center|job service|one stop|career center|career tech(?:nology|nical)?(?: center)?|"
    r"means jobs|works!|worksource|library|libraries|united way|goodwill|ymca|ywca|head start|"
    r"community action|small business development|sbdc|manufacturing extension|mep|extension service|"
    r"council of governments|regional planning|housing authority|port authority|transit authority|"
    r"government|municipal|federal|tribal|tribe|consortium|coalition|commission|"
    r"vocational rehabilitation|voc rehab|adult education|job corps|dol|dli|dole|dwd|"
    r"human services|social services|family services|health department|public health|department|sheriff|"
    r"police|fire district|water district|school board|"
    r"institute of technology|polytechnic|cc)\b"
)
# Public words that give way to a business word in the same name ("County Line Construction", "Academy
# Mortgage", "Alliance Machine Works", "State Street Bank").
_PUBLIC_WEAK = re.compile(
    r"\b(?:county|city|district|state|academy|alliance|association|network|partnership|council|authority|"
    r"agency|labor|employment|public|foundation|services office|extension|workforce|institute|center|"
    r"health department|works)\b"
)
US_STATES = (
    "alabama al alaska ak arizona az arkansas ar california ca colorado co connecticut ct delaware de florida fl "
    "georgia ga hawaii hi idaho id illinois il indiana in iowa ia kansas ks kentucky ky louisiana la maine me "
    "maryland md massachusetts ma michigan mi minnesota mn mississippi ms missouri mo montana mt nebraska ne "
    "nevada nv ohio oh oklahoma ok oregon or pennsylvania pa tennessee tn texas tx utah ut vermont vt virginia va "
    "washington wa wisconsin wi wyoming wy"
).split() + ["new hampshire", "nh", "new jersey", "nj", "new mexico", "nm", "new york", "ny", "north carolina",
             "nc", "north dakota", "nd", "rhode island", "ri", "south carolina", "sc", "south dakota", "sd",
             "west virginia", "wv"]  # fmt: skip
# "Michigan Works!", "SC Works": a state's workforce system, named by the state and "Works".
_STATE_WORKS = re.compile(r"^(?:" + "|".join(sorted(US_STATES, key=len, reverse=True)) + r") works\b")


def org_type_reason(name: str, emails: list[str] | tuple[str, ...] = ()) -> tuple[str, str]:
    """Business or public from an organisation's name and its people's e-mail domains, and why, in plain words."""
    h = norm(name)
    domains = [e.rsplit("@", 1)[-1].lower() for e in emails if "@" in e]
    for d in domains:
        for suffix in PUBLIC_EMAIL_SUFFIXES:
            if d.endswith(suffix) or f"{suffix}." in d:
                return "public", f"its people's e-mail addresses end in {suffix}"
    business_mail = any(d.endswith(BUSINESS_EMAIL_SUFFIXES) for d in domains)
    if _STATE_WORKS.match(h):
        return "public", "its name is a state workforce system's ('… Works')"
    business_words = [w for w in ORG_NAME_WORDS if f" {w} " in f" {h} "]
    if m := _PUBLIC_FORMS.search(h):
        if not (business_words and m.group(0) in ("cc", "nation", "federal", "edc", "mep", "dol")):
            return "public", f"its name says '{m.group(0)}'"
    if (m := _PUBLIC_WEAK.search(h)) and not business_words and not business_mail:
        if m.group(0) not in ("state", "works") or re.search(
            r"^state |state (?:university|college|agency)", h
        ):
            return "public", f"its name says '{m.group(0)}'"
    if business_words:
        return "business", f"its name says '{business_words[0]}'"
    if business_mail:
        return "business", "its people's e-mail addresses are a company's"
    return "business", "nothing in its name or e-mail addresses says it is a public partner"


def infer_org_type(name: str, emails: list[str] | tuple[str, ...] = ()) -> str:
    """Guess business or public from an organisation's name and its people's email domains."""
    return org_type_reason(name, emails)[0]


# ---------------------------------------------------------------------------------------------------------
# Placeholders: what a convener writes where a name is not known yet. Nobody's name, no organisation.
PLACEHOLDER_WORDS = frozenset(
    {
        "na",
        "n a",
        "tbd",
        "tba",
        "tbc",
        "none",
        "unknown",
        "nobody",
        "null",
        "nil",
        "vacant",
        "to be determined",
        "to be confirmed",
        "not applicable",
        "pending",
        "xx",
        "xxx",
    }
)


def is_placeholder(text: object) -> bool:
    """True for "N/A", "TBD", "none", "unknown" and the like: a gap written down, not a name."""
    return isinstance(text, str) and norm(text) in PLACEHOLDER_WORDS


# ---------------------------------------------------------------------------------------------------------
# Row and sheet words.
TOTAL_WORDS = (
    "total",
    "totals",
    "grand total",
    "subtotal",
    "sub total",
    "count",
    "sum",
    "attendance total",
    "# attended",
    "number attending",
    "headcount",
    "total attendance",
    "totals by meeting",
)
LEGEND_PREFIXES = (
    "key",
    "legend",
    "note",
    "notes",
    "*",
    "source",
    "updated",
    "last updated",
    "prepared by",
    "x =",
    "✓ =",
    "1 =",
    "marks",
    "instructions",
    "how to",
    "please",
    "nb",
    "n b",
)
SET_ASIDE_SHEET_WORDS = (
    "instruction",
    "instructions",
    "read me",
    "readme",
    "how to",
    "guide",
    "help",
    "lists",
    "list",
    "dropdown",
    "dropdowns",
    "lookup",
    "lookups",
    "values",
    "options",
    "settings",
    "budget",
    "expenses",
    "chart",
    "charts",
    "dashboard",
    "summary",
    "notes",
    "about",
    "cover",
    "template info",
    "validation",
    "data validation",
    "codes",
    "key",
    "legend",
    "config",
    "admin",
    "data quality",
    "quality",
    "quality report",
    "rejected rows",
    "rejected",
    "import report",
    "errors",
)
PLAN_SHEET_WORDS = (
    "action plan",
    "action items",
    "actions",
    "tasks",
    "work plan",
    "workplan",
    "plan",
    "priorities",
    "action steps",
    "next steps",
    "strategies",
    "goals",
    "tracker",
    "items",
    "projects",
    "implementation",
)
FUNDING_SHEET_WORDS = (
    "funding",
    "fund",
    "funds",
    "in kind",
    "inkind",
    "grants",
    "grant",
    "leverage",
    "resources",
    "contributions",
    "sponsorship",
    "sponsors",
    "revenue",
    "investment",
    "investments",
    "financial",
    "finance",
    "braided funding",
)
PRIORITY_DECORATION = re.compile(
    r"^\s*(?:(?:strategic\s+)?priority|goal|focus\s*area|action\s*area|objective|strategy|initiative|pillar|"
    r"area|theme|action\s*team|team|workgroup|p)\s*(?:#\s*)?(?:\d+|[ivx]+|[a-z])?\s*[:.\-–—)|]+\s*"
    r"|^\s*(?:(?:strategic\s+)?priority|goal|focus\s*area|action\s*area|objective|strategy|initiative|pillar|"
    r"theme)\s*(?:#\s*)?(?:\d+|[ivx]+)\s+"
    r"|^\s*#?\d+\s*[:.\-–—)](?!\d)\s*",  # "1. Talent", not the number "1.5"
    re.IGNORECASE,
)
PRIORITY_SUFFIX = re.compile(
    r"\s*[\-–—:(]*\s*(?:action\s*team|work\s*group|workgroup|committee|priority)\s*\)?\s*$", re.IGNORECASE
)


# Words in an organisation's name that say it is an organisation and not a person ("Grace Hospital",
# "Austin Tool & Die"); the public partners' words are PUBLIC_NAME_WORDS.
ORG_NAME_WORDS = (
    "inc", "incorporated", "llc", "corp", "corporation", "co", "company", "ltd", "limited", "llp", "plc",
    "group", "holdings", "industries", "industrial", "manufacturing", "mfg", "manufacturers", "machining",
    "machine", "machines", "tool", "tools", "tooling", "die", "fabrication", "fabricators", "plastics",
    "metals", "metal", "steel", "castings", "foundry", "forge", "forging", "electric", "electrical",
    "electronics", "engineering", "engineered", "systems", "solutions", "services", "technologies",
    "technology", "labs", "laboratories", "products", "packaging", "logistics", "trucking", "freight",
    "construction", "builders", "contractors", "contracting", "plumbing", "heating", "mechanical", "roofing",
    "concrete", "excavating", "health", "healthcare", "hospital", "hospitals", "medical", "clinic", "clinics",
    "pharmacy", "dental", "senior living", "rehabilitation", "bank", "credit union", "financial", "insurance",
    "foods", "food", "farms", "dairy", "brewing", "brewery", "winery", "energy", "power", "solar", "aerospace",
    "automotive", "motors", "robotics", "precision", "controls", "components", "supply", "distribution",
    "partners", "associates", "consulting", "enterprises", "international", "global", "works", "studios",
    "software", "instruments", "devices", "pharmaceuticals", "biotech", "chemical", "chemicals", "materials",
    "composites", "coatings", "printing", "architects", "realty", "properties", "hotel", "staffing",
    "brothers", "bros", "sons", "and sons", "natl", "national", "regional", "medical center", "health system",
    "mortgage", "lending", "restaurant", "cafe", "coffee", "bakery", "pizza", "apparel", "signal", "businesses",
    "enterprise", "ventures", "capital", "investments", "homes", "builders", "dealership", "auto",
    # care and its specialties, and the digital trades: the sectors partnerships most often convene
    "orthopedics", "orthopaedics", "pediatrics", "paediatrics", "hospice", "surgical", "surgery", "therapy",
    "eye care", "urgent care", "home care", "family medicine", "behavioral", "cardiology", "dermatology",
    "radiology", "oncology", "imaging", "optometry", "physicians", "nursing home", "care center", "wellness",
    "analytics", "digital", "data", "networks", "cybersecurity", "interactive", "cloud", "telecom", "media",
    "paving", "welding", "hvac", "landscaping", "trucking", "transport", "transit", "utilities",
)  # fmt: skip
