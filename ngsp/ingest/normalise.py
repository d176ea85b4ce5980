"""Raw records -> the canonical tracker: organisations, people, meetings, attendance, action items, funding."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import pandas as pd

from ngsp.core import limits, schema
from ngsp.core.corrections import Corrections
from ngsp.core.model import Quality, Tracker
from ngsp.ingest import attendance, identity, vocab
from ngsp.ingest.dates import due_date
from ngsp.ingest.extract import Extracted
from ngsp.ingest.read.messages import col_label

SRC = ["source_file", "source_sheet", "source_row"]


def _frame(records: list[dict] | dict[str, list], table: str) -> pd.DataFrame:
    """A table's frame from its records, or from its columns (a long table is cheaper built a column at a time)."""
    declared = schema.TABLE_COLUMNS[table]
    cols = list(declared)
    if isinstance(records, dict):
        df = pd.DataFrame(records, columns=cols) if records[cols[0]] else pd.DataFrame(columns=cols)
    else:
        df = pd.DataFrame.from_records(records, columns=cols) if records else pd.DataFrame(columns=cols)
    for c, col in declared.items():
        if col.dtype.startswith("datetime"):
            df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
        elif col.dtype == "float64":
            df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
        elif col.dtype == "int64":
            df[c] = df[c].astype("int64")
        elif col.dtype == "bool":
            df[c] = df[c].fillna(False).astype(bool)
        else:
            df[c] = df[c].fillna("").astype(str)
    return df


def _source(r: dict) -> tuple:
    return r["source_file"], r["source_sheet"], r["source_row"]


# The fields of a person row that normalising reads (all text). A long tracker repeats each person on many rows
# (every row of an attendance log): rows alike in all of these are worked on once, weighted by their number.
_CONTENT = itemgetter(
    "name", "email", "org", "org_type_text", "section_type", "title", "phone", "role", "extra"
)


@dataclass(frozen=True)
class _Alike:
    """Rows alike in content, once each in the order they first occur."""

    first: list[dict]  # the first row of each
    count: list[int]  # how many rows are alike
    of_row: list[int]  # each row's place in `first`


def _alike(rows: list[dict], apart: frozenset = frozenset()) -> _Alike:
    """Rows grouped by content; rows whose content is in `apart` stay one each."""
    keys = map(_CONTENT, rows)
    if apart:
        keys = (i if k in apart else k for i, k in enumerate(keys))
    number: dict[object, int] = {}
    of_row = [number.setdefault(k, len(number)) for k in keys]
    first_at = dict(zip(reversed(of_row), range(len(of_row) - 1, -1, -1), strict=True))  # the first row wins
    count = Counter(of_row)
    return _Alike(
        [rows[first_at[u]] for u in range(len(number))], [count[u] for u in range(len(number))], of_row
    )


# ---------------------------------------------------------------------------------------------------------
def _apply_org_corrections(
    groups: dict[str, int], log: list, corr: Corrections
) -> tuple[dict[str, int], list]:
    """A user's word on organisations: spellings that are one organisation, and merges that were wrong."""
    by_norm: dict[str, list[str]] = defaultdict(list)
    for sp in groups:
        by_norm[vocab.norm(sp)].append(sp)
    groups = dict(groups)
    nxt = max(groups.values(), default=0) + 1
    how = {}
    for sp in corr.split_org:
        for x in by_norm.get(vocab.norm(sp), []):
            groups[x], nxt = nxt, nxt + 1
            how[x] = "kept apart, as you said"
    for a, b in corr.same_org:
        xa, xb = by_norm.get(vocab.norm(a), []), by_norm.get(vocab.norm(b), [])
        if xa and xb:
            old, new = groups[xb[0]], groups[xa[0]]
            for sp, g in groups.items():
                if g == old:
                    groups[sp] = new
                    how[sp] = "one organisation, as you said"
    return groups, [(groups[sp], sp, how.get(sp, h)) for _g, sp, h in log]


def _organisations(ex: Extracted, corr: Corrections, alike: list[_Alike]):
    # Each distinct row once with its number of rows, people's before organisation-only rows as in `ex`: counts
    # and first spellings come out as they would row by row.
    units = [(r, n) for a in alike for r, n in zip(a.first, a.count, strict=True)]
    spelling = [" ".join(r["org"].split()) for r, _n in units]
    groups, log = identity.match_organisations([s for s in spelling if s])
    if corr:
        groups, log = _apply_org_corrections(groups, log, corr)
    said_type = corr.org_type_of()
    members: dict[int, list[int]] = defaultdict(list)  # group -> its units, in row order
    for u, s in enumerate(spelling):
        if s:
            members[groups[s]].append(u)
    orgs = []
    gid_to_org: dict[int, str] = {}
    n_spellings: dict[int, int] = {}
    for n, (g, us) in enumerate(sorted(members.items(), key=lambda kv: _source(units[kv[1][0]][0]))):
        oid = f"O{n + 1:04d}"
        gid_to_org[g] = oid
        names: Counter = Counter()
        votes: Counter = Counter()
        for u in us:
            r, k = units[u]
            names[spelling[u]] += k
            votes[vocab.org_type_word(r["org_type_text"]) or r["section_type"] or None] += k
        votes.pop(None, None)
        n_spellings[g] = len(names)
        name = identity.display_name(names)
        said = [said_type[vocab.norm(n)] for n in names if vocab.norm(n) in said_type]
        if said:
            typ, tsrc, why = said[-1], "corrected", "you said so"
        elif votes:
            typ, tsrc = votes.most_common(1)[0][0], "tracker"
            why = "the tracker says so"
        else:
            # Any email in a public domain counts, so each distinct row's email once is enough.
            emails = [units[u][0]["email"] for u in us if units[u][0]["email"]]
            (typ, why), tsrc = vocab.org_type_reason(name, emails), "inferred"
        first = units[us[0]][0]
        orgs.append(
            {
                "org_id": oid,
                "name": name,
                "type": typ,
                "type_source": tsrc,
                "type_why": why,
                "spellings": " | ".join(sorted(names)),
                **{c: first[c] for c in SRC},
            }
        )
    org_of_spelling = {s: gid_to_org[g] for s, g in groups.items()}
    name_of = {o["org_id"]: o["name"] for o in orgs}
    merges = []
    for g, s, how in log:
        oid = gid_to_org[g]
        if s != name_of[oid] or n_spellings[g] > 1:
            merges.append(
                {
                    "kind": "organisation",
                    "canonical": name_of[oid],
                    "spelling": s,
                    "how": "the name shown" if s == name_of[oid] else how,
                }
            )
    return orgs, org_of_spelling, merges


def _people(ex: Extracted, org_of_spelling: dict[str, str], alike: _Alike):
    """Group person rows: same email, or same name where one has no email.

    Works on distinct rows (`alike`): rows alike in content always fall in one group, and a group's first distinct
    row holds its first row, so the groups, their order and their counts are those of a row-by-row grouping."""
    # Names repeat over distinct rows (one person with and without a phone ...): each is cleaned once.
    person_key = lru_cache(maxsize=None, typed=True)(identity.person_key)
    clean_name = lru_cache(maxsize=None, typed=True)(identity.clean_person_name)
    key = [person_key(r["name"]) if r["name"] else "" for r in alike.first]
    # A row with neither an email nor a comparable name joins nobody, so alike rows of that kind stay apart.
    lone = frozenset(
        _CONTENT(r)
        for r, k, c in zip(alike.first, key, alike.count, strict=True)
        if c > 1 and not (k or r["email"])
    )
    if lone:
        alike = _alike(ex.people, lone)
        key = [person_key(r["name"]) if r["name"] else "" for r in alike.first]
    rows, count = alike.first, alike.count
    org_of = [org_of_spelling.get(" ".join(r["org"].split()), "") for r in rows]
    n = len(rows)
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_email: dict[str, int] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r["email"]:
            if r["email"] in by_email:
                union(i, by_email[r["email"]])
            else:
                by_email[r["email"]] = i
        if key[i]:
            by_name[key[i]].append(i)
    for idxs in by_name.values():
        emails = {rows[i]["email"] for i in idxs if rows[i]["email"]}
        if len(emails) <= 1:
            for i in idxs[1:]:
                union(idxs[0], i)
        else:
            # Several people share the name: a row without an email joins the first one at the same
            # organisation, else the first one.
            with_email = [i for i in idxs if rows[i]["email"]]
            at_org: dict[str, int] = {}
            for j in with_email:
                at_org.setdefault(org_of[j], j)
            for i in idxs:
                if not rows[i]["email"]:
                    union(i, at_org.get(org_of[i], with_email[0]) if org_of[i] else with_email[0])
    _union_loose(rows, key, union, find)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    people = []
    pid_of, their_org = [""] * n, [""] * n
    for pn, (_root, idxs) in enumerate(sorted(groups.items())):
        pid = f"P{pn + 1:05d}"
        # Votes weighted by rows, in plain dicts (cheaper than a Counter each); first-seen order keeps ties as
        # Counter.most_common breaks them.
        names: dict[str, int] = {}
        emails: dict[str, int] = {}
        orgs: dict[str, int] = {}
        picks: dict[str, dict[str, int]] = {f: {} for f in ("title", "phone", "role", "extra")}
        for i in idxs:
            r, c = rows[i], count[i]
            if r["name"]:
                v = clean_name(r["name"])
                names[v] = names.get(v, 0) + c
            if r["email"]:
                emails[r["email"]] = emails.get(r["email"], 0) + c
            if org_of[i]:
                orgs[org_of[i]] = orgs.get(org_of[i], 0) + c
            for f, votes in picks.items():
                if r[f]:
                    votes[r[f]] = votes.get(r[f], 0) + c
        first = rows[idxs[0]]
        people.append(
            {
                "person_id": pid,
                "name": identity.display_name(Counter(names)) if names else next(iter(emails), ""),
                "email": _most(emails),
                "org_id": _most(orgs),
                **{f: _most(votes) for f, votes in picks.items()},
                **{c: first[c] for c in SRC},
            }
        )
        for i in idxs:
            pid_of[i], their_org[i] = pid, people[-1]["org_id"]
    # The organisation each row came for: its own, else its person's.
    came_for = [o or p for o, p in zip(org_of, their_org, strict=True)]
    return people, list(map(pid_of.__getitem__, alike.of_row)), list(map(came_for.__getitem__, alike.of_row))


def _union_loose(rows: list[dict], key: list[str], union, find) -> None:
    """Names alike but for a middle initial or a generational suffix ("Maria Smith", "Maria J. Smith",
    "Sam Ortiz Jr.") are one person when nothing tells them apart: at most one fuller spelling, and at most
    one e-mail address among them ("John A. Smith" and "John B. Smith" stay two, as do a Sr. and a Jr.)."""
    loose = lru_cache(maxsize=None)(identity.loose_person_key)
    by_loose: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, k in enumerate(key):
        if k:
            by_loose[loose(rows[i]["name"])][k].append(i)
    for lk, strict in by_loose.items():
        if len(strict) < 2 or len([k for k in strict if k != lk]) > 1:
            continue
        idxs = [i for members in strict.values() for i in members]
        if len({find(i) for i in idxs}) < 2:
            continue
        emails = {rows[i]["email"] for i in idxs if rows[i]["email"]}
        if len(emails) <= 1:
            for i in idxs[1:]:
                union(idxs[0], i)


def _most(votes: dict[str, int]) -> str:
    """The value with the most votes, the first seen among equals (as Counter.most_common(1)); "" if none."""
    return max(votes, key=votes.__getitem__) if votes else ""


# ---------------------------------------------------------------------------------------------------------
def _team_key(team: str) -> str:
    return vocab.norm(vocab.team_of(team)) if team else ""


def _meeting_type(label: str, alt: str = "") -> str | None:
    return vocab.meeting_type_of(label) or (vocab.meeting_type_of(alt) if alt else None)


# A meeting's location or name that says it was held online ("Zoom", "Virtual quarterly", "via Teams").
_ONLINE = re.compile(
    r"\b(zoom|webex|virtual|online|webinar|google meet|microsoft teams|ms teams|teams (call|meeting)|"
    r"(via|on|over) teams|video ?(call|conference)|remote|gotomeeting)\b",
    re.IGNORECASE,
)


def says_online(location: str, label: str = "") -> bool:
    """Whether a meeting's location or name says it was held online."""
    return bool(_ONLINE.search(location) or _ONLINE.search(label) or location.strip().lower() == "teams")


def _meetings(ex: Extracted, grid_untyped: set[tuple[str, str]]):
    """One meeting per date + type (+ team for action teams), from lists, grids, sign-ins and log rows; then each
    attendance report's meeting: the tracker's meeting on its date when there is one, else one of its own typed
    by its title (another report of the same date and type is the same meeting)."""
    meetings: list[dict] = []
    index: dict[tuple, list[int]] = defaultdict(list)  # (date, type) -> meeting numbers
    changes: Counter = Counter()  # (date, type) -> how often its meetings were added to or given a team

    def find_or_add(
        m: dict, src: dict, from_list: bool, said: tuple[str, str] | None = None
    ) -> tuple[int, tuple]:
        """The meeting's number, and its (date, type); ``said``: the type and team already settled."""
        d = m.get("date")
        label = str(m.get("label") or "")
        alt = str(m.get("alt_label") or "")
        mtype = said[0] if said else _meeting_type(label, alt)
        if mtype is None:
            untyped_grid = (src["source_file"], src["source_sheet"]) in grid_untyped
            mtype = "full_partnership" if untyped_grid and not label else "other"
        team = ""
        if said:
            team = said[1]
        elif mtype == "action_team":
            team = str(m.get("team") or "") or vocab.team_of(label) or vocab.team_of(alt)
        key = (d, mtype)
        tk = _team_key(team)
        cands = index.get(key, [])
        for n in cands:
            other = meetings[n]
            ok = other["_tk"] == tk or (
                tk and other["_tk"] and (other["_tk"].startswith(tk) or tk.startswith(other["_tk"]))
            )
            if ok:
                if not other["team"] and team:
                    other["team"], other["_tk"] = team, tk
                    changes[key] += 1
                return n, key
        if not tk and cands and not from_list:
            return cands[0], key
        if tk and not from_list:
            blank = [n for n in cands if not meetings[n]["_tk"]]
            if len(blank) == 1:
                meetings[blank[0]]["team"], meetings[blank[0]]["_tk"] = team, tk
                changes[key] += 1
                return blank[0], key
        meetings.append(
            {
                "date": d,
                "type": mtype,
                "team": team,
                "_tk": tk,
                "label": label or alt,
                "location": str(m.get("location") or ""),
                "summary_sent": m.get("summary_sent"),
                "extra": m.get("extra", ""),
                "online": bool(m.get("online")) or says_online(str(m.get("location") or ""), label),
                **{c: src[c] for c in SRC},
            }
        )
        index[key].append(len(meetings) - 1)
        changes[key] += 1
        return len(meetings) - 1, key

    for m in ex.meetings:
        find_or_add(m, m, True)
    # Many attendance rows name one meeting. Asked about the same meeting again, find_or_add gives the same answer
    # as long as no meeting of that date and type has been added or given a team since (whatever it changed the
    # first time leads it back to the same answer), so it is asked once per meeting as written and per change.
    att_meeting = []
    # meeting as written (date, label, alt label, team, untyped grid) -> ((date, type), changes then, number)
    done: dict[tuple, tuple[tuple, int, int]] = {}
    reported = []  # attendance from reports, placed once the tracker's own meetings are known
    for k, a in enumerate(ex.attendance):
        if a.get("report"):
            reported.append(k)
            att_meeting.append(-1)
            continue
        m = a["meeting"]
        untyped = bool(grid_untyped) and (a["source_file"], a["source_sheet"]) in grid_untyped
        written = (
            m.get("date"),
            str(m.get("label") or ""),
            str(m.get("alt_label") or ""),
            str(m.get("team") or ""),
            untyped,
        )
        hit = done.get(written)
        if hit is not None and changes[hit[0]] == hit[1]:
            att_meeting.append(hit[2])
            continue
        n, key = find_or_add(m, a, False)
        done[written] = (key, changes[key], n)
        att_meeting.append(n)
    own = len(meetings)  # the tracker's own meetings
    by_date: dict[object, list[int]] = defaultdict(list)
    for n in range(own):
        by_date[meetings[n]["date"]].append(n)
    teams = {vocab.norm(meetings[n]["team"]): meetings[n]["team"] for n in range(own) if meetings[n]["team"]}
    teams.update({vocab.norm(it["priority"]): it["priority"] for it in ex.items if it.get("priority")})
    teams.pop("", None)
    placed: dict[str, tuple[int, str]] = {}
    first_of: dict[str, int] = {}
    for k in reported:
        first_of.setdefault(ex.attendance[k]["report"], k)
    # Reports whose title gives a type first: a report with none joins the one meeting of its day after them.
    typed = sorted(
        first_of, key=lambda r: _report_type(ex.attendance[first_of[r]]["meeting"], teams)[0] is None
    )
    for r in typed:
        a = ex.attendance[first_of[r]]
        placed[r] = _place(a["meeting"], a, meetings, by_date, own, teams, find_or_add)
    for k in reported:
        att_meeting[k] = placed[ex.attendance[k]["report"]][0]
    order = sorted(
        range(len(meetings)),
        key=lambda n: (meetings[n]["date"] or dt.date.max, meetings[n]["type"], meetings[n]["team"]),
    )
    ids = {n: f"M{k + 1:04d}" for k, n in enumerate(order)}
    out = []
    for n in order:
        m = meetings[n]
        out.append({"meeting_id": ids[n], **{k: v for k, v in m.items() if not k.startswith("_")}})
    return out, [ids[n] for n in att_meeting], {r: (ids[n], how) for r, (n, how) in placed.items()}


def _report_type(m: dict, teams: dict[str, str]) -> tuple[str | None, str]:
    """(type, team) a report's title gives its meeting: its words, else a team or priority of the tracker it
    names; (None, "") when it gives none."""
    label, alt = str(m.get("label") or ""), str(m.get("alt_label") or "")
    mtype = _meeting_type(label, alt)
    team = (vocab.team_of(label) or vocab.team_of(alt)) if mtype == "action_team" else ""
    if mtype is None:
        h = f" {vocab.norm(label)} {vocab.norm(alt)} "
        named = [t for k, t in teams.items() if f" {k} " in h]
        if named:
            mtype, team = "action_team", max(named, key=len)
    return mtype, team


def _place(m: dict, src: dict, meetings: list[dict], by_date, own: int, teams: dict[str, str], find_or_add):
    """A report's meeting (its number) and how it was found: the tracker's meeting on the report's date (on the
    other reading of an ambiguous date when only that one has a meeting), else a meeting typed by the report's
    title: its words ("… Action Team", "Full Partnership"), else a team or priority of the tracker it names."""
    d, alt_day = m.get("date"), m.get("alt_date")
    mtype, team = _report_type(m, teams)
    cands, how = by_date.get(d, []), "the tracker's meeting that day"
    if not cands and alt_day is not None and by_date.get(alt_day):
        cands, d = by_date[alt_day], alt_day
        how = "the tracker's meeting that day (the report's date read day-first or month-first as the tracker has it)"
    if cands:
        fit = [
            n
            for n in cands
            if meetings[n]["type"] == mtype
            and (not team or vocab.norm(meetings[n]["team"]) == vocab.norm(team))
        ]
        fit = fit or [n for n in cands if meetings[n]["type"] == mtype] or cands
        n = fit[0]
        meetings[n]["online"] = meetings[n]["online"] or bool(m.get("online"))
        return n, how
    same_day = [n for n in range(own, len(meetings)) if meetings[n]["date"] == d]
    if mtype is None and len(same_day) == 1:
        n = same_day[0]  # no title to tell it apart: the day's one meeting, exported again (Zoom and Meet …)
        meetings[n]["online"] = meetings[n]["online"] or bool(m.get("online"))
        return n, "the meeting of another report that day"
    before = len(meetings)
    n, _key = find_or_add({**m, "date": d}, src, False, (mtype or "other", team))
    meetings[n]["online"] = meetings[n]["online"] or bool(m.get("online"))
    return n, ("a meeting of its own" if n >= before else "the meeting of another report that day")


# ---------------------------------------------------------------------------------------------------------
def parse_percent(v: object) -> float | None:
    """0.5, "50%" or 50 -> 0.5 (a bare number of at most 1 is a fraction)."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        x = float(v)
        pct = False
    else:
        s = str(v).strip().replace(",", "")
        m = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(%?)", s)
        if not m:
            return None
        x, pct = float(m.group(1)), bool(m.group(2))
    if x != x or x < 0:
        return None
    frac = x / 100 if (pct or x > 1) else x
    return min(frac, 1.0)


PROGRESS = frozenset({"done", "in_progress", "not_started"})  # statuses a percent complete can tell apart


def _by_percent(percent: float) -> str:
    return "done" if percent >= 1 else ("not_started" if percent <= 0 else "in_progress")


def status_from(text: str, percent: float | None) -> str:
    """The canonical status from a status word, else from percent complete, else not started."""
    s = vocab.status_of(text) if text else None
    if s:
        return s
    if percent is not None:
        return _by_percent(percent)
    return "not_started"


def status_meanings(items: list[dict]) -> dict[tuple[str, str, str], str]:
    """What a sheet's own status phrases mean, learnt from the percents written beside them: a phrase ngsp does
    not know ("Squared away"), or knows only by a part of it ("Partly done"), means on every row of its sheet what
    the percents on its rows agree it means (all 100%: done; all 0: not started; between: in progress).
    Keyed by (file, sheet, phrase in plain words)."""
    votes: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for it in items:
        text = it["status_text"]
        h = vocab.norm(text) if text else ""
        if not h or vocab.exact_status(h) is not None:
            continue
        pct = parse_percent(it["percent_raw"])
        if pct is not None:
            votes[(it["source_file"], it["source_sheet"], h)][_by_percent(pct)] += 1
    out = {}
    for key, c in votes.items():
        status, n = c.most_common(1)[0]
        if n >= 0.8 * sum(c.values()):
            out[key] = status
    return out


def item_status(text: str, percent: float | None, learnt: str | None) -> str:
    """An item's status: a status word ngsp knows exactly; else, for a phrase the sheet's percents explain, the
    row's own percent or, with none, what the phrase means on the sheet; else `status_from`."""
    if learnt is not None and vocab.exact_status(vocab.norm(text)) is None:
        read = vocab.status_of(text) if text else None
        if read is None or read in PROGRESS:  # "on hold for now" with 40% done is still on hold
            return _by_percent(percent) if percent is not None else learnt
    return status_from(text, percent)


def _priority_names(items: list[dict], teams: list[str]) -> dict[str, str]:
    """One display name per priority, compared without case; an all-caps name takes a mixed-case spelling."""
    spell: dict[str, Counter] = defaultdict(Counter)
    for it in items:
        if it["priority"]:
            spell[vocab.norm(it["priority"])][it["priority"]] += 1
    team_spell: dict[str, Counter] = defaultdict(Counter)
    for t in teams:
        if t:
            team_spell[vocab.norm(t)][t] += 1
    out = {}
    for k, c in spell.items():
        mixed = [s for s in c if not s.isupper()]
        if mixed:
            out[k] = max(mixed, key=lambda s: c[s])
            continue
        alt = [s for s in team_spell.get(k, ()) if not s.isupper()]
        out[k] = alt[0] if alt else _smart_title(next(iter(c)))
    return out


_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"}


def _smart_title(s: str) -> str:
    words = s.lower().split()
    return " ".join(w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _plan_year(items: list[dict], meetings: list[dict], dayfirst: bool) -> int | None:
    """The year a due date written without one ("Q3", "year-end") falls in: the year most of the plan's dated
    due dates fall in, else the year of the tracker's latest meeting, else none."""
    years = Counter(d.year for d, _p in (due_date(it["due_raw"], dayfirst) for it in items) if d is not None)
    if years:
        return years.most_common(1)[0][0]
    dated = [m["date"] for m in meetings if m["date"] is not None]
    return max(dated).year if dated else None


def _items(ex: Extracted, people: list[dict], meetings: list[dict], dayfirst: bool):
    pkey = {}
    for p in people:
        pkey.setdefault(identity.person_key(p["name"]), p)
    names = _priority_names(ex.items, [m["team"] for m in meetings if m["type"] == "action_team"])
    year = _plan_year(ex.items, meetings, dayfirst)
    meanings = status_meanings(ex.items)
    out = []
    for n, it in enumerate(ex.items):
        pct = parse_percent(it["percent_raw"])
        due, _prec = due_date(it["due_raw"], dayfirst, default_year=year)
        owner = identity.clean_person_name(it["owner"]) if it["owner"] else ""
        person = pkey.get(identity.person_key(owner)) if owner else None
        out.append(
            {
                "item_id": f"A{n + 1:04d}",
                "priority": names.get(vocab.norm(it["priority"]), it["priority"]),
                "description": " ".join(it["description"].split()),
                "owner": owner,
                "owner_person_id": person["person_id"] if person else "",
                "owner_org_id": person["org_id"] if person else "",
                "due": due,
                "due_text": "" if it["due_raw"] is None else str(it["due_raw"]),
                "status": item_status(
                    it["status_text"],
                    pct,
                    meanings.get(
                        (it["source_file"], it["source_sheet"], vocab.norm(it["status_text"] or ""))
                    ),
                ),
                "status_text": it["status_text"],
                "percent": pct,
                "notes": it["notes"],
                "extra": it["extra"],
                **{c: it[c] for c in SRC},
            }
        )
    return out


def _number(v: object) -> float | None:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v)
    if v is None:
        return None
    s = re.sub(r"[,$£€\s]", "", str(v)).lower()
    mult = 1000 if s.endswith("k") else (1_000_000 if s.endswith("m") else 1)
    s = s.rstrip("km")
    try:
        return float(s) * mult
    except ValueError:
        return None


def _amount(v: object) -> float | None:
    """A sum of money, or None: none written, not a number, or beyond limits.MAX_AMOUNT (1e308, "inf")."""
    x = _number(v)
    return x if x is not None and math.isfinite(x) and abs(x) <= limits.MAX_AMOUNT else None


def _amount_notes(ex: Extracted) -> list[str]:
    """A data-quality note for each funding row whose amount is a number too large to be money."""
    return [
        f"{f['source_file']} / {f['source_sheet']} row {f['source_row']}: the amount {f['amount_raw']!r} is more "
        f"than ngsp counts as a sum of money ({limits.MAX_AMOUNT:,}); the row was read without it."
        for f in ex.funding
        if _number(f["amount_raw"]) is not None and _amount(f["amount_raw"]) is None
    ]


def _funding(ex: Extracted) -> list[dict]:
    out = []
    for f in ex.funding:
        kt = vocab.norm(f["kind_text"])
        kind = (
            "in_kind"
            if ("kind" in kt or "donat" in kt or "volunteer" in kt or "space" in kt)
            else ("cash" if kt else "unknown")
        )
        st = vocab.norm(f["status_text"])
        status = (
            "received"
            if re.search(r"receiv|paid|award|secured|in hand|funded|deposit|done|complete", st)
            else "committed"
            if re.search(r"commit|pledg|approv|confirm|signed|promis|yes", st)
            else "pending"
            if re.search(r"pend|appl|request|propos|submit|anticip|expect|ask|prospect|tbd|review", st)
            else "unknown"
        )
        out.append(
            {
                "funder": " ".join(f["funder"].split()),
                "kind": kind,
                "amount": _amount(f["amount_raw"]),
                "status": status,
                "period": f["period"],
                "notes": f["notes"],
                "extra": f["extra"],
                **{c: f[c] for c in SRC},
            }
        )
    return out


# ---------------------------------------------------------------------------------------------------------
def build(
    ex: Extracted,
    tables,
    dayfirst: bool,
    name: str = "",
    files: tuple[str, ...] = (),
    corrections: Corrections | None = None,
    structure_key: str = "",
    min_minutes: float = 0,
) -> Tracker:
    """The canonical tracker and its data-quality report from extracted records.

    ``min_minutes``: an attendance an online report shows shorter than this is kept on the data-quality page
    but not counted (0, the default, counts every one)."""
    corr = corrections or Corrections()
    prep = attendance.prepare(ex, corr)
    ex = prep.ex
    alike = _alike(ex.people)
    orgs, org_of_spelling, merges = _organisations(ex, corr, [alike, _alike(ex.orgs)])
    people, person_of_row, came_for = _people(ex, org_of_spelling, alike)
    grid_untyped = {
        (t.sheet.file, t.sheet.name)
        for t in tables
        if t.kind == "grid" and not any(lbl for _j, _d, lbl in t.grid)
    }
    meetings, att_meeting, placed = _meetings(ex, grid_untyped)
    # Attendance a column at a time: a long tracker has a row for each person at each meeting.
    mids, pids, oids, files_, sheets_, rows_ = [], [], [], [], [], []
    seen = set()
    short: set[int] = set()  # attendance records (by place in ex.attendance) too short to count
    for k, (a, mid) in enumerate(zip(ex.attendance, att_meeting, strict=True)):
        i = a["person"]
        pair = (mid, person_of_row[i])
        if pair in seen:
            continue
        minutes = a.get("minutes")
        if min_minutes and minutes is not None and minutes < min_minutes:
            short.add(k)
            continue
        seen.add(pair)
        mids.append(mid)
        pids.append(pair[1])
        oids.append(came_for[i])
        files_.append(a["source_file"])
        sheets_.append(a["source_sheet"])
        rows_.append(a["source_row"])
    att = {
        "meeting_id": mids,
        "person_id": pids,
        "org_id": oids,
        "source_file": files_,
        "source_sheet": sheets_,
        "source_row": rows_,
    }
    items = _items(ex, people, meetings, dayfirst)
    funding = _funding(ex)

    sheets = []
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (f, s, role), k in Counter(map(itemgetter(0, 1, 3), ex.ledger)).items():
        counts[(f, s)][role] = k
    for t in tables:
        c = counts[(t.sheet.file, t.sheet.name)]
        sheets.append(
            {
                "source_file": t.sheet.file,
                "source_sheet": t.sheet.name,
                "taken_as": t.kind.replace("_", " "),
                "why": t.why,
                "header_row": t.header_row + 1 if t.header_row >= 0 else 0,
                "data_rows": c["data"],
                "structure_rows": sum(v for k, v in c.items() if k not in ("data", "rejected")),
                "rejected_rows": c["rejected"],
            }
        )
    sheet_of = {}  # (file, sheet) -> the first table's sheet of that name
    for t in tables:
        sheet_of.setdefault((t.sheet.file, t.sheet.name), t.sheet)
    rejected = []
    for f, s, r, role, why in ex.ledger:
        if role == "rejected":
            sheet = sheet_of[(f, s)]
            content = " | ".join(str(v) for v in sheet.rows[r - 1] if v not in (None, ""))
            rejected.append(
                {"source_file": f, "source_sheet": s, "source_row": r, "reason": why, "content": content}
            )
    columns = [
        {
            "source_file": f,
            "source_sheet": s,
            "column": col_label(j + 1),
            "header": h,
            "field": fld,
            "how": how,
        }
        for f, s, j, h, fld, how in ex.columns
    ]
    people_of = {p["person_id"]: p["name"] for p in people}
    reports, attendees = _report_quality(ex, prep, placed, person_of_row, people_of, att_meeting, seen, short)
    notes = []
    if prep.dateless:
        notes.append(
            f"{len(prep.dateless)} attendance report{'s name' if len(prep.dateless) > 1 else ' names'} no date, "
            "so nobody in it is counted yet: give the meeting's date in the corrections."
        )
    if short:
        notes.append(
            f"{len(short)} attendance{'s' if len(short) > 1 else ''} shorter than {min_minutes:g} minutes "
            "are listed with their report but not counted."
        )
    if grid_untyped:
        notes.append(
            "An attendance grid names no meeting types; its meetings are taken as full partnership meetings."
        )
    if dayfirst:
        notes.append("Numeric dates are read day-first (the tracker writes days above 12 first).")
    notes.extend(_amount_notes(ex))
    quality = Quality(
        sheets=pd.DataFrame(sheets, columns=schema.SHEETS),
        columns=pd.DataFrame(columns, columns=schema.COLUMNS),
        merges=pd.DataFrame(merges, columns=schema.MERGES),
        rejected=pd.DataFrame(rejected, columns=schema.REJECTED),
        notes=tuple(notes),
        ledger=pd.DataFrame(
            ex.ledger, columns=["source_file", "source_sheet", "source_row", "role", "detail"]
        ),
        corrections=corr.describe(),
        reports=pd.DataFrame(reports, columns=schema.REPORTS).astype({"registered": "Int64"}),
        attendees=pd.DataFrame(attendees, columns=schema.ATTENDEES),
    )
    return Tracker(
        organizations=_frame(orgs, "organizations"),
        people=_frame(people, "people"),
        meetings=_frame(meetings, "meetings"),
        attendance=_frame(att, "attendance"),
        action_items=_frame(items, "action_items"),
        funding=_frame(funding, "funding"),
        quality=quality,
        name=name,
        files=files,
        structure_key=structure_key,
        corrections=corr,
    )


def _report_quality(ex, prep, placed, person_of_row, people_of, att_meeting, counted, short):
    """The data-quality page's word on each report (which meeting it was taken as, how many joins became how many
    attendees, who was matched how) and on each of its attendees."""
    if not ex.reports:
        return [], []  # without a glance at each row of a long log
    by_report: dict[str, list[int]] = defaultdict(list)
    for k, a in enumerate(ex.attendance):
        if a.get("report"):
            by_report[a["report"]].append(k)
    reports, attendees = [], []
    for r in ex.reports:
        ks = by_report.get(r["report"], [])
        mid, how_placed = placed.get(r["report"], ("", ""))
        hows: Counter = Counter()
        n_counted = 0
        for k in ks:
            a = ex.attendance[k]
            i = a["person"]
            pid, mid_k = person_of_row[i], att_meeting[k]
            how = prep.how.get(i, "")
            hows[how] += 1
            is_counted = k not in short and (mid_k, pid) in counted
            n_counted += is_counted
            name, email = prep.written.get(i, (ex.people[i]["name"], ex.people[i]["email"]))
            minutes = a.get("minutes")
            attendees.append(
                {
                    "source_file": a["source_file"],
                    "source_sheet": a["source_sheet"],
                    "source_row": a["source_row"],
                    "name": name,
                    "email": email,
                    "person_id": pid,
                    "person": people_of.get(pid, ""),
                    "matched_by": how,
                    "role": a.get("report_role", ""),
                    "minutes": round(minutes, 1) if minutes is not None else None,
                    "counted": is_counted,
                    "why_not": ""
                    if is_counted
                    else ("shorter than the minimum minutes" if k in short else "counted once already"),
                }
            )
        dateless = r["date"] is None
        reports.append(
            {
                "source_file": r["source_file"],
                "source_sheet": r["source_sheet"],
                "kind": r["kind"],
                "title": r["title"],
                "date": pd.Timestamp(r["date"]) if r["date"] else pd.NaT,
                "date_from": r["date_from"] or ("nowhere: it needs a date" if dateless else ""),
                "meeting_id": mid,
                "taken_as": how_placed or ("not counted until it has a date" if dateless else ""),
                "joins": r["joins"],
                "attendees": r["attendees"],
                "counted": n_counted,
                "by_email": hows[attendance.HOW_EMAIL] + hows[attendance.HOW_UPN],
                "by_name": sum(hows[h] for h in attendance.HOWS_BY_NAME),
                "added": hows[attendance.HOW_ADDED],
                "registered": r.get("registered"),
                "needs_date": dateless,
            }
        )
    return reports, attendees
