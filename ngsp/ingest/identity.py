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
    "nat l": "national",
    "inst": "institute",
    "cmnty": "community",
    "commty": "community",
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


# Short forms written for several words ("Tech": Technical, Technology, Technologies): cut words, matched to the one
# spelling that writes them out, never given one long form.
_SHORT_FOR_MANY = frozenset({"tech"})
_CUT = re.compile(r"(?<![\w.])([^\W\d_]{2,})\.(?!\w)")  # "Mach." in "Summit Mach. Works", not "U.S."


_CONTRACTED = re.compile(r"(?<![\w'’])([^\W\d_]{2,}['’][^\W\d_]{1,2})(?![\w'’])")  # "Reg'l", "Nat'l", "Ass'n"
_SKELETON = re.compile(
    r"(?<![\w.'’])([^\W\d_aeiouyAEIOUY][^\W\d_aeiouAEIOU]{2,})(?![\w'’])"
)  # a word with no vowel


def _cut_words(spelling: str) -> set[str]:
    """The words a spelling cuts short, in plain words: with a period ("Mach."), an apostrophe ("Reg'l") or to
    their consonants ("Cmty"); not the usual short forms names are written with ("Inc.", "St.", "Mfg")."""
    words = {norm(w) for w in _CUT.findall(spelling)}
    words |= {norm(w).replace(" ", "") for w in _CONTRACTED.findall(spelling)}
    words |= {norm(w) for w in _SKELETON.findall(spelling) if not w.isupper()}  # not "YMCA"
    words |= {w for w in norm(spelling).split() if w in _SHORT_FOR_MANY}  # "Tech", with or without its period
    return {w for w in words if w and w not in _ABBREV and w not in _LEGAL and w not in ("st", "mt", "ft")}


def _subsequence(short: str, long: str) -> bool:
    """Every letter of `short` in `long`, in order ("cmty" in "community", "regl" in "regional")."""
    it = iter(long)
    return all(ch in it for ch in short)


def _cut_word_pairs(
    spellings: list[str], keys_of: dict[str, str], idx: dict[str, int], find=lambda i: i
) -> list[tuple[int, int]]:
    """(key, key) pairs where one spelling cuts words short ("Summit Mach. Works", "Harmony Reg'l Hospital",
    "Fox Valley Cmty College") and exactly one other key spells them out, each short word's letters in order
    in its long word, with the rest of the name the same ("Summit Machining Works"). Two or more
    candidates ("Summit Machining Works", "Summit Machine Works") is no evidence: nothing is merged."""
    cut_keys: dict[str, set[str]] = {}
    for s in spellings:
        words = _cut_words(s)
        if words and keys_of[s]:
            cut_keys.setdefault(keys_of[s], set()).update(words)
    if not cut_keys:
        return []
    by_shape: dict[tuple[int, str], list[str]] = defaultdict(list)
    keys = list(idx)
    for k in keys:
        w = k.split()
        if not w:  # a spelling of punctuation alone
            continue
        by_shape[(len(w), w[0])].append(k)
        by_shape[(len(w), "")].append(k)

    def cut_of(a: str, b: str, cut: set[str]) -> bool:
        return a in cut and len(b) > len(a) and a[0] == b[0] and _subsequence(a, b)

    pairs = []
    for k, cut in cut_keys.items():
        words = k.split()
        first_cut = words[0] in cut
        cands = []
        for other in by_shape[(len(words), "" if first_cut else words[0])]:
            if other == k or other in cut_keys:
                continue
            if all(a == b or cut_of(a, b, cut) for a, b in zip(words, other.split(), strict=True)):
                cands.append(other)
        if not cands:
            # No spelling writes the name out, but another cuts other words of it short ("Keysto. Precision",
            # "Keystone Prec."): each word the same, or one cut from the other.
            for other in by_shape[(len(words), "")]:
                ocut = cut_keys.get(other)
                if other == k or not ocut:
                    continue
                if all(
                    a == b or cut_of(a, b, cut) or cut_of(b, a, ocut)
                    for a, b in zip(words, other.split(), strict=True)
                ):
                    cands.append(other)
        # Candidates already one organisation ("Interactive", "Inteeractive": a typo apart) are one candidate.
        if len({find(idx[c]) for c in cands}) == 1:
            pairs.append((idx[k], idx[cands[0]]))
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
    for i, j in _cut_word_pairs(uniq, keys_of, idx, u.find):
        if u.find(i) != u.find(j):
            u.union(i, j)
            how[i] = how[j] = "a word cut short with a period"
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
    """The spelling to show: the most used, preferring one that is not all upper or lower case and that spells
    its words out ("Bedrock Interactive" over "Bedrock Intera.")."""

    def rank(item):
        s, n = item
        mixed = not (s.isupper() or s.islower())
        return (mixed, not _cut_words(s), n, -len(s))

    return max(spellings.items(), key=rank)[0]


# ---------------------------------------------------------------------------------------------------------
# People. A name is written many ways: "Smith, Maria", "MARIA SMITH", "Dr. Maria Smith", "Maria J. Smith",
# "Maria Smith, SPHR", "Maria Smith (External)". The key keeps what tells people apart (first and last names,
# a generational suffix) and sheds the rest (case, order, titles, credentials, tags a meeting platform adds).

HONORIFICS = frozenset(
    {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "rev", "hon", "sir", "dame"}
)
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Credentials written after a name. Any short run of capitals after a comma is one as well ("Pat Ruiz, SPHR").
CREDENTIALS = frozenset(
    {
        "phd", "md", "do", "mba", "cpa", "pe", "rn", "bsn", "msn", "np", "esq", "jd", "edd", "dds", "dvm",
        "lcsw", "lpc", "sphr", "phr", "gphr", "pmp", "cfa", "cfp", "mph", "mpa", "mpp", "msw", "cae", "aia",
        "ms", "ma", "msc", "bs", "ba", "bsc", "med", "pharmd", "dnp", "faan", "facs", "shrm", "cp", "scp",
        "ccp", "cscp", "cpim", "cme", "cdp", "gdf", "ret",
    }
)  # fmt: skip
# Tags a meeting platform adds to a display name: "Tom Okafor (External)", "Ana Ruiz (Guest)".
PLATFORM_TAGS = frozenset(
    {
        "external",
        "unverified",
        "guest",
        "extern",
        "externe",
        "externo",
        "esterno",
        "gast",
        "invite",
        "invitado",
    }
)
_TAG = re.compile(r"\s*[(\[]\s*([^()\[\]]{1,20}?)\s*[)\]]\s*$")
_CRED_SHAPE = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){1,2}(?:[A-Z]\.?){1,5}(?:-[A-Z]{1,4})?$")


def strip_platform_tags(name: str) -> str:
    """'Tom Okafor (External)' -> 'Tom Okafor'; any other bracketed part stays."""
    s = " ".join(str(name).split())
    while (m := _TAG.search(s)) and norm(m.group(1)) in PLATFORM_TAGS:
        s = s[: m.start()].rstrip()
    return s


def _is_credential(part: str, before: str) -> bool:
    """Whether the text after a comma is credentials or a generational suffix, not a first name."""
    words = [w for w in re.split(r"[\s,]+", part.strip()) if w]
    if not words:
        return False
    known = [norm(w).replace(" ", "") in CREDENTIALS | GENERATIONS for w in words]
    if all(known):
        return True
    # Capitals after a comma ("SPHR", "Ed.D."), when the name before it has a first and a last name already.
    return (
        len(before.split()) >= 2
        and not before.isupper()
        and all(k or _CRED_SHAPE.match(w) for w, k in zip(words, known, strict=True))
    )


def clean_person_name(name: str) -> str:
    """'Smith, Maria' -> 'Maria Smith'; spacing folded; all-caps or all-lower names title-cased; platform tags
    such as '(External)' dropped. Credentials after a comma ('Pat Ruiz, SPHR') stay where they are."""
    s = strip_platform_tags(name)
    if s.count(",") == 1:
        last, first = (p.strip() for p in s.split(","))
        if first and last and not _is_credential(first, last):
            gen = first.split()[-1]
            if len(first.split()) > 1 and norm(gen) in GENERATIONS:  # "Ortiz, Sam Jr." -> "Sam Ortiz Jr."
                s = f"{first.rsplit(' ', 1)[0]} {last} {gen}"
            else:
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


@lru_cache(maxsize=1 << 16)
def _key_words(name: str) -> tuple[str, ...]:
    """The words of a person's key: titles before the name and credentials after it shed."""
    s = strip_platform_tags(name)
    creds: list[str] = []
    if s.count(",") >= 1:
        head, _, tail = s.partition(",")
        if _is_credential(tail, head):  # "Sam Ortiz, Jr." keeps its "Jr", "Pat Ruiz, SPHR" sheds the rest
            s, creds = head, [w for w in norm(tail.replace(".", "")).split() if w in GENERATIONS]
    s = clean_person_name(s)
    words = norm(s.replace("'", "").replace("’", "").replace(".", "")).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)  # "Dr. Lee Chan" is Lee Chan
    while len(words) > 2 and words[-1] in CREDENTIALS and words[-1] not in GENERATIONS:
        words.pop()
    return (*words, *creds)


def person_key(name: str) -> str:
    """The comparable form of a person's name."""
    return " ".join(_key_words(str(name)))


def loose_person_key(name: str) -> str:
    """A person's key without middle initials or a generational suffix ('Maria J. Smith Jr.' -> 'maria smith'):
    names alike in it are one person when nothing tells them apart (see ``_people`` in normalise)."""
    words = list(_key_words(str(name)))
    while len(words) > 2 and words[-1] in GENERATIONS:
        words.pop()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


def initial_key(name: str) -> tuple[str, str] | None:
    """('ana', 'r') for a name written with the last name's initial only ('Ana R.', 'Ana R'), else None."""
    words = _key_words(str(name))
    if len(words) == 2 and len(words[1]) == 1 and len(words[0]) > 1:
        return words[0], words[1]
    return None
