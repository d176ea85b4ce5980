"""What a viewer sees: the tracker (and the changes since a snapshot) without any person in it.

Redaction by column alone missed people written in free text, so a viewer's tracker is redacted by content
too (issue 16). What counts as a person's name:
- every name on the roster, whole ("Ann Lee") or by its first or last name alone, written as a name is
  (capitalised: "call Bartholomew", "Xiomara's retention project"), unless the word is part of an
  organisation's name that stays on show;
- every action-item owner who is not an organisation ("Dana Whitfield", not on the roster, is a person too);
- every funder or organisation that is a person: one written like a person's name (`ngsp.ingest.names`),
  named on the roster, or saying so ("Kim Lee (self-employed)", "personal gift from ...").
Such names, and every e-mail address and phone number, are taken out of every text a viewer sees: free text,
meeting labels, sheet and file names, the data-quality report. Owners are shown as their organisation ("a
partner" when it is not known), and a funder or organisation that is a person as "an individual".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import pandas as pd

from ngsp.core.corrections import Corrections
from ngsp.core.model import Quality, Tracker

PERSON = "Person"  # people's names become "Person 1", "Person 2" ...
SOME_PARTNER = "a partner"  # an action-item owner whose organisation is not known
INDIVIDUAL = "an individual"  # a funder or an organisation that is a person
NAME_REMOVED, EMAIL_REMOVED, PHONE_REMOVED = "[name]", "[email]", "[phone]"


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w-])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{3})[\s.-]?\d{3,4}[\s.-]?\d{4}(?![\w-])"
)
_ID_COLUMNS = {"org_id", "person_id", "meeting_id", "item_id", "owner_person_id", "owner_org_id"}
_WORD = re.compile(r"[^\W\d_]+")  # letters only: "Xiomara's" is "Xiomara" and "s"
_LONGEST_NAME = 5  # words in the longest full name looked for
# Words that say a funder or an organisation is one person.
_INDIVIDUAL_CUES = re.compile(
    r"\b(?:self[\s-]*employed|sole\s+(?:proprietor|proprietorship|trader)|freelancer?|"
    r"personal(?:ly)?\s+(?:gift|donation|contribution|funds?|check|cheque|money|pledge)|"
    r"individual\s+(?:donors?|giving|gifts?|contributions?)|private\s+(?:donors?|donation|gift|citizen)|"
    r"in\s+memory\s+of|anonymous)\b",
    re.IGNORECASE,
)
_FROM = re.compile(r"\b(?:gift|donation|contribution|pledge)\s+from\s+(.+)$", re.IGNORECASE)
# Capitalised words that are a sentence's far more often than a person's name alone ("May 2024", "New").
_NOT_ALONE = frozenset(
    "a an and the of in on at to for by or new will may june april august grant dr mr mrs ms jr sr".split()
)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def is_individual(text: object, roster: Iterable[str] = ()) -> bool:
    """Whether a funder's or an organisation's name is one person's: it says so ("Kim Lee (self-employed)",
    "personal gift from ..."), it is a name on the roster, or both name models read it as a person's.

    Two models must agree (`ngsp.ingest.names.name_kind` and probablepeople's person/corporation tag), so that
    "Rocky Mountain Excavation" stays an organisation although Rocky is a first name.
    """
    return _Individuals(roster)(text)


class _Individuals:
    """`is_individual` for one roster, each name decided once."""

    def __init__(self, roster: Iterable[str]) -> None:
        self._roster = {tuple(ws) for n in roster if (ws := _words(str(n)))}
        self._seen: dict[str, bool] = {}

    def __call__(self, text: object) -> bool:
        t = " ".join(str(text).split())
        if t not in self._seen:
            self._seen[t] = self._decide(t)
        return self._seen[t]

    def _decide(self, t: str) -> bool:
        import probablepeople  # only when redacting

        from ngsp.ingest.names import name_kind

        if not t:
            return False
        if _INDIVIDUAL_CUES.search(t):
            return True
        if m := _FROM.search(t):  # "donation from Ravi Patel": the giver is the question
            return self(m.group(1))
        core = re.sub(r"\([^)]*\)", " ", t).strip(" ,;-")
        if tuple(_words(core)) in self._roster:
            return True
        if not core or name_kind(core) != "person":
            return False
        try:
            return probablepeople.tag(core)[1] == "Person"
        except (probablepeople.RepeatedLabelError, ValueError, IndexError):
            return False


class Scrubber:
    """Takes people's names, and any email or phone number, out of free text.

    ``people``: the roster (a frame with name and phone), or names; every word of a full name is looked for
    together, and each word alone as a name is written (capitalised). ``phones``: numbers written in a form the
    phone pattern may not know ("0123 555"). ``keep``: words that stay wherever they are (those of the
    organisations' names on show).
    """

    def __init__(
        self, people: pd.DataFrame | Iterable[str], phones: Iterable[str] = (), keep: Iterable[str] = ()
    ) -> None:
        if isinstance(people, pd.DataFrame):
            names, phones = [str(n) for n in people["name"]], [*phones, *map(str, people["phone"])]
        else:
            names = [str(n) for n in people]
        kept = {w for k in keep for w in _words(str(k))}
        self._full = {tuple(ws) for n in names if 2 <= len(ws := _words(n)) <= _LONGEST_NAME}
        self._alone = {
            w for n in names for w in _words(n) if len(w) >= 2 and w not in kept and w not in _NOT_ALONE
        } | {ws[0] for n in names if len(ws := _words(n)) == 1 and len(ws[0]) >= 2}
        numbers = {p.strip() for p in phones if len(re.sub(r"\D", "", p)) >= 6}
        self._phones = (
            re.compile("|".join(map(re.escape, sorted(numbers, key=len, reverse=True)))) if numbers else None
        )
        self._cache: dict[str, str] = {}

    def __call__(self, text: object) -> str:
        text = str(text)
        if not text:
            return text
        if text not in self._cache:
            self._cache[text] = self._scrub(text)
        return self._cache[text]

    def _scrub(self, text: str) -> str:
        text = _EMAIL.sub(EMAIL_REMOVED, text)
        if self._phones is not None:
            text = self._phones.sub(PHONE_REMOVED, text)
        text = _PHONE.sub(PHONE_REMOVED, text)
        spans = self._names(text)
        for start, end in reversed(spans):
            text = text[:start] + NAME_REMOVED + text[end:]
        return text

    def _names(self, text: str) -> list[tuple[int, int]]:
        """Where names are in a text: whole names first (longest), then a name's word written alone."""
        words = list(_WORD.finditer(text))
        low = [m.group().lower() for m in words]
        spans, i = [], 0
        while i < len(words):
            for n in range(min(_LONGEST_NAME, len(words) - i), 1, -1):
                if tuple(low[i : i + n]) in self._full:
                    spans.append((words[i].start(), words[i + n - 1].end()))
                    i += n
                    break
            else:
                if low[i] in self._alone and words[i].group()[0].isupper():  # written as a name is
                    spans.append((words[i].start(), words[i].end()))
                i += 1
        return spans

    def frame(self, df: pd.DataFrame, skip: set[str] = frozenset()) -> pd.DataFrame:
        """Every text column scrubbed (ids and the columns in ``skip`` as they are)."""
        cols = {
            c: self._column(df[c])
            for c in df.columns
            if c not in _ID_COLUMNS | skip and (pd.api.types.is_string_dtype(df[c]) or df[c].dtype == object)
        }
        return df.assign(**cols) if cols and len(df) else df

    def _column(self, values: pd.Series) -> pd.Series:
        """A column scrubbed value by distinct value (a source-file column repeats one text 100,000 times)."""
        scrubbed = {v: self(v) for v in values.unique() if isinstance(v, str)}
        return values.map(lambda v: scrubbed.get(v, v) if isinstance(v, str) else v)


def _blank(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return df.assign(**{c: "" for c in columns if c in df.columns}) if len(df) else df


def _individual_names(names: Iterable[str], individual: _Individuals) -> dict[str, str]:
    """Name -> "an individual" (numbered when there are several) for each name that is a person's."""
    found = sorted({n for n in names if individual(n)})
    if len(found) == 1:
        return {found[0]: INDIVIDUAL}
    return {n: f"{INDIVIDUAL} ({i + 1})" for i, n in enumerate(found)}


class _Viewer:
    """What redaction needs to know of the unredacted tracker: who is a person, and how to show them."""

    def __init__(self, t: Tracker) -> None:
        roster = [str(n) for n in t.people["name"] if str(n).strip()]
        individual = _Individuals(roster)
        orgs = t.organizations
        self.org_as = _individual_names(orgs["name"], individual)  # an organisation that is a person
        self.org_name = {o: self.org_as.get(n, n) for o, n in zip(orgs["org_id"], orgs["name"], strict=True)}
        self.funder_as = _individual_names(t.funding["funder"], individual) if len(t.funding) else {}
        items = t.action_items
        org_words = {tuple(_words(n)) for n in orgs["name"]}
        unknown_owners = [  # an owner with no organisation, and not an organisation's name: a person
            str(w)
            for w, o in zip(items["owner"], items["owner_org_id"], strict=True)
            if str(w).strip() and not o and tuple(_words(str(w))) not in org_words
        ]
        owner_people = [str(w) for w in set(items["owner"]) if str(w).strip() and individual(w)]
        persons = roster + unknown_owners + owner_people + list(self.org_as) + list(self.funder_as)
        persons += [re.sub(r"\([^)]*\)", " ", p) for p in list(self.org_as) + list(self.funder_as)]
        on_show = [n for n in orgs["name"] if n not in self.org_as]
        self.scrub = Scrubber(persons, phones=map(str, t.people["phone"]), keep=on_show)
        self.owner_org = dict(zip(items["owner"], items["owner_org_id"], strict=True))
        self.org_by_words = {tuple(_words(n)): self.org_as.get(n, n) for n in orgs["name"]}

    def owner(self, owner: object, org_id: object = None) -> str:
        """An owner as a viewer sees it: the organisation (its own or the one it names), else "a partner"
        (never a person's name)."""
        if org_id is None:
            org_id = self.owner_org.get(owner, "")
        named = self.org_by_words.get(tuple(_words(str(owner))))
        return self.org_name.get(org_id) or named or (SOME_PARTNER if str(owner).strip() else "")

    def orgs(self, names: pd.Series) -> pd.Series:
        """Organisation names, those that are a person shown as "an individual"."""
        return names.map(lambda n: self.org_as.get(n, n))


def redact(t: Tracker) -> Tracker:
    """The tracker a viewer may see: no person's name, email, phone or title; owners shown as organisations.

    Organisations (their names are aggregates, and what funders ask about), meetings, counts, statuses and
    money stay; an organisation or funder that is a person is "an individual". People become "Person 1",
    "Person 2" ...; every text (descriptions, meeting labels, sheet and file names, the data-quality report)
    loses names, emails and phone numbers; notes, the unmapped columns kept as JSON and the content of rejected
    rows (raw cells, names included) are emptied.
    """
    v = _Viewer(t)
    scrub = v.scrub
    people = t.people.assign(
        name=[f"{PERSON} {i + 1}" for i in range(len(t.people))],
        email="",
        phone="",
        title="",
        extra="",
    ) if len(t.people) else t.people  # fmt: skip
    items = t.action_items
    if len(items):
        owners = [v.owner(w, o) for o, w in zip(items["owner_org_id"], items["owner"], strict=True)]
        items = scrub.frame(_blank(items, "notes", "extra"), skip={"owner"}).assign(owner=owners)
    orgs = t.organizations
    if len(orgs):
        individual = orgs["name"].isin(list(v.org_as))
        orgs = scrub.frame(orgs, skip={"name", "spellings"}).assign(
            name=v.orgs(orgs["name"]), spellings=orgs["spellings"].where(~individual, "")
        )
    funding = t.funding
    if len(funding):
        funding = scrub.frame(_blank(funding, "notes", "extra"), skip={"funder"}).assign(
            funder=[v.funder_as.get(f) or scrub(f) for f in funding["funder"]]
        )
    q = t.quality
    merges = q.merges[q.merges["kind"].astype(str).str.startswith("org")] if len(q.merges) else q.merges
    if len(merges):
        merges = merges.assign(canonical=v.orgs(merges["canonical"]), spelling=v.orgs(merges["spelling"]))
    quality = Quality(
        sheets=scrub.frame(q.sheets),
        columns=scrub.frame(q.columns),
        merges=scrub.frame(merges.reset_index(drop=True)),
        rejected=scrub.frame(_blank(q.rejected, "content")),
        notes=tuple(scrub(n) for n in q.notes),
        warnings=tuple(scrub(w) for w in q.warnings),
        corrections=scrub.frame(q.corrections),
        ledger=scrub.frame(q.ledger),
    )
    return replace(
        t,
        organizations=orgs,
        people=people,
        meetings=scrub.frame(_blank(t.meetings, "extra")),
        attendance=t.attendance,
        action_items=items,
        funding=funding,
        quality=quality,
        name=scrub(t.name),
        files=tuple(scrub(f) for f in t.files),
        corrections=Corrections(),  # a viewer corrects nothing; the kept notes are free text
    )


def redact_diff(d, t: Tracker):
    """A ``ngsp.history.diff.Diff`` a viewer may see (``t``: the unredacted current tracker, for names and owners)."""
    v = _Viewer(t)

    def items(df: pd.DataFrame) -> pd.DataFrame:
        if not len(df):
            return df
        return v.scrub.frame(df, skip={"owner"}).assign(owner=[v.owner(w) for w in df["owner"]])

    def orgs(df: pd.DataFrame, column: str) -> pd.DataFrame:
        return df.assign(**{column: v.orgs(df[column])}) if len(df) and column in df.columns else df

    people = d.new_people
    if len(people):
        people = people.assign(name=[f"New {PERSON.lower()} {i + 1}" for i in range(len(people))], email="")
        people = orgs(people, "organization")
    return replace(
        d,
        new_organizations=orgs(d.new_organizations, "name"),
        new_people=people,
        lapsed=orgs(d.lapsed, "organization"),
        new_items=items(d.new_items),
        completed=items(d.completed),
        started=items(d.started),
        stalled=items(d.stalled),
        overdue=items(d.overdue),
        priorities=v.scrub.frame(d.priorities),
        meetings=v.scrub.frame(d.meetings),
    )
