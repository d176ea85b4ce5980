"""Who is who: one organisation however its name is spelled, one person however their name is written.

Organisation names are reduced to a key (case, spacing, punctuation, legal suffixes, "&"/"and", common
abbreviations); keys one typo apart, and an acronym and the name it abbreviates, are merged. Matching uses
rapidfuzz's vectorised scorers within blocks, never a pure-Python all-pairs loop.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ngsp.ingest.vocab import norm

ORG_TYPO_MAX_EDITS = 1  # organisation keys this many edits apart are one organisation ...
ORG_TYPO_MIN_LENGTH = 8  # ... when the key is at least this long

_LEGAL = {
    "inc",
    "incorporated",
    "llc",
    "l l c",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llp",
    "lp",
    "pc",
    "pllc",
    "plc",
    "gmbh",
    "pa",
    "lc",
    "dba",
    "the",
}
_ABBREV = {
    "mfg": "manufacturing",
    "mfrs": "manufacturers",
    "mfr": "manufacturer",
    "manuf": "manufacturing",
    "intl": "international",
    "int l": "international",
    "assn": "associates",
    "assoc": "associates",
    "association": "associates",  # "Assoc." is written for both; one key for the pair
    "dept": "department",
    "univ": "university",
    "ctr": "center",
    "centre": "center",
    "svc": "services",
    "svcs": "services",
    "srvcs": "services",
    "natl": "national",
    "bros": "brothers",
    "mt": "mount",
    "ft": "fort",
    "hosp": "hospital",
    "med": "medical",
    "ctrs": "centers",
    "comm": "community",
    "cmty": "community",
    "sch": "school",
    "dist": "district",
    "govt": "government",
    "devel": "development",
    "dev": "development",
    "econ": "economic",
    "wkfc": "workforce",
    "sys": "systems",
    "tech": "technical",
    "engr": "engineering",
    "eng": "engineering",
    "constr": "construction",
    "const": "construction",
    "cnstr": "construction",
    "bldg": "building",
    "cnty": "county",
    "twp": "township",
    "labs": "laboratories",
    "lab": "laboratory",
    "&": "and",
    "n": "north",
    "s": "south",
    "e": "east",
    "w": "west",
}
_STOP = {"and", "of", "the", "for", "at", "in", "on"}


def org_key(name: str) -> str:
    """The comparable form of an organisation's name."""
    s = str(name).replace("’", "'").replace("'", "")
    s = re.sub(r"(?<=\w)\.(?=\w\.)", "", s)  # U.S. -> US
    words = norm(s.replace("&", " and ").replace("+", " and ")).split()
    if words and words[0] in ("st", "saint"):
        words[0] = "saint"
    words = [_ABBREV.get(w, w) if len(words) > 1 or w not in ("n", "s", "e", "w") else w for w in words]
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _STOP)


class _Union:
    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=1 << 14)
def _digits(key: str) -> str:
    """The digits in a key, compared for each pair of keys one edit apart (District 11 is not District 12)."""
    return re.sub(r"\D", "", key)


def _typo_pairs(keys: list[str]) -> list[tuple[int, int]]:
    """Pairs of keys one edit apart, compared within blocks of similar length (vectorised)."""
    pairs = []
    by_len: dict[int, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if len(k) >= ORG_TYPO_MIN_LENGTH:
            by_len[len(k)].append(i)
    lengths = sorted(by_len)
    for n in lengths:
        a = by_len[n]
        b = [j for m in (n, n + 1) for j in by_len.get(m, [])]
        if not b:
            continue
        m = process.cdist(
            [keys[i] for i in a],
            [keys[j] for j in b],
            scorer=OSA.distance,
            score_cutoff=ORG_TYPO_MAX_EDITS,
            dtype=np.int32,
            workers=1,
        )
        for x, y in zip(*np.nonzero(m <= ORG_TYPO_MAX_EDITS), strict=True):
            i, j = a[x], b[y]
            if i < j or (i > j and len(keys[j]) != len(keys[i])):
                ki, kj = keys[i], keys[j]
                if ki != kj and _digits(ki) == _digits(kj) and ki[0] == kj[0]:
                    pairs.append((i, j))
    return pairs


def match_organisations(spellings: list[str]) -> tuple[dict[str, int], list[tuple[int, str, str]]]:
    """Group spellings into organisations: spelling -> group number, and the merge log (group, spelling, how)."""
    uniq = sorted({s for s in spellings if s.strip()})
    keys_of = {s: org_key(s) for s in uniq}
    keys = sorted(set(keys_of.values()))
    idx = {k: i for i, k in enumerate(keys)}
    u = _Union(range(len(keys)))
    how: dict[int, str] = {}
    for i, j in _typo_pairs(keys):
        u.union(i, j)
        how[i] = how[j] = "one letter apart"
    initials = defaultdict(list)
    for i, k in enumerate(keys):
        if len(k.split()) >= 3:
            initials[_initials(k)].append(i)
    for s in uniq:
        raw = s.strip()
        if re.fullmatch(r"[A-Z]{2,6}", raw) and len(initials.get(raw.lower(), [])) == 1:
            i, j = idx[keys_of[s]], initials[raw.lower()][0]
            u.union(i, j)
            how[i] = how[j] = "abbreviation"
    groups: dict[str, int] = {}
    log = []
    for s in uniq:
        g = u.find(idx[keys_of[s]])
        groups[s] = g
        log.append(
            (
                g,
                s,
                how.get(
                    idx[keys_of[s]],
                    "same name once case, spacing, punctuation and legal suffixes are set aside",
                ),
            )
        )
    return groups, log


def display_name(spellings: Counter) -> str:
    """The spelling to show: the most used, preferring one that is not all upper or lower case."""

    def rank(item):
        s, n = item
        mixed = not (s.isupper() or s.islower())
        return (mixed, n, -len(s))

    return max(spellings.items(), key=rank)[0]


# ---------------------------------------------------------------------------------------------------------
def clean_person_name(name: str) -> str:
    """'Smith, Maria' -> 'Maria Smith'; spacing folded; all-caps or all-lower names title-cased."""
    s = " ".join(str(name).split())
    if s.count(",") == 1:
        last, first = (p.strip() for p in s.split(","))
        suffix = first.lower().rstrip(".") in ("jr", "sr", "ii", "iii", "iv", "phd", "md")
        if first and last and not suffix:
            s = f"{first} {last}"
    if (s.isupper() and len(s) > 3) or s.islower():  # "MARIA SMITH" -> "Maria Smith"; "NA" stays "NA"
        s = " ".join(_cap(w) for w in s.split())
    return s


def _cap(w: str) -> str:
    w = w.lower()
    out = "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
    if out.startswith(("O'", "D'")) and len(out) > 2:
        out = out[:2] + out[2].upper() + out[3:]
    if out.startswith("Mc") and len(out) > 2:
        out = "Mc" + out[2].upper() + out[3:]
    return out


def person_key(name: str) -> str:
    """The comparable form of a person's name."""
    return norm(clean_person_name(name).replace("'", "").replace(".", ""))
