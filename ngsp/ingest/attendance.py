"""Attendance reports in the tracker: who each attendee is, which reports still need a date, what counts.

Before people are grouped, each report's attendee is matched to the tracker's own people (its roster, sign-in
sheets, logs): by e-mail address first (case-folded), then the Teams sign-in (UPN), then by name however it is
written ("Last, First", case, titles, credentials, a middle initial, "(External)"), "Ana R." only when one
person fits. A display name with a last bracketed part ("Tom's iPhone (Tom Okafor)", "Ana Ruiz (Acme Tool)")
is read either way: the part is the original name when it names a known person or the outside names no one
(a device), an organisation otherwise. An attendee who matches nobody is added as a person of their own, with
the organisation from the brackets, the form's organisation question, or the e-mail domain (a personal mail
domain gives none). A report that names no date (and was given none) is set aside: its rows are rejected with
the reason, and it is listed as needing a date.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ngsp.core.corrections import Corrections
from ngsp.ingest import identity, names, vocab
from ngsp.ingest.extract import Extracted

NEEDS_DATE = "the report names no date: give the meeting's date on the data-quality page"

# Mail services anyone can sign up to: an address there says nothing of the person's organisation.
PERSONAL_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "yahoo.com", "yahoo.co.uk", "ymail.com", "rocketmail.com", "icloud.com", "me.com", "mac.com", "aol.com",
        "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com",
        "zoho.com", "yandex.com", "yandex.ru", "fastmail.com", "hey.com", "tutanota.com", "comcast.net",
        "att.net", "sbcglobal.net", "verizon.net", "cox.net", "charter.net", "bellsouth.net", "earthlink.net",
        "optonline.net", "frontier.com", "windstream.net", "btinternet.com", "sky.com", "virginmedia.com",
        "orange.fr", "free.fr", "qq.com", "163.com", "naver.com",
    }
)  # fmt: skip
_PERSONAL_STEMS = ("gmail", "googlemail", "hotmail", "outlook", "yahoo", "live", "icloud", "aol", "proton")
# Labels of a domain that name no organisation: top-level and second-level parts, and reserved names.
_DOMAIN_NOISE = frozenset(
    {"com", "org", "net", "edu", "gov", "mil", "int", "co", "ac", "k12", "us", "info", "biz", "io", "example",
     "test", "invalid", "localhost", "mail", "email", "www", "state"}
)  # fmt: skip
_DEVICE = re.compile(
    r"iphone|ipad|android|galaxy|pixel|phone|laptop|macbook|\bpc\b|desktop|tablet|surface|chromebook|"
    r"zoom user|['’]s\b|\bguest\b|\buser\b|\bdevice\b|\broom\b",
    re.IGNORECASE,
)
_PRONOUNS = re.compile(r"^(she|he|they|ze|xe|her|him|them)\s*/\s*\w+(\s*/\s*\w+)?$", re.IGNORECASE)
_BRACKETED = re.compile(r"^(.*?\S)\s*[(\[]([^()\[\]]+)[)\]]\s*$")

HOW_EMAIL = "e-mail address"
HOW_UPN = "Teams sign-in"
HOW_NAME = "name"
HOW_INITIAL = "name with a last initial"
HOW_FIRST = "first name alone"
HOW_ORIGINAL = "original name in brackets"
HOW_ADDED = "added from the report"
HOWS_BY_NAME = (HOW_NAME, HOW_INITIAL, HOW_FIRST, HOW_ORIGINAL)


@dataclass
class Prepared:
    """Extracted records with reports' attendees matched, and what the data-quality page says of them."""

    ex: Extracted
    how: dict[int, str] = field(default_factory=dict)  # person row -> how its attendee was matched
    written: dict[int, tuple[str, str]] = field(
        default_factory=dict
    )  # person row -> (name, e-mail) as written
    dateless: list[dict] = field(default_factory=list)  # reports that need a date


def prepare(ex: Extracted, corr: Corrections) -> Prepared:
    """New records (``ex`` is not changed): reports dated by a convener's correction, undated reports set
    aside, reports' attendees matched to the tracker's people."""
    if not ex.reports:
        return Prepared(ex)
    said = corr.report_dates_of()
    reports, dateless, meeting_of = [], [], {}
    for r in ex.reports:
        if r["date"] is None and (r["source_file"], r["source_sheet"]) in said:
            r = {**r, "date": said[(r["source_file"], r["source_sheet"])], "date_from": "you gave it"}
            meeting_of[r["report"]] = r["date"]
        if r["date"] is None:
            dateless.append(r)
        reports.append(r)
    gone = {r["report"] for r in dateless}
    keep = [i for i, p in enumerate(ex.people) if p.get("report") not in gone]
    new_index = {old: new for new, old in enumerate(keep)}
    people = [ex.people[i] for i in keep]
    attendance = []
    for a in ex.attendance:
        if a.get("report") in gone:
            continue
        a = {**a, "person": new_index[a["person"]]}
        if a.get("report") in meeting_of:
            a["meeting"] = {**a["meeting"], "date": meeting_of[a["report"]]}
        attendance.append(a)
    undated = {(r["source_file"], r["source_sheet"]) for r in dateless}
    ledger = [
        (f, s, i, "rejected", NEEDS_DATE) if (f, s) in undated and role == "data" else (f, s, i, role, d)
        for f, s, i, role, d in ex.ledger
    ]
    people, how, written = match_attendees(people, ex.orgs)
    return Prepared(
        replace(ex, people=people, attendance=attendance, ledger=ledger, reports=reports),
        how,
        written,
        dateless,
    )


# ---------------------------------------------------------------------------------------------------------
@dataclass
class _Known:
    """The tracker's own people, looked up by address, name, looser name and first name with an initial."""

    rows: list[dict]
    by_email: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_loose: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_first: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    org_keys: set[str] = field(default_factory=set)

    def add(self, i: int) -> None:
        r = self.rows[i]
        if r["email"]:
            self.by_email.setdefault(r["email"], i)
        if r["name"]:
            k = identity.person_key(r["name"])
            if k:
                self.by_key[k].append(i)
                self.by_loose[identity.loose_person_key(r["name"])].append(i)
                words = k.split()
                if len(words) >= 2 and len(words[-1]) > 1:
                    self.by_first[words[0]].append(i)
        if r["org"]:
            self.org_keys.add(identity.org_key(r["org"]))

    def person(self, rows: list[int], org: str = "") -> int | None:
        """One person among rows of one name: the only one, else the one at the given organisation, else the
        first (as the tracker's own grouping does)."""
        people = {self.rows[i]["email"] for i in rows if self.rows[i]["email"]}
        if len(people) <= 1:
            return rows[0]
        if org:
            ok = identity.org_key(org)
            at = [i for i in rows if self.rows[i]["org"] and identity.org_key(self.rows[i]["org"]) == ok]
            if at:
                return at[0]
        return rows[0]

    def _who(self, i: int) -> str:
        """Who a row is, alike for a person's rows with and without an address (their name's key)."""
        return identity.person_key(self.rows[i]["name"])

    def by_name(self, name: str, org: str = "") -> tuple[int | None, str]:
        k = identity.person_key(name)
        if not k:
            return None, ""
        if k in self.by_key:
            return self.person(self.by_key[k], org), HOW_NAME
        loose = self.by_loose.get(identity.loose_person_key(name), [])
        if loose and len({self._who(i) for i in loose}) == 1:
            return loose[0], HOW_NAME
        words = k.split()
        if len(words) == 1 and len(words[0]) > 1:
            # "Priya": a first name alone, when the tracker has one person of that first name
            fits = self.by_first.get(words[0], [])
            if len({self._who(i) for i in fits}) == 1:
                return fits[0], HOW_FIRST
        ini = identity.initial_key(name)
        if ini:
            first, letter = ini
            fits = [
                i
                for i in self.by_first.get(first, [])
                if identity.person_key(self.rows[i]["name"]).split()[-1].startswith(letter)
            ]
            if len({self._who(i) for i in fits}) == 1:
                return fits[0], HOW_INITIAL
        return None, ""

    def is_org(self, text: str) -> bool:
        return identity.org_key(text) in self.org_keys


def _split(name: str) -> tuple[str, str]:
    """(outside, the last bracketed part) of a display name, pronouns and platform tags set aside."""
    s = identity.strip_platform_tags(name)
    m = _BRACKETED.match(s)
    while m and _PRONOUNS.match(m.group(2).strip()):
        s = m.group(1)
        m = _BRACKETED.match(s)
    return (m.group(1).strip(), m.group(2).strip()) if m else (s, "")


def _read_brackets(name: str, known: _Known) -> tuple[str, str, str]:
    """(the person's name, an organisation, how) from a display name with a bracketed part.

    Zoom writes "Display (Original Name)" after a rename, and people write "Name (Organisation)": the part is
    the name when it names a known person, or when the outside is no person's name (a device, "Tom's iPhone")
    or a shorter one ("Dana W (Dana Whitfield)"); an organisation when it names a known one or reads as one; a
    person's name that is not the one outside (a shared account) is neither."""
    outside, inside = _split(name)
    if not inside:
        return outside, "", ""
    if known.by_name(inside)[0] is not None:
        return inside, "", HOW_ORIGINAL
    if known.by_name(outside)[0] is not None:
        return outside, ("" if names.name_kind(inside) == "person" else inside), ""
    if known.is_org(inside):
        return outside, inside, ""
    out_words, in_words = vocab.norm(outside).split(), vocab.norm(inside).split()
    kind_in, kind_out = names.name_kind(inside), names.name_kind(outside)
    if (
        (_DEVICE.search(outside) or len(out_words) < 2 or kind_out == "org")
        and kind_in != "org"
        and len(in_words) >= 2
    ) or (out_words and in_words and out_words[0] == in_words[0] and kind_in != "org"):
        return inside, "", HOW_ORIGINAL  # "Tom's iPhone (Tom Okafor)", "Dana W (Dana Whitfield)"
    if kind_in == "person" and kind_out != "person":
        return inside, "", HOW_ORIGINAL
    return outside, ("" if kind_in == "person" else inside), ""  # "Ana Ruiz (Acme Tool)"


def match_attendees(
    people: list[dict], orgs: list[dict]
) -> tuple[list[dict], dict[int, str], dict[int, tuple[str, str]]]:
    """Person rows with each report attendee's name, address and organisation set to the tracker person's they
    match (so the people are grouped as one), or cleaned and given an organisation when they match nobody."""
    known = _Known(people)
    for i, r in enumerate(people):
        if not r.get("report"):
            known.add(i)
    for o in orgs:
        if o["org"]:
            known.org_keys.add(identity.org_key(o["org"]))
    domains = _domain_orgs(people)
    out = list(people)
    how: dict[int, str] = {}
    written: dict[int, tuple[str, str]] = {}
    added: list[int] = []
    from_domain: set[int] = set()  # rows whose organisation was spelled from their mail domain
    for i, r in enumerate(people):
        if not r.get("report"):
            continue
        written[i] = (r["name"], r["email"])
        hit, h = None, ""
        for addr, label in ((r["email"], HOW_EMAIL), (r.get("upn", ""), HOW_UPN)):
            if addr and addr in known.by_email:
                hit, h = known.by_email[addr], label
                break
        name, org, bracket_how = _read_brackets(r["name"], known) if r["name"] else ("", "", "")
        org = org or r["org"]
        if hit is None and name:
            hit, h = known.by_name(name, org)
            if hit is not None and bracket_how:
                h = bracket_how
        if hit is not None:
            target = people[hit]
            email = target["email"] or _only_email(known, hit) or r["email"]
            out[i] = {**r, "name": target["name"], "email": email, "org": ""}
            how[i] = h
            continue
        email = r["email"] or r.get("upn", "")
        if not org:
            org = _org_of_domain(email, domains, known)
            from_domain.add(i)
        out[i] = {**r, "name": identity.clean_person_name(name) if name else "", "email": email, "org": org}
        how[i] = HOW_ADDED
        added.append(i)
    _initials_among_added(out, added)
    _spell_domain_orgs_as_named(out, from_domain)
    return out, how, written


def _compact(name: str) -> str:
    return identity.org_key(name).replace(" ", "")


def _spell_domain_orgs_as_named(rows: list[dict], from_domain: set[int]) -> None:
    """An organisation named after a mail domain ("Workforceboard") takes the spelling the tracker or a report
    gives it elsewhere ("Workforce Board") when the two are the same letters."""
    named: dict[str, str] = {}
    for i, r in enumerate(rows):
        if r["org"] and i not in from_domain:
            named.setdefault(_compact(r["org"]), r["org"])
    for i in from_domain:
        org = rows[i]["org"]
        spelled = named.get(_compact(org)) if org else None
        if spelled and spelled != org:
            rows[i] = {**rows[i], "org": spelled}


def _only_email(known: _Known, i: int) -> str:
    """The one address the tracker gives a person under other rows of the same name (none if several)."""
    k = identity.person_key(known.rows[i]["name"])
    emails = {known.rows[j]["email"] for j in known.by_key.get(k, []) if known.rows[j]["email"]}
    return emails.pop() if len(emails) == 1 else ""


def _initials_among_added(rows: list[dict], added: list[int]) -> None:
    """'Ana R.' in one report and 'Ana Ruiz' in another, both new to the tracker: one person, when only one fits."""
    full: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, str] = {}
    for i in added:
        k = identity.person_key(rows[i]["name"]) if rows[i]["name"] else ""
        words = k.split()
        if len(words) >= 2 and len(words[-1]) > 1:
            full[words[0]].add(k)
            spelled.setdefault(k, rows[i]["name"])
    for i in added:
        ini = identity.initial_key(rows[i]["name"]) if rows[i]["name"] else None
        if ini:
            fits = [k for k in full.get(ini[0], ()) if k.split()[-1].startswith(ini[1])]
            if len(fits) == 1:
                rows[i] = {**rows[i], "name": spelled[fits[0]]}


# ---------------------------------------------------------------------------------------------------------
def is_personal_mail(domain: str) -> bool:
    d = domain.lower()
    return d in PERSONAL_MAIL_DOMAINS or d.split(".")[0] in _PERSONAL_STEMS


def _domain_orgs(people: list[dict]) -> dict[str, str]:
    """E-mail domain -> the organisation the tracker's own people at that domain belong to (the most named)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in people:
        if not r.get("report") and r["email"] and r["org"] and "@" in r["email"]:
            votes[r["email"].rsplit("@", 1)[1]][r["org"]] += 1
    return {d: c.most_common(1)[0][0] for d, c in votes.items()}


def _org_of_domain(email: str, domains: dict[str, str], known: _Known) -> str:
    """An organisation from an e-mail address: the tracker's organisation for that domain, else one named after
    the domain ("brightpath-health.example.org" -> "Brightpath Health"); none for personal mail."""
    if "@" not in email:
        return ""
    domain = email.rsplit("@", 1)[1].lower()
    if is_personal_mail(domain):
        return ""
    if domain in domains:
        return domains[domain]
    return org_from_domain(domain)


@lru_cache(maxsize=4096)
def org_from_domain(domain: str) -> str:
    """An organisation's name spelled from its mail domain, or "" when the domain names none."""
    parts = [p for p in domain.lower().split(".") if p]
    while len(parts) > 1 and (parts[-1] in _DOMAIN_NOISE or len(parts[-1]) == 2):
        parts.pop()
    if not parts or parts[-1] in _DOMAIN_NOISE:
        return ""
    label = parts[-1]
    words = [w for w in re.split(r"[-_]+", label) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words)
