"""What a column holds, read from its values: the evidence, beside its header's words, of what it means.

A header vocabulary is never complete ("Outfit", "Landing date"), and a familiar word can head an unfamiliar
column ("Partner?" over Y / N). So each column's values are profiled — each value read as one kind of thing: a
date, an e-mail address, a phone number, a percent, an amount, a number, a mark (Y, N, ✓, x), a partner-type
word, a meeting's name, a status, a period, long text, a person's name, an organisation's name — and the profile
both proposes fields (a column of addresses is e-mail) and rules fields out (a column of Y and N is never the
organisation).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ngsp.ingest import vocab
from ngsp.ingest.dates import NO_DATE_WORDS, due_date, to_date
from ngsp.ingest.names import name_kind

PROFILE_ROWS = 400  # data rows under a header looked at to profile its columns
PROFILE_VALUES = 60  # non-blank values profiled per column
STRONG = 0.8  # a share of values this high is strong evidence
SOME = 0.6  # and this high, evidence
HUNDREDTHS_MIN = 3  # numbers read as percents without their sign (0, 60, 100), not counts such as a turnout

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]{2,}$")
_PHONE = re.compile(
    r"^(?:\+?\d{1,3}[\s.\-]?)?(?:\(\d{3}\)|\d{3})[\s.\-]?\d{3}[\s.\-]?\d{4}(?:\s*(?:x|ext\.?)\s*\d+)?$"
)
_PERCENT = re.compile(r"^-?\d{1,3}(?:\.\d+)?\s*%$")
_MONEY = re.compile(r"^-?[$£€]\s*-?[\d,]+(?:\.\d+)?\s*[kKmM]?$|^-?[\d,]+(?:\.\d+)?\s*(?:usd|dollars)$", re.I)
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
# An identifier or a link: one token mixing letters and digits ("5f1a9c0e77", "PR9_-pI36", "A-10234"), or an address
# of a page. Nobody's name, no organisation, no group of tasks.
_CODE = re.compile(r"^(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9_\-]{6,}$|^(?:https?://|www\.)\S+$", re.I)
_MARKS = frozenset(
    {"y", "n", "yes", "no", "true", "false", "x", "✓", "✔", "☑", "☐", "✗", "✘", "✅", "●", "○"}
)

KINDS = (
    "date",
    "period",
    "email",
    "phone",
    "percent",
    "money",
    "number",
    "mark",
    "org_type",
    "meeting",
    "status",
    "urgency",
    "long",
    "phrase",
    "person",
    "org",
    "code",
    "other",
)


@dataclass(frozen=True)
class Profile:
    """Shares (0..1) of a column's non-blank values read as each kind (see KINDS), and how alike they are."""

    n: int = 0  # values profiled
    filled: float = 0.0  # non-blank values / rows looked at
    share: dict[str, float] = field(default_factory=dict)
    distinct: float = 1.0  # distinct values / values
    multiword_org: float = 0.0  # organisation names of two words or more
    hundredths: bool = False  # every number a step of 5 from 0 to 100: percents written without the sign

    def __getitem__(self, kind: str) -> float:
        return self.share.get(kind, 0.0)


def _first_kind(t: str, dayfirst: bool) -> str | None:
    """The kinds a text value is read as first, by its form and a few words; None for the rest (the readings
    that need names, statuses and meeting words, in `_text_kind`)."""
    low = t.lower()
    if _EMAIL.match(t):
        return "email"
    if _PERCENT.match(t):
        return "percent"
    if _MONEY.match(t):
        return "money"
    if _NUMBER.match(t.replace(" ", "")) and any(ch.isdigit() for ch in t):
        return "number"
    if _PHONE.match(t):
        return "phone"
    if low in _MARKS or (len(t) <= 3 and vocab.mark_present(t) is not None):
        return "mark"
    if to_date(t, dayfirst) is not None:
        return "date"
    h = vocab.norm(t)
    if h in vocab.BUSINESS_TYPE_WORDS or h in vocab.PUBLIC_TYPE_WORDS:
        return "org_type"
    return None


FIRST_KINDS = ("email", "percent", "money", "number", "phone", "mark", "date", "org_type")


def first_kind(v: object, dayfirst: bool) -> str | None:
    """`value_kind` when it is one of FIRST_KINDS, else None, without the costlier readings of names."""
    if isinstance(v, bool | dt.datetime | dt.date | int | float):
        return value_kind(v, dayfirst)
    return _first_kind(" ".join(str(v).split()), dayfirst)


@lru_cache(maxsize=1 << 15)
def _text_kind(t: str, dayfirst: bool) -> str:
    """What one text value is (its first reading in this order)."""
    first = _first_kind(t, dayfirst)
    if first is not None:
        return first
    h = vocab.norm(t)
    if (
        len(t.split()) <= 10
        and _MEETING_NOUN.search(t)
        and not sentence_like(t)  # "Launch a careers camp", "Host a session with ...": a task
        and vocab.meeting_type_of(t) is not None
    ):
        return "meeting"  # "Behavioral Health Staffing Action Team", "Action Team Call – Housing for Health Workers"
    if len(t) > 60 or len(t.split()) > 7:
        return "long"
    if vocab.urgency_of(t) is not None:
        return "urgency"  # High / Medium / Low rates a task; it is no priority, team or name
    if h in NO_DATE_WORDS or due_date(t, dayfirst)[0] is not None:
        return "period"
    if _CODE.match(t):
        return "code"
    kind = name_kind(t)
    if kind != "org" or not _org_worded(t):
        meeting = vocab.meeting_type_of(t) is not None and len(t.split()) <= 6
        if meeting and vocab.exact_status(h) is None:
            return "meeting"  # "Launch", "Agenda Planning": a meeting's name more than a status read into it
        if vocab.status_of(t) is not None:
            return "status"
        if meeting:
            return "meeting"
    if sentence_like(t):
        return "phrase"
    if kind == "person":
        return "person"
    if vocab.org_type_word(t) is not None and len(t.split()) <= 3:
        return "org_type"
    return kind or "other"


# A word that names a gathering: a name holding one is a meeting's, even beside words of organisations' names.
_MEETING_NOUN = re.compile(
    r"\b(?:meeting|mtg|call|convening|session|action team|working group|workgroup|work group|huddle|kick ?off)s?\b"
    r"|(?-i:\bAT\b)(?!&)",  # not "summit", "forum", "launch": words of firms' names too ("Summit Machining")
    re.IGNORECASE,
)
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
SENTENCE_MIN_WORDS = 3  # "Pilot a joint program": a phrase of this many words or more can be a sentence


def sentence_like(t: str) -> bool:
    """Text written as a sentence, not as a name: a capital first word, then words mostly in lower case
    ("Launch a careers camp with the county", "See notes from last call"); a name capitalises its words
    ("Bank of the West", "Maria de la Cruz")."""
    words = _WORDS.findall(t)
    if len(words) < SENTENCE_MIN_WORDS or not words[0][0].isupper():
        return False
    longer = [w for w in words[1:] if len(w) > 3]
    return bool(longer) and sum(w[0].islower() for w in longer) > len(longer) / 2


def _org_worded(t: str) -> bool:
    h = f" {vocab.norm(t)} "
    return any(f" {w} " in h for w in vocab.ORG_NAME_WORDS)


def value_kind(v: object, dayfirst: bool) -> str:
    """What one cell value is, one of KINDS."""
    if isinstance(v, bool):
        return "mark"
    if isinstance(v, dt.datetime | dt.date):
        return "date"
    if isinstance(v, int | float):
        return "number"
    return _text_kind(" ".join(str(v).split()), dayfirst)


def _gap(text: str) -> bool:
    # "Pending" is a placeholder for a name but a status word for a grant or a task
    return vocab.is_placeholder(text) and vocab.norm(text) != "pending"


def profile(rows: list[list[object]], start: int, j: int, dayfirst: bool) -> Profile:
    """The profile of column j from row `start` down (at most PROFILE_ROWS rows, PROFILE_VALUES values)."""
    vals: list[object] = []
    looked = 0
    for r in rows[start : start + PROFILE_ROWS]:
        looked += 1
        v = r[j] if j < len(r) else None
        if v is None or (isinstance(v, str) and (not v.strip() or _gap(v))):
            continue  # a blank, or a gap written down ("N/A", "TBD"): no evidence of what the column holds
        vals.append(v)
        if len(vals) >= PROFILE_VALUES:
            break
    n = len(vals)
    if not n:
        return Profile()
    kinds = [value_kind(v, dayfirst) for v in vals]
    # Fractions: 0.25 and 0.5, and then the 0 and 1 beside them, are percents complete.
    numbers = [v for v in vals if isinstance(v, int | float) and not isinstance(v, bool)]
    if numbers and all(0 <= x <= 1 for x in numbers) and any(not float(x).is_integer() for x in numbers):
        kinds = [
            "percent" if isinstance(v, int | float) and not isinstance(v, bool) else k
            for v, k in zip(vals, kinds, strict=True)
        ]
    counts = Counter(kinds)
    texts = [" ".join(str(v).split()).lower() for v in vals]
    multi = sum(k == "org" and len(t.split()) >= 2 for k, t in zip(kinds, texts, strict=True))
    return Profile(
        n=n,
        filled=n / max(looked, 1),
        share={k: c / n for k, c in counts.items()},
        distinct=len(set(texts)) / n,
        multiword_org=multi / n,
        # (a column of zeros alone is a count nobody used: "Attachment Count", "Vote Count")
        hundredths=len(numbers) >= HUNDREDTHS_MIN
        and all(0 <= x <= 100 and x % 5 == 0 for x in numbers)
        and any(numbers),
    )


def contradicts(fld: str, p: Profile) -> bool:
    """True when the values rule the field out (a column of Y and N is never the organisation)."""
    if p.n < 3:
        return False
    plain = p["mark"] + p["number"] + p["date"] + p["percent"] + p["money"] + p["code"]  # no one's name
    if fld in ("org", "person", "funder", "owner", "first_name", "last_name"):
        return (
            plain >= SOME
            or p["org_type"] >= SOME
            or p["meeting"] >= STRONG
            or p["status"] >= STRONG
            or p["phrase"] + p["long"] >= SOME  # sentences are nobody's name
            or (p["email"] >= SOME and fld != "person")
        )
    if fld == "email":
        return p["email"] < 0.3
    if fld in ("meeting_date", "summary_sent"):
        return p["date"] < 0.3 and p["meeting"] < 0.3
    if fld == "due":
        return p["date"] + p["period"] < 0.3 and p["status"] < 0.3
    if fld in ("percent", "amount"):
        return p["number"] + p["percent"] + p["money"] < 0.3
    if fld == "description":
        return plain >= STRONG
    if fld in ("priority", "team"):
        return (
            p["urgency"] >= SOME
        )  # a "Priority" of High / Medium / Low is urgency, not the partnership's goal
    return False


def value_fields(p: Profile) -> tuple[tuple[str, int], ...]:
    """The fields a column's values propose, each with a score (below an exact header word's 100)."""
    if p.n < 2:
        return ()
    out: dict[str, int] = {}

    def put(fld: str, share: float, strong: int = 90, some: int = 75) -> None:
        score = strong if share >= STRONG else some if share >= SOME else 0
        if score:
            out[fld] = max(out.get(fld, 0), score)

    put("email", p["email"])
    put("phone", p["phone"])
    if p["date"] >= SOME:
        put("meeting_date", p["date"])
        put("due", p["date"])
    put("due", p["date"] + p["period"], 85, 70)
    put("percent", p["percent"])
    if p.hundredths:
        put("percent", p["number"], 70, 65)  # 0, 60, 100: a share done written without its sign
    put("amount", p["money"])
    put("org_type", p["org_type"])
    put("meeting_type", p["meeting"])
    put("status", p["status"])
    if p.n >= 4 and p["status"] >= 0.45 and p["long"] < 0.3 and p["meeting"] < p["status"] / 2:
        # Short phrases on nearly every row, about half of them statuses ngsp knows: where each task stands,
        # in the tracker's own words for the rest ("Squared away" beside "On hold for now"); a column of meetings'
        # names is not one ("Planning Call").
        if p.filled >= STRONG:
            out["status"] = max(out.get("status", 0), 72)
    if "status" in out and p.filled < 0.5:
        out["status"] -= 10  # filled on few rows: notes that mention where things stand, not the status
    put("funding_status", p["status"], 80, 70)
    put("attended", p["mark"])
    put("person", p["person"])
    put("owner", p["person"], 85, 70)
    # Organisations: names of two words or more, or single words that are mostly different from each other
    # (a column of a few repeated words is a category: roles, teams, priorities).
    orgs = p.multiword_org + (p["org"] - p.multiword_org) * (p.distinct >= 0.7)
    put("org", orgs)
    put("funder", orgs, 85, 70)
    # A few words repeated down the column, none of them a known kind: a category (a priority, a team).
    # ("Nursing Workforce" may read as a partner type: in a column of a few names repeated it is a category too.)
    named = p["org"] + p["other"] + p["org_type"]
    if p.n >= 4 and p.distinct <= 0.5 and named >= SOME:
        put("priority", named, 70, 65)
        put("team", named, 65, 60)
    # Text: long text, or phrases written as sentences ("Host a listening session"), says what is to be done on
    # nearly every row of a plan; a column of it left empty on many rows holds notes.
    put("description", p["long"])
    put("notes", p["long"], 80, 70)
    if p.filled >= STRONG:
        put("description", p["long"] + p["phrase"], 85, 75)
        put("notes", p["long"] + p["phrase"], 75, 65)
    else:
        put("notes", p["long"] + p["phrase"], 80, 70)
        put("description", p["long"] + p["phrase"], 70, 65)
    return tuple(sorted(out.items(), key=lambda kv: -kv[1]))
